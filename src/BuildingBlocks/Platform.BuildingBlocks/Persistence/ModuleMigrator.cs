using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.BuildingBlocks.Persistence;

/// <summary>Applies and reports each enabled module's migrations, and runs its seeders.</summary>
public sealed partial class ModuleMigrator(IServiceProvider services, IEnumerable<ModuleDatabase> databases, ILogger<ModuleMigrator> logger)
{
    public IReadOnlyList<ModuleDatabase> Databases { get; } = databases.ToArray();

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        foreach (var database in Databases)
        {
            await using var scope = services.CreateAsyncScope();
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                EnsureSqliteFolder(database.ConnectionString);
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToArray();
            if (pending.Length == 0)
            {
                // The common restart: nothing to apply, no migration lock to take.
                LogMigrated(logger, database.ModuleName, database.Provider, 0);
                continue;
            }

            await db.Database.MigrateAsync(cancellationToken);
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                // Write-ahead logging lets readers run while the relay or a request writes; it is stored in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            LogMigrated(logger, database.ModuleName, database.Provider, pending.Length);
        }
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        foreach (var seeder in scope.ServiceProvider.GetServices<IModuleSeeder>())
        {
            await seeder.SeedAsync(cancellationToken);
        }
    }

    /// <summary>Whether any module database is unreachable or lacks migrations.</summary>
    public async Task<bool> HasPendingMigrationsAsync(CancellationToken cancellationToken)
    {
        foreach (var database in Databases)
        {
            var status = await GetStatusAsync(database, cancellationToken);
            if (!status.Reachable || status.Pending.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    public async Task<MigrationStatus> GetStatusAsync(ModuleDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var scope = services.CreateAsyncScope();
        var db = (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
        var all = db.Database.GetMigrations().ToArray();
        try
        {
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToArray();
            return new MigrationStatus(applied, all.Except(applied).ToArray(), Reachable: true);
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException)
        {
            return new MigrationStatus([], all, Reachable: false);
        }
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Module {Module} on {Provider}: applied {Count} pending migration(s)")]
    private static partial void LogMigrated(ILogger logger, string module, DatabaseProvider provider, int count);
}

/// <summary>Which migrations a module's database has and lacks.</summary>
public sealed record MigrationStatus(IReadOnlyList<string> Applied, IReadOnlyList<string> Pending, bool Reachable);
