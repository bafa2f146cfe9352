using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Platform.BuildingBlocks.PersonalData;

/// <summary>
/// Checks the <c>PersonalData</c> section and reports every problem at once. Messages name settings and key ids,
/// never key material.
/// </summary>
public sealed class PersonalDataOptionsValidator : IValidateOptions<PersonalDataOptions>
{
    private const string Section = PersonalDataOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, PersonalDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var encryptionKeys = ValidateEncryptionKeys(options, failures);
        ValidateActiveKeyId(options, failures);
        ValidateBlindIndexKey(options, encryptionKeys, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static List<(string KeyId, byte[] Key)> ValidateEncryptionKeys(PersonalDataOptions options, List<string> failures)
    {
        var decoded = new List<(string, byte[])>();
        if (options.EncryptionKeys is null || options.EncryptionKeys.Count == 0)
        {
            failures.Add($"{Section}:EncryptionKeys must hold at least one key (key id to base64 of {PersonalDataKeyMaterial.EncryptionKeyBytes} bytes).");
            return decoded;
        }

        foreach (var (keyId, value) in options.EncryptionKeys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            if (!PersonalDataKeyMaterial.IsValidKeyId(keyId))
            {
                failures.Add($"{Section}:EncryptionKeys has the key id '{keyId}'; key ids must match {PersonalDataKeyMaterial.KeyIdPattern}.");
                continue;
            }

            if (!PersonalDataKeyMaterial.TryDecode(value, out var key))
            {
                failures.Add($"{Section}:EncryptionKeys:{keyId} is missing or not valid base64.");
                continue;
            }

            if (key.Length != PersonalDataKeyMaterial.EncryptionKeyBytes)
            {
                failures.Add($"{Section}:EncryptionKeys:{keyId} must decode to exactly {PersonalDataKeyMaterial.EncryptionKeyBytes} bytes (AES-256) but decodes to {key.Length}.");
                continue;
            }

            decoded.Add((keyId, key));
        }

        return decoded;
    }

    private static void ValidateActiveKeyId(PersonalDataOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.ActiveKeyId))
        {
            failures.Add($"{Section}:ActiveKeyId is required: it names the key in {Section}:EncryptionKeys that encrypts new values.");
            return;
        }

        if (!PersonalDataKeyMaterial.IsValidKeyId(options.ActiveKeyId))
        {
            failures.Add($"{Section}:ActiveKeyId '{options.ActiveKeyId}' is not a valid key id; key ids must match {PersonalDataKeyMaterial.KeyIdPattern}.");
            return;
        }

        if (options.EncryptionKeys is null || !options.EncryptionKeys.ContainsKey(options.ActiveKeyId))
        {
            var configured = options.EncryptionKeys is null || options.EncryptionKeys.Count == 0
                ? "none"
                : string.Join(", ", options.EncryptionKeys.Keys.Order(StringComparer.Ordinal));
            failures.Add($"{Section}:ActiveKeyId '{options.ActiveKeyId}' is not among {Section}:EncryptionKeys (configured: {configured}).");
        }
    }

    private static void ValidateBlindIndexKey(PersonalDataOptions options, List<(string KeyId, byte[] Key)> encryptionKeys, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.BlindIndexKey))
        {
            failures.Add($"{Section}:BlindIndexKey is required (base64 of at least {PersonalDataKeyMaterial.MinimumBlindIndexKeyBytes} bytes, distinct from the encryption keys).");
            return;
        }

        if (!PersonalDataKeyMaterial.TryDecode(options.BlindIndexKey, out var blindIndexKey))
        {
            failures.Add($"{Section}:BlindIndexKey is not valid base64.");
            return;
        }

        if (blindIndexKey.Length < PersonalDataKeyMaterial.MinimumBlindIndexKeyBytes)
        {
            failures.Add($"{Section}:BlindIndexKey must decode to at least {PersonalDataKeyMaterial.MinimumBlindIndexKeyBytes} bytes but decodes to {blindIndexKey.Length}.");
            return;
        }

        foreach (var (keyId, key) in encryptionKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(key, blindIndexKey))
            {
                failures.Add($"{Section}:BlindIndexKey must be a separate key but equals {Section}:EncryptionKeys:{keyId}.");
            }
        }
    }
}
