using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>Signs tokens the way a self-hosted issuer configured with the test keys would.</summary>
public static class TestTokens
{
    public const string Issuer = "chuanyu-platform";
    public const string Audience = "chuanyu-platform";
    public const string KeyId = "test-1";

    /// <summary>The signing key of every test host (random per test run).</summary>
    public static string Key { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Keys of a test host: token signing and personal-data protection, random per test run.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Auth:SigningKeys:0:Id"] = KeyId,
        ["Auth:SigningKeys:0:Key"] = Key,
        ["PersonalData:ActiveKeyId"] = "test-a",
        ["PersonalData:EncryptionKeys:test-a"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["PersonalData:BlindIndexKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    public static string For(string role, string region, string? subject = null, DateTimeOffset? expires = null, string? key = null, string issuer = Issuer, string audience = Audience, string? organisation = null)
    {
        var claims = new List<Claim>
        {
            new("sub", subject ?? $"test-{role}-{region}"),
            new("role", role),
        };
        if (organisation is not null)
        {
            claims.Add(new Claim("org", organisation));
        }

        if (region.Length > 0)
        {
            claims.Add(new Claim("region", region));
        }

        var expiry = expires ?? DateTimeOffset.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = issuer,
            Audience = audience,
            NotBefore = expiry.UtcDateTime.AddHours(-2),
            IssuedAt = expiry.UtcDateTime.AddHours(-2),
            Expires = expiry.UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key ?? Key)) { KeyId = KeyId }, SecurityAlgorithms.HmacSha256),
        });
    }

    public static string Administrator { get; } = For("administrator", "*", "test-admin");
}
