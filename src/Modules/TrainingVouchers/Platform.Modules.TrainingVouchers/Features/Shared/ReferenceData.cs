using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.ReferenceData;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Modules.TrainingVouchers.Features.Shared;

/// <summary>The reference data in force for a region on a day: the county's own, else its city's, else its province's.</summary>
internal static class ReferenceData
{
    /// <summary>The region and the divisions containing it: <c>511102</c>, <c>511100</c>, <c>510000</c>.</summary>
    public static string[] SelfAndAncestors(string regionCode)
    {
        var city = string.Concat(regionCode.AsSpan(0, 4), "00");
        var province = string.Concat(regionCode.AsSpan(0, 2), "0000");
        return new[] { regionCode, city, province }.Distinct().ToArray();
    }

    public static async Task<ProgramRules?> RulesInForceAsync(TrainingVouchersDbContext db, string regionCode, DateOnly day, CancellationToken cancellationToken)
    {
        var candidates = SelfAndAncestors(regionCode);
        var rules = await db.ProgramRules.AsNoTracking().Where(r => candidates.Contains(r.RegionCode)).ToListAsync(cancellationToken);
        return RegionalRules.InForce(rules, regionCode, day);
    }

    public static async Task<SubsidyStandard?> StandardInForceAsync(
        TrainingVouchersDbContext db, string occupationCode, SkillLevel level, string regionCode, DateOnly day, CancellationToken cancellationToken)
    {
        var candidates = SelfAndAncestors(regionCode);
        var standards = await db.SubsidyStandards.AsNoTracking()
            .Where(s => s.OccupationCode == occupationCode && s.Level == level && candidates.Contains(s.RegionCode))
            .ToListAsync(cancellationToken);
        return RegionalRules.InForce(standards, regionCode, day);
    }

    /// <summary>True when the two divisions are in different provinces (Sichuan and Chongqing).</summary>
    public static bool CrossesProvince(string first, string second) => !first.AsSpan(0, 2).SequenceEqual(second.AsSpan(0, 2));

    /// <summary>Reference data is read everywhere but set only for a region within the caller's (403 otherwise).</summary>
    public static void RequireWithinCaller(TrainingVouchersDbContext db, string regionCode)
    {
        if (!db.Caller.Scope.Covers(regionCode))
        {
            throw VoucherProblems.Refuse(403, VoucherProblems.RegionOutsideCaller, $"地区 {regionCode} 不在您的管辖范围内。", $"Region {regionCode} is outside your region.");
        }
    }
}
