using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.ReferenceData;
using Platform.Modules.SkillMasterStudios.Domain;
using Platform.Modules.SkillMasterStudios.Persistence;

namespace Platform.Modules.SkillMasterStudios.Features.Shared;

/// <summary>
/// The rules and funding standards in force for a region on a day: the county's own, else its city's,
/// else its province's, from a snapshot of the two tables (<see cref="ReferenceSnapshotCache{TSnapshot}"/>).
/// </summary>
internal sealed class ReferenceData(IServiceScopeFactory scopes, TimeProvider time) : ReferenceSnapshotCache<ReferenceData.Snapshot>(scopes, time)
{
    public async Task<StudioRules?> RulesInForceAsync(string regionCode, DateOnly day, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(cancellationToken);
        var candidates = RegionCode.SelfAndAncestors(regionCode);
        return RegionalRules.InForce(snapshot.Rules.Where(r => candidates.Contains(r.RegionCode)), regionCode, day);
    }

    public async Task<FundingStandard?> StandardInForceAsync(StudioLevel level, string regionCode, DateOnly day, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(cancellationToken);
        var candidates = RegionCode.SelfAndAncestors(regionCode);
        return RegionalRules.InForce(snapshot.Standards.Where(s => s.Level == level && candidates.Contains(s.RegionCode)), regionCode, day);
    }

    protected override async Task<Snapshot> LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<SkillMasterStudiosDbContext>();
        return new Snapshot(
            await db.Rules.AsNoTracking().ToListAsync(cancellationToken),
            await db.FundingStandards.AsNoTracking().ToListAsync(cancellationToken));
    }

    internal sealed record Snapshot(IReadOnlyList<StudioRules> Rules, IReadOnlyList<FundingStandard> Standards);
}
