using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Modules;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.PersonalData;

namespace Platform.Host.Composition;

/// <summary>Registers the cross-cutting services and the enabled modules. No business logic lives here.</summary>
internal static class PlatformHostBuilder
{
    public static WebApplicationBuilder AddPlatformHost(this WebApplicationBuilder builder, IEnumerable<IModule> modules, HostRunMode runMode)
    {
        var services = builder.Services;
        if (runMode == HostRunMode.DocumentGeneration)
        {
            // The build-time generator only describes endpoints; give it throw-away keys so no secret is needed to build.
            builder.Configuration.AddInMemoryCollection(DocumentGenerationKeys());
        }

        services.AddSingleton(new HostRunModeHolder(runMode));
        services.AddOptions<HostFeatureOptions>().Bind(builder.Configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HostFeatureOptions>, HostFeatureOptionsValidator>();
        services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection(DatabaseOptions.SectionName)).ValidateOnStart();
        services.AddOptions<OutboxOptions>().Bind(builder.Configuration.GetSection(OutboxOptions.SectionName))
            .Validate(o => o.MaxAttempts >= 1 && o.BatchSize >= 1 && o.LeaseDuration > TimeSpan.Zero && o.PollInterval > TimeSpan.Zero
                    && o.BaseRetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.BaseRetryDelay,
                "Outbox: MaxAttempts and BatchSize must be at least 1; LeaseDuration, PollInterval and BaseRetryDelay positive; MaxRetryDelay at least BaseRetryDelay.")
            .ValidateOnStart();

        services.AddSingleton(RegionCatalog.LoadEmbedded());
        services.AddPlatformProblemDetails();
        services.AddPlatformLocalization();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;

            // Numbers are numbers: no quoted numbers in bodies, and integer schemas stay plain integers.
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddPlatformMessaging();
        services.AddSingleton<ModuleMigrator>();
        services.AddHealthChecks();
        builder.AddPlatformAuth();
        services.AddPersonalDataProtection(builder.Configuration);
        services.AddPlatformOpenApi();
        builder.AddPlatformTelemetry();
        builder.AddPlatformHttpSecurity();

        // Start-up side effects: never while the build-time generator inspects the app, and the
        // migrate command runs them itself and exits. Registered before the modules, so migrations
        // finish before any module's background work starts.
        if (runMode == HostRunMode.Serve)
        {
            services.AddDatabaseStartup();
            services.AddHostedService<OutboxRelay>();
        }

        builder.AddModules(modules, runMode);

        return builder;
    }

    private static Dictionary<string, string?> DocumentGenerationKeys()
    {
        string Random() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        return new Dictionary<string, string?>
        {
            ["PersonalData:ActiveKeyId"] = "build",
            ["PersonalData:EncryptionKeys:build"] = Random(),
            ["PersonalData:BlindIndexKey"] = Random(),
        };
    }
}

/// <summary>Why this process runs, for services that behave differently at build time.</summary>
internal sealed record HostRunModeHolder(HostRunMode Mode);
