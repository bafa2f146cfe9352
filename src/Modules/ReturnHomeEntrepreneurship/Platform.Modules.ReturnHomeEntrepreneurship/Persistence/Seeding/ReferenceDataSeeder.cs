using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Persistence.Seeding;

/// <summary>
/// Inserts the reference data that is missing (by id, and by each table's unique key) and leaves every
/// existing record as it is. Runs as the platform itself.
/// </summary>
internal sealed class ReferenceDataSeeder(ReturnHomeEntrepreneurshipDbContext db) : IModuleSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var rules = await db.LoanRules.AsNoTracking().Select(r => new { r.Id, r.RegionCode, r.EffectiveFrom }).ToListAsync(cancellationToken);
        var ruleIds = rules.Select(r => r.Id).ToHashSet();
        var ruleSlots = rules.Select(r => (r.RegionCode, r.EffectiveFrom)).ToHashSet();
        foreach (var rule in SampleReferenceData.LoanRules().Where(r => ruleIds.Add(r.Id) && ruleSlots.Add((r.RegionCode, r.EffectiveFrom))))
        {
            db.LoanRules.Add(rule);
        }

        var standards = await db.SubsidyStandards.AsNoTracking().Select(s => new { s.Id, s.RegionCode, s.EffectiveFrom }).ToListAsync(cancellationToken);
        var standardIds = standards.Select(s => s.Id).ToHashSet();
        var standardSlots = standards.Select(s => (s.RegionCode, s.EffectiveFrom)).ToHashSet();
        foreach (var standard in SampleReferenceData.SubsidyStandards().Where(s => standardIds.Add(s.Id) && standardSlots.Add((s.RegionCode, s.EffectiveFrom))))
        {
            db.SubsidyStandards.Add(standard);
        }

        var rates = await db.PrimeRates.AsNoTracking().Select(r => new { r.Id, r.EffectiveFrom }).ToListAsync(cancellationToken);
        var rateIds = rates.Select(r => r.Id).ToHashSet();
        var rateDays = rates.Select(r => r.EffectiveFrom).ToHashSet();
        foreach (var rate in SampleReferenceData.PrimeRates().Where(r => rateIds.Add(r.Id) && rateDays.Add(r.EffectiveFrom)))
        {
            db.PrimeRates.Add(rate);
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
