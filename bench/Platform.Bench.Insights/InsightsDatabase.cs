using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.PersonalData;
using Platform.Modules.Insights.Persistence;

namespace Platform.Bench.Insights;

/// <summary>
/// What a kept run leaves for <c>--reuse</c>: engine, PostgreSQL database, the personal-data keys the blind
/// indexes were made with, seed, size and the day the events were generated up to. What the progress should show
/// is in <see cref="Expected"/>'s file next to it.
/// </summary>
internal sealed record InsightsBenchState(string Provider, string? PostgresDatabase, string EncryptionKey, string BlindIndexKey, int Seed, long Events, DateOnly GeneratedOn)
{
    private const string FileName = "bench-state.json";
    private const string KeyId = "bench";

    public static InsightsBenchState Fresh(InsightsBenchOptions options, string? postgresDatabase, DateOnly today) => new(
        options.ProviderName,
        postgresDatabase,
        BenchSecrets.HostEnvironment["PersonalData__EncryptionKeys__" + KeyId],
        BenchSecrets.HostEnvironment["PersonalData__BlindIndexKey"],
        options.Seed,
        options.Events,
        today);

    /// <summary>Set on the host explicitly, so a reused folder's keys win over this process's fresh ones.</summary>
    public IEnumerable<KeyValuePair<string, string>> KeyEnvironment =>
    [
        new("PersonalData__ActiveKeyId", KeyId),
        new("PersonalData__EncryptionKeys__" + KeyId, EncryptionKey),
        new("PersonalData__BlindIndexKey", BlindIndexKey),
    ];

    public IPersonalDataProtector Protector() => new PersonalDataProtector(Options.Create(new PersonalDataOptions
    {
        ActiveKeyId = KeyId,
        EncryptionKeys = new Dictionary<string, string>(StringComparer.Ordinal) { [KeyId] = EncryptionKey },
        BlindIndexKey = BlindIndexKey,
    }));

    public static InsightsBenchState Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new BenchFailureException($"--reuse {folder}: no {FileName} there (only a folder a --keep run left can be reused).");
        }

        return JsonSerializer.Deserialize<InsightsBenchState>(File.ReadAllText(path)) ?? throw new BenchFailureException($"{path} is empty.");
    }

    public void Save(string folder) => Private.Write(Path.Combine(folder, FileName), JsonSerializer.Serialize(this));
}

/// <summary>Files only the user may read (they hold keys).</summary>
internal static class Private
{
    public static void Write(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}

/// <summary>
/// The outbox and inbox tables of the producing module (training vouchers) as every module context maps them:
/// a context of the bench with the module's name and no entities of its own, so its model has the same
/// <c>outbox_messages</c> and <c>outbox_deliveries</c> (and, on PostgreSQL, the module's schema). One derived type per
/// provider, as the modules have, so the host's registration can map the base to the concrete context.
/// </summary>
internal abstract class ProducerOutboxContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Module = "TrainingVouchers";

    public override string ModuleName => Module;

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}

internal sealed class ProducerOutboxContextSqlite(DbContextOptions<ProducerOutboxContextSqlite> options) : ProducerOutboxContext(options);

internal sealed class ProducerOutboxContextPostgreSql(DbContextOptions<ProducerOutboxContextPostgreSql> options) : ProducerOutboxContext(options);

/// <summary>
/// One host data location on either engine: the host's settings, the Insights context and the producing module's
/// outbox context on the host's connection strings (as the system caller), the secondary indexes dropped and rebuilt
/// around a load, raw connections, the engine's plan of a command, sizes and settings, and removal at the end.
/// </summary>
internal sealed class InsightsDatabase
{
    public static readonly string InsightsSchema = ModuleDatabase.SchemaNameFor(InsightsDbContext.Module);

    public static readonly string ProducerSchema = ModuleDatabase.SchemaNameFor(ProducerOutboxContext.Module);

    private readonly string? server;

    private InsightsDatabase(string folder, string? server, string? postgresDatabase)
    {
        Folder = folder;
        this.server = server;
        PostgresDatabase = postgresDatabase;
        PostgresConnectionString = server is null ? null : new NpgsqlConnectionStringBuilder(server) { Database = postgresDatabase }.ConnectionString;
    }

    public string Folder { get; }

    public string? PostgresDatabase { get; }

    public bool IsPostgres => server is not null;

    public DatabaseProvider Provider => IsPostgres ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite;

    public string DataFolder => Path.Combine(Folder, "data");

    private string? PostgresConnectionString { get; }

    public string Description
    {
        get
        {
            if (server is null)
            {
                return $"SQLite, data folder {DataFolder}";
            }

            var builder = new NpgsqlConnectionStringBuilder(server);
            return $"PostgreSQL database {PostgresDatabase} on {builder.Host}:{builder.Port}";
        }
    }

    public IEnumerable<KeyValuePair<string, string>> HostEnvironment => server is null
        ? [new("Database__Provider", "Sqlite"), new("Database__DataDirectory", DataFolder)]
        : [new("Database__Provider", "PostgreSql"), new("ConnectionStrings__Default", PostgresConnectionString!)];

