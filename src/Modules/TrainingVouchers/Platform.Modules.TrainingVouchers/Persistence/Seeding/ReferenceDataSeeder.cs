using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;
using Platform.Modules.TrainingVouchers.Domain;

namespace Platform.Modules.TrainingVouchers.Persistence.Seeding;

/// <summary>
/// Inserts the <see cref="SampleReferenceData"/> records that are missing and leaves every existing
/// record as it is, so an operator's changes survive a restart. Existing keys are read with one query
/// per table and everything is written in one <c>SaveChanges</c>. A sample record is also skipped when
/// another record already holds its unique slot (a standard of the same occupation, level, region and
/// start, rules of the same region and start), so a bureau's own data never makes the seeding fail.
/// Runs as the platform itself (unrestricted region).
/// </summary>
internal sealed class ReferenceDataSeeder(TrainingVouchersDbContext db) : IModuleSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var occupationCodes = (await db.Occupations
                .AsNoTracking()
                .Select(o => o.Code)
                .ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var occupation in SampleReferenceData.Occupations())
        {
            if (occupationCodes.Add(occupation.Code))
            {
                db.Occupations.Add(occupation);
            }
        }

        var rules = await db.ProgramRules
            .AsNoTracking()
            .Select(r => new { r.Id, r.RegionCode, r.EffectiveFrom })
            .ToListAsync(cancellationToken);
        var ruleIds = rules.Select(r => r.Id).ToHashSet();
        var ruleSlots = rules.Select(r => (r.RegionCode, r.EffectiveFrom)).ToHashSet();
        foreach (var sample in SampleReferenceData.Rules())
        {
            if (ruleIds.Add(sample.Id) && ruleSlots.Add((sample.RegionCode, sample.EffectiveFrom)))
            {
                db.ProgramRules.Add(sample);
            }
        }

        var standards = await db.SubsidyStandards
            .AsNoTracking()
            .Select(s => new { s.Id, s.OccupationCode, s.Level, s.RegionCode, s.EffectiveFrom })
            .ToListAsync(cancellationToken);
        var standardIds = standards.Select(s => s.Id).ToHashSet();
        var standardSlots = standards.Select(s => (s.OccupationCode, s.Level, s.RegionCode, s.EffectiveFrom)).ToHashSet();
        foreach (var sample in SampleReferenceData.Standards())
        {
            if (standardIds.Add(sample.Id) && standardSlots.Add((sample.OccupationCode, sample.Level, sample.RegionCode, sample.EffectiveFrom)))
            {
                db.SubsidyStandards.Add(sample);
            }
        }

        var institutionCodes = (await db.Institutions
                .AsNoTracking()
                .Select(i => i.CreditCode)
                .ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var licenceIds = (await db.InstitutionLicences
                .AsNoTracking()
                .Select(l => l.Id)
                .ToListAsync(cancellationToken))
            .ToHashSet();
        var licences = new List<InstitutionLicence>();
        foreach (var institution in SampleReferenceData.Institutions())
        {
            // Licences are added one by one below, also for an institution that already exists.
            licences.AddRange(institution.Licences);
            institution.Licences = [];
            if (institutionCodes.Add(institution.CreditCode))
            {
                db.Institutions.Add(institution);
            }
        }

        foreach (var licence in licences)
        {
            if (licenceIds.Add(licence.Id))
            {
                db.InstitutionLicences.Add(licence);
            }
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
