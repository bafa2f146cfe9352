using System.Globalization;
using Platform.BuildingBlocks.Localization;

namespace Platform.UnitTests.Localization;

public sealed class LocalizedTextTests
{
    private static readonly LocalizedText Sample = new("行政区划代码为六位数字。", "A division code is six digits.");

    [Theory]
    [InlineData("en")]
    [InlineData("en-US")]
    [InlineData("en-GB")]
    public void English_cultures_read_the_english_text(string culture)
    {
        Assert.Equal("A division code is six digits.", Sample.In(CultureInfo.GetCultureInfo(culture)));
        using (new CultureScope(culture))
        {
            Assert.Equal("A division code is six digits.", Sample.ToString());
        }
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("zh")]
    [InlineData("zh-TW")]
    [InlineData("fr-FR")]
    [InlineData("ja-JP")]
    [InlineData("")]
    public void Every_other_culture_reads_the_chinese_text(string culture)
    {
        var info = culture.Length == 0 ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(culture);
        Assert.Equal("行政区划代码为六位数字。", Sample.In(info));
        using (new CultureScope(culture))
        {
            Assert.Equal("行政区划代码为六位数字。", Sample.ToString());
        }
    }

    [Fact]
    public void The_text_is_picked_each_time_it_is_read_not_when_it_is_made()
    {
        LocalizedText text;
        using (new CultureScope("en"))
        {
            text = new LocalizedText("中文", "English");
        }

        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("中文", $"{text}");
        }

        using (new CultureScope("en-US"))
        {
            Assert.Equal("English", $"{text}");
        }
    }

    [Fact]
    public void Invariant_text_reads_the_same_in_both_languages()
    {
        var text = LocalizedText.Invariant("510700");

        Assert.Equal("510700", text.In(PlatformCultures.Chinese));
        Assert.Equal("510700", text.In(PlatformCultures.English));
    }

    [Fact]
    public void Texts_with_the_same_languages_are_equal()
    {
        Assert.Equal(new LocalizedText("是", "yes"), new LocalizedText("是", "yes"));
        Assert.NotEqual(new LocalizedText("是", "yes"), new LocalizedText("是", "Yes"));
    }

    [Fact]
    public void Both_languages_are_required()
    {
        Assert.Throws<ArgumentNullException>(() => new LocalizedText(null!, "English"));
        Assert.Throws<ArgumentNullException>(() => new LocalizedText("中文", null!));
    }

    [Fact]
    public void Supported_cultures_are_chinese_first_then_english()
    {
        Assert.Equal(["zh-CN", "en"], PlatformCultures.Supported.Select(c => c.Name));
        Assert.False(PlatformCultures.IsEnglish(PlatformCultures.Chinese));
        Assert.True(PlatformCultures.IsEnglish(PlatformCultures.English));
    }
}
