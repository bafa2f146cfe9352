using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.Insights.Domain;
using Platform.Modules.Insights.Persistence;

namespace Platform.IntegrationTests.Insights;

/// <summary>
/// The module's later migrations on a database that has counters: <c>CountersWithoutRowId</c> keeps every counter
/// (on SQLite it copies them into the new table, both ways), and <c>DropMadeUpChongqingCityCounters</c> removes only the
/// rows of the made-up Chongqing cities 500100 and 500200.
/// </summary>
public sealed class InsightsMigrationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Counters_survive_the_later_migrations_and_only_the_made_up_city_rows_go(DatabaseProvider provider)
    {
        await using var host = await PlatformFactory.StartAsync(provider);
        var day = new DateOnly(2024, 5, 6);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InsightsDbContext>();
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("Initial", Token);
            db.Counters.AddRange(
                new Counter { IndicatorCode = "vouchers_issued", RegionCode = "500107", Day = day, Value = 2m },
                new Counter { IndicatorCode = "vouchers_issued", RegionCode = "500100", Day = day, Value = 2m },
                new Counter { IndicatorCode = "vouchers_issued", RegionCode = "500200", Day = day, Value = 1m },
                new Counter { IndicatorCode = "vouchers_issued", RegionCode = "500229", Day = day, Value = 1m },
                new Counter { IndicatorCode = "vouchers_issued", RegionCode = "500000", Day = day, Value = 3m },
                new Counter { IndicatorCode = "guaranteed_loans", RegionCode = "511102", Day = day, Value = 1_234.56m });
            await db.SaveChangesAsync(Token);

            await migrator.MigrateAsync(cancellationToken: Token);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(Token));
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InsightsDbContext>();
            var rows = await db.Counters.AsNoTracking().Where(c => c.Day == day).ToListAsync(Token);
            Assert.Equal(
                ["guaranteed_loans 511102 1234.56", "vouchers_issued 500000 3", "vouchers_issued 500107 2", "vouchers_issued 500229 1"],
                rows.Select(c => $"{c.IndicatorCode} {c.RegionCode} {c.Value:0.##}").Order(StringComparer.Ordinal));
            if (provider == DatabaseProvider.Sqlite)
            {
                var definition = await db.Database.SqlQueryRaw<string>("SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = 'counters'").SingleAsync(Token);
                Assert.Contains("WITHOUT ROWID", definition, StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
