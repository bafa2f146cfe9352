namespace Platform.BuildingBlocks.Identity;

/// <summary>
/// A validated 18-character unified social credit code (GB 32100) identifying an organisation,
/// normalised to upper case.
/// </summary>
public readonly record struct UnifiedSocialCreditCode
{
    private const int Length = 18;

    private const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static ReadOnlySpan<byte> Weights => [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private readonly string? value;

    private UnifiedSocialCreditCode(string value) => this.value = value;

    /// <summary>The normalised 18-character code (empty for <c>default</c>).</summary>
    public string Value => value ?? string.Empty;

    /// <summary>The six-digit administrative division code (characters 3 to 8).</summary>
    public string RegionCode => Value.Length == Length ? Value.Substring(2, 6) : string.Empty;

    /// <summary>Parses and validates a code; input is trimmed and upper-cased.</summary>
    public static bool TryParse(string? input, out UnifiedSocialCreditCode value, out IdentityFormatError error)
    {
        value = default;
        var span = input.AsSpan().Trim();
        if (span.IsEmpty)
        {
            error = IdentityFormatError.Empty;
            return false;
        }

        if (span.Length != Length)
        {
            error = IdentityFormatError.WrongLength;
            return false;
        }

        Span<char> normalised = stackalloc char[Length];
        span.ToUpperInvariant(normalised);
        foreach (var c in normalised)
        {
            if (!Charset.Contains(c, StringComparison.Ordinal))
            {
                error = IdentityFormatError.InvalidCharacter;
                return false;
            }
        }

        if (ComputeCheckCharacter(normalised[..17]) != normalised[17])
        {
            error = IdentityFormatError.CheckCharacterMismatch;
            return false;
        }

        value = new UnifiedSocialCreditCode(new string(normalised));
        error = IdentityFormatError.None;
        return true;
    }

    /// <summary>Parses and validates a code; input is trimmed and upper-cased.</summary>
    public static bool TryParse(string? input, out UnifiedSocialCreditCode value) => TryParse(input, out value, out _);

    /// <summary>Parses and validates a code; input is trimmed and upper-cased.</summary>
    /// <exception cref="FormatException">The input is not a valid code.</exception>
    public static UnifiedSocialCreditCode Parse(string input)
    {
        if (!TryParse(input, out var value, out var error))
        {
            throw new FormatException($"Not a valid unified social credit code ({error}).");
        }

        return value;
    }

    /// <summary>Returns the code itself (it is public registration data, not personal information).</summary>
    public override string ToString() => Value;

    /// <summary>Computes the 18th character for the given first 17 characters of the charset.</summary>
    /// <exception cref="ArgumentException">Not exactly 17 characters from the GB 32100 charset.</exception>
    internal static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Weights.Length)
        {
            throw new ArgumentException("Exactly 17 characters are required.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var index = Charset.IndexOf(first17[i], StringComparison.Ordinal);
            if (index < 0)
            {
                throw new ArgumentException("Character outside the GB 32100 charset.", nameof(first17));
            }

            sum += index * Weights[i];
        }

        var check = 31 - (sum % 31);
        return Charset[check == 31 ? 0 : check];
    }
}
