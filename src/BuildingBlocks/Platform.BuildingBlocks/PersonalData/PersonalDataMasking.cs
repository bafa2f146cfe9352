using Platform.BuildingBlocks.Identity;

namespace Platform.BuildingBlocks.PersonalData;

/// <summary>
/// Display forms of personal data for callers without the <c>pii.read</c> permission.
/// Valid values keep the agreed characters; anything malformed shows at most its last few characters.
/// </summary>
public static class PersonalDataMasking
{
    private const char Mask = '*';

    /// <summary>
    /// <c>510107********1234</c> for a valid number (<see cref="ResidentIdNumber.Masked"/>); otherwise asterisks
    /// with the last 4 characters kept. Empty for <c>null</c> or empty input.
    /// </summary>
    public static string MaskResidentId(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return ResidentIdNumber.TryParse(value, out var number) ? number.Masked : MaskAllButLast(value.Trim(), 4);
    }

    /// <summary>
    /// <c>138****5678</c> (first 3, four asterisks, last 4) for a valid mobile number in any accepted input form;
    /// otherwise asterisks with the last 2 characters kept. Empty for <c>null</c> or empty input.
    /// </summary>
    public static string MaskPhone(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var number = PersonalDataNormalizer.NormalizePhone(value);
        return number is null
            ? MaskAllButLast(value.Trim(), 2)
            : string.Concat(number.AsSpan(0, 3), "****", number.AsSpan(7, 4));
    }

    /// <summary>Keeps the last <paramref name="visible"/> characters only when at least as many stay hidden.</summary>
    private static string MaskAllButLast(string value, int visible)
    {
        var shown = value.Length >= 2 * visible ? visible : 0;
        return string.Create(value.Length, (value, shown), static (span, state) =>
        {
            var hidden = span.Length - state.shown;
            span[..hidden].Fill(Mask);
            state.value.AsSpan(hidden).CopyTo(span[hidden..]);
        });
    }
}
