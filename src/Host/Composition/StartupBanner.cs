using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Platform.Host.Composition;

/// <summary>Tells the operator where the explorer and the health endpoints are once the server listens.</summary>
internal static partial class StartupBanner
{
    public static void LogWhenStarted(WebApplication app)
    {
        var features = app.Services.GetRequiredService<IOptions<HostFeatureOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Host");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (address is null)
            {
                return;
            }

            address = address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).TrimEnd('/');
            if (features.Scalar.Enabled)
            {
                LogExplorer(logger, $"{address}/scalar/");
            }

            LogHealth(logger, $"{address}/health/ready");
        });
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "API explorer (Scalar): {Url}")]
    private static partial void LogExplorer(ILogger logger, string url);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Readiness: {Url}")]
    private static partial void LogHealth(ILogger logger, string url);
}
