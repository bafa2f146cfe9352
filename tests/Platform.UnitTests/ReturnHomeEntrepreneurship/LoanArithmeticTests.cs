using Platform.Modules.ReturnHomeEntrepreneurship.Domain;

namespace Platform.UnitTests.ReturnHomeEntrepreneurship;

/// <summary>
/// The arithmetic of guaranteed business loans, every figure computed by hand in the comments: due days
/// (a day past the end of a month falls on its last day), interest actual/360 rounded per period to the fen
/// half away from zero, the subsidy of the non-overdue days of the subsidised periods, and overdue spells.
/// </summary>
/// <remarks>
/// Most loans here are 200,000 yuan at a contract rate of 3.95 % with the borrower bearing 1.95 % (the
/// subsidy is the 2.00 % between). Per period: interest = Σ outstanding × days × 3.95 ÷ 36,000 and
/// subsidy = Σ subsidised outstanding × days × 2.00 ÷ 36,000, each rounded to the fen.
/// </remarks>
public sealed class LoanArithmeticTests
{
    private const decimal Contract = 3.95m;
    private const decimal Borrower = 1.95m;

    // ---- Due days ----

    [Theory]
    [InlineData(2024, 1, 31, 1, 2024, 2, 29)]
    [InlineData(2024, 1, 31, 2, 2024, 3, 31)]
    [InlineData(2024, 1, 31, 3, 2024, 4, 30)]
    [InlineData(2023, 1, 31, 1, 2023, 2, 28)]
    [InlineData(2024, 1, 15, 1, 2024, 2, 15)]
    [InlineData(2023, 12, 31, 2, 2024, 2, 29)]
    [InlineData(2023, 12, 31, 12, 2024, 12, 31)]
    public void A_due_day_is_the_disbursement_day_plus_k_months_clipped_to_the_months_end(int year, int month, int day, int number, int dueYear, int dueMonth, int dueDay)
    {
        Assert.Equal(new DateOnly(dueYear, dueMonth, dueDay), LoanArithmetic.DueOn(new DateOnly(year, month, day), number));
    }

    [Fact]
    public void Periods_of_a_loan_paid_out_on_31_January_run_up_to_the_day_before_each_due_day()
    {
        var terms = InterestOnly(200_000m, Day(2024, 1, 31), 3, 3);

        var standing = LoanArithmetic.Evaluate(terms, [], Day(2024, 1, 31), project: true);

        // Period 1: 31 Jan .. 28 Feb = 29 days (due 29 Feb); period 2: 29 Feb .. 30 Mar = 31 days (due 31 Mar);
        // period 3: 31 Mar .. 29 Apr = 30 days (due 30 Apr). Each due day is counted from 31 January, not
        // from the previous due day (which would give 29 March and 29 April).
        Assert.Equal([1, 2, 3], standing.Periods.Select(p => p.Number));
        Assert.Equal([Day(2024, 1, 31), Day(2024, 2, 29), Day(2024, 3, 31)], standing.Periods.Select(p => p.Start));
        Assert.Equal([Day(2024, 2, 29), Day(2024, 3, 31), Day(2024, 4, 30)], standing.Periods.Select(p => p.DueOn));
        Assert.Equal([29, 31, 30], standing.Periods.Select(p => p.Days));
    }

    // ---- The interest of one period ----

    [Fact]
    public void A_31_day_period_of_200000_at_3_95_with_the_borrower_at_1_95()
    {
        var terms = InterestOnly(200_000m, Day(2024, 1, 15), 12, 12);

        var period = LoanArithmetic.Evaluate(terms, [], Day(2024, 2, 15)).Periods[0];

        // 15 Jan .. 14 Feb = 17 + 14 = 31 days.
        // Interest 200,000 × 31 × 3.95 ÷ 36,000 = 24,490,000 ÷ 36,000 = 680.2777… → 680.28.
        // Subsidy 200,000 × 31 × 2.00 ÷ 36,000 = 12,400,000 ÷ 36,000 = 344.4444… → 344.44.
        // Borrower 680.28 − 344.44 = 335.84 (not 200,000 × 31 × 1.95 ÷ 36,000 = 335.8333… → 335.83:
        // the borrower's share is the difference, so the three add up).
        Assert.Equal((Day(2024, 1, 15), Day(2024, 2, 15), 31, 0), (period.Start, period.DueOn, period.Days, period.OverdueDays));
        Assert.Equal(680.28m, period.Interest);
        Assert.Equal(344.44m, period.Subsidy);
        Assert.Equal(335.84m, period.BorrowerShare);
        Assert.Equal(0m, period.PrincipalDue);
        Assert.False(period.Projected);
        var segment = Assert.Single(period.Segments);
        Assert.Equal(new InterestSegment(Day(2024, 1, 15), Day(2024, 2, 14), 31, 200_000m, false, true), segment);
    }

    [Theory]
    // 2024 (leap): 15 Feb .. 14 Mar = 15 + 14 = 29 days.
    // Interest 200,000 × 29 × 3.95 ÷ 36,000 = 22,910,000 ÷ 36,000 = 636.3888… → 636.39.
    // Subsidy 200,000 × 29 × 2.00 ÷ 36,000 = 11,600,000 ÷ 36,000 = 322.2222… → 322.22; borrower 636.39 − 322.22 = 314.17.
    [InlineData(2024, 29, "636.39", "322.22", "314.17")]
    // 2023: 15 Feb .. 14 Mar = 14 + 14 = 28 days.
    // Interest 200,000 × 28 × 3.95 ÷ 36,000 = 22,120,000 ÷ 36,000 = 614.4444… → 614.44.
    // Subsidy 200,000 × 28 × 2.00 ÷ 36,000 = 11,200,000 ÷ 36,000 = 311.1111… → 311.11; borrower 614.44 − 311.11 = 303.33.
    [InlineData(2023, 28, "614.44", "311.11", "303.33")]
    public void February_has_29_interest_days_in_a_leap_year_and_28_otherwise(int year, int days, string interest, string subsidy, string share)
    {
        var terms = InterestOnly(200_000m, Day(year, 1, 15), 12, 12);
        Payment[] paid = [new(Day(year, 2, 15), 0m, 335.84m)];

        var period = LoanArithmetic.Evaluate(terms, paid, Day(year, 3, 15)).Periods[1];

        Assert.Equal((2, Day(year, 2, 15), Day(year, 3, 15), days), (period.Number, period.Start, period.DueOn, period.Days));
        Assert.Equal(Money(interest), period.Interest);
        Assert.Equal(Money(subsidy), period.Subsidy);
        Assert.Equal(Money(share), period.BorrowerShare);
    }

