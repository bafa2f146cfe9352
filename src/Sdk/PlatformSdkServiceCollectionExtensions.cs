using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Platform.Sdk;

/// <summary>Registers the platform's typed clients with <see cref="IHttpClientFactory"/>.</summary>
public static class PlatformSdkServiceCollectionExtensions
{
    /// <summary>
    /// Registers every module's client, the <see cref="PlatformApi"/> facade, the base address and the
    /// bearer-token provider. Returns the builders so callers can add handlers (retries, logging).
    /// </summary>
    public static IReadOnlyList<IHttpClientBuilder> AddPlatformSdk(this IServiceCollection services, Action<PlatformSdkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<PlatformSdkOptions>()
            .Configure(configure)
            .Validate(o => o.BaseAddress is { IsAbsoluteUri: true }, "PlatformSdkOptions.BaseAddress must be an absolute URI.")
            .ValidateOnStart();
        services.AddTransient<BearerTokenHandler>();
        services.AddTransient<IdempotencyKeyHandler>();
        services.AddTransient<PlatformApi>();
        return
        [
            AddClient<IPlatformClient, PlatformClient>(services),
            AddClient<ITrainingVouchersClient, TrainingVouchersClient>(services),
            AddClient<ISkillMasterStudiosClient, SkillMasterStudiosClient>(services),
            AddClient<IVeteranEmploymentClient, VeteranEmploymentClient>(services),
            AddClient<IReturnHomeEntrepreneurshipClient, ReturnHomeEntrepreneurshipClient>(services),
            AddClient<IInsightsClient, InsightsClient>(services),
        ];
    }

    private static IHttpClientBuilder AddClient<TClient, TImplementation>(IServiceCollection services)
        where TClient : class
        where TImplementation : class, TClient =>
        services.AddHttpClient<TClient, TImplementation>((provider, client) =>
            {
                var options = provider.GetRequiredService<IOptions<PlatformSdkOptions>>().Value;
                client.BaseAddress = options.BaseAddress;
                client.Timeout = options.Timeout;
            })
            .AddHttpMessageHandler<BearerTokenHandler>()
            .AddHttpMessageHandler<IdempotencyKeyHandler>();
}