    /// <summary>The same settings as configuration keys (for the relay run in the bench process).</summary>
    public IEnumerable<KeyValuePair<string, string?>> Configuration =>
        HostEnvironment.Select(p => new KeyValuePair<string, string?>(p.Key.Replace("__", ":", StringComparison.Ordinal), p.Value));

    /// <summary>A new folder and, on PostgreSQL, a new database <c>bench_insights_&lt;random&gt;_&lt;suffix&gt;</c> (the role needs CREATEDB).</summary>
    public static async Task<InsightsDatabase> CreateAsync(InsightsBenchOptions options, string folder, string suffix, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        if (!options.Postgres)
        {
            return new InsightsDatabase(folder, null, null);
        }

        var name = $"bench_insights_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}_{suffix}";
        try
        {
            await using var connection = new NpgsqlConnection(options.PostgresServer);
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or ArgumentException)
        {
            throw new BenchFailureException($"Cannot create database {name}: {exception.Message} (is the server running? does the role have CREATEDB?)");
        }

        return new InsightsDatabase(folder, options.PostgresServer, name);
    }

    public static InsightsDatabase Attach(InsightsBenchOptions options, string folder, InsightsBenchState state) =>
        new(folder, state.Provider == "postgres" ? options.PostgresServer : null, state.PostgresDatabase);

    /// <summary>The connection string the host gives a module.</summary>
    public string ConnectionString(string schema) =>
        PostgresConnectionString ?? $"Data Source={Path.Combine(DataFolder, schema + ".db")}";

    /// <summary>The Insights provider context as the system caller; <paramref name="interceptor"/> sees its commands.</summary>
    public InsightsDbContext Insights(IInterceptor? interceptor = null)
    {
        if (IsPostgres)
        {
            var options = new DbContextOptionsBuilder<InsightsDbContextPostgreSql>();
            options.UseModuleProvider(DatabaseProvider.PostgreSql, ConnectionString(InsightsSchema), InsightsSchema);
            if (interceptor is not null)
            {
                options.AddInterceptors(interceptor);
            }

            return new InsightsDbContextPostgreSql(options.Options);
        }

        var sqlite = new DbContextOptionsBuilder<InsightsDbContextSqlite>();
        sqlite.UseModuleProvider(DatabaseProvider.Sqlite, ConnectionString(InsightsSchema), InsightsSchema);
        if (interceptor is not null)
        {
            sqlite.AddInterceptors(interceptor);
        }

        return new InsightsDbContextSqlite(sqlite.Options);
    }

    /// <summary>The producing module's outbox tables.</summary>
    public ProducerOutboxContext Producer()
    {
        if (IsPostgres)
        {
            var options = new DbContextOptionsBuilder<ProducerOutboxContextPostgreSql>();
            options.UseModuleProvider(DatabaseProvider.PostgreSql, ConnectionString(ProducerSchema), ProducerSchema);
            return new ProducerOutboxContextPostgreSql(options.Options);
        }

        var sqlite = new DbContextOptionsBuilder<ProducerOutboxContextSqlite>();
        sqlite.UseModuleProvider(DatabaseProvider.Sqlite, ConnectionString(ProducerSchema), ProducerSchema);
        return new ProducerOutboxContextSqlite(sqlite.Options);
    }

    /// <summary>A new, unopened connection to a module's database.</summary>
    public DbConnection Connection(string schema) =>
        IsPostgres ? new NpgsqlConnection(ConnectionString(schema)) : new SqliteConnection(ConnectionString(schema));

    /// <summary>A table name as the engine wants it in raw SQL (PostgreSQL: schema-qualified).</summary>
    public string Table(string schema, string table) => IsPostgres ? $"\"{schema}\".\"{table}\"" : $"\"{table}\"";

    /// <summary>
    /// Opens the context's connection for a load. SQLite: no journal, no fsync and a 1 GB page cache on this
    /// connection only (the host's keep their settings). Then drops the secondary indexes of <paramref name="tables"/>
    /// and returns their definitions, read from the engine's catalogue, to build them again after.
    /// </summary>
    public async Task<IReadOnlyList<string>> BeforeLoadAsync(DbContext db, string schema, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        if (!IsPostgres)
        {
            await ExecuteAsync(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576; PRAGMA temp_store=MEMORY;", cancellationToken);
        }

        var quoted = string.Join(", ", tables.Select(t => $"'{t}'"));
        var indexes = new List<(string Name, string Definition)>();
        var catalogue = IsPostgres
            ? $"SELECT indexname, indexdef FROM pg_indexes i WHERE schemaname = '{schema}' AND tablename IN ({quoted}) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
            : $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({quoted})";
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = catalogue;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, IsPostgres ? $"DROP INDEX \"{schema}\".\"{name}\"" : $"DROP INDEX \"{name}\"", cancellationToken);
        }