    [Fact]
    public void Interest_and_subsidy_are_rounded_half_away_from_zero()
    {
        // 10,755 yuan at 3.60 % with the borrower at 1.60 %, 1 .. 30 April = 30 days.
        // Interest 10,755 × 30 × 3.60 ÷ 36,000 = 1,161,540 ÷ 36,000 = 32.265 exactly → 32.27 (to even: 32.26).
        // Subsidy 10,755 × 30 × 2.00 ÷ 36,000 = 645,300 ÷ 36,000 = 17.925 exactly → 17.93 (to even: 17.92).
        // Borrower 32.27 − 17.93 = 14.34.
        var terms = new LoanTerms(10_755m, Day(2024, 4, 1), 12, RepaymentMethod.InterestOnly, 3.60m, 1.60m, 12);

        var period = LoanArithmetic.Evaluate(terms, [], Day(2024, 5, 1)).Periods[0];

        Assert.Equal(30, period.Days);
        Assert.Equal(32.27m, period.Interest);
        Assert.Equal(17.93m, period.Subsidy);
        Assert.Equal(14.34m, period.BorrowerShare);
    }

    [Theory]
    [InlineData("0.125", "0.13")]
    [InlineData("-0.125", "-0.13")]
    [InlineData("32.265", "32.27")]
    [InlineData("17.925", "17.93")]
    [InlineData("680.2777", "680.28")]
    [InlineData("344.4444", "344.44")]
    [InlineData("1.004999", "1.00")]
    public void Fen_rounds_half_away_from_zero(string yuan, string expected)
    {
        Assert.Equal(Money(expected), LoanArithmetic.Fen(Money(yuan)));
    }

    // ---- The schedule ----

