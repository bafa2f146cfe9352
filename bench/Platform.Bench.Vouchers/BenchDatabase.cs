using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.PersonalData;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Bench.Vouchers;

/// <summary>
/// The personal-data keys of a run: the ones <see cref="Platform.Bench.BenchSecrets"/> hands the host, or
/// those a kept run stored, so the generator encrypts and indexes exactly as the host will read.
/// </summary>
internal sealed record PersonalDataKeys(string EncryptionKey, string BlindIndexKey)
{
    public const string KeyId = "bench";

    public static PersonalDataKeys FromBenchSecrets() => new(
        Platform.Bench.BenchSecrets.HostEnvironment["PersonalData__EncryptionKeys__" + KeyId],
        Platform.Bench.BenchSecrets.HostEnvironment["PersonalData__BlindIndexKey"]);

    /// <summary>Set on the host explicitly, so a reused folder's keys win over the fresh ones of BenchSecrets.</summary>
    public IReadOnlyDictionary<string, string> HostEnvironment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PersonalData__ActiveKeyId"] = KeyId,
        ["PersonalData__EncryptionKeys__" + KeyId] = EncryptionKey,
        ["PersonalData__BlindIndexKey"] = BlindIndexKey,
    };

    public PersonalDataProtector CreateProtector() => new(Options.Create(new PersonalDataOptions
    {
        ActiveKeyId = KeyId,
        EncryptionKeys = new Dictionary<string, string>(StringComparer.Ordinal) { [KeyId] = EncryptionKey },
        BlindIndexKey = BlindIndexKey,
    }));
}

/// <summary>What a kept run leaves in its folder so that <c>--reuse</c> can measure again on the same data.</summary>
internal sealed record BenchState(
    string Provider, string? PostgresDatabase, string EncryptionKey, string BlindIndexKey, int Seed, int Vouchers, int People, DateOnly Until, DateOnly ChinaToday)
{
    public const string FileName = "bench-state.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static BenchState Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new Platform.Bench.BenchFailureException($"--reuse {folder}: no {FileName} there (only a folder a --keep run left can be reused).");
        }

        return JsonSerializer.Deserialize<BenchState>(File.ReadAllText(path), Json)
            ?? throw new Platform.Bench.BenchFailureException($"--reuse {folder}: {FileName} is empty.");
    }

    public void Write(string folder)
    {
        var path = Path.Combine(folder, FileName);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}

/// <summary>
/// The database of one run, per engine: what the host is told, how the generator connects (the same
/// connection string, through the module's provider context), how to read a query plan, and how to
/// throw it all away afterwards.
/// </summary>
internal abstract class BenchDatabase
{
    protected static readonly string Schema = ModuleDatabase.SchemaNameFor(TrainingVouchersDbContext.Module);

    protected BenchDatabase(string workDirectory) => WorkDirectory = workDirectory;

    /// <summary>The run's folder: the state file, and the SQLite data folder.</summary>
    public string WorkDirectory { get; }

    public abstract BenchProvider Provider { get; }

    public abstract string Description { get; }

    /// <summary>Database settings for the host process.</summary>
    public abstract IReadOnlyDictionary<string, string> HostEnvironment { get; }

    /// <summary>The connection string the host resolves for the training vouchers module.</summary>
    public abstract string ConnectionString { get; }

    public abstract string? PostgresDatabase { get; }

    public static async Task<BenchDatabase> CreateAsync(VoucherBenchOptions options, string workDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(workDirectory);
        return options.Provider == BenchProvider.Sqlite
            ? new SqliteBenchDatabase(workDirectory)
            : await PostgresBenchDatabase.CreateNewAsync(options.PostgresServer, workDirectory, cancellationToken);
    }

