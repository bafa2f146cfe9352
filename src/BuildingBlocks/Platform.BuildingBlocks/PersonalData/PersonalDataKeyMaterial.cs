namespace Platform.BuildingBlocks.PersonalData;

/// <summary>Decoding and shape rules of configured key material, shared by the validator and the protector.</summary>
internal static class PersonalDataKeyMaterial
{
    public const int EncryptionKeyBytes = 32;

    public const int MinimumBlindIndexKeyBytes = 32;

    public const int MaximumKeyIdLength = 32;

    public const string KeyIdPattern = "^[A-Za-z0-9_-]{1,32}$";

    /// <summary>True when <paramref name="keyId"/> matches <see cref="KeyIdPattern"/> (ASCII only).</summary>
    public static bool IsValidKeyId(ReadOnlySpan<char> keyId)
    {
        if (keyId.IsEmpty || keyId.Length > MaximumKeyIdLength)
        {
            return false;
        }

        foreach (var c in keyId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Decodes standard base64 (whitespace tolerated); false when empty or not base64.</summary>
    public static bool TryDecode(string? base64, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrWhiteSpace(base64))
        {
            return false;
        }

        try
        {
            bytes = Convert.FromBase64String(base64);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
