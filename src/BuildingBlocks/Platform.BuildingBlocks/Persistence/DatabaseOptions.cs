using Microsoft.Extensions.Configuration;

namespace Platform.BuildingBlocks.Persistence;

/// <summary>
/// The <c>Database</c> section: the provider all modules use, where SQLite files live and whether
/// start-up applies migrations. Connection strings come from <c>ConnectionStrings:&lt;Module&gt;</c>,
/// falling back to <c>ConnectionStrings:Default</c>, and on SQLite to a file per module.
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder of the per-module SQLite files, relative to the content root unless absolute.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations when the host starts (switch off where roll-outs run <c>migrate</c>).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Seed reference data when the host starts or migrates.</summary>
    public bool SeedOnStartup { get; set; } = true;

    /// <summary>
    /// SQLite's <c>synchronous</c> setting. <see cref="Persistence.SqliteSynchronous.Full"/> (the default) syncs
    /// every commit to disk: nothing committed is lost, even on a power cut.
    /// <see cref="Persistence.SqliteSynchronous.Normal"/> (with the write-ahead log the platform uses) survives
    /// a crash of the host but may lose the last commits on a power cut or an operating-system crash, for
    /// fewer disk syncs. An explicit choice for a deployment, never the default.
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>Resolves the connection string of one module.</summary>
    public string ResolveConnectionString(IConfiguration configuration, string moduleName, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var specific = configuration.GetConnectionString(moduleName);
        if (!string.IsNullOrWhiteSpace(specific))
        {
            return specific;
        }

        if (Provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.IsPathRooted(DataDirectory) ? DataDirectory : Path.Combine(contentRoot, DataDirectory);
            return $"Data Source={Path.Combine(folder, ModuleDatabase.SchemaNameFor(moduleName) + ".db")}";
        }

        var shared = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(shared))
        {
            throw new InvalidOperationException(
                $"Database:Provider is {Provider} but neither ConnectionStrings:{moduleName} nor ConnectionStrings:Default is set.");
        }

        return shared;
    }
}