    public static BenchDatabase Attach(VoucherBenchOptions options, string workDirectory, BenchState state)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        return state.Provider == "sqlite"
            ? new SqliteBenchDatabase(workDirectory)
            : new PostgresBenchDatabase(options.PostgresServer, state.PostgresDatabase!, workDirectory);
    }

    /// <summary>The module's provider context on the host's connection string, as the unrestricted system caller.</summary>
    public TrainingVouchersDbContext CreateContext() => Provider == BenchProvider.Sqlite
        ? new TrainingVouchersDbContextSqlite((DbContextOptions<TrainingVouchersDbContextSqlite>)new DbContextOptionsBuilder<TrainingVouchersDbContextSqlite>()
            .UseModuleProvider(DatabaseProvider.Sqlite, ConnectionString, Schema).Options)
        : new TrainingVouchersDbContextPostgreSql((DbContextOptions<TrainingVouchersDbContextPostgreSql>)new DbContextOptionsBuilder<TrainingVouchersDbContextPostgreSql>()
            .UseModuleProvider(DatabaseProvider.PostgreSql, ConnectionString, Schema).Options);

    /// <summary>Settings for the generator's own connection only (the host's connections keep theirs).</summary>
    public abstract Task PrepareGeneratorAsync(TrainingVouchersDbContext db, CancellationToken cancellationToken);

    /// <summary>After the bulk load: what the engine would soon do by itself (PostgreSQL's autovacuum) or a clean WAL (SQLite).</summary>
    public abstract Task<string> AfterGenerationAsync(TrainingVouchersDbContext db, CancellationToken cancellationToken);

    public abstract Task<string> SizeAsync(CancellationToken cancellationToken);

    /// <summary>Engine version and the settings that matter for the figures.</summary>
    public abstract Task<IReadOnlyList<string>> ServerFactsAsync(CancellationToken cancellationToken);

    /// <summary>The plan of <paramref name="command"/> (PostgreSQL: executed, with buffers).</summary>
    public abstract Task<string> ExplainAsync(DbCommand command, CancellationToken cancellationToken);

    /// <summary>Deletes the data folder or drops the database.</summary>
    public abstract Task DropAsync();

    protected static async Task<List<string[]>> ReadRowsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<string[]>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
            }

            rows.Add(row);
        }

        return rows;
    }
}

/// <summary>SQLite: <c>&lt;work&gt;/data/&lt;schema&gt;.db</c>, as the host's <c>Database:DataDirectory</c> resolves it.</summary>
internal sealed class SqliteBenchDatabase(string workDirectory) : BenchDatabase(workDirectory)
{
    public string DataDirectory => Path.Combine(WorkDirectory, "data");

    public string FilePath => Path.Combine(DataDirectory, Schema + ".db");

    public override BenchProvider Provider => BenchProvider.Sqlite;

    public override string Description => $"SQLite, data folder {DataDirectory}";

    public override IReadOnlyDictionary<string, string> HostEnvironment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Database__Provider"] = "Sqlite",
        ["Database__DataDirectory"] = DataDirectory,
    };

    public override string ConnectionString => $"Data Source={FilePath}";

    public override string? PostgresDatabase => null;

    public override async Task PrepareGeneratorAsync(TrainingVouchersDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);

        // The connection stays open for the whole load, so these apply to every batch and to nothing else.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;", cancellationToken);
    }

    public override async Task<string> AfterGenerationAsync(TrainingVouchersDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        await db.Database.CloseConnectionAsync();
        return "`PRAGMA wal_checkpoint(TRUNCATE)` (the write-ahead log folded into the file). No `ANALYZE`: the host never runs it, so the planner has no statistics, as in production.";
    }

    public override Task<string> SizeAsync(CancellationToken cancellationToken)
    {
        long Size(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
        var main = Size(FilePath);
        var wal = Size(FilePath + "-wal");
        return Task.FromResult(string.Create(CultureInfo.InvariantCulture, $"{main / 1048576.0:0} MB ({Path.GetFileName(FilePath)}), WAL {wal / 1048576.0:0} MB"));
    }

    public override async Task<IReadOnlyList<string>> ServerFactsAsync(CancellationToken cancellationToken)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version(), (SELECT journal_mode FROM pragma_journal_mode), (SELECT synchronous FROM pragma_synchronous), (SELECT cache_size FROM pragma_cache_size), (SELECT page_size FROM pragma_page_size)";
        var row = (await ReadRowsAsync(command, cancellationToken))[0];
        return
        [
            $"SQLite {row[0]} (Microsoft.Data.Sqlite), journal_mode={row[1]}, synchronous={row[2]} on a new connection (2 = FULL), cache_size={row[3]}, page_size={row[4]}",
        ];
    }

    public override async Task<string> ExplainAsync(DbCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var text = command.CommandText;
        command.CommandText = "EXPLAIN QUERY PLAN " + text;
        try
        {
            var rows = await ReadRowsAsync(command, cancellationToken);
            var depth = new Dictionary<string, int>(StringComparer.Ordinal) { ["0"] = -1 };
            var builder = new StringBuilder();
            foreach (var row in rows)
            {
                // id, parent, notused, detail
                var level = depth.TryGetValue(row[1], out var parent) ? parent + 1 : 0;
                depth[row[0]] = level;
                builder.Append(' ', level * 2).Append(row[3]).Append('\n');
            }

            return builder.ToString();
        }
        finally
        {
            command.CommandText = text;
        }
    }

    public override Task DropAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(WorkDirectory))
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }

        return Task.CompletedTask;
    }
}

