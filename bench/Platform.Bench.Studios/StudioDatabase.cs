using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.PersonalData;
using Platform.Modules.SkillMasterStudios.Persistence;

namespace Platform.Bench.Studios;

/// <summary>
/// What a run needs to find its data again: engine, PostgreSQL database, the personal-data keys the rows
/// were encrypted with (handed to the host, so it decrypts them), seed and sizes. Written to the run's
/// folder; <c>--reuse</c> reads it back.
/// </summary>
internal sealed record StudioBenchState(string Provider, string? PostgresDatabase, string EncryptionKey, string BlindIndexKey, int Seed, int Studios, int Apprentices)
{
    private const string FileName = "bench-state.json";
    private const string KeyId = "bench";

    /// <summary>New state with the keys <see cref="BenchSecrets"/> gives the host in this process.</summary>
    public static StudioBenchState Fresh(StudioBenchOptions options, string? postgresDatabase) => new(
        options.ProviderName,
        postgresDatabase,
        BenchSecrets.HostEnvironment["PersonalData__EncryptionKeys__" + KeyId],
        BenchSecrets.HostEnvironment["PersonalData__BlindIndexKey"],
        options.Seed,
        options.Studios,
        options.Apprentices);

    /// <summary>The keys set on the host explicitly, so a reused folder's keys win over this process's fresh ones.</summary>
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

    public static StudioBenchState Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        return File.Exists(path)
            ? JsonSerializer.Deserialize<StudioBenchState>(File.ReadAllText(path)) ?? throw new BenchFailureException($"{path} is empty.")
            : throw new BenchFailureException($"--reuse {folder}: no {FileName} there (only a folder a --keep run left can be reused).");
    }

    public void Save(string folder)
    {
        var path = Path.Combine(folder, FileName);
        File.WriteAllText(path, JsonSerializer.Serialize(this));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}

/// <summary>
/// The run's database on either engine: the host's settings for it, the module's provider context on the
/// same connection string (as the unrestricted system caller, or as a given caller for query plans), the
/// engine's plan of a command, and removal at the end.
/// </summary>
internal sealed class StudioDatabase
{
    public static readonly string Schema = ModuleDatabase.SchemaNameFor(SkillMasterStudiosDbContext.Module);

    private static readonly string[] LoadedTables = ["masters", "studios", "accreditations", "funding_tranches", "annual_reports", "apprentices"];

    private readonly string? server;

    private StudioDatabase(string folder, string? server, string? postgresDatabase)
    {
        Folder = folder;
        this.server = server;
        PostgresDatabase = postgresDatabase;
        ConnectionString = server is null
            ? $"Data Source={Path.Combine(folder, "data", Schema + ".db")}"
            : new NpgsqlConnectionStringBuilder(server) { Database = postgresDatabase }.ConnectionString;
    }

    /// <summary>The run's folder: the state file and, on SQLite, the host's data folder.</summary>
    public string Folder { get; }

    public string? PostgresDatabase { get; }

    public bool IsPostgres => server is not null;

    public string ConnectionString { get; }

    public string Description => server is null
        ? $"SQLite, data folder {Path.Combine(Folder, "data")}"
        : $"PostgreSQL database {PostgresDatabase} on {new NpgsqlConnectionStringBuilder(server).Host}:{new NpgsqlConnectionStringBuilder(server).Port}";

    public IEnumerable<KeyValuePair<string, string>> HostEnvironment => server is null
        ? [new("Database__Provider", "Sqlite"), new("Database__DataDirectory", Path.Combine(Folder, "data"))]
        : [new("Database__Provider", "PostgreSql"), new("ConnectionStrings__Default", ConnectionString)];

    /// <summary>A new folder, and on PostgreSQL a new database <c>bench_studios_&lt;random&gt;</c> (the role needs CREATEDB).</summary>
    public static async Task<StudioDatabase> CreateAsync(StudioBenchOptions options, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        if (!options.Postgres)
        {
            return new StudioDatabase(folder, null, null);
        }

        var name = "bench_studios_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        try
        {
            await using var connection = new NpgsqlConnection(options.PostgresServer);
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or ArgumentException)
        {
            throw new BenchFailureException($"Cannot create database {name}: {exception.Message} (is the server running, e.g. `pg_ctlcluster 15 main start`? does the role have CREATEDB?)");
        }

        return new StudioDatabase(folder, options.PostgresServer, name);
    }

    public static StudioDatabase Attach(StudioBenchOptions options, string folder, StudioBenchState state) =>
        new(folder, state.Provider == "postgres" ? options.PostgresServer : null, state.PostgresDatabase);

    /// <summary>The module's provider context; <paramref name="services"/> supplies a caller (see <see cref="CallerScope"/>), else the system caller.</summary>
    public SkillMasterStudiosDbContext Context(IServiceProvider? services = null)
    {
        DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder)
        {
            builder.UseModuleProvider(IsPostgres ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite, ConnectionString, Schema);
            return services is null ? builder : builder.UseApplicationServiceProvider(services);
        }

