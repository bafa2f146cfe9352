using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.ReferenceData;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Loans;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence.Seeding;

namespace Platform.UnitTests.ReturnHomeEntrepreneurship;

/// <summary>Caps, terms, the contract rate cap and the borrower's rate under the 2020 national figures, and the seeded reference data.</summary>
public sealed class LoanPolicyTests
{
    private static readonly LoanRule Rule = SampleReferenceData.LoanRules().Single(r => r.RegionCode == "510000");

    [Theory]
    [InlineData("Individual", 1, "200000")]
    [InlineData("Partnership", 2, "440000")] // 2 × 200,000 × 1.10
    [InlineData("Partnership", 3, "660000")] // 3 × 200,000 × 1.10
    [InlineData("Enterprise", 1, "3000000")]
    public void The_cap_follows_the_kind_and_the_number_of_partners(string kind, int people, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), LoanPolicy.Cap(Rule, Enum.Parse<LoanKind>(kind), people));

    [Fact]
    public void Terms_are_36_months_for_people_and_24_for_enterprises()
    {
        Assert.Equal(36, LoanPolicy.MaxTerm(Rule, LoanKind.Individual));
        Assert.Equal(36, LoanPolicy.MaxTerm(Rule, LoanKind.Partnership));
        Assert.Equal(24, LoanPolicy.MaxTerm(Rule, LoanKind.Enterprise));
    }

    [Fact]
    public void The_borrower_bears_at_most_LPR_minus_150_bp_and_the_contract_rate_at_most_LPR_plus_150_bp()
    {
        var loan = Applied(200_000m, 36);

        // LPR 3.45: borrower min(3.95, 3.45 − 1.50 = 1.95) = 1.95; cap 3.45 + 1.50 = 4.95.
        var contract = LoanPolicy.Contract(Rule, loan, 200_000m, 36, 3.95m, 3.45m);
        Assert.Equal(new LoanContract(200_000m, 36, 3.95m, 1.95m, 36), contract);

        // A contract rate below LPR − 150 bp is borne in full by the borrower: no subsidy.
        Assert.Equal(1.80m, LoanPolicy.Contract(Rule, loan, 200_000m, 36, 1.80m, 3.45m).BorrowerRatePercent);

        // The cap itself is allowed; one basis point more is not.
        Assert.Equal(4.95m, LoanPolicy.Contract(Rule, loan, 200_000m, 36, 4.95m, 3.45m).ContractRatePercent);
        var refused = Assert.Throws<DomainException>(() => LoanPolicy.Contract(Rule, loan, 200_000m, 36, 4.96m, 3.45m));
        Assert.Equal(EntrepreneurshipProblems.RateAboveCap, refused.Code);
    }

    [Fact]
    public void An_LPR_below_150_bp_leaves_the_borrower_rate_at_zero()
    {
        var contract = LoanPolicy.Contract(Rule, Applied(100_000m, 12), 100_000m, 12, 2.00m, 1.20m);
        Assert.Equal(0m, contract.BorrowerRatePercent);
        Assert.Equal(12, contract.SubsidisedMonths);
    }

    [Fact]
    public void The_bank_may_lend_less_or_shorter_than_asked_but_not_more()
    {
        var loan = Applied(150_000m, 24);
        Assert.Equal(100_000m, LoanPolicy.Contract(Rule, loan, 100_000m, 12, 3.5m, 3.0m).Amount);
        Assert.Equal(EntrepreneurshipProblems.AmountAboveCap, Assert.Throws<DomainException>(() => LoanPolicy.Contract(Rule, loan, 150_000.01m, 24, 3.5m, 3.0m)).Code);
        Assert.Equal(EntrepreneurshipProblems.TermTooLong, Assert.Throws<DomainException>(() => LoanPolicy.Contract(Rule, loan, 150_000m, 25, 3.5m, 3.0m)).Code);
    }

    [Fact]
    public void The_seeded_rules_and_standards_do_not_overlap_and_the_LPR_series_is_in_order()
    {
        Assert.Empty(RegionalRules.Overlaps(SampleReferenceData.LoanRules().Where(r => r.RegionCode == "510000")));
        Assert.Empty(RegionalRules.Overlaps(SampleReferenceData.SubsidyStandards().Where(r => r.RegionCode == "500000")));
        var rates = SampleReferenceData.PrimeRates();
        Assert.Equal(rates.OrderBy(r => r.EffectiveFrom), rates);
        Assert.Equal(rates.Count, rates.Select(r => r.EffectiveFrom).Distinct().Count());

        // The LPR in force on a day is the latest published on or before it.
        Assert.Equal(3.45m, PrimeRate.InForce(rates, new DateOnly(2024, 1, 31))!.OneYearPercent);
        Assert.Equal(3.10m, PrimeRate.InForce(rates, new DateOnly(2025, 5, 19))!.OneYearPercent);
        Assert.Equal(3.00m, PrimeRate.InForce(rates, new DateOnly(2025, 5, 20))!.OneYearPercent);
        Assert.Null(PrimeRate.InForce(rates, new DateOnly(2019, 8, 19)));
    }

    private static Loan Applied(decimal amount, int term) => new()
    {
        Kind = LoanKind.Individual,
        RequestedAmount = amount,
        RequestedTermMonths = term,
        Cap = 200_000m,
        Status = LoanStatus.GuaranteeApproved,
    };
}
