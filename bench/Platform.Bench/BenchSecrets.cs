using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Platform.Bench;

/// <summary>
/// Throw-away keys for the benchmarked host (token signing, personal-data protection) and a bearer
/// token it accepts, so the measured request goes through authentication and authorisation as in
/// production. Rate limiting is switched off: the benchmark is the only client.
/// </summary>
internal static class BenchSecrets
{
    private static readonly byte[] SigningKey = RandomNumberGenerator.GetBytes(32);

    public static IReadOnlyDictionary<string, string> HostEnvironment { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Auth__SigningKeys__0__Id"] = "bench",
        ["Auth__SigningKeys__0__Key"] = Convert.ToBase64String(SigningKey),
        ["PersonalData__ActiveKeyId"] = "bench",
        ["PersonalData__EncryptionKeys__bench"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["PersonalData__BlindIndexKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["HttpSecurity__RateLimit__Enabled"] = "false",
        ["HttpSecurity__Https__Enforce"] = "false",
    };

    /// <summary>An HS256 JWT for an integrator of both provinces, valid for two hours.</summary>
    public static string BearerToken { get; } = CreateToken();

    private static string CreateToken()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = "bench" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = "bench",
            ["role"] = "integrator",
            ["region"] = "*",
            ["iss"] = "chuanyu-platform",
            ["aud"] = "chuanyu-platform",
            ["iat"] = now,
            ["nbf"] = now - 60,
            ["exp"] = now + 7200,
        }));
        var signature = Encode(HMACSHA256.HashData(SigningKey, Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
