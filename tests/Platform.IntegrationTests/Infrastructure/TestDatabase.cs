using Npgsql;
using Platform.BuildingBlocks.Persistence;
using Testcontainers.MsSql;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// A throw-away database for one test host: a temporary folder of SQLite files, a fresh database on
/// the PostgreSQL server CI provides, or a SQL Server container where a Docker engine runs.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PLATFORM_TEST_POSTGRES";

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Configuration that points the host at this database.</summary>
    public abstract IReadOnlyDictionary<string, string?> Settings { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteTestDatabase(),
        DatabaseProvider.PostgreSql => await PostgresTestDatabase.CreateAsync(),
        DatabaseProvider.SqlServer => await SqlServerTestDatabase.CreateAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    public abstract ValueTask DisposeAsync();
}

public sealed class SqliteTestDatabase : TestDatabase
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N"));

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Sqlite",
        ["Database:DataDirectory"] = Folder,
    };

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string adminConnectionString;
    private readonly string databaseName;

    private PostgresTestDatabase(string adminConnectionString, string databaseName, string connectionString)
    {
        this.adminConnectionString = adminConnectionString;
        this.databaseName = databaseName;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "PostgreSql",
        ["ConnectionStrings:Default"] = ConnectionString,
    };

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(PostgresVariable);

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = ServerConnectionString;
        Assert.SkipWhen(string.IsNullOrWhiteSpace(server),
            $"No PostgreSQL server: set {PostgresVariable} to a connection string of a role that may create databases (.ci/run does).");
        var name = "platform_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new PostgresTestDatabase(server!, name, builder.ConnectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)", connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException exception) when (attempt < 20 && exception.SqlState is "42501" or "55006")
            {
                // An autovacuum worker (a superuser's process, which FORCE may not end for us) is in the
                // database after a test wrote many rows; it finishes within moments.
                await Task.Delay(250);
            }
        }
    }
}

public sealed class SqlServerTestDatabase : TestDatabase
{
    private readonly MsSqlContainer container;

    private SqlServerTestDatabase(MsSqlContainer container) => this.container = container;

    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "SqlServer",
        ["ConnectionStrings:Default"] = container.GetConnectionString(),
    };

    /// <summary>Whether a Docker engine answers on its socket; Testcontainers needs one.</summary>
    public static bool DockerAvailable =>
        File.Exists("/var/run/docker.sock") || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST"));

    public static async Task<SqlServerTestDatabase> CreateAsync()
    {
        Assert.SkipUnless(DockerAvailable, "No Docker engine on this machine: SQL Server tests run through Testcontainers where Docker exists.");
        var container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04").Build();
        await container.StartAsync();
        return new SqlServerTestDatabase(container);
    }

    public override ValueTask DisposeAsync() => container.DisposeAsync();
}