/// <summary>PostgreSQL: a database <c>bench_vouchers_&lt;random&gt;</c> of its own on the given server, dropped afterwards.</summary>
internal sealed class PostgresBenchDatabase : BenchDatabase
{
    private readonly string server;
    private readonly string database;

    public PostgresBenchDatabase(string server, string database, string workDirectory)
        : base(workDirectory)
    {
        this.server = server;
        this.database = database;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }

    public override BenchProvider Provider => BenchProvider.Postgres;

    public override string Description
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(server);
            return $"PostgreSQL database {database} on {builder.Host}:{builder.Port}";
        }
    }

    public override IReadOnlyDictionary<string, string> HostEnvironment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Database__Provider"] = "PostgreSql",
        ["ConnectionStrings__Default"] = ConnectionString,
    };

    public override string ConnectionString { get; }

    public override string? PostgresDatabase => database;

    public static async Task<PostgresBenchDatabase> CreateNewAsync(string server, string workDirectory, CancellationToken cancellationToken)
    {
        var name = "bench_vouchers_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        try
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or ArgumentException)
        {
            throw new Platform.Bench.BenchFailureException(
                $"Cannot create database {name} with --pg '{Redact(server)}': {exception.Message} (start the server with `pg_ctlcluster 15 main start`; the role needs CREATEDB).");
        }

        return new PostgresBenchDatabase(server, name, workDirectory);
    }

    public override Task PrepareGeneratorAsync(TrainingVouchersDbContext db, CancellationToken cancellationToken) => Task.CompletedTask;

    public override async Task<string> AfterGenerationAsync(TrainingVouchersDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        foreach (var table in new[] { "vouchers", "settlement_claims", "payment_batches" })
        {
            // One statement per command: VACUUM cannot run in a batch (a pipeline or transaction).
            var vacuum = $"VACUUM (ANALYZE) {Schema}.{table}";
            await db.Database.ExecuteSqlRawAsync(vacuum, cancellationToken);
        }
        return "`VACUUM (ANALYZE)` of the three loaded tables: what autovacuum does by itself within minutes of a bulk load (statistics for the planner, visibility map for index-only scans).";
    }

    public override async Task<string> SizeAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT pg_database_size(current_database()), pg_table_size('{Schema}.vouchers'), pg_indexes_size('{Schema}.vouchers')", connection);
        var row = (await ReadRowsAsync(command, cancellationToken))[0];
        double Mb(string value) => long.Parse(value, CultureInfo.InvariantCulture) / 1048576.0;
        return string.Create(CultureInfo.InvariantCulture, $"{Mb(row[0]):0} MB database; vouchers table {Mb(row[1]):0} MB + indexes {Mb(row[2]):0} MB");
    }

    public override async Task<IReadOnlyList<string>> ServerFactsAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT version(), current_setting('shared_buffers'), current_setting('work_mem'), current_setting('effective_cache_size'), current_setting('synchronous_commit'), current_setting('max_connections'), current_setting('random_page_cost')",
            connection);
        var row = (await ReadRowsAsync(command, cancellationToken))[0];
        return
        [
            row[0],
            $"shared_buffers={row[1]}, work_mem={row[2]}, effective_cache_size={row[3]}, synchronous_commit={row[4]}, max_connections={row[5]}, random_page_cost={row[6]}",
        ];
    }

    public override async Task<string> ExplainAsync(DbCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var text = command.CommandText;
        command.CommandText = "EXPLAIN (ANALYZE, BUFFERS) " + text;
        try
        {
            var rows = await ReadRowsAsync(command, cancellationToken);
            return string.Join('\n', rows.Select(r => r[0])) + "\n";
        }
        finally
        {
            command.CommandText = text;
        }
    }

    public override async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
        if (Directory.Exists(WorkDirectory))
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
    }

    private static string Redact(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (!string.IsNullOrEmpty(builder.Password))
            {
                builder.Password = "***";
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(unparsable)";
        }
    }
}
