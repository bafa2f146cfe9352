using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Persistence;

/// <summary>Where each module's data lives: its own schema on a server, its own file on SQLite.</summary>
public sealed class ModuleDatabaseTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrations_apply_on_PostgreSql_into_the_module_schema_with_its_own_history_table()
    {
        await using var factory = await PlatformFactory.StartAsync(DatabaseProvider.PostgreSql);
        var connectionString = ((PostgresTestDatabase)factory.Database).ConnectionString;
        var database = factory.Services.GetServices<ModuleDatabase>().Single(d => d.ModuleName == "Platform");
        Assert.Equal("platform", database.Schema);

        var tables = await QueryAsync(connectionString,
            "SELECT table_schema || '.' || table_name FROM information_schema.tables "
            + "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1");

        Assert.Contains("platform.__ef_migrations_history", tables);
        Assert.Contains("platform.regions", tables);
        // Every table lives in the schema of the module that owns it; nothing lands in public.
        var schemas = factory.Services.GetServices<ModuleDatabase>().Select(d => d.Schema).ToHashSet(StringComparer.Ordinal);
        Assert.All(tables, t => Assert.Contains(t.Split('.')[0], schemas));
        Assert.All(schemas, schema => Assert.Contains($"{schema}.__ef_migrations_history", tables));
        Assert.Equal(ExpectedMigrations(factory.Services, database), await AppliedMigrationsAsync(connectionString));
    }

    [Fact]
    public async Task Migrating_again_on_PostgreSql_is_a_no_op()
    {
        await using var factory = await PlatformFactory.StartAsync(DatabaseProvider.PostgreSql);
        var connectionString = ((PostgresTestDatabase)factory.Database).ConnectionString;
        var migrator = factory.Services.GetRequiredService<ModuleMigrator>();
        var before = await AppliedMigrationsAsync(connectionString);
        var firstRunLines = factory.Logs.Lines.Count(l => l.Contains("Module Platform on PostgreSql: applied", StringComparison.Ordinal));

        await migrator.MigrateAsync(Token);
        await migrator.SeedAsync(Token);

        Assert.Equal(before, await AppliedMigrationsAsync(connectionString));
        Assert.Equal(1, firstRunLines);
        Assert.Contains(factory.Logs.Lines, l => l.Contains("Module Platform on PostgreSql: applied 0 pending migration(s)", StringComparison.Ordinal));
        var regions = await QueryAsync(connectionString, "SELECT count(*)::text FROM platform.regions");
        Assert.Equal(RegionCatalog.LoadEmbedded().All.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(regions));
    }

    [Fact]
    public async Task Sqlite_keeps_one_database_file_per_module_under_the_data_directory()
    {
        await using var factory = await PlatformFactory.StartAsync(DatabaseProvider.Sqlite);
        var folder = ((SqliteTestDatabase)factory.Database).Folder;
        var databases = factory.Services.GetServices<ModuleDatabase>().ToArray();

        Assert.True(File.Exists(Path.Combine(folder, "platform.db")), $"No platform.db in {folder}");
        var files = Directory.GetFiles(folder, "*.db").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(databases.Select(d => d.Schema + ".db").Order(StringComparer.Ordinal), files);
        foreach (var database in databases)
        {
            var source = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
            Assert.Equal(Path.Combine(folder, database.Schema + ".db"), Path.GetFullPath(source));
        }
    }

    private static string[] ExpectedMigrations(IServiceProvider services, ModuleDatabase database)
    {
        using var scope = services.CreateScope();
        var context = (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
        return [.. context.Database.GetMigrations()];
    }

    private static Task<string[]> AppliedMigrationsAsync(string connectionString) =>
        QueryAsync(connectionString, "SELECT \"MigrationId\" FROM platform.__ef_migrations_history ORDER BY 1");

    private static async Task<string[]> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Token);
        var rows = new List<string>();
        while (await reader.ReadAsync(Token))
        {
            rows.Add(reader.GetString(0));
        }

        return [.. rows];
    }
}
