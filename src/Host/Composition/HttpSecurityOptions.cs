using Microsoft.Extensions.Options;

namespace Platform.Host.Composition;

/// <summary>
/// HTTP hardening of the host, bound from the <c>HttpSecurity</c> section: HTTPS enforcement and
/// HSTS, rate limits, and the CORS allow-list. Every default is the safe one: HTTPS enforced outside
/// Development and Testing, limits on, no cross-origin access.
/// </summary>
internal sealed class HttpSecurityOptions
{
    public const string SectionName = "HttpSecurity";

    public HttpsSettings Https { get; set; } = new();

    public RateLimitSettings RateLimit { get; set; } = new();

    public CorsSettings Cors { get; set; } = new();

    internal sealed class HttpsSettings
    {
        /// <summary>
        /// HSTS and HTTP-to-HTTPS redirection. Unset: on, except in the Development and Testing
        /// environments. <c>true</c> or <c>false</c> overrides the environment either way.
        /// </summary>
        public bool? Enforce { get; set; }

        /// <summary>
        /// The port redirects point to. Unset: <c>ASPNETCORE_HTTPS_PORT</c> / <c>https_port</c>, else
        /// the HTTPS address the server listens on; with none of them the middleware does not redirect.
        /// </summary>
        public int? Port { get; set; }

        /// <summary>The <c>max-age</c> of the Strict-Transport-Security header, in days (default 365).</summary>
        public int HstsMaxAgeDays { get; set; } = 365;

        /// <summary>Whether HSTS covers the subdomains of the host name (default false).</summary>
        public bool HstsIncludeSubDomains { get; set; }
    }

    internal sealed class RateLimitSettings
    {
        /// <summary>Off only for load tests: every limit below is then ignored.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>Requests per minute from one client address, on every route but <c>/health</c> (default 600).</summary>
        public int PerIpPermitsPerMinute { get; set; } = 600;

        /// <summary>Requests per minute of one authenticated caller on the routes with the per-caller policy (default 300).</summary>
        public int PerCallerPermitsPerMinute { get; set; } = 300;
    }

    internal sealed class CorsSettings
    {
        /// <summary>Exact origins (<c>https://host[:port]</c>) whose browser pages may call the API. Empty: none.</summary>
        public string[] AllowedOrigins { get; set; } = [];
    }

    /// <summary>Whether HSTS and the HTTPS redirect apply in this environment.</summary>
    public bool EnforcesHttps(IHostEnvironment environment) =>
        Https.Enforce ?? !(environment.IsDevelopment() || environment.IsEnvironment(HttpSecuritySetup.TestingEnvironment));

    /// <summary>The allowed origins as browsers send them: lower-case scheme and host, port only when not the default.</summary>
    public IReadOnlyList<string> NormalizedOrigins() =>
        (Cors.AllowedOrigins ?? []).Select(o => HttpSecurityOptionsValidator.TryParseOrigin(o, out var origin, out _) ? origin : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToArray();
}

/// <summary>Refuses start-up on values that would weaken the defaults silently, naming the configuration key.</summary>
internal sealed class HttpSecurityOptionsValidator : IValidateOptions<HttpSecurityOptions>
{
    private const int MaxPermitsPerMinute = 1_000_000;
    private const string Prefix = HttpSecurityOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, HttpSecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.Https.Port is { } port && port is < 1 or > 65535)
        {
            failures.Add($"{Prefix}:Https:Port must be between 1 and 65535 (was {port}).");
        }

        if (options.Https.HstsMaxAgeDays is < 1 or > 730)
        {
            failures.Add($"{Prefix}:Https:HstsMaxAgeDays must be between 1 and 730 (was {options.Https.HstsMaxAgeDays}).");
        }

        if (options.RateLimit.PerIpPermitsPerMinute is < 1 or > MaxPermitsPerMinute)
        {
            failures.Add($"{Prefix}:RateLimit:PerIpPermitsPerMinute must be between 1 and {MaxPermitsPerMinute} (was {options.RateLimit.PerIpPermitsPerMinute}).");
        }

        if (options.RateLimit.PerCallerPermitsPerMinute is < 1 or > MaxPermitsPerMinute)
        {
            failures.Add($"{Prefix}:RateLimit:PerCallerPermitsPerMinute must be between 1 and {MaxPermitsPerMinute} (was {options.RateLimit.PerCallerPermitsPerMinute}).");
        }

        var origins = options.Cors.AllowedOrigins ?? [];
        for (var i = 0; i < origins.Length; i++)
        {
            if (!TryParseOrigin(origins[i], out _, out var problem))
            {
                failures.Add($"{Prefix}:Cors:AllowedOrigins:{i} ('{origins[i]}') {problem}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// Reads one configured origin: an absolute http or https URI with a host and nothing after the
    /// authority but an optional trailing slash. Wildcards are refused: the API is opened to named
    /// sites only.
    /// </summary>
    internal static bool TryParseOrigin(string? value, out string origin, out string problem)
    {
        origin = "";
        const string Expected = "must be an exact origin such as https://portal.example.gov.cn (scheme, host and optional port; no path, query or wildcard).";
        if (string.IsNullOrWhiteSpace(value))
        {
            problem = "is empty: " + Expected;
            return false;
        }

        var text = value.Trim();
        if (text.Contains('*', StringComparison.Ordinal))
        {
            problem = "is a wildcard; CORS is opened to listed origins only: " + Expected;
            return false;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.Host))
        {
            problem = "is not an absolute http or https URL: " + Expected;
            return false;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            problem = "has more than an origin: " + Expected;
            return false;
        }

        // As a browser writes the Origin header: scheme, ASCII host, and the port only when not the default.
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
        origin = uri.IsDefaultPort ? $"{uri.Scheme}://{host}" : $"{uri.Scheme}://{host}:{uri.Port}";
        problem = "";
        return true;
    }
}
