using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Platform;
using Platform.Modules.ReturnHomeEntrepreneurship.Contracts;
using Kit = Platform.IntegrationTests.Insights.CountingKit;

namespace Platform.IntegrationTests.Insights;

/// <summary>
/// The counting handler writes events and counters with its own SQL (prepared statements on SQLite, multi-row statements
/// on PostgreSQL) rather than through EF's change tracker: what it stores must read back through the module's EF queries
/// exactly (ids, days, amounts to the fen, times), and sums of amounts in fen must stay exact.
/// </summary>
public sealed class CountingStorageTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Events_written_by_the_handler_read_back_through_EF_and_fen_amounts_sum_exactly_also_after_a_rebuild(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        const string County = "511102"; // 市中区 (Leshan)
        var day = new DateOnly(2023, 2, 28);
        var kind = "Kind" + Guid.NewGuid().ToString("N")[..8];
        var code = Kit.NewCode("loan_fen");
        using var admin = Kit.Administrator(host);
        var (_, etag) = await Kit.DefineAsync(admin, code, Kit.IndicatorBody(LoanDisbursed.Name, "Sum", $"kind={kind}", unit: "元"));
        var person = Kit.NewPerson();
        var first = new LoanDisbursed(Guid.NewGuid(), Guid.NewGuid(), person, null, kind, County, 100_000.10m, day, 24, "91510000MA00000000");
        var second = first with { EventId = Guid.CreateVersion7(), LoanId = Guid.NewGuid(), Amount = 0.20m };
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await Kit.DeliverAsync(host, first);
        await Kit.DeliverAsync(host, second);
        await Kit.DeliverAsync(host, first);

        var stored = await Kit.DbAsync(host, db => db.Events.AsNoTracking().SingleAsync(e => e.EventId == first.EventId, Token));
        Assert.Equal((LoanDisbursed.Name, day, County, person, 100_000.10m), (stored.EventName, stored.Day, stored.RegionCode, stored.PersonBlindIndex, stored.Amount));
        Assert.Contains($"kind={kind}", stored.Attributes, StringComparison.Ordinal);
        Assert.InRange(stored.ReceivedAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
        var byPerson = await Kit.DbAsync(host, db => db.Events.AsNoTracking().Where(e => e.PersonBlindIndex == person && e.Day == day).Select(e => e.EventId).ToListAsync(Token));
        Assert.Equal(new[] { first.EventId, second.EventId }.Order(), byPerson.Order());

        async Task AssertSumsAsync()
        {
            var counters = await Kit.CountersAsync(host, code);
            Assert.Equal((100_000.30m, 100_000.30m, 100_000.30m), (counters[(County, day)], counters[(Kit.Leshan, day)], counters[(Kit.Sichuan, day)]));
            Assert.Equal(3, counters.Count);
        }

        await AssertSumsAsync();

        // The rebuild reads the events back through EF in id order and writes the counters again.
        await Kit.DefineAsync(admin, code, Kit.IndicatorBody(LoanDisbursed.Name, "Sum", $"kind={kind}|Unused", unit: "元"), etag);
        await AssertSumsAsync();
    }
}
