using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;
using Platform.Sdk;
using HostProvider = Platform.BuildingBlocks.Persistence.DatabaseProvider;

namespace Platform.IntegrationTests.Sdk;

/// <summary>
/// The in-process host and an SDK registered exactly as an integrator would, with
/// <c>AddPlatformSdk</c>, its HTTP traffic routed to the test server.
/// </summary>
public sealed class SdkHost : IAsyncLifetime
{
    private ServiceProvider? sdkServices;

    public PlatformFactory Factory { get; private set; } = null!;

    /// <summary>Authorization headers the SDK sent, in order.</summary>
    public ConcurrentQueue<string?> SentAuthorization { get; } = new();

    /// <summary>Idempotency keys the SDK sent, in order (null for calls without one).</summary>
    public ConcurrentQueue<string?> SentIdempotencyKeys { get; } = new();

    public string? Token { get; set; } = TestTokens.Administrator;

    public PlatformApi Api => sdkServices!.GetRequiredService<PlatformApi>();

    public async ValueTask InitializeAsync()
    {
        Factory = await PlatformFactory.StartAsync(HostProvider.Sqlite);
        var services = new ServiceCollection();
        var builders = services.AddPlatformSdk(options =>
        {
            options.BaseAddress = Factory.Server.BaseAddress;
            options.AccessTokenProvider = (_, _) => ValueTask.FromResult(Token);
        });
        foreach (var builder in builders)
        {
            builder.ConfigurePrimaryHttpMessageHandler(() => new RecordingHandler(SentAuthorization, SentIdempotencyKeys) { InnerHandler = Factory.Server.CreateHandler() });
        }

        sdkServices = services.BuildServiceProvider(validateScopes: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (sdkServices is not null)
        {
            await sdkServices.DisposeAsync();
        }

        await Factory.DisposeAsync();
    }

    private sealed class RecordingHandler(ConcurrentQueue<string?> sent, ConcurrentQueue<string?> keys) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.Enqueue(request.Headers.Authorization?.ToString());
            keys.Enqueue(request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
