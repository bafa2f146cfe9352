using System.Globalization;

namespace Platform.BuildingBlocks.Localization;

/// <summary>The languages the platform answers in: Simplified Chinese by default, English on request.</summary>
public static class PlatformCultures
{
    /// <summary>Simplified Chinese as used in mainland China; the default.</summary>
    public const string ChineseName = "zh-CN";

    /// <summary>English.</summary>
    public const string EnglishName = "en";

    /// <summary>The default culture, <c>zh-CN</c>.</summary>
    public static CultureInfo Chinese { get; } = CultureInfo.GetCultureInfo(ChineseName);

    /// <summary>The English culture, <c>en</c>.</summary>
    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo(EnglishName);

    /// <summary>The supported cultures, the default first.</summary>
    public static IReadOnlyList<CultureInfo> Supported { get; } = [Chinese, English];

    /// <summary>Whether <paramref name="culture"/> is English (<c>en</c> or a regional variant); everything else reads Chinese.</summary>
    public static bool IsEnglish(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return string.Equals(culture.TwoLetterISOLanguageName, "en", StringComparison.OrdinalIgnoreCase);
    }
}
