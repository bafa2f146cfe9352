using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Modules;
using Scalar.AspNetCore;

namespace Platform.Host.Composition;

/// <summary>The request pipeline: errors as problem details, health, OpenAPI, Scalar, then the modules' routes.</summary>
internal static class PlatformPipeline
{
    public static WebApplication UsePlatformHost(this WebApplication app)
    {
        var features = app.Services.GetRequiredService<IOptions<HostFeatureOptions>>().Value;
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimitMiddleware>();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync })
            .WithName("Health_Live").ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthResponseWriter.WriteAsync })
            .WithName("Health_Ready").ExcludeFromDescription();

        if (features.OpenApi.Enabled)
        {
            app.MapOpenApi("/openapi/{documentName}.json");
        }

        if (features.Scalar.Enabled)
        {
            app.MapScalarApiReference("/scalar", options => options
                .WithTitle("Chuanyu Employment Programs Platform")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        }

        app.MapModules(app.Services.GetRequiredService<ModuleCatalog>());
        StartupBanner.LogWhenStarted(app);
        return app;
    }
}
