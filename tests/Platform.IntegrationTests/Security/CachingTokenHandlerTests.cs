using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Platform.Host.Composition;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Security;

/// <summary>The validated-token cache serves only the identical token, for at most a minute, never past expiry.</summary>
public sealed class CachingTokenHandlerTests
{
    private static TokenValidationParameters Parameters(string key) => new()
    {
        ValidIssuer = TestTokens.Issuer,
        ValidAudience = TestTokens.Audience,
        IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(key)),
        ClockSkew = TimeSpan.Zero,
    };

    [Fact]
    public async Task A_cached_token_is_validated_again_after_a_minute_so_a_removed_key_stops_working()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var handler = new CachingTokenHandler(clock);
        var token = TestTokens.For("operator", "510700", expires: clock.GetUtcNow().AddHours(1));
        var otherKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        Assert.True((await handler.ValidateTokenAsync(token, Parameters(TestTokens.Key))).IsValid);
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(otherKey))).IsValid); // served from the cache

        clock.Advance(CachingTokenHandler.Lifetime + TimeSpan.FromSeconds(1));

        Assert.False((await handler.ValidateTokenAsync(token, Parameters(otherKey))).IsValid);
    }

    [Fact]
    public async Task A_cached_token_is_not_served_past_its_expiry()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var handler = new CachingTokenHandler(clock);
        var token = TestTokens.For("operator", "510700", expires: clock.GetUtcNow().AddSeconds(20));
        var otherKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        Assert.True((await handler.ValidateTokenAsync(token, Parameters(TestTokens.Key))).IsValid);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(otherKey))).IsValid); // still cached

        // Past the token's expiry (well within the cache minute) the cache no longer answers: the
        // token is validated again, and with a key that did not sign it, refused.
        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.False((await handler.ValidateTokenAsync(token, Parameters(otherKey))).IsValid);
    }

    [Fact]
    public async Task A_different_token_is_never_served_from_the_cache()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var handler = new CachingTokenHandler(clock);
        var valid = TestTokens.For("operator", "510700");
        var forged = TestTokens.For("administrator", "*", key: Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        Assert.True((await handler.ValidateTokenAsync(valid, Parameters(TestTokens.Key))).IsValid);
        Assert.False((await handler.ValidateTokenAsync(forged, Parameters(TestTokens.Key))).IsValid);
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
