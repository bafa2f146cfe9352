using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.PersonalData;

namespace Platform.UnitTests.PersonalData;

/// <summary>Fresh random key material per test run; nothing here resembles a real key set.</summary>
internal static class TestKeys
{
    public static string NewKey(int bytes = 32) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));

    public static PersonalDataOptions Config(string activeKeyId, IReadOnlyDictionary<string, string> encryptionKeys, string blindIndexKey) => new()
    {
        ActiveKeyId = activeKeyId,
        EncryptionKeys = new Dictionary<string, string>(encryptionKeys, StringComparer.Ordinal),
        BlindIndexKey = blindIndexKey,
    };

    public static PersonalDataOptions SingleKey(string keyId = "test-a") =>
        Config(keyId, new Dictionary<string, string> { [keyId] = NewKey() }, NewKey());

    public static PersonalDataProtector Protector(PersonalDataOptions options) =>
        new(Options.Create(options));

    public static PersonalDataProtector Protector() => Protector(SingleKey());
}
