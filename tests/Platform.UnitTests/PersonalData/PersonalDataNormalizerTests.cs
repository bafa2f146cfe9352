using Platform.BuildingBlocks.PersonalData;

namespace Platform.UnitTests.PersonalData;

public sealed class PersonalDataNormalizerTests
{
    [Theory]
    [InlineData(Samples.ResidentId, Samples.ResidentId)]
    [InlineData("51010719900301125x", Samples.ResidentIdWithX)]
    [InlineData("  51010719900301125X\t", Samples.ResidentIdWithX)]
    public void A_valid_resident_id_is_trimmed_with_an_upper_case_x(string input, string expected)
    {
        Assert.Equal(expected, PersonalDataNormalizer.NormalizeResidentId(input));
        Assert.Equal(expected, PersonalDataNormalizer.Normalize(PersonalDataKind.ResidentId, input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("510107198903011235")]
    [InlineData("51010719890301123")]
    [InlineData("510107 198903011234")]
    [InlineData("510107198902301234")]
    public void An_invalid_resident_id_normalises_to_null(string? input)
    {
        Assert.Null(PersonalDataNormalizer.NormalizeResidentId(input));
    }

    [Fact]
    public void A_resident_id_born_after_today_is_invalid()
    {
        Assert.Null(PersonalDataNormalizer.NormalizeResidentId(Samples.ResidentId, new DateOnly(1989, 2, 28)));
        Assert.Equal(Samples.ResidentId, PersonalDataNormalizer.NormalizeResidentId(Samples.ResidentId, new DateOnly(1989, 3, 1)));
    }

    [Theory]
    [InlineData("13812345678")]
    [InlineData("+8613812345678")]
    [InlineData("+86 138 1234 5678")]
    [InlineData("+86-138-1234-5678")]
    [InlineData("008613812345678")]
    [InlineData(" 138-1234-5678 ")]
    public void Accepted_phone_forms_normalise_to_eleven_digits(string input)
    {
        Assert.Equal("13812345678", PersonalDataNormalizer.NormalizePhone(input));
        Assert.Equal("13812345678", PersonalDataNormalizer.Normalize(PersonalDataKind.Phone, input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12812345678")]
    [InlineData("23812345678")]
    [InlineData("1381234567")]
    [InlineData("138123456789")]
    [InlineData("8613812345678")]
    [InlineData("+85213812345678")]
    [InlineData("(138)12345678")]
    [InlineData("1381234567a")]
    [InlineData("１３８１２３４５６７８")]
    [InlineData("028-88888888")]
    public void Invalid_phones_normalise_to_null(string? input)
    {
        Assert.Null(PersonalDataNormalizer.NormalizePhone(input));
    }

    [Fact]
    public void Very_long_input_is_rejected_without_work()
    {
        Assert.Null(PersonalDataNormalizer.NormalizePhone(new string(' ', 10_000) + "13812345678"));
    }
}
