using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Host.Composition;

/// <summary>
/// Remembers tokens it has validated for up to a minute (never past their expiry), so an
/// integrator's burst of calls with one token pays for parsing and the signature check once. The
/// cache key is the whole token, signature included, so only the identical token is served from it;
/// a removed signing key stops being honoured within the minute.
/// </summary>
internal sealed class CachingTokenHandler(TimeProvider time) : JsonWebTokenHandler
{
    public const int Capacity = 10_000;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (TokenValidationResult Result, DateTimeOffset Until)> validated = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = time.GetUtcNow();
        if (token is not null && validated.TryGetValue(token, out var hit) && now < hit.Until)
        {
            return hit.Result;
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && token is not null && result.SecurityToken is { } security)
        {
            if (validated.Count >= Capacity)
            {
                validated.Clear();
            }

            var expires = new DateTimeOffset(DateTime.SpecifyKind(security.ValidTo, DateTimeKind.Utc));
            var until = now + Lifetime < expires ? now + Lifetime : expires;
            validated[token] = (result, until);
        }

        return result;
    }
}
