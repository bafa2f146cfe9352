using Platform.Modules.ReturnHomeEntrepreneurship.Domain;

namespace Platform.UnitTests.ReturnHomeEntrepreneurship;

/// <summary>
/// The README's worked example of the interest subsidy, figure by figure: a 200,000-yuan interest-only loan
/// paid out on 2024-01-31 for 36 months at 3.95 % (LPR 3.45 % + 50 bp), the borrower bearing 1.95 %
/// (LPR − 150 bp), with a leap-year February, a partial early repayment and a month overdue. If this test
/// changes, the README's table changes with it.
/// </summary>
public sealed class WorkedExampleTests
{
    private static readonly LoanTerms Loan = new(200_000m, new DateOnly(2024, 1, 31), 36, RepaymentMethod.InterestOnly, 3.95m, 1.95m, 36);

    private static readonly Payment[] Payments =
    [
        new(new DateOnly(2024, 2, 29), 0m, 314.17m),
        new(new DateOnly(2024, 3, 31), 0m, 335.84m),
        new(new DateOnly(2024, 4, 15), 50_000m, 0m),
        new(new DateOnly(2024, 4, 30), 0m, 284.37m),
        new(new DateOnly(2024, 6, 10), 0m, 251.88m),
        new(new DateOnly(2024, 6, 30), 0m, 327.08m),
    ];

    [Fact]
    public void The_first_five_periods_match_the_hand_computed_table()
    {
        var standing = LoanArithmetic.Evaluate(Loan, Payments, new DateOnly(2024, 6, 30));
        var rows = standing.Periods.Select(p => (p.DueOn, p.Days, p.OverdueDays, p.Interest, p.Subsidy, p.BorrowerShare)).ToArray();

        Assert.Equal(
            [
                // 200,000 × 29 × 3.95 ÷ 36,000 = 636.388… → 636.39; × 2.00 → 322.222… → 322.22; 636.39 − 322.22.
                (new DateOnly(2024, 2, 29), 29, 0, 636.39m, 322.22m, 314.17m),

                // 200,000 × 31 days: 680.277… → 680.28; 344.444… → 344.44; 335.84.
                (new DateOnly(2024, 3, 31), 31, 0, 680.28m, 344.44m, 335.84m),

                // (200,000 × 15 + 150,000 × 15) × 3.95 ÷ 36,000 = 576.041… → 576.04; × 2.00 → 291.666… → 291.67; 284.37.
                (new DateOnly(2024, 4, 30), 30, 0, 576.04m, 291.67m, 284.37m),

                // 150,000 × 31: 510.208… → 510.21; 258.333… → 258.33; 251.88 (paid late, on 10 June).
                (new DateOnly(2024, 5, 31), 31, 0, 510.21m, 258.33m, 251.88m),

                // 150,000 × 30 × 3.95 ÷ 36,000 = 493.75; overdue 1–10 June (10 days) unsubsidised:
                // 150,000 × 20 × 2.00 ÷ 36,000 = 166.666… → 166.67; 493.75 − 166.67 = 327.08.
                (new DateOnly(2024, 6, 30), 30, 10, 493.75m, 166.67m, 327.08m),
            ],
            rows);
        Assert.Equal([new OverdueSpell(new DateOnly(2024, 6, 1), new DateOnly(2024, 6, 10))], standing.Spells);
        Assert.Equal(150_000m, standing.Outstanding);
        Assert.Null(standing.OverdueSince);
    }

    [Fact]
    public void The_period_with_the_early_repayment_has_two_segments_and_the_overdue_period_three()
    {
        var standing = LoanArithmetic.Evaluate(Loan, Payments, new DateOnly(2024, 6, 30));

        Assert.Equal(
            [
                new InterestSegment(new DateOnly(2024, 3, 31), new DateOnly(2024, 4, 14), 15, 200_000m, false, true),
                new InterestSegment(new DateOnly(2024, 4, 15), new DateOnly(2024, 4, 29), 15, 150_000m, false, true),
            ],
            standing.Periods[2].Segments);
        Assert.Equal(
            [
                new InterestSegment(new DateOnly(2024, 5, 31), new DateOnly(2024, 5, 31), 1, 150_000m, false, true),
                new InterestSegment(new DateOnly(2024, 6, 1), new DateOnly(2024, 6, 10), 10, 150_000m, true, false),
                new InterestSegment(new DateOnly(2024, 6, 11), new DateOnly(2024, 6, 29), 19, 150_000m, false, true),
            ],
            standing.Periods[4].Segments);
    }
}
