using Platform.BuildingBlocks.Identity;

namespace Platform.UnitTests.Identity;

public sealed class ResidentIdNumberTests
{
    // Check characters below were computed with the GB 11643 weights and mapping.
    private const string PublicSample = "11010519491231002X";
    private const string ChengduMale = "510107199003071236";
    private const string ChengduFemale = "510107199003071244";
    private const string LeapDayMale = "510703200002290018";

    private static readonly DateOnly Today = new(2025, 6, 1);

    [Theory]
    [InlineData(PublicSample)]
    [InlineData(ChengduMale)]
    [InlineData(ChengduFemale)]
    [InlineData(LeapDayMale)]
    [InlineData("50010119850615002X")]
    public void A_number_with_a_correct_check_character_is_accepted(string input)
    {
        var ok = ResidentIdNumber.TryParse(input, Today, out var value, out var error);

        Assert.True(ok);
        Assert.Equal(IdentityFormatError.None, error);
        Assert.Equal(input, value.Value);
    }

    [Fact]
    public void The_check_character_is_computed_with_the_gb_11643_weights()
    {
        Assert.Equal('X', ResidentIdNumberChecksum.ComputeCheckCharacter("11010519491231002"));
        Assert.Equal('6', ResidentIdNumberChecksum.ComputeCheckCharacter("51010719900307123"));
    }

    [Fact]
    public void The_checksum_rejects_input_that_is_not_17_digits()
    {
        Assert.Throws<ArgumentException>(() => ResidentIdNumberChecksum.ComputeCheckCharacter("1101051949123100"));
        Assert.Throws<ArgumentException>(() => ResidentIdNumberChecksum.ComputeCheckCharacter("1101051949123100A"));
    }

    [Fact]
    public void A_lower_case_x_check_character_is_accepted_and_stored_upper_case()
    {
        var ok = ResidentIdNumber.TryParse("11010519491231002x", Today, out var value, out _);

        Assert.True(ok);
        Assert.Equal(PublicSample, value.Value);
    }

