using System.Net;
using System.Text.Json;
using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scoping;

/// <summary>
/// ETags and optimistic concurrency as every module gets them from <see cref="IVersioned"/> and
/// <see cref="EntityTags"/>, through the probe module's HTTP API, with real parallel requests.
/// </summary>
public sealed class ConcurrencyTests(ScopeProbeHosts hosts) : IClassFixture<ScopeProbeHosts>
{
    private const int Racers = 8;
    private const string ConcurrentUpdate = "resource.concurrent_update";

    /// <summary>Counties of Sichuan a case is moved between; all within the Sichuan operator's scope.</summary>
    private static readonly string[] SichuanCounties = ["510104", "510105", "510106", "510107", "510108", "510704", "510705", "510722"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_created_case_answers_with_its_location_and_ETag_1_and_GET_returns_the_same_ETag(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        using var client = factory.CreateClientAs(Roles.Operator, "510700");

        using var created = await client.PostAsync(ScopeProbeApi.Cases,
            System.Net.Http.Json.JsonContent.Create(new { regionCode = "510703", title = "Versioned case" }), Token);
        var body = await HttpAssert.ReadJsonAsync(created);
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"Expected 201 but got {(int)created.StatusCode}: {body}");
        Assert.Equal("\"1\"", ScopeProbeApi.ETagOf(created));
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"{ScopeProbeApi.Cases}/{id}", created.Headers.Location?.OriginalString);

