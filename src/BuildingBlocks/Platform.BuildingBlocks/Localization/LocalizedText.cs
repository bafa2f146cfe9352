using System.Globalization;

namespace Platform.BuildingBlocks.Localization;

/// <summary>
/// A text in Simplified Chinese and English. Which one a reader gets is picked when the text is
/// read (<see cref="ToString"/>), by <see cref="CultureInfo.CurrentUICulture"/>, which the host's
/// request localisation sets from <c>Accept-Language</c>: English for <c>en</c> and <c>en-*</c>,
/// Chinese for anything else. Declare texts once (as fields or inline) and hand them to the
/// <c>ApiProblems</c>, <c>DomainException</c> and <c>WithMessage</c> overloads that take one; they
/// pick the language of the request being answered.
/// </summary>
/// <remarks>
/// There is deliberately no implicit conversion to <see cref="string"/>: a conversion would pick a
/// language wherever it happens to run (a validator's constructor, a static initialiser) and freeze it.
/// </remarks>
public sealed record LocalizedText
{
    public LocalizedText(string chinese, string english)
    {
        ArgumentNullException.ThrowIfNull(chinese);
        ArgumentNullException.ThrowIfNull(english);
        Chinese = chinese;
        English = english;
    }

    /// <summary>The Simplified Chinese text (zh-CN), the platform's default language.</summary>
    public string Chinese { get; }

    /// <summary>The English text.</summary>
    public string English { get; }

    /// <summary>The same text in both languages, for names, codes and values that are not translated.</summary>
    public static LocalizedText Invariant(string text) => new(text, text);

    /// <summary>The text in <paramref name="culture"/>: English for <c>en</c> and <c>en-*</c>, Chinese otherwise.</summary>
    public string In(CultureInfo culture) => PlatformCultures.IsEnglish(culture) ? English : Chinese;

    /// <summary>The text in the current UI culture, that is, in the language of the request being answered.</summary>
    public override string ToString() => In(CultureInfo.CurrentUICulture);
}
