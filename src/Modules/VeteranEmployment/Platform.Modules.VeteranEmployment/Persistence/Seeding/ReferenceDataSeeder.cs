using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;

namespace Platform.Modules.VeteranEmployment.Persistence.Seeding;

/// <summary>
/// Inserts the sample incentive standards that are missing (by id, and by their unique kind, region and
/// start) and leaves every existing record as it is. Runs as the platform itself.
/// </summary>
internal sealed class ReferenceDataSeeder(VeteranEmploymentDbContext db) : IModuleSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var existing = await db.IncentiveStandards.AsNoTracking().Select(s => new { s.Id, s.Kind, s.RegionCode, s.EffectiveFrom }).ToListAsync(cancellationToken);
        var ids = existing.Select(s => s.Id).ToHashSet();
        var slots = existing.Select(s => (s.Kind, s.RegionCode, s.EffectiveFrom)).ToHashSet();
        foreach (var sample in SampleReferenceData.Standards())
        {
            if (ids.Add(sample.Id) && slots.Add((sample.Kind, sample.RegionCode, sample.EffectiveFrom)))
            {
                db.IncentiveStandards.Add(sample);
            }
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