    [Theory]
    // 100,000 ÷ 3 = 33,333.333… truncated to 33,333.33; the last 100,000 − 2 × 33,333.33 = 33,333.34.
    [InlineData(100_000, 3, 1, "33333.33")]
    [InlineData(100_000, 3, 2, "33333.33")]
    [InlineData(100_000, 3, 3, "33333.34")]
    // 100,000 ÷ 7 = 14,285.714… truncated to 14,285.71; the last 100,000 − 6 × 14,285.71 = 100,000 − 85,714.26 = 14,285.74.
    [InlineData(100_000, 7, 1, "14285.71")]
    [InlineData(100_000, 7, 7, "14285.74")]
    // 20,000 ÷ 3 = 6,666.666… truncated (not rounded to 6,666.67) to 6,666.66; the last 20,000 − 13,333.32 = 6,666.68.
    [InlineData(20_000, 3, 1, "6666.66")]
    [InlineData(20_000, 3, 3, "6666.68")]
    // 120,000 ÷ 12 = 10,000 exactly.
    [InlineData(120_000, 12, 12, "10000")]
    // Nothing before the first period or after the term.
    [InlineData(100_000, 3, 0, "0")]
    [InlineData(100_000, 3, 4, "0")]
    public void Equal_principal_asks_the_principal_over_the_term_truncated_to_the_fen_and_the_rest_last(int principal, int term, int number, string expected)
    {
        var terms = new LoanTerms(principal, Day(2024, 3, 10), term, RepaymentMethod.EqualPrincipal, Contract, Borrower, term);

        Assert.Equal(Money(expected), LoanArithmetic.PrincipalDue(terms, number));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(12)]
    [InlineData(36)]
    public void Equal_principal_dues_sum_to_the_principal(int term)
    {
        var terms = new LoanTerms(100_000m, Day(2024, 3, 10), term, RepaymentMethod.EqualPrincipal, Contract, Borrower, term);

        Assert.Equal(100_000m, Enumerable.Range(1, term).Sum(n => LoanArithmetic.PrincipalDue(terms, n)));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "0")]
    [InlineData(11, "0")]
    [InlineData(12, "200000")]
    [InlineData(13, "0")]
    public void Interest_only_asks_all_the_principal_on_the_last_due_day(int number, string expected)
    {
        var terms = InterestOnly(200_000m, Day(2024, 1, 15), 12, 12);

        Assert.Equal(Money(expected), LoanArithmetic.PrincipalDue(terms, number));
    }

    [Fact]
    public void Equal_principal_repaid_on_the_due_days_bears_less_interest_each_period_and_settles()
    {
        var terms = new LoanTerms(100_000m, Day(2024, 3, 10), 3, RepaymentMethod.EqualPrincipal, Contract, Borrower, 3);

        // Period 1: 10 Mar .. 9 Apr = 22 + 9 = 31 days on 100,000.
        //   Interest 100,000 × 31 × 3.95 ÷ 36,000 = 12,245,000 ÷ 36,000 = 340.1388… → 340.14.
        //   Subsidy 100,000 × 31 × 2.00 ÷ 36,000 = 6,200,000 ÷ 36,000 = 172.2222… → 172.22; borrower 167.92.
        // Period 2: 10 Apr .. 9 May = 21 + 9 = 30 days on 100,000 − 33,333.33 = 66,666.67.
        //   Interest 66,666.67 × 30 × 3.95 ÷ 36,000 = 7,900,000.395 ÷ 36,000 = 219.4444… → 219.44.
        //   Subsidy 66,666.67 × 30 × 2.00 ÷ 36,000 = 4,000,000.2 ÷ 36,000 = 111.1111… → 111.11; borrower 108.33.
        // Period 3: 10 May .. 9 Jun = 22 + 9 = 31 days on 66,666.67 − 33,333.33 = 33,333.34.
        //   Interest 33,333.34 × 31 × 3.95 ÷ 36,000 = 4,081,667.483 ÷ 36,000 = 113.3796… → 113.38.
        //   Subsidy 33,333.34 × 31 × 2.00 ÷ 36,000 = 2,066,667.08 ÷ 36,000 = 57.4074… → 57.41; borrower 55.97.
        Payment[] paid =
        [
            new(Day(2024, 4, 10), 33_333.33m, 167.92m),
            new(Day(2024, 5, 10), 33_333.33m, 108.33m),
            new(Day(2024, 6, 10), 33_333.34m, 55.97m),
        ];

        var standing = LoanArithmetic.Evaluate(terms, paid, Day(2024, 12, 31));

        Assert.Equal([33_333.33m, 33_333.33m, 33_333.34m], standing.Periods.Select(p => p.PrincipalDue));
        Assert.Equal([31, 30, 31], standing.Periods.Select(p => p.Days));
        Assert.Equal([100_000m, 66_666.67m, 33_333.34m], standing.Periods.Select(p => Assert.Single(p.Segments).Outstanding));
        Assert.Equal([340.14m, 219.44m, 113.38m], standing.Periods.Select(p => p.Interest));
        Assert.Equal([172.22m, 111.11m, 57.41m], standing.Periods.Select(p => p.Subsidy));
        Assert.Equal([167.92m, 108.33m, 55.97m], standing.Periods.Select(p => p.BorrowerShare));
        Assert.All(standing.Periods, p => Assert.Equal(p.Interest, p.Subsidy + p.BorrowerShare));
        Assert.Empty(standing.Spells);
        Assert.Equal((0m, 0m, 0m), (standing.Outstanding, standing.PrincipalArrears, standing.InterestArrears));
        Assert.Null(standing.OverdueSince);
        Assert.True(standing.Settled);
        Assert.Equal(Day(2024, 6, 10), standing.SettledOn);
        Assert.Null(standing.NextDueOn);
    }

    // ---- Early repayment ----

    [Fact]
    public void A_partial_principal_repayment_mid_period_splits_the_period_on_its_day()
    {
        var terms = InterestOnly(200_000m, Day(2024, 1, 15), 12, 12);
        Payment[] paid = [new(Day(2024, 2, 15), 0m, 335.84m), new(Day(2024, 3, 1), 50_000m, 0m)];

        var standing = LoanArithmetic.Evaluate(terms, paid, Day(2024, 3, 15));

        // Period 2 (2024): 15 .. 29 Feb = 15 days on 200,000, then 1 .. 14 Mar = 14 days on 150,000.
        // Interest (200,000 × 15 + 150,000 × 14) × 3.95 ÷ 36,000 = 5,100,000 × 3.95 ÷ 36,000 = 20,145,000 ÷ 36,000 = 559.5833… → 559.58.
        // Subsidy 5,100,000 × 2.00 ÷ 36,000 = 10,200,000 ÷ 36,000 = 283.3333… → 283.33; borrower 559.58 − 283.33 = 276.25.
        var period = standing.Periods[1];
        Assert.Equal(
            [
                new InterestSegment(Day(2024, 2, 15), Day(2024, 2, 29), 15, 200_000m, false, true),
                new InterestSegment(Day(2024, 3, 1), Day(2024, 3, 14), 14, 150_000m, false, true),
            ],
            period.Segments);
        Assert.Equal(29, period.Days);
        Assert.Equal(559.58m, period.Interest);
        Assert.Equal(283.33m, period.Subsidy);
        Assert.Equal(276.25m, period.BorrowerShare);

        // The prepaid 50,000 counts towards the principal due at maturity; nothing is due yet, so no arrears.
        // Interest arrears: 335.84 + 276.25 due by 15 Mar − 335.84 paid = 276.25 (due today, not overdue).
        Assert.Equal(150_000m, standing.Outstanding);
        Assert.Equal(0m, standing.PrincipalArrears);
        Assert.Equal(276.25m, standing.InterestArrears);
        Assert.Null(standing.OverdueSince);
        Assert.False(standing.Settled);
        Assert.Equal(Day(2024, 4, 15), standing.NextDueOn);
    }

    [Fact]
    public void A_full_early_repayment_mid_term_ends_the_loan()
    {
        var terms = InterestOnly(200_000m, Day(2024, 1, 15), 12, 12);

        // Period 1: 31 days on 200,000: borrower 335.84 (see the 31-day case).
        // Period 2: 15 Feb .. 14 Mar split on 1 Mar: borrower 276.25 (see the partial repayment case).
        // Period 3: 15 Mar .. 14 Apr = 17 + 14 = 31 days on 150,000.
        //   Interest 150,000 × 31 × 3.95 ÷ 36,000 = 18,367,500 ÷ 36,000 = 510.2083… → 510.21.
        //   Subsidy 150,000 × 31 × 2.00 ÷ 36,000 = 9,300,000 ÷ 36,000 = 258.3333… → 258.33; borrower 251.88.
        // Period 4: 15 .. 19 Apr = 5 days on 150,000 (repaid in full on 20 April, which bears no interest).
        //   Interest 150,000 × 5 × 3.95 ÷ 36,000 = 2,962,500 ÷ 36,000 = 82.2916… → 82.29.
        //   Subsidy 150,000 × 5 × 2.00 ÷ 36,000 = 1,500,000 ÷ 36,000 = 41.6666… → 41.67; borrower 82.29 − 41.67 = 40.62.
        Payment[] paid =
        [
            new(Day(2024, 2, 15), 0m, 335.84m),
            new(Day(2024, 3, 1), 50_000m, 0m),
            new(Day(2024, 3, 15), 0m, 276.25m),
            new(Day(2024, 4, 15), 0m, 251.88m),
            new(Day(2024, 4, 20), 150_000m, 40.62m),
        ];

        foreach (var through in new[] { Day(2024, 4, 20), Day(2024, 12, 31), Day(2026, 1, 15) })
        {
            var standing = LoanArithmetic.Evaluate(terms, paid, through);

            // No period after the fourth although the term runs to January 2025.
            Assert.Equal([1, 2, 3, 4], standing.Periods.Select(p => p.Number));
            Assert.Equal([680.28m, 559.58m, 510.21m, 82.29m], standing.Periods.Select(p => p.Interest));
            Assert.Equal([344.44m, 283.33m, 258.33m, 41.67m], standing.Periods.Select(p => p.Subsidy));
            Assert.Equal([335.84m, 276.25m, 251.88m, 40.62m], standing.Periods.Select(p => p.BorrowerShare));
            Assert.Equal(Day(2024, 4, 15), standing.Periods[3].Start);
            Assert.Equal(0m, standing.Outstanding);
            Assert.Equal(0m, standing.PrincipalArrears);
            Assert.Equal(0m, standing.InterestArrears);
            Assert.Empty(standing.Spells);
            Assert.Null(standing.OverdueSince);
            Assert.True(standing.Settled);
            Assert.Equal(Day(2024, 4, 20), standing.SettledOn);
            Assert.Null(standing.NextDueOn);
        }
    }

    [Fact]
    public void A_full_early_repayment_without_the_last_interest_is_not_settled()
    {
        var terms = InterestOnly(200_000m, Day(2024, 1, 15), 12, 12);
        Payment[] paid =
        [
            new(Day(2024, 2, 15), 0m, 335.84m),
            new(Day(2024, 3, 1), 50_000m, 0m),
            new(Day(2024, 3, 15), 0m, 276.25m),
            new(Day(2024, 4, 15), 0m, 251.88m),
            new(Day(2024, 4, 20), 150_000m, 0m),
        ];

        // On 20 April the 40.62 of period 4 (15 .. 19 April, see above) is owed but not due before 15 May.
        var before = LoanArithmetic.Evaluate(terms, paid, Day(2024, 4, 20));

        Assert.Equal(0m, before.Outstanding);
        Assert.Equal(40.62m, before.Periods[3].BorrowerShare);
        Assert.Equal(0m, before.InterestArrears);
        Assert.Null(before.OverdueSince);
        Assert.False(before.Settled);
        Assert.Null(before.SettledOn);
        Assert.Equal(Day(2024, 5, 15), before.NextDueOn);

        // Unpaid on its due day 15 May: overdue from 16 May.
        var after = LoanArithmetic.Evaluate(terms, paid, Day(2024, 6, 1));

        Assert.Equal(40.62m, after.InterestArrears);
        Assert.Equal(Day(2024, 5, 16), after.OverdueSince);
        Assert.Equal([new OverdueSpell(Day(2024, 5, 16), null)], after.Spells);
        Assert.False(after.Settled);
    }

    [Fact]
    public void After_a_full_early_repayment_the_last_period_has_only_the_days_bearing_interest()
    {
        var terms = InterestOnly(200_000m, Day(2024, 1, 15), 12, 12);
        Payment[] paid = [new(Day(2024, 1, 20), 200_000m, 0m)];

        // Period 1: 15 .. 19 Jan = 5 days bearing interest on 200,000; nothing bears interest from 20 January.
        // Interest 200,000 × 5 × 3.95 ÷ 36,000 = 3,950,000 ÷ 36,000 = 109.7222… → 109.72.
        // Subsidy 200,000 × 5 × 2.00 ÷ 36,000 = 2,000,000 ÷ 36,000 = 55.5555… → 55.56; borrower 54.16.
        // The same figures whatever the day evaluated.
        foreach (var through in new[] { Day(2024, 1, 20), Day(2024, 1, 31), Day(2024, 12, 31) })
        {
            foreach (var project in new[] { false, true })
            {
                var period = Assert.Single(LoanArithmetic.Evaluate(terms, paid, through, project).Periods);

                Assert.Equal(109.72m, period.Interest);
                Assert.Equal(55.56m, period.Subsidy);
                Assert.Equal(54.16m, period.BorrowerShare);
                Assert.Equal(5, period.Days);
                Assert.Equal([new InterestSegment(Day(2024, 1, 15), Day(2024, 1, 19), 5, 200_000m, false, true)], period.Segments);
            }
        }
    }

    // ---- Overdue ----

    [Fact]
    public void A_partly_paid_installment_makes_the_loan_overdue_from_the_day_after_its_due_day()
    {
        var terms = InterestOnly(200_000m, Day(2024, 1, 15), 12, 12);
        Payment[] paid = [new(Day(2024, 2, 15), 0m, 200m)];

        // Period 1's borrower share is 335.84; 200 paid leaves 135.84.
        var onDueDay = LoanArithmetic.Evaluate(terms, paid, Day(2024, 2, 15));

        Assert.Equal(135.84m, onDueDay.InterestArrears);
        Assert.Null(onDueDay.OverdueSince);
        Assert.False(onDueDay.IsOverdue);

        var later = LoanArithmetic.Evaluate(terms, paid, Day(2024, 3, 4));

        Assert.Equal(Day(2024, 2, 16), later.OverdueSince);
        Assert.True(later.IsOverdue);
        Assert.Equal([new OverdueSpell(Day(2024, 2, 16), null)], later.Spells);
        Assert.Equal(135.84m, later.InterestArrears);
        Assert.Equal(0m, later.PrincipalArrears);
        Assert.Equal(200_000m, later.Outstanding);
        Assert.Equal(Day(2024, 3, 15), later.NextDueOn);
    }

    [Fact]
    public void The_overdue_days_get_no_subsidy_and_the_subsidy_resumes_the_day_after_the_arrears_are_paid()
    {
        var terms = InterestOnly(200_000m, Day(2024, 1, 15), 12, 12);

        // Period 2 (15 Feb .. 14 Mar 2024, 29 days on 200,000) straddles the spell 16 Feb .. 5 Mar:
        //   15 Feb: 1 day, not overdue, subsidised;
        //   16 Feb .. 5 Mar: 14 + 5 = 19 days overdue, no subsidy (5 March, the day the arrears are paid, included);
        //   6 .. 14 Mar: 9 days, subsidised again.
        // Interest 200,000 × 29 × 3.95 ÷ 36,000 = 22,910,000 ÷ 36,000 = 636.3888… → 636.39.
        // Subsidy 200,000 × (1 + 9) × 2.00 ÷ 36,000 = 4,000,000 ÷ 36,000 = 111.1111… → 111.11.
        // Borrower 636.39 − 111.11 = 525.28 (the 19 overdue days at the full 3.95 %).
        Payment[] paid =
        [
            new(Day(2024, 2, 15), 0m, 200m),
            new(Day(2024, 3, 5), 0m, 135.84m),
            new(Day(2024, 3, 15), 0m, 525.28m),
        ];

        var standing = LoanArithmetic.Evaluate(terms, paid, Day(2024, 3, 20));

        Assert.Equal([new OverdueSpell(Day(2024, 2, 16), Day(2024, 3, 5))], standing.Spells);
        Assert.Null(standing.OverdueSince);
        var period = standing.Periods[1];
        Assert.Equal(
            [
                new InterestSegment(Day(2024, 2, 15), Day(2024, 2, 15), 1, 200_000m, false, true),
                new InterestSegment(Day(2024, 2, 16), Day(2024, 3, 5), 19, 200_000m, true, false),
                new InterestSegment(Day(2024, 3, 6), Day(2024, 3, 14), 9, 200_000m, false, true),
            ],
            period.Segments);
        Assert.Equal((29, 19), (period.Days, period.OverdueDays));
        Assert.Equal(636.39m, period.Interest);
        Assert.Equal(111.11m, period.Subsidy);
        Assert.Equal(525.28m, period.BorrowerShare);
        Assert.Equal(0m, standing.InterestArrears);
        Assert.False(standing.Settled);

        // Period 1 (before the spell) keeps its whole subsidy.
        Assert.Equal((680.28m, 344.44m, 335.84m, 0), (standing.Periods[0].Interest, standing.Periods[0].Subsidy, standing.Periods[0].BorrowerShare, standing.Periods[0].OverdueDays));

        // On the day of the repayment that clears the arrears the spell is closed, that day included.
        var onRecovery = LoanArithmetic.Evaluate(terms, paid, Day(2024, 3, 5));

        Assert.Equal([new OverdueSpell(Day(2024, 2, 16), Day(2024, 3, 5))], onRecovery.Spells);
        Assert.Null(onRecovery.OverdueSince);
        Assert.Equal(0m, onRecovery.InterestArrears);
    }

    [Fact]
    public void Arrears_paid_the_day_after_the_due_day_make_a_one_day_spell()
    {
        var terms = InterestOnly(200_000m, Day(2024, 1, 15), 12, 12);
        Payment[] paid = [new(Day(2024, 2, 16), 0m, 335.84m)];

        var standing = LoanArithmetic.Evaluate(terms, paid, Day(2024, 3, 15));

        // Period 2: 15 Feb subsidised, 16 Feb overdue, 17 Feb .. 14 Mar (13 + 14 = 27 days) subsidised.
        // Interest 636.39 (29 days, see February 2024). Subsidy 200,000 × 28 × 2.00 ÷ 36,000 = 11,200,000 ÷ 36,000 = 311.1111… → 311.11.
        // Borrower 636.39 − 311.11 = 325.28.
        Assert.Equal([new OverdueSpell(Day(2024, 2, 16), Day(2024, 2, 16))], standing.Spells);
        var period = standing.Periods[1];
        Assert.Equal(1, period.OverdueDays);
        Assert.Equal(636.39m, period.Interest);
        Assert.Equal(311.11m, period.Subsidy);
        Assert.Equal(325.28m, period.BorrowerShare);
    }

    [Fact]
    public void A_loan_never_repaid_after_maturity_keeps_bearing_interest_without_subsidy()
    {
        // Subsidised for 36 months but the term is 3: the subsidy stops with the term.
        var terms = InterestOnly(200_000m, Day(2024, 1, 15), 3, 36);

        // Periods 1 .. 3 as in the cases above: borrower 335.84 (31 days), 314.17 (29 days), and period 3,
        // 15 Mar .. 14 Apr = 31 days on 200,000: 680.28 − 344.44 = 335.84. Interest paid on each due day;
        // the 200,000 due on 15 April (maturity) never is.
        Payment[] paid =
        [
            new(Day(2024, 2, 15), 0m, 335.84m),
            new(Day(2024, 3, 15), 0m, 314.17m),
            new(Day(2024, 4, 15), 0m, 335.84m),
        ];

        var standing = LoanArithmetic.Evaluate(terms, paid, Day(2024, 6, 20));

        // Period 4: 15 Apr .. 14 May = 16 + 14 = 30 days on 200,000, no subsidy (after the term; overdue from 16 April).
        //   Interest 200,000 × 30 × 3.95 ÷ 36,000 = 23,700,000 ÷ 36,000 = 658.3333… → 658.33 = borrower's share.
        // Period 5: 15 May .. 14 Jun = 17 + 14 = 31 days on 200,000, all overdue.
        //   Interest 200,000 × 31 × 3.95 ÷ 36,000 = 680.2777… → 680.28 = borrower's share.
        Assert.Equal([1, 2, 3, 4, 5], standing.Periods.Select(p => p.Number));
        Assert.Equal([Day(2024, 5, 15), Day(2024, 6, 15)], standing.Periods.Skip(3).Select(p => p.DueOn));
        Assert.Equal([680.28m, 636.39m, 680.28m, 658.33m, 680.28m], standing.Periods.Select(p => p.Interest));
        Assert.Equal([344.44m, 322.22m, 344.44m, 0m, 0m], standing.Periods.Select(p => p.Subsidy));
        Assert.Equal([335.84m, 314.17m, 335.84m, 658.33m, 680.28m], standing.Periods.Select(p => p.BorrowerShare));
        Assert.Equal([0m, 0m, 200_000m, 0m, 0m], standing.Periods.Select(p => p.PrincipalDue));
        Assert.Equal([0, 0, 0, 29, 31], standing.Periods.Select(p => p.OverdueDays));
        Assert.Equal(
            [
                new InterestSegment(Day(2024, 4, 15), Day(2024, 4, 15), 1, 200_000m, false, false),
                new InterestSegment(Day(2024, 4, 16), Day(2024, 5, 14), 29, 200_000m, true, false),
            ],
            standing.Periods[3].Segments);

        Assert.Equal(200_000m, standing.Outstanding);
        Assert.Equal(200_000m, standing.PrincipalArrears);

        // 658.33 + 680.28 = 1,338.61 due on 15 May and 15 June, unpaid.
        Assert.Equal(1_338.61m, standing.InterestArrears);
        Assert.Equal(Day(2024, 4, 16), standing.OverdueSince);
        Assert.Equal([new OverdueSpell(Day(2024, 4, 16), null)], standing.Spells);
        Assert.False(standing.Settled);
        Assert.Null(standing.SettledOn);
        Assert.Equal(Day(2024, 7, 15), standing.NextDueOn);
    }

    [Fact]
    public void Interest_left_unpaid_at_maturity_is_overdue_until_the_day_it_is_paid()
    {
        var terms = InterestOnly(200_000m, Day(2024, 1, 15), 3, 3);

        // Borrower shares 335.84, 314.17, 335.84 (see above). On 15 April the principal is repaid with 300 of
        // the last 335.84: 35.84 is overdue from 16 April until 20 April, when it is paid.
        Payment[] paid =
        [
            new(Day(2024, 2, 15), 0m, 335.84m),
            new(Day(2024, 3, 15), 0m, 314.17m),
            new(Day(2024, 4, 15), 200_000m, 300m),
            new(Day(2024, 4, 20), 0m, 35.84m),
        ];

        var standing = LoanArithmetic.Evaluate(terms, paid, Day(2024, 6, 30));

        Assert.Equal([1, 2, 3], standing.Periods.Select(p => p.Number));
        Assert.Equal([new OverdueSpell(Day(2024, 4, 16), Day(2024, 4, 20))], standing.Spells);
        Assert.Null(standing.OverdueSince);
        Assert.Equal((0m, 0m, 0m), (standing.Outstanding, standing.PrincipalArrears, standing.InterestArrears));
        Assert.True(standing.Settled);
        Assert.Equal(Day(2024, 4, 20), standing.SettledOn);

        var meanwhile = LoanArithmetic.Evaluate(terms, paid, Day(2024, 4, 18));

        Assert.Equal(35.84m, meanwhile.InterestArrears);
        Assert.Equal(Day(2024, 4, 16), meanwhile.OverdueSince);
        Assert.False(meanwhile.Settled);
    }

    [Fact]
    public void A_repayment_after_the_arrears_are_cleared_does_not_extend_the_spell()
    {
        var terms = InterestOnly(200_000m, Day(2024, 1, 15), 3, 3);

        // As above, and on 25 April the borrower pays 0.01 more interest than owed (nothing was in arrears).
        // The 35.84 in arrears was cleared on 20 April: the spell is 16 .. 20 April.
        Payment[] paid =
        [
            new(Day(2024, 2, 15), 0m, 335.84m),
            new(Day(2024, 3, 15), 0m, 314.17m),
            new(Day(2024, 4, 15), 200_000m, 300m),
            new(Day(2024, 4, 20), 0m, 35.84m),
            new(Day(2024, 4, 25), 0m, 0.01m),
        ];

        var standing = LoanArithmetic.Evaluate(terms, paid, Day(2024, 6, 30));

        Assert.Equal([new OverdueSpell(Day(2024, 4, 16), Day(2024, 4, 20))], standing.Spells);
        Assert.True(standing.Settled);
    }

    [Fact]
    public void Periods_after_the_subsidised_months_get_no_subsidy()
    {
        var terms = InterestOnly(200_000m, Day(2024, 1, 15), 6, 2);

        var standing = LoanArithmetic.Evaluate(terms, [], Day(2024, 1, 15), project: true);

        // Days: 15 Jan .. 14 Feb 31, 15 Feb .. 14 Mar 29, 15 Mar .. 14 Apr 31, 15 Apr .. 14 May 30,
        // 15 May .. 14 Jun 31, 15 Jun .. 14 Jul 30.
        // Interest on 200,000 at 3.95 %: 31 days 680.28, 29 days 636.39 (see above);
        // 30 days 200,000 × 30 × 3.95 ÷ 36,000 = 23,700,000 ÷ 36,000 = 658.3333… → 658.33.
        // Subsidy only in periods 1 and 2: 344.44 and 322.22.
        Assert.Equal([31, 29, 31, 30, 31, 30], standing.Periods.Select(p => p.Days));
        Assert.Equal([680.28m, 636.39m, 680.28m, 658.33m, 680.28m, 658.33m], standing.Periods.Select(p => p.Interest));
        Assert.Equal([344.44m, 322.22m, 0m, 0m, 0m, 0m], standing.Periods.Select(p => p.Subsidy));
        Assert.Equal([335.84m, 314.17m, 680.28m, 658.33m, 680.28m, 658.33m], standing.Periods.Select(p => p.BorrowerShare));
        Assert.Equal([true, true, false, false, false, false], standing.Periods.Select(p => Assert.Single(p.Segments).Subsidised));
        Assert.Equal([0m, 0m, 0m, 0m, 0m, 200_000m], standing.Periods.Select(p => p.PrincipalDue));
        Assert.All(standing.Periods, p => Assert.Equal(0, p.OverdueDays));
    }

    // ---- Evaluating on a day ----

    [Fact]
    public void Repayments_after_the_day_evaluated_are_ignored()
    {
        var terms = new LoanTerms(100_000m, Day(2024, 3, 10), 3, RepaymentMethod.EqualPrincipal, Contract, Borrower, 3);
        Payment[] first = [new(Day(2024, 4, 10), 33_333.33m, 167.92m)];
        Payment[] all = [.. first, new(Day(2024, 5, 1), 66_666.67m, 0m), new(Day(2024, 5, 10), 0m, 100m)];

        var withLater = LoanArithmetic.Evaluate(terms, all, Day(2024, 4, 30));
        var without = LoanArithmetic.Evaluate(terms, first, Day(2024, 4, 30));

        // Period 1 only (period 2 is due on 10 May); 100,000 − 33,333.33 = 66,666.67 outstanding.
        Assert.Equal(66_666.67m, withLater.Outstanding);
        Assert.Equal(without.Outstanding, withLater.Outstanding);
        Assert.Equal((0m, 0m), (withLater.PrincipalArrears, withLater.InterestArrears));
        Assert.Equal([1], withLater.Periods.Select(p => p.Number));
        Assert.Equal(without.Periods.Select(p => (p.Interest, p.Subsidy, p.BorrowerShare)), withLater.Periods.Select(p => (p.Interest, p.Subsidy, p.BorrowerShare)));
        Assert.False(withLater.Settled);
        Assert.Equal(Day(2024, 5, 10), withLater.NextDueOn);
    }

    [Fact]
    public void Projecting_lists_every_period_up_to_maturity_and_marks_those_not_yet_due()
    {
        var terms = new LoanTerms(100_000m, Day(2024, 3, 10), 3, RepaymentMethod.EqualPrincipal, Contract, Borrower, 3);
        Payment[] paid = [new(Day(2024, 4, 10), 33_333.33m, 167.92m)];

        var standing = LoanArithmetic.Evaluate(terms, paid, Day(2024, 4, 20), project: true);

        // Period 1 is due (10 April); 2 and 3 are projected assuming no further repayment, on 66,666.67:
        //   period 2: 30 days, 219.44 / 111.11 / 108.33 (see the on-time schedule);
        //   period 3: 10 May .. 9 Jun = 31 days on 66,666.67 (not 33,333.34: the 10 May installment is not assumed paid).
        //     Interest 66,666.67 × 31 × 3.95 ÷ 36,000 = 8,163,333.7415 ÷ 36,000 = 226.7592… → 226.76.
        //     Subsidy 66,666.67 × 31 × 2.00 ÷ 36,000 = 4,133,333.54 ÷ 36,000 = 114.8148… → 114.81; borrower 111.95.
        Assert.Equal([1, 2, 3], standing.Periods.Select(p => p.Number));
        Assert.Equal([false, true, true], standing.Periods.Select(p => p.Projected));
        Assert.Equal([Day(2024, 4, 10), Day(2024, 5, 10), Day(2024, 6, 10)], standing.Periods.Select(p => p.DueOn));
        Assert.Equal([33_333.33m, 33_333.33m, 33_333.34m], standing.Periods.Select(p => p.PrincipalDue));
        Assert.Equal([340.14m, 219.44m, 226.76m], standing.Periods.Select(p => p.Interest));
        Assert.Equal([172.22m, 111.11m, 114.81m], standing.Periods.Select(p => p.Subsidy));
        Assert.Equal([167.92m, 108.33m, 111.95m], standing.Periods.Select(p => p.BorrowerShare));

        // The projected periods are not due: no arrears.
        Assert.Equal(66_666.67m, standing.Outstanding);
        Assert.Equal((0m, 0m), (standing.PrincipalArrears, standing.InterestArrears));
        Assert.Null(standing.OverdueSince);
        Assert.Equal(Day(2024, 5, 10), standing.NextDueOn);

        // Without projecting, only period 1.
        var plain = LoanArithmetic.Evaluate(terms, paid, Day(2024, 4, 20));
        Assert.Equal([1], plain.Periods.Select(p => p.Number));
        Assert.Equal(Day(2024, 5, 10), plain.NextDueOn);
    }

    [Fact]
    public void Projecting_from_the_disbursement_day_gives_the_whole_schedule()
    {
        var terms = new LoanTerms(100_000m, Day(2024, 3, 10), 3, RepaymentMethod.EqualPrincipal, Contract, Borrower, 3);

        var standing = LoanArithmetic.Evaluate(terms, [], Day(2024, 3, 10), project: true);

        // No repayment assumed: every period on 100,000.
        // 31 days: 340.14 / 172.22 (see the on-time schedule).
        // 30 days: interest 100,000 × 30 × 3.95 ÷ 36,000 = 11,850,000 ÷ 36,000 = 329.1666… → 329.17;
        //          subsidy 100,000 × 30 × 2.00 ÷ 36,000 = 6,000,000 ÷ 36,000 = 166.6666… → 166.67.
        Assert.Equal([true, true, true], standing.Periods.Select(p => p.Projected));
        Assert.Equal([31, 30, 31], standing.Periods.Select(p => p.Days));
        Assert.Equal([340.14m, 329.17m, 340.14m], standing.Periods.Select(p => p.Interest));
        Assert.Equal([172.22m, 166.67m, 172.22m], standing.Periods.Select(p => p.Subsidy));
        Assert.Equal(100_000m, standing.Outstanding);
        Assert.Equal((0m, 0m), (standing.PrincipalArrears, standing.InterestArrears));
        Assert.Equal(Day(2024, 4, 10), standing.NextDueOn);
    }

    [Theory]
    [InlineData(2024, 3, 10, 2024, 4, 10)]
    [InlineData(2024, 4, 9, 2024, 4, 10)]
    [InlineData(2024, 4, 10, 2024, 5, 10)]
    [InlineData(2024, 5, 31, 2024, 6, 10)]
    public void The_next_due_day_is_the_first_one_after_the_day(int year, int month, int day, int nextYear, int nextMonth, int nextDay)
    {
        var terms = new LoanTerms(100_000m, Day(2024, 3, 10), 3, RepaymentMethod.EqualPrincipal, Contract, Borrower, 3);

        var standing = LoanArithmetic.Evaluate(terms, [], new DateOnly(year, month, day));

        Assert.Equal(new DateOnly(nextYear, nextMonth, nextDay), standing.NextDueOn);
    }

    [Fact]
    public void Outstanding_and_arrears_on_a_day()
    {
        var terms = new LoanTerms(100_000m, Day(2024, 3, 10), 3, RepaymentMethod.EqualPrincipal, Contract, Borrower, 3);

        // Period 1 (due 10 April): 33,333.33 principal and 167.92 interest, paid in full.
        // Period 2 (due 10 May): 33,333.33 principal and 108.33 interest (30 days on 66,666.67, see the on-time
        // schedule); only 20,000 of the principal and none of the interest paid on 10 May.
        Payment[] paid = [new(Day(2024, 4, 10), 33_333.33m, 167.92m), new(Day(2024, 5, 10), 20_000m, 0m)];

        var dayBefore = LoanArithmetic.Evaluate(terms, paid, Day(2024, 5, 9));

        // 100,000 − 33,333.33 = 66,666.67 outstanding; only period 1 due, and paid.
        Assert.Equal(66_666.67m, dayBefore.Outstanding);
        Assert.Equal((0m, 0m), (dayBefore.PrincipalArrears, dayBefore.InterestArrears));
        Assert.Null(dayBefore.OverdueSince);

        var dueDay = LoanArithmetic.Evaluate(terms, paid, Day(2024, 5, 10));

        // 66,666.67 − 20,000 = 46,666.67 outstanding.
        // Principal due 33,333.33 × 2 = 66,666.66, paid 33,333.33 + 20,000 = 53,333.33: arrears 13,333.33.
        // Interest due 167.92 + 108.33 = 276.25, paid 167.92: arrears 108.33. Not overdue on the due day itself.
        Assert.Equal(46_666.67m, dueDay.Outstanding);
        Assert.Equal(13_333.33m, dueDay.PrincipalArrears);
        Assert.Equal(108.33m, dueDay.InterestArrears);
        Assert.Null(dueDay.OverdueSince);

        var later = LoanArithmetic.Evaluate(terms, paid, Day(2024, 5, 20));

        Assert.Equal(46_666.67m, later.Outstanding);
        Assert.Equal(13_333.33m, later.PrincipalArrears);
        Assert.Equal(108.33m, later.InterestArrears);
        Assert.Equal(Day(2024, 5, 11), later.OverdueSince);
        Assert.Equal(Day(2024, 6, 10), later.NextDueOn);
    }

    [Fact]
    public void An_early_repayment_counts_towards_the_next_dues()
    {
        var terms = new LoanTerms(100_000m, Day(2024, 3, 10), 3, RepaymentMethod.EqualPrincipal, Contract, Borrower, 3);

        // 50,000 repaid on 25 March, before period 1 is due; its interest paid on 10 April.
        // Period 1: 10 .. 24 Mar = 15 days on 100,000, 25 Mar .. 9 Apr = 7 + 9 = 16 days on 50,000.
        //   Interest (100,000 × 15 + 50,000 × 16) × 3.95 ÷ 36,000 = 2,300,000 × 3.95 ÷ 36,000 = 9,085,000 ÷ 36,000 = 252.3611… → 252.36.
        //   Subsidy 2,300,000 × 2.00 ÷ 36,000 = 4,600,000 ÷ 36,000 = 127.7777… → 127.78; borrower 252.36 − 127.78 = 124.58.
        Payment[] paid = [new(Day(2024, 3, 25), 50_000m, 0m), new(Day(2024, 4, 10), 0m, 124.58m)];

        var standing = LoanArithmetic.Evaluate(terms, paid, Day(2024, 4, 20));

        // Principal due by 10 April 33,333.33 ≤ 50,000 paid: no arrears, not overdue.
        Assert.Equal((252.36m, 127.78m, 124.58m), (standing.Periods[0].Interest, standing.Periods[0].Subsidy, standing.Periods[0].BorrowerShare));
        Assert.Equal(50_000m, standing.Outstanding);
        Assert.Equal((0m, 0m), (standing.PrincipalArrears, standing.InterestArrears));
        Assert.Null(standing.OverdueSince);
        Assert.Empty(standing.Spells);
    }

    private static LoanTerms InterestOnly(decimal principal, DateOnly disbursedOn, int termMonths, int subsidisedMonths) =>
        new(principal, disbursedOn, termMonths, RepaymentMethod.InterestOnly, Contract, Borrower, subsidisedMonths);

    private static DateOnly Day(int year, int month, int day) => new(year, month, day);

    private static decimal Money(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
