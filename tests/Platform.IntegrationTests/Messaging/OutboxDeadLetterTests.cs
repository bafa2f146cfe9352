using System.Net;
using System.Text.Json;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Messaging;

/// <summary>A failing consumer retries and dead-letters on its own; an operator lists and replays it.</summary>
public sealed class OutboxDeadLetterTests
{
    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Outbox:MaxAttempts"] = "3",
        ["Outbox:BaseRetryDelay"] = "00:00:00.100",
        ["Outbox:MaxRetryDelay"] = "00:00:01",
    };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_failing_consumer_is_dead_lettered_without_blocking_the_others_and_is_handled_once_after_replay(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var host = OutboxHarness.StartHost(database, relayEnabled: true, FastRetries);
        using var client = host.CreateClient();
        using var run = ProbeRun.Start();
        run.SetFailing(ProbeConsumers.A, fail: true);
        var probe = run.NewEvent("poison-for-a");

        await OutboxHarness.PublishAsync(host, probe);

        var deliveries = await OutboxHarness.WaitForDeliveriesAsync(
            host,
            probe.EventId,
            ds => ds.Any(d => d.Consumer == ProbeConsumers.A && d.Status == DeliveryStatus.DeadLettered)
                && ds.Any(d => d.Consumer == ProbeConsumers.B && d.Status == DeliveryStatus.Delivered),
            "A to be dead-lettered and B delivered");
        var a = deliveries.Single(d => d.Consumer == ProbeConsumers.A);
        var b = deliveries.Single(d => d.Consumer == ProbeConsumers.B);
        Assert.Equal(1, b.Attempts);
        Assert.Equal(1, run.HandledCount(ProbeConsumers.B, probe.EventId));
        Assert.Equal(3, a.Attempts);
        Assert.NotNull(a.LastError);
        Assert.Contains("InvalidOperationException", a.LastError, StringComparison.Ordinal);
        Assert.Contains(ProbeConsumers.A, a.LastError, StringComparison.Ordinal);
        Assert.Null(a.LeaseOwner);
        Assert.Equal(3, run.FailedCount(ProbeConsumers.A, probe.EventId));
        Assert.Equal(0, run.HandledCount(ProbeConsumers.A, probe.EventId));
        Assert.DoesNotContain(await OutboxHarness.InboxAsync(host, probe.EventId), i => i.Consumer == ProbeConsumers.A);

        var listed = await ListDeadLettersAsync(client);
        var letter = Assert.Single(listed, l => l.GetProperty("deliveryId").GetGuid() == a.Id);
        Assert.Equal(ProbeHappened.Name, letter.GetProperty("eventName").GetString());
        Assert.Equal(ProbeConsumers.A, letter.GetProperty("consumer").GetString());
        Assert.Equal("Platform", letter.GetProperty("module").GetString());
        Assert.Equal(probe.EventId, letter.GetProperty("eventId").GetGuid());
        Assert.Equal(3, letter.GetProperty("attempts").GetInt32());
        Assert.Equal(a.LastError, letter.GetProperty("lastError").GetString());
        Assert.DoesNotContain(listed, l => l.GetProperty("deliveryId").GetGuid() == b.Id);

        run.SetFailing(ProbeConsumers.A, fail: false);
        using (var replay = await client.PostAsync(new Uri($"/api/platform/outbox/dead-letters/{a.Id}/replay", UriKind.Relative), null, ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        }

        deliveries = await OutboxHarness.WaitForDeliveriesAsync(
            host, probe.EventId, ds => ds.All(d => d.Status == DeliveryStatus.Delivered), "the replayed delivery to A to be delivered");
        var replayed = deliveries.Single(d => d.Consumer == ProbeConsumers.A);
        Assert.Equal(1, replayed.Attempts);
        Assert.Null(replayed.LastError);
        Assert.Equal(0, await OutboxHarness.Relay(host).RunOnceAsync(ct));
        Assert.Equal(1, run.HandledCount(ProbeConsumers.A, probe.EventId));
        Assert.Equal(1, run.HandledCount(ProbeConsumers.B, probe.EventId));
        Assert.Equal(3, run.FailedCount(ProbeConsumers.A, probe.EventId));
        Assert.Equal(2, (await OutboxHarness.InboxAsync(host, probe.EventId)).Count);
        Assert.DoesNotContain(await ListDeadLettersAsync(client), l => l.GetProperty("deliveryId").GetGuid() == a.Id);

        // Replaying again finds nothing dead-lettered under that id.
        using var again = await client.PostAsync(new Uri($"/api/platform/outbox/dead-letters/{a.Id}/replay", UriKind.Relative), null, ct);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Replaying_an_unknown_delivery_answers_not_found_with_the_dead_letter_code(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var host = OutboxHarness.StartHost(database, relayEnabled: true);
        using var client = host.CreateClient();

        using var response = await client.PostAsync(new Uri($"/api/platform/outbox/dead-letters/{Guid.NewGuid()}/replay", UriKind.Relative), null, ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        Assert.Equal("platform.dead_letter_not_found", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
    }

    private static async Task<List<JsonElement>> ListDeadLettersAsync(HttpClient client)
    {
        var ct = TestContext.Current.CancellationToken;
        using var response = await client.GetAsync(new Uri("/api/platform/outbox/dead-letters", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return body.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
