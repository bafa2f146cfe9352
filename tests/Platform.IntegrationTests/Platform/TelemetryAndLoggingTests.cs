using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Platform;

/// <summary>Telemetry is exported only when an OTLP endpoint is configured; logs are JSON outside Development.</summary>
public sealed class TelemetryAndLoggingTests
{
    [Fact]
    public async Task Without_an_otlp_endpoint_no_tracer_or_meter_provider_is_registered()
    {
        await using var factory = await PlatformFactory.StartAsync(DatabaseProvider.Sqlite);

        Assert.Null(factory.Services.GetService<TracerProvider>());
        Assert.Null(factory.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task With_an_otlp_endpoint_traces_and_metrics_are_exported()
    {
        await using var factory = await PlatformFactory.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["OpenTelemetry:OtlpEndpoint"] = "http://127.0.0.1:4317",
        });

        Assert.NotNull(factory.Services.GetService<TracerProvider>());
        Assert.NotNull(factory.Services.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Testing", true)]
    [InlineData("Development", false)]
    public async Task Console_logs_are_json_lines_outside_development(string environment, bool json)
    {
        await using var factory = await PlatformFactory.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["HttpSecurity:Https:Enforce"] = "false",
        }, environment);

        var options = factory.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        Assert.Equal(json, options.FormatterName == ConsoleFormatterNames.Json);
    }
}
