using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Http;

/// <summary>One SQLite host with the probe module and a 2 KiB body limit, shared by a test class.</summary>
public sealed class ProbeHostFixture : IAsyncLifetime
{
    public const int BodyLimit = 2048;

    private PlatformFactory? factory;

    public PlatformFactory Factory => factory ?? throw new InvalidOperationException("The host has not started.");

    public async ValueTask InitializeAsync()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var settings = new Dictionary<string, string?> { ["Http:MaxRequestBodyBytes"] = BodyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        factory = new PlatformFactory(database, settings) { ConfigureTestServices = ProbeModule.AddToHost };
        factory.StartServer();
    }

    public async ValueTask DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }
}
