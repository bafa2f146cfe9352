using Platform.BuildingBlocks.ReferenceData;

namespace Platform.Modules.VeteranEmployment.Domain;

/// <summary>
/// The yearly tax deduction of one incentive in a province for a period (announcement 2023 No. 14,
/// 2023-01-01 to 2027-12-31): the national base and the province's uplift (employers up to 50 %,
/// self-employment up to 20 %).
/// </summary>
internal sealed class IncentiveStandard : IRegionalRule
{
    public Guid Id { get; set; }

    public IncentiveKind Kind { get; set; }

    public string RegionCode { get; set; } = "";

    public DateOnly EffectiveFrom { get; set; }

    public DateOnly? EffectiveTo { get; set; }

    /// <summary>The national amount per veteran (or household) per year: 6,000 or 20,000 yuan.</summary>
    public decimal BaseAmount { get; set; }

    /// <summary>The province's uplift in percent.</summary>
    public decimal UpliftPercent { get; set; }

    /// <summary>The longest run of months counted from the first (policy: 36).</summary>
    public int MaxMonths { get; set; } = 36;

    public string Source { get; set; } = "";

    public bool IsSample { get; set; }

    /// <summary>The most a province may raise <paramref name="kind"/> by, in percent.</summary>
    public static decimal MaxUplift(IncentiveKind kind) => kind == IncentiveKind.EmployerHiring ? 50m : 20m;

    /// <summary>The yearly amount with the uplift, to the fen (half away from zero).</summary>
    public decimal YearlyAmount => Math.Round(BaseAmount * (100m + UpliftPercent) / 100m, 2, MidpointRounding.AwayFromZero);
}
