using System.Globalization;
using Platform.Modules.VeteranEmployment.Domain;

namespace Platform.UnitTests.VeteranEmployment;

/// <summary>The yearly amount of a standard (base raised by the province's uplift, to the fen) and the caps of the uplift.</summary>
public sealed class IncentiveStandardTests
{
    [Theory]
    [InlineData("6000", "0", "6000.00")]
    [InlineData("6000", "50", "9000.00")]
    [InlineData("6000", "33.33", "7999.80")]
    [InlineData("6000", "33.333", "7999.98")]
    [InlineData("6000", "33.3333", "8000.00")]
    [InlineData("6000", "12.5", "6750.00")]
    [InlineData("20000", "0", "20000.00")]
    [InlineData("20000", "20", "24000.00")]
    [InlineData("20000", "12.345", "22469.00")]
    [InlineData("20000", "0.00001", "20000.00")]
    [InlineData("20000", "0.00003", "20000.01")]
    public void The_yearly_amount_is_the_base_raised_by_the_uplift_to_the_fen(string baseAmount, string uplift, string expected)
    {
        var standard = new IncentiveStandard { BaseAmount = Money(baseAmount), UpliftPercent = Money(uplift) };

        Assert.Equal(Money(expected), standard.YearlyAmount);
    }

    [Theory]
    [InlineData("0.03", "50", "0.05")]
    [InlineData("0.01", "50", "0.02")]
    [InlineData("20000", "0.000025", "20000.01")]
    [InlineData("20000", "0.000075", "20000.02")]
    public void A_half_fen_is_rounded_away_from_zero(string baseAmount, string uplift, string expected)
    {
        // 0.03 × 1.5 = 0.045 → 0.05 (to even would give 0.04); 20,000 × 1.00000025 = 20,000.005 → 20,000.01.
        var standard = new IncentiveStandard { BaseAmount = Money(baseAmount), UpliftPercent = Money(uplift) };

        Assert.Equal(Money(expected), standard.YearlyAmount);
    }

    [Fact]
    public void Employers_may_be_raised_by_50_percent_and_self_employment_by_20()
    {
        Assert.Equal(50m, IncentiveStandard.MaxUplift(IncentiveKind.EmployerHiring));
        Assert.Equal(20m, IncentiveStandard.MaxUplift(IncentiveKind.SelfEmployment));
    }

    [Fact]
    public void The_highest_uplifts_give_9000_and_24000()
    {
        var employer = new IncentiveStandard { Kind = IncentiveKind.EmployerHiring, BaseAmount = 6_000m, UpliftPercent = IncentiveStandard.MaxUplift(IncentiveKind.EmployerHiring) };
        var self = new IncentiveStandard { Kind = IncentiveKind.SelfEmployment, BaseAmount = 20_000m, UpliftPercent = IncentiveStandard.MaxUplift(IncentiveKind.SelfEmployment) };

        Assert.Equal(9_000.00m, employer.YearlyAmount);
        Assert.Equal(24_000.00m, self.YearlyAmount);
    }

    [Fact]
    public void A_new_standard_counts_36_months()
    {
        Assert.Equal(36, new IncentiveStandard().MaxMonths);
    }

    private static decimal Money(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);
}
