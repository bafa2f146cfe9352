using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;

namespace Platform.Modules.SkillMasterStudios.Persistence.Seeding;

/// <summary>
/// Inserts the <see cref="SampleReferenceData"/> records that are missing and leaves every existing record
/// as it is, so a bureau's changes survive a restart. A sample is also skipped when another record holds
/// its unique slot (same region and start; same level, region and start), so a bureau's own data never
/// makes the seeding fail. Runs as the platform itself (unrestricted region).
/// </summary>
internal sealed class ReferenceDataSeeder(SkillMasterStudiosDbContext db) : IModuleSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var rules = await db.Rules.AsNoTracking().Select(r => new { r.Id, r.RegionCode, r.EffectiveFrom }).ToListAsync(cancellationToken);
        var ruleIds = rules.Select(r => r.Id).ToHashSet();
        var ruleSlots = rules.Select(r => (r.RegionCode, r.EffectiveFrom)).ToHashSet();
        foreach (var sample in SampleReferenceData.Rules())
        {
            if (ruleIds.Add(sample.Id) && ruleSlots.Add((sample.RegionCode, sample.EffectiveFrom)))
            {
                db.Rules.Add(sample);
            }
        }

        var standards = await db.FundingStandards.AsNoTracking().Select(s => new { s.Id, s.Level, s.RegionCode, s.EffectiveFrom }).ToListAsync(cancellationToken);
        var standardIds = standards.Select(s => s.Id).ToHashSet();
        var standardSlots = standards.Select(s => (s.Level, s.RegionCode, s.EffectiveFrom)).ToHashSet();
        foreach (var sample in SampleReferenceData.Standards())
        {
            if (standardIds.Add(sample.Id) && standardSlots.Add((sample.Level, sample.RegionCode, sample.EffectiveFrom)))
            {
                db.FundingStandards.Add(sample);
            }
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
