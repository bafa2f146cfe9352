using System.Net;
using System.Text.Json;
using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scoping;

/// <summary>
/// A transition that read a case, then lost it to another transition before saving, made to happen
/// on demand: the first request is held between its read and its save while the second one saves.
/// The version check in the database refuses the late save: 412 when it sent <c>If-Match</c>, 409
/// otherwise, nothing saved either way, and the refusal is recorded as what the caller received.
/// </summary>
public sealed class LostRaceTests(ScopeProbeHosts hosts) : IClassFixture<ScopeProbeHosts>
{
    private static readonly TimeSpan HoldTimeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_close_whose_If_Match_held_when_read_but_lost_the_race_answers_412_and_saves_nothing(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        using var slow = factory.CreateClientAs(Roles.Operator, "510700");
        using var fast = factory.CreateClientAs(Roles.Operator, "510700");
        var id = await ScopeProbeApi.CreateAsync(slow, "510703", "Close that loses");
        var hold = ScopeProbeApi.Hold(factory);

        var lateClose = ScopeProbeApi.CloseAsync(slow, id, ifMatch: "\"1\"", hold: hold);
        await hold.Reached.WaitAsync(HoldTimeout, Token);
        using var move = await ScopeProbeApi.MoveAsync(fast, id, "510704", ifMatch: "\"1\"");
        hold.Release();
        using var lost = await lateClose;

        Assert.Equal("\"2\"", ScopeProbeApi.ETagOf(move));
        await HttpAssert.ProblemAsync(lost, HttpStatusCode.PreconditionFailed, EntityTags.PreconditionFailed);
        Assert.Null(lost.Headers.ETag);
        var stored = await ScopeProbeApi.FindStoredAsync(factory, id);
        Assert.Equal((ProbeCase.Open, "510704", 2), (stored?.Status, stored?.RegionCode, stored?.Version));
        Assert.Equal(0, await ScopeProbeApi.ClosedEventsAsync(factory, id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_move_without_If_Match_that_lost_the_race_answers_409_and_saves_nothing(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);

        var (id, lost) = await LoseMoveRaceAsync(factory);

        Assert.Equal(HttpStatusCode.Conflict, lost.Status);
        Assert.Equal("resource.concurrent_update", lost.Code);
        var stored = await ScopeProbeApi.FindStoredAsync(factory, id);
        Assert.Equal((ProbeCase.Closed, "510703", 2), (stored?.Status, stored?.RegionCode, stored?.Version));
        Assert.Equal(1, await ScopeProbeApi.ClosedEventsAsync(factory, id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_lost_race_is_audited_with_the_status_the_caller_received_not_as_a_server_error(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);

        var (id, lost) = await LoseMoveRaceAsync(factory);

        Assert.Equal(HttpStatusCode.Conflict, lost.Status);
        using var admin = factory.CreateClient();
        using var audit = await admin.GetAsync($"/api/platform/audit?action=ScopeProbe_MoveCase&entityId={id}", Token);
        var outcomes = (await HttpAssert.ReadOkJsonAsync(audit)).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("outcome").GetString() ?? "").ToArray();
        Assert.Equal(["409 resource.concurrent_update"], outcomes);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_lost_race_is_answered_without_logging_an_unhandled_exception(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);

        var (_, lost) = await LoseMoveRaceAsync(factory);

        Assert.Equal(HttpStatusCode.Conflict, lost.Status);
        var logged = factory.Logs.Lines.Where(l => l.Contains(nameof(Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException), StringComparison.Ordinal)).ToArray();
        Assert.True(logged.Length == 0, $"An answered 409 was logged as a failure: {string.Join(Environment.NewLine, logged.Select(l => l.Length > 300 ? l[..300] : l))}");
    }

    /// <summary>A move without If-Match is held after reading the case while a close saves; then it tries to save.</summary>
    private static async Task<(Guid Id, Answer Lost)> LoseMoveRaceAsync(PlatformFactory factory)
    {
        using var slow = factory.CreateClientAs(Roles.Operator, "510000");
        using var fast = factory.CreateClientAs(Roles.Operator, "510700");
        var id = await ScopeProbeApi.CreateAsync(slow, "510703", "Move that loses");
        var hold = ScopeProbeApi.Hold(factory);

        var lateMove = ScopeProbeApi.MoveAsync(slow, id, "510105", hold: hold);
        await hold.Reached.WaitAsync(HoldTimeout, Token);
        using (var close = await ScopeProbeApi.CloseAsync(fast, id))
        {
            Assert.Equal("\"2\"", ScopeProbeApi.ETagOf(close));
        }

        hold.Release();
        using var lost = await lateMove;
        var body = await HttpAssert.ReadJsonAsync(lost);
        return (id, new Answer(lost.StatusCode, body.TryGetProperty("code", out var code) ? code.GetString() : null, body));
    }

    private sealed record Answer(HttpStatusCode Status, string? Code, JsonElement Body);
}