        using var read = await client.GetAsync(created.Headers.Location, Token);
        var readBody = await HttpAssert.ReadOkJsonAsync(read);
        Assert.Equal("\"1\"", ScopeProbeApi.ETagOf(read));
        Assert.False(read.Headers.ETag!.IsWeak);
        Assert.Equal(ProbeCase.Open, readBody.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Closing_with_a_stale_If_Match_answers_412_and_leaves_the_case_open(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        using var client = factory.CreateClientAs(Roles.Operator, "510700");
        var id = await ScopeProbeApi.CreateAsync(client, "510703", "Stale close");

        using var stale = await ScopeProbeApi.CloseAsync(client, id, ifMatch: "\"0\"");
        using var weak = await ScopeProbeApi.CloseAsync(client, id, ifMatch: "W/\"1\"");

        await HttpAssert.ProblemAsync(stale, HttpStatusCode.PreconditionFailed, EntityTags.PreconditionFailed);
        await HttpAssert.ProblemAsync(weak, HttpStatusCode.PreconditionFailed, EntityTags.PreconditionFailed);
        using var read = await ScopeProbeApi.GetAsync(client, id);
        Assert.Equal(ProbeCase.Open, (await HttpAssert.ReadOkJsonAsync(read)).GetProperty("status").GetString());
        Assert.Equal("\"1\"", ScopeProbeApi.ETagOf(read));
        Assert.Equal(0, await ScopeProbeApi.ClosedEventsAsync(factory, id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Closing_with_the_current_ETag_answers_200_with_ETag_2_and_closing_again_answers_409(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        using var client = factory.CreateClientAs(Roles.Operator, "510700");
        var id = await ScopeProbeApi.CreateAsync(client, "510703", "Current close");

        using var closed = await ScopeProbeApi.CloseAsync(client, id, ifMatch: "\"1\"");
        using var againWithCurrentTag = await ScopeProbeApi.CloseAsync(client, id, ifMatch: "\"2\"");
        using var againWithoutTag = await ScopeProbeApi.CloseAsync(client, id);

        var body = await HttpAssert.ReadOkJsonAsync(closed);
        Assert.Equal(ProbeCase.Closed, body.GetProperty("status").GetString());
        Assert.Equal(2, body.GetProperty("version").GetInt32());
        Assert.Equal("\"2\"", ScopeProbeApi.ETagOf(closed));
        await HttpAssert.ProblemAsync(againWithCurrentTag, HttpStatusCode.Conflict, ScopeProbeEndpoints.AlreadyClosed);
        await HttpAssert.ProblemAsync(againWithoutTag, HttpStatusCode.Conflict, ScopeProbeEndpoints.AlreadyClosed);
        Assert.Equal(2, (await ScopeProbeApi.FindStoredAsync(factory, id))?.Version);
        Assert.Equal(1, await ScopeProbeApi.ClosedEventsAsync(factory, id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Moving_with_a_stale_If_Match_answers_412_and_leaves_the_region_unchanged(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        using var client = factory.CreateClientAs(Roles.Operator, "510000");
        var id = await ScopeProbeApi.CreateAsync(client, "510703", "Stale move");

        using var stale = await ScopeProbeApi.MoveAsync(client, id, "510704", ifMatch: "\"5\"");
        using var current = await ScopeProbeApi.MoveAsync(client, id, "510705", ifMatch: "\"1\"");

        await HttpAssert.ProblemAsync(stale, HttpStatusCode.PreconditionFailed, EntityTags.PreconditionFailed);
        Assert.Equal("510705", (await HttpAssert.ReadOkJsonAsync(current)).GetProperty("regionCode").GetString());
        Assert.Equal("\"2\"", ScopeProbeApi.ETagOf(current));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Eight_parallel_closes_with_the_same_If_Match_let_exactly_one_succeed(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        using var owner = factory.CreateClientAs(Roles.Operator, "510700");
        var id = await ScopeProbeApi.CreateAsync(owner, "510703", "Raced close");
        using var read = await ScopeProbeApi.GetAsync(owner, id);
        var tag = ScopeProbeApi.ETagOf(read);
        Assert.Equal("\"1\"", tag);

        var answers = await RaceAsync(factory, "510700", client => ScopeProbeApi.CloseAsync(client, id, tag));

        var successes = answers.Where(a => a.Status == HttpStatusCode.OK).ToArray();
        var success = Assert.Single(successes);
        Assert.Equal("\"2\"", success.ETag);
        Assert.All(answers.Except(successes), a => Assert.True(
            (a.Status == HttpStatusCode.PreconditionFailed && a.Code == EntityTags.PreconditionFailed)
                || (a.Status == HttpStatusCode.Conflict && a.Code == ScopeProbeEndpoints.AlreadyClosed),
            $"A losing close answered {(int)a.Status} {a.Code}: {a.Body}"));
        var stored = await ScopeProbeApi.FindStoredAsync(factory, id);
        Assert.Equal(ProbeCase.Closed, stored?.Status);
        Assert.Equal(2, stored?.Version);
        Assert.Equal(1, await ScopeProbeApi.ClosedEventsAsync(factory, id));
        Report(answers);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Eight_parallel_moves_without_If_Match_lose_no_update(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        using var owner = factory.CreateClientAs(Roles.Operator, "510000");
        var id = await ScopeProbeApi.CreateAsync(owner, "510703", "Raced move");
        var next = -1;

        var answers = await RaceAsync(factory, "510000",
            client => ScopeProbeApi.MoveAsync(client, id, SichuanCounties[Interlocked.Increment(ref next)]));

        // Each saved move raised the version by one, so every success holds a version of its own;
        // a move that read a version another move had already replaced saved nothing.
        var successes = answers.Where(a => a.Status == HttpStatusCode.OK).ToArray();
        Assert.NotEmpty(successes);
        Assert.All(answers.Except(successes), a => Assert.True(
            a.Status == HttpStatusCode.Conflict && a.Code == ConcurrentUpdate,
            $"A losing move answered {(int)a.Status} {a.Code}: {a.Body}"));
        var versions = successes.Select(a => a.Body.GetProperty("version").GetInt32()).Order().ToArray();
        Assert.Equal(Enumerable.Range(2, successes.Length), versions);
        Assert.Equal(versions.Select(v => $"\"{v}\""), successes.Select(a => a.ETag).Order(StringComparer.Ordinal));
        var stored = await ScopeProbeApi.FindStoredAsync(factory, id);
        Assert.Equal(1 + successes.Length, stored?.Version);
        var last = successes.MaxBy(a => a.Body.GetProperty("version").GetInt32())!;
        Assert.Equal(last.Body.GetProperty("regionCode").GetString(), stored?.RegionCode);
        Report(answers);
    }

    /// <summary>
    /// Sends one request per racer, each from its own client, all released at once, and collects
    /// every answer.
    /// </summary>
    private static async Task<Answer[]> RaceAsync(PlatformFactory factory, string region, Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        var clients = Enumerable.Range(0, Racers).Select(_ => factory.CreateClientAs(Roles.Operator, region)).ToArray();
        try
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var racers = clients.Select(client => Task.Run(async () =>
            {
                await start.Task;
                using var response = await send(client);
                var body = await HttpAssert.ReadJsonAsync(response);
                var code = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("code", out var c) ? c.GetString() : null;
                return new Answer(response.StatusCode, code, ScopeProbeApi.ETagOf(response), body);
            }, Token)).ToArray();
            start.SetResult();
            return await Task.WhenAll(racers);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static void Report(IEnumerable<Answer> answers) =>
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ",
            answers.GroupBy(a => $"{(int)a.Status} {a.Code}".Trim()).Select(g => $"{g.Count()} x {g.Key}")));

    private sealed record Answer(HttpStatusCode Status, string? Code, string? ETag, JsonElement Body);
}
