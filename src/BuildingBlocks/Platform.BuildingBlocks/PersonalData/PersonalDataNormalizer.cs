using Platform.BuildingBlocks.Identity;

namespace Platform.BuildingBlocks.PersonalData;

/// <summary>
/// Canonical forms of personal data, used before encryption and blind indexing so that the same value entered
/// differently yields the same index. Every method returns <c>null</c> for invalid input.
/// </summary>
public static class PersonalDataNormalizer
{
    private const int MaximumPhoneInputLength = 64;

    /// <summary>Normalises <paramref name="input"/> as <paramref name="kind"/>.</summary>
    public static string? Normalize(PersonalDataKind kind, string? input) => kind switch
    {
        PersonalDataKind.ResidentId => NormalizeResidentId(input),
        PersonalDataKind.Phone => NormalizePhone(input),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind of personal data."),
    };

    /// <summary>A valid resident identity number trimmed and with an upper-case <c>X</c> (see <see cref="ResidentIdNumber"/>).</summary>
    public static string? NormalizeResidentId(string? input) =>
        ResidentIdNumber.TryParse(input, out var value) ? value.Value : null;

    /// <summary>As <see cref="NormalizeResidentId(string?)"/>, treating birth dates after <paramref name="today"/> as invalid.</summary>
    public static string? NormalizeResidentId(string? input, DateOnly today) =>
        ResidentIdNumber.TryParse(input, today, out var value, out _) ? value.Value : null;

    /// <summary>
    /// The 11 digits of a mainland mobile number (<c>^1[3-9]\d{9}$</c>, ASCII digits) after removing white space,
    /// dashes and a leading <c>+86</c> or <c>0086</c>.
    /// </summary>
    public static string? NormalizePhone(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > MaximumPhoneInputLength)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[input.Length];
        var length = 0;
        foreach (var c in input)
        {
            if (!char.IsWhiteSpace(c) && c != '-')
            {
                buffer[length++] = c;
            }
        }

        ReadOnlySpan<char> number = buffer[..length];
        if (number.StartsWith("+86", StringComparison.Ordinal))
        {
            number = number[3..];
        }
        else if (number.StartsWith("0086", StringComparison.Ordinal))
        {
            number = number[4..];
        }

        return IsMainlandMobile(number) ? new string(number) : null;
    }

    private static bool IsMainlandMobile(ReadOnlySpan<char> number) =>
        number.Length == 11
        && number[0] == '1'
        && number[1] is >= '3' and <= '9'
        && !number.ContainsAnyExceptInRange('0', '9');
}
