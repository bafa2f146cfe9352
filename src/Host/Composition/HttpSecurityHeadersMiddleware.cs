namespace Platform.Host.Composition;

/// <summary>
/// Adds the security headers to every response, whatever produced it: endpoints, problem details
/// from the exception handler or status-code pages, rate-limit refusals, redirects. The headers are
/// written when the response starts, so handlers that clear the response first cannot drop them.
/// </summary>
/// <remarks>
/// The API answers JSON only, so its Content-Security-Policy forbids everything. The Scalar explorer
/// under <c>/scalar</c> is an HTML page: its policy lets it run the bundled script and inline
/// bootstrap and styles (the bundle injects style elements; it uses no eval and no worker), fetch
/// the OpenAPI document and send trial requests to this origin only, and show data: and blob: images
/// and data: fonts. Nothing loads from another site, so the page works offline and cannot be made to
/// send data elsewhere; Scalar's web fonts from fonts.scalar.com are refused, and the page falls back
/// to system fonts (<c>WithDefaultFonts(false)</c> on the Scalar options stops it asking).
/// </remarks>
internal sealed class HttpSecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>The path the explorer is served under; it needs a page policy, not the API's.</summary>
    public const string ScalarPath = "/scalar";

    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public const string ScalarContentSecurityPolicy =
        "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
        + "img-src 'self' data: blob:; font-src 'self' data:; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>No powerful browser feature: a JSON API and its explorer use none.</summary>
    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    private static readonly Func<object, Task> ApplyCallback = state =>
    {
        Apply((HttpContext)state);
        return Task.CompletedTask;
    };

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(ApplyCallback, context);
        return next(context);
    }

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        var path = context.Request.Path;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers.ContentSecurityPolicy = path.StartsWithSegments(ScalarPath, StringComparison.OrdinalIgnoreCase)
            ? ScalarContentSecurityPolicy
            : ApiContentSecurityPolicy;

        // API answers are per caller and often personal data: no shared or private cache keeps them,
        // unless an endpoint deliberately chose its own caching.
        if (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(headers.CacheControl))
        {
            headers.CacheControl = "no-store";
        }
    }
}
