using Platform.BuildingBlocks.Identity;

namespace Platform.UnitTests.Identity;

public sealed class RegionCodeTests
{
    [Theory]
    [InlineData("510000")]
    [InlineData("510700")]
    [InlineData("510703")]
    [InlineData("500101")]
    public void Six_digits_not_starting_with_00_are_well_formed(string code)
    {
        Assert.True(RegionCode.IsWellFormed(code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("51070")]
    [InlineData("5107030")]
    [InlineData("51070A")]
    [InlineData(" 51070")]
    [InlineData("000100")]
    public void Other_codes_are_not_well_formed(string? code)
    {
        Assert.False(RegionCode.IsWellFormed(code));
    }

    [Theory]
    [InlineData("510000", "51")]
    [InlineData("500000", "50")]
    [InlineData("510700", "5107")]
    [InlineData("510703", "510703")]
    [InlineData("500101", "500101")]
    public void The_prefix_strips_trailing_00_pairs(string code, string expected)
    {
        Assert.Equal(expected, RegionCode.Prefix(code));
    }

    [Fact]
    public void The_prefix_of_a_malformed_code_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RegionCode.Prefix("5107"));
    }

    [Theory]
    [InlineData("510703", "510700")]
    [InlineData("510703", "510000")]
    [InlineData("510700", "510000")]
    [InlineData("500101", "500000")]
    [InlineData("510703", "510703")]
    [InlineData("510000", "510000")]
    public void A_code_is_within_a_region_when_it_starts_with_the_region_prefix(string code, string region)
    {
        Assert.True(RegionCode.IsWithin(code, region));
    }

    [Theory]
    [InlineData("510703", "500000")]
    [InlineData("500101", "510000")]
    [InlineData("510703", "510800")]
    [InlineData("510700", "510703")]
    [InlineData("510000", "510700")]
    [InlineData("5107", "510000")]
    [InlineData("510703", "51")]
    public void A_code_outside_the_region_or_malformed_is_not_within(string code, string region)
    {
        Assert.False(RegionCode.IsWithin(code, region));
    }

    [Theory]
    [InlineData("510000", RegionLevel.Province)]
    [InlineData("500000", RegionLevel.Province)]
    [InlineData("510700", RegionLevel.Prefecture)]
    [InlineData("510703", RegionLevel.County)]
    [InlineData("500101", RegionLevel.County)]
    public void The_level_follows_from_the_trailing_zeros(string code, RegionLevel expected)
    {
        Assert.Equal(expected, RegionCode.LevelOf(code));
    }
}
