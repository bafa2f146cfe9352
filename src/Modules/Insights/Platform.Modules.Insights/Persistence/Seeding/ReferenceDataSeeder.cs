using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;
using Platform.Modules.Insights.Features.Shared;

namespace Platform.Modules.Insights.Persistence.Seeding;

/// <summary>
/// Inserts the seeded indicators and targets that are missing (by code, and by region, indicator and period)
/// and leaves every existing record as it is, so an operator's change is never overwritten; an indicator added
/// is counted from the events already kept. Runs as the platform itself.
/// </summary>
internal sealed class ReferenceDataSeeder(InsightsDbContext db) : IModuleSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var codes = (await db.Indicators.AsNoTracking().Select(i => i.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var added = SeedIndicators.All().Where(i => codes.Add(i.Code)).ToList();
        db.Indicators.AddRange(added);

        var slots = (await db.Targets.AsNoTracking().Select(t => new { t.Id, t.RegionCode, t.IndicatorCode, t.FromYear, t.ToYear }).ToListAsync(cancellationToken))
            .Select(t => (t.RegionCode, t.IndicatorCode, t.FromYear, t.ToYear)).ToHashSet();
        var ids = (await db.Targets.AsNoTracking().Select(t => t.Id).ToListAsync(cancellationToken)).ToHashSet();
        db.Targets.AddRange(SeedTargets.All().Where(t => ids.Add(t.Id) && slots.Add((t.RegionCode, t.IndicatorCode, t.FromYear, t.ToYear))));

        if (!db.ChangeTracker.HasChanges())
        {
            return;
        }

        // An indicator a release adds counts the events kept before it existed (with the indicator, in one transaction).
        await CounterBook.InTurnAsync(
            db,
            async token =>
            {
                await db.SaveChangesAsync(token);
                foreach (var indicator in added.Where(i => i.EventName is not null))
                {
                    await CounterBook.RebuildAsync(db, indicator, token);
                }

                return added.Count;
            },
            cancellationToken);
    }
}
