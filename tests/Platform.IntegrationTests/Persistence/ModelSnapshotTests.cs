using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Persistence;

/// <summary>
/// Every module's model matches the snapshot of its migrations on every provider, so no model change
/// ships without a migration. The modules come from the host itself, so new modules are covered.
/// </summary>
public sealed class ModelSnapshotTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public async Task Module_model_has_no_pending_changes_on(DatabaseProvider provider)
    {
        await using var host = new OfflineHost(provider);

        var databases = host.Services.GetServices<ModuleDatabase>().ToArray();

        Assert.NotEmpty(databases);
        Assert.Contains(databases, d => d.ModuleName == "Platform");
        var drifted = new List<string>();
        foreach (var database in databases)
        {
            Assert.Equal(provider, database.Provider);
            using var scope = host.Services.CreateScope();
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
            Assert.NotEmpty(context.Database.GetMigrations());
            if (context.Database.HasPendingModelChanges())
            {
                drifted.Add($"{database.ModuleName} ({database.ContextType.Name})");
            }
        }

        Assert.False(Directory.Exists(host.DataDirectory), "Checking the model must not create a database.");
        Assert.True(drifted.Count == 0,
            $"Model changes without a migration on {provider}: {string.Join(", ", drifted)}. Add a migration for each provider.");
    }

    /// <summary>
    /// The real host configured for a provider but never connecting: no start-up migration or seeding,
    /// no relay, and connection strings that point nowhere.
    /// </summary>
    private sealed class OfflineHost(DatabaseProvider provider) : WebApplicationFactory<Program>
    {
        public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "platform-tests", "offline-" + Guid.NewGuid().ToString("N"));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", provider.ToString());
            foreach (var (key, value) in TestTokens.Settings)
            {
                builder.UseSetting(key, value);
            }

            builder.UseSetting("Database:DataDirectory", DataDirectory);
            builder.UseSetting("Database:MigrateOnStartup", "false");
            builder.UseSetting("Database:SeedOnStartup", "false");
            builder.UseSetting("Outbox:RelayEnabled", "false");
            builder.UseSetting("ConnectionStrings:Default", provider switch
            {
                DatabaseProvider.PostgreSql => "Host=127.0.0.1;Port=1;Database=offline;Username=offline;Password=offline",
                DatabaseProvider.SqlServer => "Server=127.0.0.1,1;Database=offline;User Id=offline;Password=offline;TrustServerCertificate=True",
                _ => null,
            });
        }
    }
}