    [Fact]
    public void Surrounding_whitespace_is_trimmed()
    {
        var ok = ResidentIdNumber.TryParse("  " + ChengduMale + "\t", Today, out var value, out _);

        Assert.True(ok);
        Assert.Equal(ChengduMale, value.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_number_is_reported_as_empty(string? input)
    {
        Assert.False(ResidentIdNumber.TryParse(input, Today, out var value, out var error));
        Assert.Equal(IdentityFormatError.Empty, error);
        Assert.Equal(default, value);
    }

    [Theory]
    [InlineData("51010719900307123")]
    [InlineData("5101071990030712366")]
    [InlineData("510107900307123")]
    public void A_number_that_is_not_18_characters_is_reported_as_wrong_length(string input)
    {
        Assert.False(ResidentIdNumber.TryParse(input, Today, out _, out var error));
        Assert.Equal(IdentityFormatError.WrongLength, error);
    }

    [Theory]
    [InlineData("51010719900307A236")]
    [InlineData("X10107199003071236")]
    [InlineData("51010719900307123A")]
    [InlineData("5101071990 3071236")]
    [InlineData("５10107199003071236")]
    public void Letters_or_other_characters_are_reported_as_invalid_characters(string input)
    {
        Assert.False(ResidentIdNumber.TryParse(input, Today, out _, out var error));
        Assert.Equal(IdentityFormatError.InvalidCharacter, error);
    }

    [Theory]
    [InlineData("51010719900230123")] // 30 February
    [InlineData("51010719901301123")] // month 13
    [InlineData("51010720010229123")] // 29 February in a common year
    [InlineData("51010718991231123")] // before 1900
    public void A_birth_date_that_is_not_a_real_date_from_1900_is_invalid(string first17)
    {
        var input = first17 + ResidentIdNumberChecksum.ComputeCheckCharacter(first17);

        Assert.False(ResidentIdNumber.TryParse(input, Today, out _, out var error));
        Assert.Equal(IdentityFormatError.InvalidBirthDate, error);
    }

    [Fact]
    public void A_birth_date_after_today_is_refused()
    {
        const string first17 = "51010720250602123";
        var input = first17 + ResidentIdNumberChecksum.ComputeCheckCharacter(first17);

        Assert.False(ResidentIdNumber.TryParse(input, Today, out _, out var error));
        Assert.Equal(IdentityFormatError.BirthDateInFuture, error);
    }

    [Fact]
    public void A_baby_born_today_is_accepted()
    {
        const string first17 = "51010720250601123";
        var input = first17 + ResidentIdNumberChecksum.ComputeCheckCharacter(first17);

        Assert.True(ResidentIdNumber.TryParse(input, Today, out var value, out _));
        Assert.Equal(0, value.AgeOn(Today));
    }

    [Theory]
    [InlineData("110105194912310021")]
    [InlineData("510107199003071237")]
    [InlineData("51010719900307123X")]
    public void A_wrong_check_character_is_reported_as_a_mismatch(string input)
    {
        Assert.False(ResidentIdNumber.TryParse(input, Today, out _, out var error));
        Assert.Equal(IdentityFormatError.CheckCharacterMismatch, error);
    }

    [Fact]
    public void Birth_date_and_registration_region_are_derived_from_the_number()
    {
        var value = ResidentIdNumber.Parse(ChengduMale);

        Assert.Equal(new DateOnly(1990, 3, 7), value.BirthDate);
        Assert.Equal("510107", value.RegistrationRegionCode);
    }

    [Fact]
    public void An_odd_17th_digit_is_male_and_an_even_one_female()
    {
        Assert.Equal(Gender.Male, ResidentIdNumber.Parse(ChengduMale).Gender);
        Assert.Equal(Gender.Female, ResidentIdNumber.Parse(ChengduFemale).Gender);
        Assert.Equal(Gender.Female, ResidentIdNumber.Parse(PublicSample).Gender);
    }

    [Fact]
    public void Age_counts_completed_years_and_increases_on_the_birthday()
    {
        var value = ResidentIdNumber.Parse(ChengduMale); // born 1990-03-07

        Assert.Equal(34, value.AgeOn(new DateOnly(2025, 3, 6)));
        Assert.Equal(35, value.AgeOn(new DateOnly(2025, 3, 7)));
        Assert.Equal(35, value.AgeOn(new DateOnly(2026, 3, 6)));
        Assert.Equal(0, value.AgeOn(value.BirthDate));
    }

    [Fact]
    public void Someone_born_on_29_february_turns_a_year_older_on_1_march_in_a_common_year()
    {
        var value = ResidentIdNumber.Parse(LeapDayMale);

        Assert.Equal(new DateOnly(2000, 2, 29), value.BirthDate);
        Assert.Equal(17, value.AgeOn(new DateOnly(2018, 2, 28)));
        Assert.Equal(18, value.AgeOn(new DateOnly(2018, 3, 1)));
        Assert.Equal(24, value.AgeOn(new DateOnly(2024, 2, 29)));
    }

    [Fact]
    public void Age_before_the_birth_date_is_refused()
    {
        var value = ResidentIdNumber.Parse(ChengduMale);

        Assert.Throws<ArgumentOutOfRangeException>(() => value.AgeOn(new DateOnly(1990, 3, 6)));
    }

    [Fact]
    public void The_masked_form_keeps_the_first_six_and_last_four_characters()
    {
        Assert.Equal("510107********1236", ResidentIdNumber.Parse(ChengduMale).Masked);
        Assert.Equal("110105********002X", ResidentIdNumber.Parse(PublicSample).Masked);
    }

    [Fact]
    public void ToString_returns_the_masked_form_so_logging_never_leaks_the_number()
    {
        var value = ResidentIdNumber.Parse(ChengduMale);

        Assert.Equal("510107********1236", value.ToString());
        Assert.Equal("510107********1236", $"{value}");
        Assert.DoesNotContain("19900307", value.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_throws_a_format_exception_that_does_not_contain_the_input()
    {
        const string input = "510107199003071237";

        var exception = Assert.Throws<FormatException>(() => ResidentIdNumber.Parse(input));

        Assert.DoesNotContain(input, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_without_a_date_validates_against_today()
    {
        Assert.True(ResidentIdNumber.TryParse(PublicSample, out var value));
        Assert.Equal(PublicSample, value.Value);
        Assert.False(ResidentIdNumber.TryParse("110105194912310021", out _));
    }

    [Fact]
    public void Equal_numbers_are_equal_values()
    {
        var lower = ResidentIdNumber.Parse("11010519491231002x");
        var upper = ResidentIdNumber.Parse(PublicSample);

        Assert.Equal(upper, lower);
        Assert.Equal(upper.GetHashCode(), lower.GetHashCode());
    }

    [Fact]
    public void A_default_value_does_not_throw_when_inspected()
    {
        ResidentIdNumber value = default;

        Assert.Equal(string.Empty, value.Value);
        Assert.Equal(string.Empty, value.Masked);
        Assert.Equal(string.Empty, value.ToString());
        Assert.Equal(string.Empty, value.RegistrationRegionCode);
    }
}
