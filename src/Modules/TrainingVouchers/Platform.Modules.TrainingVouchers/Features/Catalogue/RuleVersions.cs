using Platform.BuildingBlocks.ReferenceData;
using Platform.Modules.TrainingVouchers.Domain;

namespace Platform.Modules.TrainingVouchers.Features.Catalogue;

/// <summary>
/// Adding a new version of a regional rule: an open-ended version that started earlier is closed the day
/// before the new one starts (the usual "new standard from next year"); any other overlap is refused,
/// because two versions in force on one day would make "the rule in force" ambiguous.
/// </summary>
internal static class RuleVersions
{
    /// <returns>The earlier version to close (set its last day to the day before), or null.</returns>
    /// <exception cref="Platform.BuildingBlocks.Http.DomainException">409 <paramref name="overlapCode"/> for an overlap that cannot be resolved so.</exception>
    public static T? Supersede<T>(IReadOnlyCollection<T> sameKey, DateOnly from, DateOnly? to, string overlapCode)
        where T : class, IRegionalRule
    {
        T? superseded = null;
        foreach (var existing in sameKey)
        {
            var overlaps = existing.EffectiveFrom <= (to ?? DateOnly.MaxValue) && from <= (existing.EffectiveTo ?? DateOnly.MaxValue);
            if (!overlaps)
            {
                continue;
            }

            if (existing.EffectiveTo is null && existing.EffectiveFrom < from && superseded is null)
            {
                superseded = existing;
                continue;
            }

            throw VoucherProblems.Conflict(
                overlapCode,
                $"与 {existing.EffectiveFrom:yyyy-MM-dd} 起生效的版本时间重叠；请调整起止日期。",
                $"Overlaps the version in force from {existing.EffectiveFrom:yyyy-MM-dd}; adjust the dates.");
        }

        return superseded;
    }
}
