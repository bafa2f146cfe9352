using System.Data.Common;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.PersonalData;
using Platform.BuildingBlocks.Security;
using Platform.Modules.ReturnHomeEntrepreneurship;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence;

namespace Platform.Bench.Entrepreneurship;

/// <summary>
/// What a kept run leaves for <c>--reuse</c>: engine, PostgreSQL database, the personal-data keys the rows
/// were encrypted with (given to the host so it decrypts them), seed, sizes, the benchmark bank and what its
/// claim should list. The loans the reads sample are in <see cref="LoanRoster"/>'s file next to it.
/// </summary>
internal sealed record BenchState(
    string Provider, string? PostgresDatabase, string EncryptionKey, string BlindIndexKey, int Seed, int Businesses, int Loans, int BankLoans, string BankRegion,
    string BankCode, DateOnly GeneratedOn, DateOnly ClaimMonth, int ExpectedClaimLines)
{
    private const string FileName = "bench-state.json";
    private const string KeyId = "bench";

    public static BenchState Fresh(EntrepreneurshipBenchOptions options, string? postgresDatabase, string bankCode, DateOnly today, DateOnly claimMonth) => new(
        options.ProviderName,
        postgresDatabase,
        BenchSecrets.HostEnvironment["PersonalData__EncryptionKeys__" + KeyId],
        BenchSecrets.HostEnvironment["PersonalData__BlindIndexKey"],
        options.Seed,
        options.Businesses,
        options.Loans,
        options.BankLoans,
        options.BankRegion,
        bankCode,
        today,
        claimMonth,
        -1);

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

    public static BenchState Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new BenchFailureException($"--reuse {folder}: no {FileName} there (only a folder a --keep run left can be reused).");
        }

        return JsonSerializer.Deserialize<BenchState>(File.ReadAllText(path)) ?? throw new BenchFailureException($"{path} is empty.");
    }

    public void Save(string folder) => Private.Write(Path.Combine(folder, FileName), JsonSerializer.Serialize(this));
}

/// <summary>Files only the user may read (they hold keys of generated people's encrypted data).</summary>
internal static class Private
{
    public static void Write(string path, string text)
    {
        File.WriteAllText(path, text);
        Restrict(path);
    }

    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}

/// <summary>
/// The services a context reads its caller from, for a caller of one region: the module's query filters then
/// add that region's prefix exactly as for the host's requests (the studios benchmark's approach).
/// </summary>
internal static class CallerScope
{
    public static ServiceProvider For(string role, string region)
    {
        var identity = new ClaimsIdentity(
            [new Claim(PlatformClaims.Subject, "bench"), new Claim(PlatformClaims.Role, role), new Claim(PlatformClaims.Region, region)], authenticationType: "bench");
        var services = new ServiceCollection();
        services.AddSingleton<IHttpContextAccessor>(new FixedHttpContext(new DefaultHttpContext { User = new ClaimsPrincipal(identity) }));
        services.AddSingleton(RegionCatalog.LoadEmbedded());
        services.AddSingleton(new PermissionCatalog(EntrepreneurshipPermissions.Grants));
        services.AddSingleton<CallerAccessor>();
        return services.BuildServiceProvider();
    }

    private sealed class FixedHttpContext(HttpContext context) : IHttpContextAccessor
    {
        public HttpContext? HttpContext
        {
            get => context;
            set { }
        }
    }
}

/// <summary>
/// The run's database on either engine: the host's settings, the module's provider context on the same
/// connection string (as the system caller, or as a caller of a region), the secondary indexes dropped and
/// rebuilt around the load, claim rows removed between measured claims, the engine's plan of a command,
/// size and settings, and removal at the end.
/// </summary>
internal sealed class EntrepreneurshipDatabase
{
    public static readonly string Schema = ModuleDatabase.SchemaNameFor(ReturnHomeEntrepreneurshipDbContext.Module);

    public static readonly string[] LoadedTables = ["entrepreneurs", "businesses", "employees", "loans", "loan_participants", "loan_repayments"];

    private readonly string? server;

    private EntrepreneurshipDatabase(string folder, string? server, string? postgresDatabase)
    {
        Folder = folder;
        this.server = server;
        PostgresDatabase = postgresDatabase;
        ConnectionString = server is null
            ? $"Data Source={SqliteFile}"
            : new NpgsqlConnectionStringBuilder(server) { Database = postgresDatabase }.ConnectionString;
    }