        return indexes.Select(i => i.Definition).ToArray();
    }

    /// <summary>Builds the dropped indexes again; PostgreSQL then gets what autovacuum does soon after a bulk load, SQLite no ANALYZE (the host never runs one).</summary>
    public async Task<string> AfterLoadAsync(DbContext db, string schema, IReadOnlyList<string> tables, IReadOnlyList<string> indexes, Action<string> progress, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        foreach (var definition in indexes)
        {
            var started = DateTime.UtcNow;
            await ExecuteAsync(connection, definition, cancellationToken);
            progress(string.Create(CultureInfo.InvariantCulture, $"load: {definition} ({(DateTime.UtcNow - started).TotalSeconds:0.0} s)"));
        }

        if (!IsPostgres)
        {
            // The host's migrator leaves its files in WAL mode; the load switched the journal off on this connection.
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
            return string.Create(CultureInfo.InvariantCulture, $"{indexes.Count} secondary indexes rebuilt; no `ANALYZE` (the host never runs it, so SQLite plans without statistics, as in production).");
        }

        foreach (var table in tables)
        {
            await ExecuteAsync(connection, $"VACUUM (ANALYZE) \"{schema}\".\"{table}\"", cancellationToken);
        }

        await db.Database.CloseConnectionAsync();
        return string.Create(CultureInfo.InvariantCulture, $"{indexes.Count} secondary indexes rebuilt, then `VACUUM (ANALYZE)` of the loaded tables (what autovacuum does by itself shortly after a bulk load).");
    }

    public async Task<string> SizeAsync(IReadOnlyList<(string Schema, string[] Tables)> parts, CancellationToken cancellationToken)
    {
        if (!IsPostgres)
        {
            return string.Join(", ", parts.Select(p =>
            {
                var file = new FileInfo(Path.Combine(DataFolder, p.Schema + ".db"));
                var wal = new FileInfo(file.FullName + "-wal");
                return string.Create(CultureInfo.InvariantCulture, $"{file.Name} {((file.Exists ? file.Length : 0) + (wal.Exists ? wal.Length : 0)) / 1048576.0:N0} MB");
            }));
        }

        var relations = parts.SelectMany(p => p.Tables.Select(t => (p.Schema, Table: t))).ToArray();
        var sizes = await RowAsync(
            InsightsSchema,
            "SELECT pg_database_size(current_database())" + string.Concat(relations.Select(r => $", pg_total_relation_size('\"{r.Schema}\".\"{r.Table}\"')")),
            cancellationToken);
        var mb = sizes.Select(v => long.Parse(v, CultureInfo.InvariantCulture) / 1048576.0).ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"{mb[0]:N0} MB database; with indexes: {string.Join(", ", relations.Select((r, i) => string.Create(CultureInfo.InvariantCulture, $"{r.Schema}.{r.Table} {mb[i + 1]:N0} MB")))}");
    }

    public async Task<string> FactsAsync(CancellationToken cancellationToken)
    {
        if (IsPostgres)
        {
            var pg = await RowAsync(InsightsSchema, "SELECT version(), current_setting('shared_buffers'), current_setting('work_mem'), current_setting('effective_cache_size'), current_setting('random_page_cost')", cancellationToken);
            return $"{pg[0]}; shared_buffers={pg[1]}, work_mem={pg[2]}, effective_cache_size={pg[3]}, random_page_cost={pg[4]}";
        }

        var lite = await RowAsync(InsightsSchema, "SELECT sqlite_version(), (SELECT journal_mode FROM pragma_journal_mode), (SELECT cache_size FROM pragma_cache_size), (SELECT page_size FROM pragma_page_size)", cancellationToken);
        return $"SQLite {lite[0]} (Microsoft.Data.Sqlite), journal_mode={lite[1]}, cache_size={lite[2]}, page_size={lite[3]} on a new connection";
    }

    /// <summary>SQLite: <c>EXPLAIN QUERY PLAN</c> as an indented tree. PostgreSQL: <c>EXPLAIN (ANALYZE, BUFFERS)</c>.</summary>
    public async Task<string> ExplainAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var original = command.CommandText;
        command.CommandText = (IsPostgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + original;
        try
        {
            var lines = new StringBuilder();
            var depthOf = new Dictionary<long, int>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (IsPostgres)
                {
                    lines.AppendLine(reader.GetString(0));
                    continue;
                }

                // SQLite's rows: id, parent, notused, detail.
                var depth = depthOf.TryGetValue(reader.GetInt64(1), out var parentDepth) ? parentDepth + 1 : 0;
                depthOf[reader.GetInt64(0)] = depth;
                lines.Append(' ', 2 * depth).AppendLine(reader.GetString(3));
            }

            return lines.ToString();
        }
        finally
        {
            command.CommandText = original;
        }
    }

    public async Task DropAsync()
    {
        if (IsPostgres)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {PostgresDatabase} WITH (FORCE)", CancellationToken.None);
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }

        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    public static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 3600;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>One scalar of a module's database on a new connection.</summary>
    public async Task<long> ScalarAsync(string schema, string sql, CancellationToken cancellationToken)
    {
        await using var connection = Connection(schema);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    private async Task<string[]> RowAsync(string schema, string sql, CancellationToken cancellationToken)
    {
        await using var connection = Connection(schema);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var values = new string[reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
        }

        return values;
    }
}
