using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Identity;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.Platform.Persistence;

namespace Platform.IntegrationTests.Persistence;

/// <summary><c>dotnet Platform.Host.dll migrate</c>: the roll-out step, run as a real process.</summary>
public sealed class MigrateCommandTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "platform-tests", "migrate-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Migrate_command_applies_the_migrations_seeds_and_exits_0()
    {
        var (exitCode, output) = await RunHostAsync("migrate");

        Assert.True(exitCode == 0, $"migrate exited with {exitCode}:\n{output}");
        var file = Path.Combine(dataDirectory, "platform.db");
        Assert.True(File.Exists(file), $"migrate created no {file}:\n{output}");

        using var expectedContext = new PlatformSqliteDesignFactory().CreateDbContext([]);
        var expected = expectedContext.Database.GetMigrations().ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Query(file, "SELECT \"MigrationId\" FROM \"__ef_migrations_history\" ORDER BY 1"));
        Assert.Equal(RegionCatalog.LoadEmbedded().All.Count, int.Parse(Query(file, "SELECT COUNT(*) FROM regions").Single(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Migrate_command_run_twice_succeeds_both_times()
    {
        var (first, firstOutput) = await RunHostAsync("migrate");
        var (second, secondOutput) = await RunHostAsync("MIGRATE");

        Assert.True(first == 0, $"first migrate exited with {first}:\n{firstOutput}");
        Assert.True(second == 0, $"second migrate exited with {second}:\n{secondOutput}");
        Assert.Contains("applied 0 pending migration(s)", secondOutput, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private async Task<(int ExitCode, string Output)> RunHostAsync(params string[] arguments)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "Platform.Host.dll");
        Assert.True(File.Exists(hostDll), $"{hostDll} is missing: the test project references the host.");
        var start = new ProcessStartInfo(DotnetExecutable())
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hostDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["Database__DataDirectory"] = dataDirectory;
        foreach (var (key, value) in TestTokens.Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        Assert.True(process.Start(), "The host process did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"migrate did not exit within {Timeout.TotalSeconds} s:\n{Snapshot(output)}");
        }

        // WaitForExit without a timeout flushes the redirected streams once the process has exited.
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, Snapshot(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    /// <summary>The <c>dotnet</c> muxer running these tests, else the one on the path.</summary>
    private static string DotnetExecutable()
    {
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? current
            : "dotnet";
    }

    private static string[] Query(string file, string sql)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }

        return [.. rows];
    }
}
