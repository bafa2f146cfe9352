using Platform.BuildingBlocks.Identity;

namespace Platform.UnitTests.Identity;

public sealed class UnifiedSocialCreditCodeTests
{
    // Check characters below were verified with the GB 32100 weights.
    private const string FuzhouSample = "91350100M000100Y43";
    private const string BeijingSample = "91110000600037341L";
    private const string MianyangSample = "91510700MA6000000M";
    private const string CheckIndexZeroSample = "91510700MA60000130";

    [Theory]
    [InlineData(FuzhouSample)]
    [InlineData(BeijingSample)]
    [InlineData(MianyangSample)]
    [InlineData(CheckIndexZeroSample)]
    public void A_code_with_a_correct_check_character_is_accepted(string input)
    {
        var ok = UnifiedSocialCreditCode.TryParse(input, out var value, out var error);

        Assert.True(ok);
        Assert.Equal(IdentityFormatError.None, error);
        Assert.Equal(input, value.Value);
    }

    [Fact]
    public void The_check_character_is_computed_with_the_gb_32100_weights()
    {
        Assert.Equal('3', UnifiedSocialCreditCode.ComputeCheckCharacter("91350100M000100Y4"));
        Assert.Equal('L', UnifiedSocialCreditCode.ComputeCheckCharacter("91110000600037341"));
    }

    [Fact]
    public void A_check_index_of_31_maps_to_the_character_0()
    {
        Assert.Equal('0', UnifiedSocialCreditCode.ComputeCheckCharacter("91510700MA6000013"));
    }

    [Fact]
    public void The_checksum_rejects_input_outside_the_charset_or_of_the_wrong_length()
    {
        Assert.Throws<ArgumentException>(() => UnifiedSocialCreditCode.ComputeCheckCharacter("91350100M000100Y"));
        Assert.Throws<ArgumentException>(() => UnifiedSocialCreditCode.ComputeCheckCharacter("91350100M000100I4"));
    }

    [Fact]
    public void Input_is_trimmed_and_upper_cased()
    {
        var ok = UnifiedSocialCreditCode.TryParse("  91110000600037341l ", out var value, out _);

        Assert.True(ok);
        Assert.Equal(BeijingSample, value.Value);
    }

    [Fact]
    public void The_region_code_is_characters_3_to_8()
    {
        Assert.Equal("350100", UnifiedSocialCreditCode.Parse(FuzhouSample).RegionCode);
        Assert.Equal("510700", UnifiedSocialCreditCode.Parse(MianyangSample).RegionCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_missing_code_is_reported_as_empty(string? input)
    {
        Assert.False(UnifiedSocialCreditCode.TryParse(input, out _, out var error));
        Assert.Equal(IdentityFormatError.Empty, error);
    }

    [Theory]
    [InlineData("91350100M000100Y4")]
    [InlineData("91350100M000100Y433")]
    public void A_code_that_is_not_18_characters_is_reported_as_wrong_length(string input)
    {
        Assert.False(UnifiedSocialCreditCode.TryParse(input, out _, out var error));
        Assert.Equal(IdentityFormatError.WrongLength, error);
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('Z')]
    [InlineData('i')]
    [InlineData('-')]
    public void Characters_outside_the_charset_are_refused(char excluded)
    {
        var input = "91350100" + excluded + "000100Y43";

        Assert.False(UnifiedSocialCreditCode.TryParse(input, out _, out var error));
        Assert.Equal(IdentityFormatError.InvalidCharacter, error);
    }

    [Theory]
    [InlineData("91350100M000100Y44")]
    [InlineData("91110000600037341K")]
    [InlineData("91510700MA60000131")]
    public void A_wrong_check_character_is_reported_as_a_mismatch(string input)
    {
        Assert.False(UnifiedSocialCreditCode.TryParse(input, out _, out var error));
        Assert.Equal(IdentityFormatError.CheckCharacterMismatch, error);
    }

    [Fact]
    public void Parse_throws_a_format_exception_for_an_invalid_code()
    {
        Assert.Throws<FormatException>(() => UnifiedSocialCreditCode.Parse("91350100M000100Y44"));
    }

    [Fact]
    public void TryParse_without_an_error_reports_success_only()
    {
        Assert.True(UnifiedSocialCreditCode.TryParse(FuzhouSample, out var value));
        Assert.Equal(FuzhouSample, value.Value);
        Assert.False(UnifiedSocialCreditCode.TryParse("91350100M000100Y44", out _));
    }

    [Fact]
    public void ToString_returns_the_code()
    {
        Assert.Equal(FuzhouSample, UnifiedSocialCreditCode.Parse(FuzhouSample).ToString());
    }
}
