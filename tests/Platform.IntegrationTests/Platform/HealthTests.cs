using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Platform;

/// <summary>Liveness and readiness: ready only when every module's database answers and is migrated.</summary>
public sealed class HealthTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private const string PlatformCheck = "database:Platform";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Live_answers_200_Healthy_without_running_checks()
    {
        var factory = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/live", Token);

        var report = await HttpAssert.ReadOkJsonAsync(response);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Empty(report.GetProperty("checks").EnumerateArray());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Ready_answers_200_with_the_Platform_database_check_Healthy(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/ready", Token);

        var report = await HttpAssert.ReadOkJsonAsync(response);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        var check = Check(report, PlatformCheck);
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Ready_is_503_Unhealthy_on_a_fresh_database_when_start_up_does_not_migrate(DatabaseProvider provider)
    {
        await using var factory = await PlatformFactory.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Database:MigrateOnStartup"] = "false",
            ["Database:SeedOnStartup"] = "false",
        });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/ready", Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var report = await HttpAssert.ReadJsonAsync(response);
        Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
        var check = Check(report, PlatformCheck);
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());

        // A server database exists but lacks the migrations; a SQLite file does not exist until migrated.
        var database = factory.Services.GetServices<ModuleDatabase>().Single(d => d.ModuleName == "Platform");
        using var scope = factory.Services.CreateScope();
        var migrations = ((Microsoft.EntityFrameworkCore.DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType)).Database.GetMigrations().Count();
        var expected = provider == DatabaseProvider.Sqlite ? "Platform: database unreachable." : $"Platform: {migrations} pending migration(s).";
        Assert.Equal(expected, check.GetProperty("description").GetString());

        using var live = await client.GetAsync("/health/live", Token);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ListModules_reports_every_migration_pending_when_start_up_does_not_migrate(DatabaseProvider provider)
    {
        await using var factory = await PlatformFactory.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Database:MigrateOnStartup"] = "false",
            ["Database:SeedOnStartup"] = "false",
        });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/platform/modules", Token);

        var list = await HttpAssert.ReadOkJsonAsync(response);
        var platform = Assert.Single(list.GetProperty("items").EnumerateArray(), m => m.GetProperty("name").GetString() == "Platform");
        var database = platform.GetProperty("database");
        Assert.Empty(database.GetProperty("appliedMigrations").EnumerateArray());
        var pending = database.GetProperty("pendingMigrations").EnumerateArray().Select(m => m.GetString() ?? "").ToArray();
        Assert.Contains(pending, m => m.EndsWith("_Initial", StringComparison.Ordinal));
    }

    /// <summary>
    /// Known defect, left failing on purpose: with <c>Database:MigrateOnStartup=false</c> (the roll-out
    /// setting) and the default <c>SeedOnStartup=true</c>, start-up seeds before anyone migrated, so the
    /// host crashes instead of starting and reporting not ready through <c>/health/ready</c>.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Host_that_does_not_migrate_starts_on_a_fresh_database_with_default_seeding_and_reports_not_ready(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var factory = new PlatformFactory(database, new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" });
        Exception? startFailure = null;
        try
        {
            factory.StartServer();
        }
#pragma warning disable CA1031 // The start-up failure is the finding; the assertion below reports it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            startFailure = exception;
        }

        Assert.True(startFailure is null,
            "PRODUCTION BUG: with Database:MigrateOnStartup=false and the default SeedOnStartup=true the host does not start on an "
            + "unmigrated database, because start-up runs the seeders against tables (or, on SQLite, a folder) that do not exist yet; "
            + "it should skip seeding while migrations are pending and report not ready. Start-up failed with: "
            + startFailure?.GetBaseException().Message);
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/health/ready", Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    private static JsonElement Check(JsonElement report, string name)
    {
        var checks = report.GetProperty("checks").EnumerateArray().ToArray();
        return Assert.Single(checks, c => c.GetProperty("name").GetString() == name);
    }
}
