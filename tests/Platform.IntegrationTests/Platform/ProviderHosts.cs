using System.Collections.Concurrent;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Platform;

/// <summary>
/// One default host per database provider, started on first use and shared by a test class. A
/// provider without a server skips every test that asks for it.
/// </summary>
public sealed class ProviderHosts : IAsyncLifetime
{
    private readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<PlatformFactory>>> hosts = new();

    public Task<PlatformFactory> GetAsync(DatabaseProvider provider) =>
        hosts.GetOrAdd(provider, p => new Lazy<Task<PlatformFactory>>(() => PlatformFactory.StartAsync(p))).Value;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts.Values.Where(h => h.IsValueCreated))
        {
            var started = host.Value;
            if (started.IsCompletedSuccessfully)
            {
                await (await started).DisposeAsync();
            }
        }
    }
}
