using Platform.BuildingBlocks.PersonalData;

namespace Platform.UnitTests.PersonalData;

public sealed class PersonalDataMaskingTests
{
    [Theory]
    [InlineData(Samples.ResidentId, "510107********1234")]
    [InlineData(Samples.ResidentIdWithX, "510107********125X")]
    [InlineData(" 51010719900301125x ", "510107********125X")]
    public void A_valid_resident_id_keeps_its_first_six_and_last_four(string input, string expected)
    {
        Assert.Equal(expected, PersonalDataMasking.MaskResidentId(input));
    }

    [Theory]
    [InlineData("510107198903011235", "**************1235")]
    [InlineData("5101071989", "******1989")]
    [InlineData("12345678", "****5678")]
    [InlineData("1234567", "*******")]
    [InlineData("12", "**")]
    public void A_malformed_resident_id_shows_at_most_its_last_four(string input, string expected)
    {
        Assert.Equal(expected, PersonalDataMasking.MaskResidentId(input));
    }

    [Theory]
    [InlineData(Samples.Phone, "138****5678")]
    [InlineData("+86 138-1234-5678", "138****5678")]
    [InlineData("008619912340000", "199****0000")]
    public void A_valid_phone_keeps_its_first_three_and_last_four(string input, string expected)
    {
        Assert.Equal(expected, PersonalDataMasking.MaskPhone(input));
    }

    [Theory]
    [InlineData("12812345678", "*********78")]
    [InlineData("028-8888", "******88")]
    [InlineData("123", "***")]
    public void A_malformed_phone_shows_at_most_its_last_two(string input, string expected)
    {
        Assert.Equal(expected, PersonalDataMasking.MaskPhone(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Nothing_masks_to_nothing(string? input)
    {
        Assert.Equal(string.Empty, PersonalDataMasking.MaskResidentId(input));
        Assert.Equal(string.Empty, PersonalDataMasking.MaskPhone(input));
    }
}
