using System.Buffers.Text;
using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.BuildingBlocks.PersonalData;

/// <summary>
/// AES-256-GCM with a 12-byte random nonce and a 16-byte tag. The associated data binds the format version, the
/// kind and the key id, so a phone ciphertext cannot be decrypted as a resident identity number and a ciphertext
/// cannot be relabelled with another key id. Keys are decoded once; a new <see cref="AesGcm"/> is used per call.
/// </summary>
public sealed class PersonalDataProtector : IPersonalDataProtector
{
    private const string Version = "v1";
    private const string Prefix = Version + ".";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly FrozenDictionary<string, byte[]> keys;
    private readonly string activeKeyId;
    private readonly byte[] blindIndexKey;

    /// <exception cref="OptionsValidationException">The options fail <see cref="PersonalDataOptionsValidator"/>.</exception>
    public PersonalDataProtector(IOptions<PersonalDataOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        var result = new PersonalDataOptionsValidator().Validate(Options.DefaultName, value);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(PersonalDataOptions), result.Failures);
        }

        keys = value.EncryptionKeys.ToFrozenDictionary(k => k.Key, k => Convert.FromBase64String(k.Value), StringComparer.Ordinal);
        activeKeyId = value.ActiveKeyId!;
        blindIndexKey = Convert.FromBase64String(value.BlindIndexKey!);
    }

    /// <summary>Id of the key that encrypts new values.</summary>
    public string ActiveKeyId => activeKeyId;

    public string Encrypt(PersonalDataKind kind, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var associatedData = AssociatedData(kind, activeKeyId);
        var plain = EncodeStrict(plaintext, nameof(plaintext));
        try
        {
            var payload = new byte[NonceSize + plain.Length + TagSize];
            var nonce = payload.AsSpan(0, NonceSize);
            RandomNumberGenerator.Fill(nonce);
            using (var aes = new AesGcm(keys[activeKeyId], TagSize))
            {
                aes.Encrypt(nonce, plain, payload.AsSpan(NonceSize, plain.Length), payload.AsSpan(NonceSize + plain.Length), associatedData);
            }

            return string.Concat(Prefix, activeKeyId, ".", Base64Url.EncodeToString(payload));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    public string Decrypt(PersonalDataKind kind, string ciphertext) => Open(kind, ciphertext, out _);

    public string BlindIndex(PersonalDataKind kind, string normalizedValue)
    {
        ArgumentException.ThrowIfNullOrEmpty(normalizedValue);
        var message = EncodeStrict(string.Concat(Label(kind), ":", normalizedValue), nameof(normalizedValue));
        try
        {
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(blindIndexKey, message, mac);
            return Base64Url.EncodeToString(mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(message);
        }
    }

    public bool NeedsReEncryption(string ciphertext)
    {
        var (keyId, _) = Parse(ciphertext);
        return !string.Equals(keyId, activeKeyId, StringComparison.Ordinal);
    }

    public string ReEncrypt(PersonalDataKind kind, string ciphertext)
    {
        var plaintext = Open(kind, ciphertext, out var keyId);
        return string.Equals(keyId, activeKeyId, StringComparison.Ordinal) ? ciphertext : Encrypt(kind, plaintext);
    }

    private string Open(PersonalDataKind kind, string ciphertext, out string keyId)
    {
        var associatedLabel = Label(kind);
        (keyId, var payload) = Parse(ciphertext);
        if (!keys.TryGetValue(keyId, out var key))
        {
            throw new PersonalDataException(
                $"The value was encrypted under key id '{keyId}', which is not configured in {PersonalDataOptions.SectionName}:EncryptionKeys.");
        }

        var plainLength = payload.Length - NonceSize - TagSize;
        var plain = new byte[plainLength];
        try
        {
            using (var aes = new AesGcm(key, TagSize))
            {
                aes.Decrypt(
                    payload.AsSpan(0, NonceSize),
                    payload.AsSpan(NonceSize, plainLength),
                    payload.AsSpan(NonceSize + plainLength, TagSize),
                    plain,
                    AssociatedData(kind, keyId));
            }

            return StrictUtf8.GetString(plain);
        }
        catch (CryptographicException ex)
        {
            throw new PersonalDataException(
                $"The value under key id '{keyId}' failed authentication: it was altered, or it is not a {associatedLabel} value.", ex);
        }
        catch (DecoderFallbackException ex)
        {
            throw new PersonalDataException($"The value under key id '{keyId}' decrypted to bytes that are not UTF-8 text.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static (string KeyId, byte[] Payload) Parse(string ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        var span = ciphertext.AsSpan();
        if (!span.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new PersonalDataException($"The value is not protected personal data in the {Version} format (v1.<keyId>.<payload>).");
        }

        var rest = span[Prefix.Length..];
        var separator = rest.IndexOf('.');
        if (separator < 0 || !PersonalDataKeyMaterial.IsValidKeyId(rest[..separator]))
        {
            throw new PersonalDataException($"The value is not protected personal data in the {Version} format: the key id is missing or malformed.");
        }

        var keyId = rest[..separator].ToString();
        byte[] payload;
        try
        {
            payload = Base64Url.DecodeFromChars(rest[(separator + 1)..]);
        }
        catch (FormatException ex)
        {
            throw new PersonalDataException($"The value under key id '{keyId}' has a payload that is not base64url.", ex);
        }

        if (payload.Length < NonceSize + TagSize)
        {
            throw new PersonalDataException($"The value under key id '{keyId}' has a payload too short to hold a nonce and a tag.");
        }

        return (keyId, payload);
    }

    private static byte[] AssociatedData(PersonalDataKind kind, string keyId) =>
        Encoding.ASCII.GetBytes(string.Concat(Version, "|", Label(kind), "|", keyId));

    private static string Label(PersonalDataKind kind) => kind switch
    {
        PersonalDataKind.ResidentId => "resident-id",
        PersonalDataKind.Phone => "phone",
        PersonalDataKind.StoredResponse => "stored-response",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind of personal data."),
    };

    private static byte[] EncodeStrict(string text, string parameterName)
    {
        try
        {
            return StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            // The fallback exception quotes the offending characters; do not pass it on.
            throw new ArgumentException("The value is not well-formed Unicode text.", parameterName);
        }
    }
}
