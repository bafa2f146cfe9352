using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;
using Platform.BuildingBlocks.Localization;

namespace Platform.Host.Composition;

/// <summary>
/// Request localisation: the platform answers in Simplified Chinese (zh-CN) unless the caller's
/// <c>Accept-Language</c> asks for English (<c>en</c>, <c>en-US</c>, …). Only the header decides: no
/// query string, no cookie. The request's culture is what <see cref="LocalizedText"/>, the problem
/// titles and details and FluentValidation's messages are picked by, and is echoed in <c>Content-Language</c>.
/// </summary>
internal static class LocalizationSetup
{
    private const string AcceptLanguage = "Accept-Language";

    public static IServiceCollection AddPlatformLocalization(this IServiceCollection services)
    {
        services.AddOptions<RequestLocalizationOptions>().Configure(Configure);
        ValidationLocalization.UseRequestCulture();
        return services;
    }

    /// <summary>
    /// Sets the request's culture and the response's <c>Content-Language</c>. Runs first, before the
    /// exception handler and the status-code pages: they write problems after the rest of the pipeline
    /// has returned, and a culture set further in would no longer be current by then.
    /// </summary>
    public static WebApplication UsePlatformLocalization(this WebApplication app)
    {
        app.UseRequestLocalization();
        app.Use(static (context, next) =>
        {
            // On starting rather than now: the exception handler clears the headers before it writes.
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var culture = http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;
                var headers = http.Response.Headers;
                if (string.IsNullOrEmpty(headers.ContentLanguage))
                {
                    headers.ContentLanguage = culture.Name;
                }

                if (!headers.Vary.Any(v => v is not null && v.Contains(AcceptLanguage, StringComparison.OrdinalIgnoreCase)))
                {
                    headers.Append(HeaderNames.Vary, AcceptLanguage);
                }

                return Task.CompletedTask;
            }, context);
            return next(context);
        });
        return app;
    }

    internal static void Configure(RequestLocalizationOptions options)
    {
        options.DefaultRequestCulture = new RequestCulture(PlatformCultures.Chinese, PlatformCultures.Chinese);
        options.SupportedCultures = [.. PlatformCultures.Supported];
        options.SupportedUICultures = [.. PlatformCultures.Supported];
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;
        options.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider { Options = options }];
        options.ApplyCurrentCultureToResponseHeaders = false;
    }
}
