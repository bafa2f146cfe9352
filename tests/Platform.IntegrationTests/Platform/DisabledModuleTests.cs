using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Modules;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.Platform.Persistence;

namespace Platform.IntegrationTests.Platform;

/// <summary>One host with every module switched off (<c>Modules:&lt;Name&gt;:Enabled=false</c>), shared by the tests of this class.</summary>
public sealed class DisabledPlatformHost : IAsyncLifetime
{
    private PlatformFactory? factory;

    public PlatformFactory Factory => factory ?? throw new InvalidOperationException("The host has not started.");

    public async ValueTask InitializeAsync() =>
        factory = await PlatformFactory.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Modules:Platform:Enabled"] = "false",
            ["Modules:TrainingVouchers:Enabled"] = "false",
            ["Modules:SkillMasterStudios:Enabled"] = "false",
            ["Modules:VeteranEmployment:Enabled"] = "false",
            ["Modules:ReturnHomeEntrepreneurship:Enabled"] = "false",
            ["Modules:Insights:Enabled"] = "false",
        });

    public async ValueTask DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }
}

/// <summary>A module switched off has no routes, no services and no database.</summary>
public sealed class DisabledModuleTests(DisabledPlatformHost host) : IClassFixture<DisabledPlatformHost>
{
    [Theory]
    [InlineData("/api/platform/modules")]
    [InlineData("/api/platform/regions/510700")]
    [InlineData("/api/platform/outbox/dead-letters")]
    [InlineData("/api/training-vouchers/occupations")]
    [InlineData("/api/skill-master-studios/funding-standards")]
    [InlineData("/api/return-home-entrepreneurship/loan-rules")]
    [InlineData("/api/insights/indicators")]
    [InlineData("/api/veteran-employment/incentive-standards")]
    public async Task Routes_of_a_disabled_module_answer_404_route_not_found(string path)
    {
        using var client = host.Factory.CreateClient();

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound, ProblemCodes.RouteNotFound);
    }

    [Fact]
    public void Disabled_module_registers_no_services()
    {
        var services = host.Factory.Services;

        Assert.Empty(services.GetServices<ModuleDatabase>());
        Assert.Empty(services.GetServices<IModuleSeeder>());
        var isService = services.GetRequiredService<IServiceProviderIsService>();
        Assert.False(isService.IsService(typeof(PlatformDbContext)));
        Assert.False(isService.IsService(typeof(PlatformDbContextSqlite)));
    }

    [Fact]
    public void Disabled_module_stays_in_the_catalog_as_disabled()
    {
        var catalog = host.Factory.Services.GetRequiredService<ModuleCatalog>();

        var platform = Assert.Single(catalog.Registrations, r => r.Module.Name == "Platform");
        Assert.False(platform.Enabled);
        Assert.DoesNotContain(catalog.Enabled, m => m.Name == "Platform");
    }

    [Fact]
    public void Disabled_module_creates_no_database_file()
    {
        var folder = ((SqliteTestDatabase)host.Factory.Database).Folder;

        Assert.False(File.Exists(Path.Combine(folder, "platform.db")), "A disabled module must not be migrated.");
    }

    [Fact]
    public async Task Disabled_module_has_no_operations_in_the_openapi_document()
    {
        using var client = host.Factory.CreateClient();

        using var response = await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        var document = await HttpAssert.ReadOkJsonAsync(response);
        Assert.DoesNotContain(document.GetProperty("paths").EnumerateObject(), p => p.Name.StartsWith("/api/platform", StringComparison.Ordinal));
    }
}
