namespace Platform.BuildingBlocks.PersonalData;

/// <summary>
/// Encrypts personal data at rest (AES-256-GCM, key id carried in the ciphertext so keys can rotate) and computes
/// its blind index (HMAC-SHA256 under a separate key) for exact lookup and duplicate detection.
/// Registered as a singleton by <see cref="PersonalDataRegistration.AddPersonalDataProtection"/>; thread-safe.
/// </summary>
public interface IPersonalDataProtector
{
    /// <summary>
    /// Encrypts under the active key into <c>v1.&lt;keyId&gt;.&lt;base64url(nonce|ciphertext|tag)&gt;</c>.
    /// A fresh random nonce makes every call return a different string for the same value.
    /// </summary>
    string Encrypt(PersonalDataKind kind, string plaintext);

    /// <summary>Decrypts with whichever configured key the ciphertext names.</summary>
    /// <exception cref="PersonalDataException">
    /// Malformed ciphertext, a key id that is not configured, or failed authentication (altered, or encrypted as another kind).
    /// </exception>
    string Decrypt(PersonalDataKind kind, string ciphertext);

    /// <summary>
    /// The blind index of an already normalised value (see <see cref="PersonalDataNormalizer"/>): base64url of
    /// HMAC-SHA256 over the kind and the value. Deterministic, differs by kind, unaffected by encryption key rotation.
    /// </summary>
    string BlindIndex(PersonalDataKind kind, string normalizedValue);

    /// <summary>True when <paramref name="ciphertext"/> is not under the active key.</summary>
    /// <exception cref="PersonalDataException">Malformed ciphertext.</exception>
    bool NeedsReEncryption(string ciphertext);

    /// <summary>
    /// Decrypts and encrypts again under the active key; a ciphertext already under the active key is verified and
    /// returned unchanged. The blind index does not change.
    /// </summary>
    /// <exception cref="PersonalDataException">As for <see cref="Decrypt"/>.</exception>
    string ReEncrypt(PersonalDataKind kind, string ciphertext);
}
