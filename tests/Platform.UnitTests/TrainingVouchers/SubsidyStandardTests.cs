using System.Globalization;
using Platform.Modules.TrainingVouchers.Domain;

namespace Platform.UnitTests.TrainingVouchers;

public sealed class SubsidyStandardTests
{
    [Theory]
    [InlineData("1000", "0", "1000.00")]
    [InlineData("1000", "30", "1300.00")]
    [InlineData("1500", "30", "1950.00")]
    [InlineData("1234.56", "12.5", "1388.88")]
    [InlineData("999.99", "30", "1299.99")]
    [InlineData("1000.04", "12.5", "1125.05")]
    [InlineData("1000.02", "12.5", "1125.02")]
    [InlineData("0.01", "50", "0.02")]
    public void The_face_value_is_the_amount_with_the_uplift_rounded_to_the_fen_half_away_from_zero(string amount, string upliftPercent, string expected)
    {
        var standard = new SubsidyStandard
        {
            OccupationCode = "6-31-01-03",
            Level = SkillLevel.Level5,
            RegionCode = "511100",
            EffectiveFrom = new DateOnly(2026, 1, 1),
            Amount = decimal.Parse(amount, CultureInfo.InvariantCulture),
            ShortageUpliftPercent = decimal.Parse(upliftPercent, CultureInfo.InvariantCulture),
            IsSample = true,
        };

        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), standard.FaceValue);
    }

    [Fact]
    public void A_midpoint_fen_rounds_up_not_to_even()
    {
        // 1000.04 × 1.125 = 1125.045: banker's rounding would give 1125.04.
        var standard = new SubsidyStandard { Amount = 1000.04m, ShortageUpliftPercent = 12.5m };

        Assert.Equal(1125.05m, standard.FaceValue);
    }
}
