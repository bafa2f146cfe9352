namespace Platform.BuildingBlocks.ReferenceData;

/// <summary>
/// A figure or rule that a region sets for a period: a subsidy standard, an uplift, a loan cap.
/// Rules change by year and by region, so they are data with validity dates, never constants.
/// </summary>
public interface IRegionalRule
{
    /// <summary>The division the rule applies to, and everything within it (<c>510000</c> all of Sichuan).</summary>
    string RegionCode { get; }

    /// <summary>First day in force.</summary>
    DateOnly EffectiveFrom { get; }

    /// <summary>Last day in force; none while open-ended.</summary>
    DateOnly? EffectiveTo { get; }
}
