using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Localization;

namespace Platform.BuildingBlocks.ReferenceData;

/// <summary>
/// Picks the rule in force for a region on a day: among the rules valid that day whose region
/// contains the asked region, the most specific region wins (county over city over province), and
/// among those the latest start. A county that sets nothing inherits its city's or province's rule.
/// </summary>
public static class RegionalRules
{
    public static TRule? InForce<TRule>(IEnumerable<TRule> rules, string regionCode, DateOnly day)
        where TRule : IRegionalRule
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentException.ThrowIfNullOrWhiteSpace(regionCode);
        return rules
            .Where(rule => IsValidOn(rule, day) && RegionCode.IsWithin(regionCode, rule.RegionCode))
            .OrderByDescending(rule => RegionCode.Prefix(rule.RegionCode).Length)
            .ThenByDescending(rule => rule.EffectiveFrom)
            .FirstOrDefault();
    }

    public static bool IsValidOn(IRegionalRule rule, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.EffectiveFrom <= day && (rule.EffectiveTo is null || day <= rule.EffectiveTo);
    }

    /// <summary>
    /// Rules of one region that overlap in time: a data error that would make "the rule in force"
    /// ambiguous. Reference-data imports refuse them.
    /// </summary>
    public static IReadOnlyList<(TRule First, TRule Second)> Overlaps<TRule>(IEnumerable<TRule> rules)
        where TRule : IRegionalRule
    {
        ArgumentNullException.ThrowIfNull(rules);
        var overlaps = new List<(TRule, TRule)>();
        foreach (var region in rules.GroupBy(r => r.RegionCode, StringComparer.Ordinal))
        {
            var ordered = region.OrderBy(r => r.EffectiveFrom).ToArray();
            for (var i = 1; i < ordered.Length; i++)
            {
                var previous = ordered[i - 1];
                if (previous.EffectiveTo is null || previous.EffectiveTo >= ordered[i].EffectiveFrom)
                {
                    overlaps.Add((previous, ordered[i]));
                }
            }
        }

        return overlaps;
    }

    /// <summary>
    /// Adding a version of a rule that has others of the same key (region and whatever else identifies
    /// it): an open-ended version that started earlier is superseded (the caller closes it the day
    /// before <paramref name="from"/>, the usual "new figure from next year"); any other overlap is
    /// refused, because two versions in force on one day make "the rule in force" ambiguous.
    /// </summary>
    /// <returns>The earlier version to close, or null.</returns>
    /// <exception cref="DomainException">409 <paramref name="overlapCode"/> for an overlap that cannot be resolved so.</exception>
    public static TRule? Supersede<TRule>(IEnumerable<TRule> sameKey, DateOnly from, DateOnly? to, string overlapCode)
        where TRule : class, IRegionalRule
    {
        ArgumentNullException.ThrowIfNull(sameKey);
        TRule? superseded = null;
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

            throw new DomainException(409, overlapCode, new LocalizedText(
                $"与 {existing.EffectiveFrom:yyyy-MM-dd} 起生效的版本时间重叠；请调整起止日期。",
                $"Overlaps the version in force from {existing.EffectiveFrom:yyyy-MM-dd}; adjust the dates."));
        }

        return superseded;
    }
}
