using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Idempotency;
using Platform.BuildingBlocks.Modules;
using Scalar.AspNetCore;

namespace Platform.Host.Composition;

/// <summary>The request pipeline: errors as problem details, health, OpenAPI, Scalar, then the modules' routes.</summary>
internal static class PlatformPipeline
{
    public static WebApplication UsePlatformHost(this WebApplication app)
    {
        var features = app.Services.GetRequiredService<IOptions<HostFeatureOptions>>().Value;
        var anonymous = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.Anonymous;
        app.UsePlatformLocalization();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A refused request is answered, not an incident: no error log, and so no request values
            // (which may be identity numbers) in the logs.
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException or DomainException or FluentValidation.ValidationException
                or Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException,
        });
        app.UseStatusCodePages();
        app.UsePlatformHttpSecurity();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseAuthentication();
        app.UsePlatformRateLimiting();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();

        var live = app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync })
            .WithName("Health_Live").ExcludeFromDescription();
        var ready = app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthResponseWriter.WriteAsync })
            .WithName("Health_Ready").ExcludeFromDescription();
        AllowAnonymousIf(anonymous.Health, live, ready);

        if (features.OpenApi.Enabled)
        {
            AllowAnonymousIf(anonymous.OpenApi, app.MapOpenApi("/openapi/{documentName}.json"));
        }

        if (features.Scalar.Enabled)
        {
            AllowAnonymousIf(anonymous.Scalar, app.MapScalarApiReference("/scalar", options => options
                .WithTitle("Chuanyu Employment Programs Platform")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddPreferredSecuritySchemes(OpenApiSetup.BearerScheme)
                .DisableDefaultFonts()));
        }

        app.MapDevelopmentTokens();

        app.MapGroup("").RequireRateLimiting(HttpSecuritySetup.PerCallerPolicy).MapModules(app.Services.GetRequiredService<ModuleCatalog>());
        StartupBanner.LogWhenStarted(app);
        return app;
    }

    private static void AllowAnonymousIf(bool allowed, params IEndpointConventionBuilder[] endpoints)
    {
        if (!allowed)
        {
            return;
        }

        foreach (var endpoint in endpoints)
        {
            endpoint.AllowAnonymous();
        }
    }
}
