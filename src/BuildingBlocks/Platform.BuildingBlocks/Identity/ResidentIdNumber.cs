using System.Globalization;

namespace Platform.BuildingBlocks.Identity;

/// <summary>
/// A validated 18-character resident identity number (GB 11643), normalised with an upper-case <c>X</c>.
/// It is sensitive personal information: <see cref="ToString"/> returns the masked form so that
/// logging a value never leaks the number; use <see cref="Value"/> only where the raw number is needed.
/// </summary>
public readonly record struct ResidentIdNumber
{
    private const int Length = 18;

    private static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    private readonly string? value;

    private ResidentIdNumber(string value, DateOnly birthDate)
    {
        this.value = value;
        BirthDate = birthDate;
    }

    /// <summary>The normalised 18-character number (empty for <c>default</c>).</summary>
    public string Value => value ?? string.Empty;

    /// <summary>Birth date encoded in characters 7 to 14.</summary>
    public DateOnly BirthDate { get; }

    /// <summary>Gender from the 17th digit: odd is male, even is female.</summary>
    public Gender Gender => Value.Length == Length && (Value[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;

    /// <summary>The six-digit administrative division code of registration.</summary>
    public string RegistrationRegionCode => Value.Length == Length ? Value[..6] : string.Empty;

    /// <summary>First six and last four characters with eight asterisks between, e.g. <c>510107********1234</c>.</summary>
    public string Masked => Value.Length == Length ? string.Concat(Value.AsSpan(0, 6), "********", Value.AsSpan(14, 4)) : string.Empty;

    /// <summary>Parses and validates, treating birth dates after <paramref name="today"/> as invalid.</summary>
    public static bool TryParse(string? input, DateOnly today, out ResidentIdNumber value, out IdentityFormatError error)
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
        span.CopyTo(normalised);
        if (normalised[17] == 'x')
        {
            normalised[17] = 'X';
        }

        var first17 = normalised[..17];
        if (first17.ContainsAnyExceptInRange('0', '9') || !(char.IsAsciiDigit(normalised[17]) || normalised[17] == 'X'))
        {
            error = IdentityFormatError.InvalidCharacter;
            return false;
        }

        if (!DateOnly.TryParseExact(normalised.Slice(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate)
            || birthDate < EarliestBirthDate)
        {
            error = IdentityFormatError.InvalidBirthDate;
            return false;
        }

        if (birthDate > today)
        {
            error = IdentityFormatError.BirthDateInFuture;
            return false;
        }

        if (ResidentIdNumberChecksum.ComputeCheckCharacter(first17) != normalised[17])
        {
            error = IdentityFormatError.CheckCharacterMismatch;
            return false;
        }

        value = new ResidentIdNumber(new string(normalised), birthDate);
        error = IdentityFormatError.None;
        return true;
    }

    /// <summary>Parses and validates against today's UTC date.</summary>
    public static bool TryParse(string? input, out ResidentIdNumber value) =>
        TryParse(input, DateOnly.FromDateTime(DateTime.UtcNow), out value, out _);

    /// <summary>Parses and validates against today's UTC date.</summary>
    /// <exception cref="FormatException">The input is not a valid number (the message never contains the input).</exception>
    public static ResidentIdNumber Parse(string input)
    {
        if (!TryParse(input, DateOnly.FromDateTime(DateTime.UtcNow), out var value, out var error))
        {
            throw new FormatException($"Not a valid resident identity number ({error}).");
        }

        return value;
    }

    /// <summary>Age in completed years on <paramref name="date"/>; someone born on 29 February turns a year older on 1 March in common years.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="date"/> is before the birth date.</exception>
    public int AgeOn(DateOnly date)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(date, BirthDate);
        var age = date.Year - BirthDate.Year;
        if (date.Month < BirthDate.Month || (date.Month == BirthDate.Month && date.Day < BirthDate.Day))
        {
            age--;
        }

        return age;
    }

    /// <summary>Returns <see cref="Masked"/>, never the raw number.</summary>
    public override string ToString() => Masked;
}
