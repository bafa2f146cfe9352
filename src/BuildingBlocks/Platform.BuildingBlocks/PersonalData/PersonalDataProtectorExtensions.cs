namespace Platform.BuildingBlocks.PersonalData;

/// <summary>Normalise-then-protect helpers over <see cref="IPersonalDataProtector"/>.</summary>
public static class PersonalDataProtectorExtensions
{
    /// <summary>
    /// Normalises <paramref name="value"/> with <see cref="PersonalDataNormalizer.Normalize"/>, then encrypts the
    /// normalised value and computes its blind index, so equal values entered differently (lower-case <c>x</c>,
    /// <c>+86</c>, spaces) share one index.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a valid value of <paramref name="kind"/> (the message never contains it).</exception>
    public static ProtectedPersonalData Protect(this IPersonalDataProtector protector, PersonalDataKind kind, string value)
    {
        ArgumentNullException.ThrowIfNull(protector);
        ArgumentNullException.ThrowIfNull(value);
        var normalized = PersonalDataNormalizer.Normalize(kind, value)
            ?? throw new ArgumentException($"The value is not a valid {kind} value.", nameof(value));
        return new ProtectedPersonalData(protector.Encrypt(kind, normalized), protector.BlindIndex(kind, normalized));
    }

    /// <summary>
    /// The blind index to search by for raw user input, or <c>null</c> when the input is not a valid value of
    /// <paramref name="kind"/> (so nothing stored can match it).
    /// </summary>
    public static string? BlindIndexForLookup(this IPersonalDataProtector protector, PersonalDataKind kind, string? input)
    {
        ArgumentNullException.ThrowIfNull(protector);
        var normalized = PersonalDataNormalizer.Normalize(kind, input);
        return normalized is null ? null : protector.BlindIndex(kind, normalized);
    }
}
