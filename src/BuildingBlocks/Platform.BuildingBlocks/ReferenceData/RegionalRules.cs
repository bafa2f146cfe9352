using Platform.BuildingBlocks.Identity;

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
}
