using Platform.BuildingBlocks.Persistence;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Persistence.Seeding;

/// <summary>
/// Reference data seeded on start, marked <c>IsSample</c> where a bureau sets its own figures:
/// <list type="bullet">
/// <item>loan rules for Sichuan and Chongqing from 2021-01-01 with the national figures of the 2020 rules
/// (财金〔2020〕21 号): individual 200,000, partners +10 %, enterprise 3,000,000, terms 36 and 24 months,
/// contract rate at most LPR + 150 bp, the borrower bears up to LPR − 150 bp, three loans, subsidised for
/// the term;</item>
/// <item>start-up subsidies (sample amounts: Sichuan 10,000, Chongqing 8,000 yuan; 12 months of operation,
/// founder insured);</item>
/// <item>the one-year LPR as published since its reform in August 2019 (public figures, not samples).</item>
/// </list>
/// </summary>
internal static class SampleReferenceData
{
    private const string Scope = "Platform.ReturnHomeEntrepreneurship.Sample";
    private static readonly DateOnly RulesFrom = new(2021, 1, 1);

    public static IReadOnlyList<LoanRule> LoanRules() => [Rule("510000"), Rule("500000")];

    public static IReadOnlyList<StartupSubsidyStandard> SubsidyStandards() => [Subsidy("510000", 10_000m), Subsidy("500000", 8_000m)];

    /// <summary>The one-year LPR (percent) from each publication day that changed it.</summary>
    public static IReadOnlyList<PrimeRate> PrimeRates() =>
    [
        Rate(2019, 8, 20, 4.25m),
        Rate(2019, 9, 20, 4.20m),
        Rate(2019, 11, 20, 4.15m),
        Rate(2020, 2, 20, 4.05m),
        Rate(2020, 4, 20, 3.85m),
        Rate(2021, 12, 20, 3.80m),
        Rate(2022, 1, 20, 3.70m),
        Rate(2022, 8, 22, 3.65m),
        Rate(2023, 6, 20, 3.55m),
        Rate(2023, 8, 21, 3.45m),
        Rate(2024, 7, 22, 3.35m),
        Rate(2024, 10, 21, 3.10m),
        Rate(2025, 5, 20, 3.00m),
    ];

    private static LoanRule Rule(string region) => new()
    {
        Id = DeterministicGuid.For(Scope, $"loan-rule|{region}|{RulesFrom:yyyy-MM-dd}"),
        RegionCode = region,
        EffectiveFrom = RulesFrom,
        IndividualCap = 200_000m,
        PartnershipUpliftPercent = 10m,
        EnterpriseCap = 3_000_000m,
        IndividualMaxTermMonths = 36,
        EnterpriseMaxTermMonths = 24,
        RateCapMarginBp = 150,
        BorrowerMarginBp = -150,
        MaxLoans = 3,
        SubsidisedMonths = 36,
        Source = "财金〔2020〕21 号 创业担保贷款全国标准（示例）/ 2020 national rules (sample)",
        IsSample = true,
    };

    private static StartupSubsidyStandard Subsidy(string region, decimal amount) => new()
    {
        Id = DeterministicGuid.For(Scope, $"startup-subsidy|{region}|{RulesFrom:yyyy-MM-dd}"),
        RegionCode = region,
        EffectiveFrom = RulesFrom,
        Amount = amount,
        MinMonthsOperating = 12,
        RequiresSocialInsurance = true,
        Source = "一次性创业补贴（示例金额）/ one-time start-up subsidy (sample amount)",
        IsSample = true,
    };

    private static PrimeRate Rate(int year, int month, int day, decimal percent)
    {
        var from = new DateOnly(year, month, day);
        return new PrimeRate { Id = DeterministicGuid.For(Scope, $"lpr|{from:yyyy-MM-dd}"), EffectiveFrom = from, OneYearPercent = percent };
    }
}
