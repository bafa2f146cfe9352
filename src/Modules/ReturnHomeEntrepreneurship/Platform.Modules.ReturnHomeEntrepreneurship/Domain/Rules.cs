using Platform.BuildingBlocks.ReferenceData;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Domain;

/// <summary>The one-time start-up subsidy of a region for a period (一次性创业补贴), and its conditions.</summary>
internal sealed class StartupSubsidyStandard : IRegionalRule
{
    public Guid Id { get; set; }

    public string RegionCode { get; set; } = "";

    public DateOnly EffectiveFrom { get; set; }

    public DateOnly? EffectiveTo { get; set; }

    /// <summary>The amount, yuan.</summary>
    public decimal Amount { get; set; }

    /// <summary>Months the business must have operated by the application day (*default* 12).</summary>
    public int MinMonthsOperating { get; set; } = 12;

    /// <summary>Whether the founder must pay social insurance (*default* yes).</summary>
    public bool RequiresSocialInsurance { get; set; } = true;

    public string Source { get; set; } = "";

    public bool IsSample { get; set; }
}

/// <summary>
/// The guaranteed-loan rules of a region for a period (创业担保贷款, 2020 rules for loans from 2021): caps,
/// terms, the contract rate cap and the borrower's share relative to the LPR, repeat borrowing and the
/// months subsidised. Revised from time to time, hence versions with validity dates.
/// </summary>
internal sealed class LoanRule : IRegionalRule
{
    public Guid Id { get; set; }

    public string RegionCode { get; set; } = "";

    public DateOnly EffectiveFrom { get; set; }

    public DateOnly? EffectiveTo { get; set; }

    /// <summary>An individual's cap, yuan (policy 200,000).</summary>
    public decimal IndividualCap { get; set; }

    /// <summary>Partners may borrow the sum of their individual caps plus this percent of it (policy 10).</summary>
    public decimal PartnershipUpliftPercent { get; set; }

    /// <summary>A small or micro enterprise's cap, yuan (policy 3,000,000).</summary>
    public decimal EnterpriseCap { get; set; }

    /// <summary>The longest term of an individual or partnership loan, months (policy 36).</summary>
    public int IndividualMaxTermMonths { get; set; }

    /// <summary>The longest term of an enterprise loan, months (policy 24).</summary>
    public int EnterpriseMaxTermMonths { get; set; }

    /// <summary>The contract rate may be at most LPR plus this many basis points (*default* 150; poorer areas more).</summary>
    public int RateCapMarginBp { get; set; }

    /// <summary>The borrower bears interest up to LPR plus this many basis points (policy −150); public finance subsidises the rest.</summary>
    public int BorrowerMarginBp { get; set; }

    /// <summary>Loans a person may have in total, the first included (policy 3).</summary>
    public int MaxLoans { get; set; }

    /// <summary>The first repayment periods that are subsidised (regions vary; policy up to the term).</summary>
    public int SubsidisedMonths { get; set; }

    public string Source { get; set; } = "";

    public bool IsSample { get; set; }
}

/// <summary>The one-year loan prime rate (LPR) published by the National Interbank Funding Center, from a day.</summary>
internal sealed class PrimeRate
{
    public Guid Id { get; set; }

    public DateOnly EffectiveFrom { get; set; }

    /// <summary>The one-year LPR in percent a year.</summary>
    public decimal OneYearPercent { get; set; }

    public bool IsSample { get; set; }

    /// <summary>The rate in force on <paramref name="day"/>: the latest published on or before it.</summary>
    public static PrimeRate? InForce(IEnumerable<PrimeRate> rates, DateOnly day) =>
        rates.Where(r => r.EffectiveFrom <= day).MaxBy(r => r.EffectiveFrom);
}