    public string Folder { get; }

    public string? PostgresDatabase { get; }

    public bool IsPostgres => server is not null;

    public string ConnectionString { get; }

    private string DataFolder => Path.Combine(Folder, "data");

    private string SqliteFile => Path.Combine(DataFolder, Schema + ".db");

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
        : [new("Database__Provider", "PostgreSql"), new("ConnectionStrings__Default", ConnectionString)];

    /// <summary>A new folder and, on PostgreSQL, a new database <c>bench_entrepreneurship_&lt;random&gt;</c> (the role needs CREATEDB).</summary>
    public static async Task<EntrepreneurshipDatabase> CreateAsync(EntrepreneurshipBenchOptions options, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        if (!options.Postgres)
        {
            return new EntrepreneurshipDatabase(folder, null, null);
        }

        var name = "bench_entrepreneurship_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
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

        return new EntrepreneurshipDatabase(folder, options.PostgresServer, name);
    }

    public static EntrepreneurshipDatabase Attach(EntrepreneurshipBenchOptions options, string folder, BenchState state) =>
        new(folder, state.Provider == "postgres" ? options.PostgresServer : null, state.PostgresDatabase);

    /// <summary>
    /// The module's provider context: as the system caller, or as the caller <paramref name="services"/> holds
    /// (see <see cref="CallerScope"/>); <paramref name="interceptor"/> sees its commands.
    /// </summary>
    public ReturnHomeEntrepreneurshipDbContext Context(IServiceProvider? services = null, IInterceptor? interceptor = null)
    {
        if (IsPostgres)
        {
            var options = new DbContextOptionsBuilder<ReturnHomeEntrepreneurshipDbContextPostgreSql>();
            Configure(options, DatabaseProvider.PostgreSql);
            return new ReturnHomeEntrepreneurshipDbContextPostgreSql(options.Options);
        }

        var sqlite = new DbContextOptionsBuilder<ReturnHomeEntrepreneurshipDbContextSqlite>();
        Configure(sqlite, DatabaseProvider.Sqlite);
        return new ReturnHomeEntrepreneurshipDbContextSqlite(sqlite.Options);

        void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider)
        {
            builder.UseModuleProvider(provider, ConnectionString, Schema);
            if (services is not null)
            {
                builder.UseApplicationServiceProvider(services);
            }

            if (interceptor is not null)
            {
                builder.AddInterceptors(interceptor);
            }
        }
    }

    /// <summary>
    /// Opens the context's connection for the load. SQLite: no journal, no fsync and a 1 GB page cache on
    /// this connection only. Then drops the secondary indexes of the loaded tables and returns their
    /// definitions, read from the engine's catalogue, to build them again after.
    /// </summary>
    public async Task<IReadOnlyList<string>> BeforeLoadAsync(ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        if (!IsPostgres)
        {
            await ExecuteAsync(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576; PRAGMA temp_store=MEMORY;", cancellationToken);
        }

        var indexes = new List<(string Name, string Definition)>();
        var catalogue = IsPostgres
            ? $"SELECT indexname, indexdef FROM pg_indexes i WHERE schemaname = '{Schema}' AND tablename IN ({Quoted()}) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
            : $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({Quoted()})";
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
            await ExecuteAsync(connection, IsPostgres ? $"DROP INDEX \"{Schema}\".\"{name}\"" : $"DROP INDEX \"{name}\"", cancellationToken);
        }

        return indexes.Select(i => i.Definition).ToArray();

        static string Quoted() => string.Join(", ", LoadedTables.Select(t => $"'{t}'"));
    }

    /// <summary>
    /// Builds the dropped indexes again. SQLite: back to write-ahead logging, the mode the host's migrator leaves
    /// the file in (the load ran without a journal; a restarted host applies no migration and would not set it
    /// again), and no ANALYZE (the host never runs one). PostgreSQL: what autovacuum does soon after a bulk load.
    /// </summary>
    public async Task<string> AfterLoadAsync(ReturnHomeEntrepreneurshipDbContext db, IReadOnlyList<string> indexes, Action<string> progress, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        foreach (var definition in indexes)
        {
            var started = DateTime.UtcNow;
            await ExecuteAsync(connection, definition, cancellationToken);
            progress(string.Create(CultureInfo.InvariantCulture, $"generator: {definition} ({(DateTime.UtcNow - started).TotalSeconds:0.0} s)"));
        }

        if (!IsPostgres)
        {
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();

            // The pool would hand the loader's connection (no fsync, 1 GB cache) to the checks and plans that follow.
            SqliteConnection.ClearPool((SqliteConnection)connection);
            return string.Create(CultureInfo.InvariantCulture, $"{indexes.Count} secondary indexes rebuilt; journal back to WAL as the host's migrator leaves it; no `ANALYZE` (the host never runs it, so SQLite plans without statistics, as in production).");
        }

        foreach (var table in LoadedTables)
        {
            await ExecuteAsync(connection, $"VACUUM (ANALYZE) \"{Schema}\".\"{table}\"", cancellationToken);
        }

        await db.Database.CloseConnectionAsync();
        return string.Create(CultureInfo.InvariantCulture, $"{indexes.Count} secondary indexes rebuilt, then `VACUUM (ANALYZE)` of the loaded tables (what autovacuum does by itself shortly after a bulk load).");
    }

    /// <summary>Removes the claims of <paramref name="bankCode"/> (of one month and region when given) with SQL, so the next claim is not a 409.</summary>
    public async Task<int> DeleteClaimsAsync(string bankCode, DateOnly? month, string? regionCode, CancellationToken cancellationToken)
    {
        await using DbConnection connection = IsPostgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var table = IsPostgres ? $"\"{Schema}\".\"subsidy_claims\"" : "\"subsidy_claims\"";
        var sql = new StringBuilder($"DELETE FROM {table} WHERE \"BankCode\" = @bank");
        Add(command, "@bank", bankCode);
        if (month is { } m)
        {
            sql.Append(" AND \"Month\" = @month");
            Add(command, "@month", IsPostgres ? m : m.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (regionCode is not null)
        {
            sql.Append(" AND \"RegionCode\" = @region");
            Add(command, "@region", regionCode);
        }

        command.CommandText = sql.ToString();
        return await command.ExecuteNonQueryAsync(cancellationToken);

        static void Add(DbCommand command, string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }

    public async Task<string> SizeAsync(CancellationToken cancellationToken)
    {
        if (!IsPostgres)
        {
            var file = new FileInfo(SqliteFile);
            var wal = new FileInfo(SqliteFile + "-wal");
            return string.Create(CultureInfo.InvariantCulture, $"{(file.Exists ? file.Length : 0) / 1048576.0:N0} MB ({file.Name}{(wal.Exists && wal.Length > 0 ? string.Create(CultureInfo.InvariantCulture, $", WAL {wal.Length / 1048576.0:N0} MB") : "")})");
        }

        var sizes = await RowAsync(
            "SELECT pg_database_size(current_database())" + string.Concat(LoadedTables.Select(t => $", pg_total_relation_size('\"{Schema}\".\"{t}\"')")), cancellationToken);
        var mb = sizes.Select(v => long.Parse(v, CultureInfo.InvariantCulture) / 1048576.0).ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"{mb[0]:N0} MB database; with indexes: {string.Join(", ", LoadedTables.Select((t, i) => string.Create(CultureInfo.InvariantCulture, $"{t} {mb[i + 1]:N0} MB")))}");
    }

    public async Task<string> FactsAsync(CancellationToken cancellationToken)
    {
        if (IsPostgres)
        {
            var pg = await RowAsync("SELECT version(), current_setting('shared_buffers'), current_setting('work_mem'), current_setting('effective_cache_size'), current_setting('random_page_cost')", cancellationToken);
            return $"{pg[0]}; shared_buffers={pg[1]}, work_mem={pg[2]}, effective_cache_size={pg[3]}, random_page_cost={pg[4]}";
        }

        var lite = await RowAsync("SELECT sqlite_version(), (SELECT journal_mode FROM pragma_journal_mode), (SELECT cache_size FROM pragma_cache_size), (SELECT page_size FROM pragma_page_size)", cancellationToken);
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

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 3600;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<string[]> RowAsync(string sql, CancellationToken cancellationToken)
    {
        await using DbConnection connection = IsPostgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
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
