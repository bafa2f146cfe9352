using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Platform.Host.Composition;

/// <summary>
/// HTTP hardening: security headers, HSTS and HTTPS redirection outside Development, CORS closed
/// unless origins are listed, and rate limits answering 429 problem details with Retry-After.
/// </summary>
/// <remarks>
/// <para>Three calls, in this order in the pipeline:</para>
/// <list type="number">
/// <item><see cref="AddPlatformHttpSecurity"/> while building: options (section <c>HttpSecurity</c>,
/// validated at start), CORS, HSTS, HTTPS redirection, the rate limiter, no Kestrel <c>Server</c> header.</item>
/// <item><see cref="UsePlatformHttpSecurity"/> right after the exception handler and status-code pages,
/// before authentication: security headers, HSTS, the HTTPS redirect, CORS.</item>
/// <item><see cref="UsePlatformRateLimiting"/> after <c>UseAuthentication</c> and before
/// <c>UseAuthorization</c>: the one rate-limiting middleware, with two limits.</item>
/// </list>
/// <para>
/// Rate limiting runs once, after authentication, because the per-caller limit must see the
/// validated user; the caller is never read from an unvalidated token. The middleware applies a
/// global limiter, partitioned by client address, to every request except <c>/health</c>, and the
/// <see cref="PerCallerPolicy"/> policy, partitioned by the authenticated <c>sub</c>, to the routes that
/// carry it (<c>.RequireRateLimiting(HttpSecuritySetup.PerCallerPolicy)</c> on the module groups). A
/// request on such a route spends a permit from both. Placed before <c>UseAuthorization</c>, the
/// address limit also counts requests that authorization then refuses with 401 or 403.
/// </para>
/// </remarks>
internal static class HttpSecuritySetup
{
    /// <summary>The endpoint rate-limiting policy keyed by the authenticated caller.</summary>
    public const string PerCallerPolicy = "per-caller";

    /// <summary>The environment of the integration tests, where HTTPS is not enforced unless configured.</summary>
    public const string TestingEnvironment = "Testing";

    internal static readonly string[] AllowedMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    internal static readonly string[] AllowedHeaders = ["Authorization", "Content-Type", "Idempotency-Key", "If-Match", "Accept-Language"];

    internal static readonly string[] ExposedHeaders = ["ETag", "Location", "Retry-After", "Idempotency-Replayed"];

    internal static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    public static WebApplicationBuilder AddPlatformHttpSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<HttpSecurityOptions>().Bind(builder.Configuration.GetSection(HttpSecurityOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HttpSecurityOptions>, HttpSecurityOptionsValidator>();

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<HttpSecurityOptions>>((cors, security) =>
            cors.AddDefaultPolicy(BuildCorsPolicy(security.Value)));

        services.AddHsts(_ => { });
        services.AddOptions<HstsOptions>().Configure<IOptions<HttpSecurityOptions>>((hsts, security) =>
        {
            hsts.MaxAge = TimeSpan.FromDays(security.Value.Https.HstsMaxAgeDays);
            hsts.IncludeSubDomains = security.Value.Https.HstsIncludeSubDomains;
            hsts.Preload = false;
        });

        services.AddHttpsRedirection(_ => { });
        services.AddOptions<HttpsRedirectionOptions>().Configure<IOptions<HttpSecurityOptions>>((redirect, security) =>
        {
            // Permanent and method-preserving: a POST sent over http is repeated over https, not turned into a GET.
            redirect.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
            if (security.Value.Https.Port is { } port)
            {
                redirect.HttpsPort = port;
            }
        });

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<HttpSecurityOptions>>((limiter, security) =>
            HttpSecurityRateLimiting.Configure(limiter, security.Value.RateLimit));

        // The Server header only tells an attacker which server to target.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        return builder;
    }

    /// <summary>Security headers, then HSTS and the HTTPS redirect where enforced, then CORS.</summary>
    public static WebApplication UsePlatformHttpSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var security = app.Services.GetRequiredService<IOptions<HttpSecurityOptions>>().Value;

        // First, so that redirects, CORS answers and rejections carry the headers too.
        app.UseMiddleware<HttpSecurityHeadersMiddleware>();
        if (security.EnforcesHttps(app.Environment))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        // Answers preflight requests itself, so they reach neither the rate limiter nor authentication.
        app.UseCors();
        return app;
    }

    /// <summary>The rate limiter: call after <c>UseAuthentication</c>, before <c>UseAuthorization</c>.</summary>
    public static WebApplication UsePlatformRateLimiting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// No origin when none is configured (the CORS middleware then answers preflights without any
    /// Access-Control-Allow-* header, and browsers refuse the call); otherwise the listed origins only,
    /// without credentials: the API authenticates with a bearer token, never with cookies.
    /// </summary>
    internal static CorsPolicy BuildCorsPolicy(HttpSecurityOptions security)
    {
        var policy = new CorsPolicyBuilder()
            .WithMethods(AllowedMethods)
            .WithHeaders(AllowedHeaders)
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(PreflightMaxAge);
        var origins = security.NormalizedOrigins();
        if (origins.Count > 0)
        {
            policy.WithOrigins([.. origins]);
        }

        return policy.Build();
    }
}