        return IsPostgres
            ? new SkillMasterStudiosDbContextPostgreSql((DbContextOptions<SkillMasterStudiosDbContextPostgreSql>)Configure(new DbContextOptionsBuilder<SkillMasterStudiosDbContextPostgreSql>()).Options)
            : new SkillMasterStudiosDbContextSqlite((DbContextOptions<SkillMasterStudiosDbContextSqlite>)Configure(new DbContextOptionsBuilder<SkillMasterStudiosDbContextSqlite>()).Options);
    }

    /// <summary>SQLite: the generator's own connection writes with WAL and without fsync (the host's keep their settings).</summary>
    public async Task BeforeLoadAsync(SkillMasterStudiosDbContext db, CancellationToken cancellationToken)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        if (!IsPostgres)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;", cancellationToken);
        }
    }

    /// <summary>After the load: PostgreSQL gets what autovacuum soon does; SQLite folds its WAL into the file and gets no ANALYZE, as the host never runs one.</summary>
    public async Task<string> AfterLoadAsync(SkillMasterStudiosDbContext db, CancellationToken cancellationToken)
    {
        if (!IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
            await db.Database.CloseConnectionAsync();
            return "`PRAGMA wal_checkpoint(TRUNCATE)`; no `ANALYZE` (the host never runs it, so SQLite plans without statistics, as in production).";
        }

        foreach (var table in LoadedTables)
        {
            // One statement per command: VACUUM cannot run inside a transaction or batch.
            var vacuum = "VACUUM (ANALYZE) " + Schema + "." + table;
            await db.Database.ExecuteSqlRawAsync(vacuum, cancellationToken);
        }

        return "`VACUUM (ANALYZE)` of the loaded tables (what autovacuum does by itself shortly after a bulk load).";
    }

    public async Task<string> SizeAsync(CancellationToken cancellationToken)
    {
        if (!IsPostgres)
        {
            var file = new FileInfo(Path.Combine(Folder, "data", Schema + ".db"));
            return string.Create(CultureInfo.InvariantCulture, $"{(file.Exists ? file.Length : 0) / 1048576.0:N0} MB ({file.Name})");
        }

        var parts = string.Join(", ", LoadedTables.Select(t => $"pg_total_relation_size('{Schema}.{t}')"));
        var row = await ScalarRowAsync($"SELECT pg_database_size(current_database()), {parts}", cancellationToken);
        var mb = row.Select(v => long.Parse(v, CultureInfo.InvariantCulture) / 1048576.0).ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"{mb[0]:N0} MB database; with indexes: ")
            + string.Join(", ", LoadedTables.Select((t, i) => string.Create(CultureInfo.InvariantCulture, $"{t} {mb[i + 1]:N0} MB")));
    }

    /// <summary>Engine version and the settings that matter for the figures.</summary>
    public async Task<string> FactsAsync(CancellationToken cancellationToken)
    {
        var row = IsPostgres
            ? await ScalarRowAsync("SELECT version(), current_setting('shared_buffers'), current_setting('work_mem'), current_setting('effective_cache_size'), current_setting('random_page_cost')", cancellationToken)
            : await ScalarRowAsync("SELECT sqlite_version(), (SELECT journal_mode FROM pragma_journal_mode), (SELECT cache_size FROM pragma_cache_size), (SELECT page_size FROM pragma_page_size)", cancellationToken);
        return IsPostgres
            ? $"{row[0]}; shared_buffers={row[1]}, work_mem={row[2]}, effective_cache_size={row[3]}, random_page_cost={row[4]}"
            : $"SQLite {row[0]} (Microsoft.Data.Sqlite), journal_mode={row[1]}, cache_size={row[2]}, page_size={row[3]} on a new connection";
    }

    /// <summary>SQLite: <c>EXPLAIN QUERY PLAN</c> as an indented tree. PostgreSQL: <c>EXPLAIN (ANALYZE, BUFFERS)</c>.</summary>
    public async Task<string> ExplainAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var sql = command.CommandText;
        command.CommandText = (IsPostgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + sql;
        try
        {
            var text = new StringBuilder();
            var depths = new Dictionary<long, int> { [0] = -1 };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (IsPostgres)
                {
                    text.Append(reader.GetString(0)).Append('\n');
                    continue;
                }

                // SQLite rows: id, parent, notused, detail.
                var depth = depths.TryGetValue(reader.GetInt64(1), out var parent) ? parent + 1 : 0;
                depths[reader.GetInt64(0)] = depth;
                text.Append(' ', depth * 2).Append(reader.GetString(3)).Append('\n');
            }

            return text.ToString();
        }
        finally
        {
            command.CommandText = sql;
        }
    }

    public async Task DropAsync()
    {
        if (IsPostgres)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {PostgresDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
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

    private async Task<string[]> ScalarRowAsync(string sql, CancellationToken cancellationToken)
    {
        await using DbConnection connection = IsPostgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "").ToArray();
    }
}
