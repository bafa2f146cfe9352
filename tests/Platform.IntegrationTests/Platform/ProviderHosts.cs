using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Platform;

/// <summary>One default host per database provider, shared by a test class.</summary>
public sealed class ProviderHosts : ProviderHostCache
{
    protected override Task<PlatformFactory> StartAsync(DatabaseProvider provider) => PlatformFactory.StartAsync(provider);
}
