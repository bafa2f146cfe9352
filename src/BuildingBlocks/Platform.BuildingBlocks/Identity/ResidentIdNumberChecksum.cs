namespace Platform.BuildingBlocks.Identity;

/// <summary>GB 11643 check character: weighted sum of the first 17 digits, mod 11, mapped.</summary>
internal static class ResidentIdNumberChecksum
{
    private const string CheckCharacters = "10X98765432";

    private static ReadOnlySpan<byte> Weights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>Computes the 18th character for the given first 17 digits.</summary>
    /// <exception cref="ArgumentException">Not exactly 17 ASCII digits.</exception>
    internal static char ComputeCheckCharacter(ReadOnlySpan<char> first17Digits)
    {
        if (first17Digits.Length != Weights.Length)
        {
            throw new ArgumentException("Exactly 17 digits are required.", nameof(first17Digits));
        }

        var sum = 0;
        for (var i = 0; i < first17Digits.Length; i++)
        {
            var c = first17Digits[i];
            if (!char.IsAsciiDigit(c))
            {
                throw new ArgumentException("Only ASCII digits are allowed.", nameof(first17Digits));
            }

            sum += (c - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }
}
