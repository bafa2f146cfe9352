using System.Collections.Concurrent;
using Platform.BuildingBlocks.Persistence;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// One host per database provider, started on first use and shared by a test class. A provider
/// without a server skips every test that asks for it. Subclasses say how a host starts.
/// </summary>
public abstract class ProviderHostCache : IAsyncLifetime
{
    private readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<PlatformFactory>>> hosts = new();

    public Task<PlatformFactory> GetAsync(DatabaseProvider provider) =>
        hosts.GetOrAdd(provider, p => new Lazy<Task<PlatformFactory>>(() => StartAsync(p))).Value;

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

        GC.SuppressFinalize(this);
    }

    protected abstract Task<PlatformFactory> StartAsync(DatabaseProvider provider);
}
