namespace Platform.BuildingBlocks.PersonalData;

/// <summary>
/// The <c>PersonalData</c> section: keys that encrypt personal data at rest and the separate key of its blind index.
/// New values are encrypted under <see cref="ActiveKeyId"/>; any key in <see cref="EncryptionKeys"/> can still decrypt,
/// so keys rotate by adding a new key, making it active and re-encrypting before the old key is removed.
/// </summary>
public sealed class PersonalDataOptions
{
    public const string SectionName = "PersonalData";

    /// <summary>Id of the key that encrypts new values; must be one of <see cref="EncryptionKeys"/>.</summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>Key id (<c>^[A-Za-z0-9_-]{1,32}$</c>) to the base64 of exactly 32 bytes (AES-256).</summary>
    public Dictionary<string, string> EncryptionKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Base64 of at least 32 bytes, distinct from every encryption key. It keys the HMAC of the blind index and
    /// does not rotate with the encryption keys: changing it means recomputing every stored index.
    /// </summary>
    public string? BlindIndexKey { get; set; }
}
