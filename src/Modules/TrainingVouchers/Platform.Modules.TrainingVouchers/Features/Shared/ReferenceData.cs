using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.ReferenceData;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Modules.TrainingVouchers.Features.Shared;

/// <summary>
/// The reference data in force for a region on a day: the county's own, else its city's, else its
/// province's. Occupations, program rules and subsidy standards are read on every issue and change
/// rarely, so they are served from a snapshot of their tables, reloaded when this instance changes
/// them and at most <see cref="ReferenceSnapshotCache{TSnapshot}.MaxAge"/> after another instance did (documented in the README).
/// </summary>
internal sealed class ReferenceData(IServiceScopeFactory scopes, TimeProvider time) : ReferenceSnapshotCache<ReferenceData.Snapshot>(scopes, time)
{
    /// <summary>True when the two divisions are in different provinces (Sichuan and Chongqing).</summary>
    public static bool CrossesProvince(string first, string second) => !first.AsSpan(0, 2).SequenceEqual(second.AsSpan(0, 2));

    public async Task<Occupation?> OccupationAsync(string code, CancellationToken cancellationToken) =>
        (await SnapshotAsync(cancellationToken)).Occupations.GetValueOrDefault(code);

    public async Task<ProgramRules?> RulesInForceAsync(string regionCode, DateOnly day, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(cancellationToken);
        var candidates = RegionCode.SelfAndAncestors(regionCode);
        return RegionalRules.InForce(snapshot.Rules.Where(r => candidates.Contains(r.RegionCode)), regionCode, day);
    }

    public async Task<SubsidyStandard?> StandardInForceAsync(string occupationCode, SkillLevel level, string regionCode, DateOnly day, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(cancellationToken);
        return snapshot.Standards.TryGetValue((occupationCode, level), out var standards)
            ? RegionalRules.InForce(standards, regionCode, day)
            : null;
    }

    protected override async Task<Snapshot> LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<TrainingVouchersDbContext>();
        var occupations = await db.Occupations.AsNoTracking().ToDictionaryAsync(o => o.Code, StringComparer.Ordinal, cancellationToken);
        var rules = await db.ProgramRules.AsNoTracking().ToListAsync(cancellationToken);
        var standards = await db.SubsidyStandards.AsNoTracking().ToListAsync(cancellationToken);
        return new Snapshot(
            occupations,
            rules,
            standards.GroupBy(s => (s.OccupationCode, s.Level)).ToDictionary(g => g.Key, g => (IReadOnlyList<SubsidyStandard>)g.ToArray()));
    }

    internal sealed record Snapshot(
        IReadOnlyDictionary<string, Occupation> Occupations,
        IReadOnlyList<ProgramRules> Rules,
        IReadOnlyDictionary<(string Occupation, SkillLevel Level), IReadOnlyList<SubsidyStandard>> Standards);
}
