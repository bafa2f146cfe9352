using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Modules;
using Platform.BuildingBlocks.Persistence;
using Platform.Host;
using Platform.IntegrationTests.Http;

namespace Platform.IntegrationTests.Platform;

/// <summary>Platform_ListModules: the host's modules, their database and their migrations.</summary>
public sealed class ModuleListTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public async Task ListModules_shows_Platform_enabled_and_fully_migrated(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/platform/modules", TestContext.Current.CancellationToken);

        var list = await HttpAssert.ReadOkJsonAsync(response);
        var platform = Assert.Single(list.GetProperty("items").EnumerateArray(), m => m.GetProperty("name").GetString() == "Platform");
        Assert.True(platform.GetProperty("enabled").GetBoolean());
        Assert.Equal("platform", platform.GetProperty("routePrefix").GetString());
        Assert.Equal("1.0.0", platform.GetProperty("version").GetString());

        var database = platform.GetProperty("database");
        Assert.Equal(provider.ToString(), database.GetProperty("provider").GetString());
        Assert.Equal("platform", database.GetProperty("schema").GetString());
        Assert.True(database.GetProperty("reachable").GetBoolean());
        Assert.Empty(database.GetProperty("pendingMigrations").EnumerateArray());

        var applied = database.GetProperty("appliedMigrations").EnumerateArray().Select(m => m.GetString()).ToArray();
        Assert.Contains(applied, m => m!.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.Equal(ExpectedMigrations(factory.Services), applied);
    }

    [Fact]
    public async Task ListModules_lists_every_module_of_the_host_in_order()
    {
        var factory = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/platform/modules", TestContext.Current.CancellationToken);

        var list = await HttpAssert.ReadOkJsonAsync(response);
        var names = list.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToArray();
        var catalog = factory.Services.GetRequiredService<ModuleCatalog>();
        Assert.Equal(catalog.Registrations.Select(r => r.Module.Name), names);
        Assert.Equal(HostModules.All().Select(m => m.Name), names);
    }

    /// <summary>The migrations the provider's context carries, oldest first: what "applied" must list.</summary>
    private static string[] ExpectedMigrations(IServiceProvider services)
    {
        var database = services.GetServices<ModuleDatabase>().Single(d => d.ModuleName == "Platform");
        using var scope = services.CreateScope();
        var context = (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
        return [.. context.Database.GetMigrations()];
    }
}
