using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.Platform.Persistence;

namespace Platform.IntegrationTests.Persistence;

/// <summary>SQLite syncs every commit unless a deployment explicitly chooses otherwise.</summary>
public sealed class SqliteSynchronousTests
{
    [Theory]
    [InlineData(null, 2L)] // FULL by default
    [InlineData("Full", 2L)]
    [InlineData("Normal", 1L)]
    public async Task Module_connections_use_the_configured_synchronous_level(string? setting, long expected)
    {
        var settings = setting is null ? null : new Dictionary<string, string?> { ["Database:SqliteSynchronous"] = setting };
        await using var host = await PlatformFactory.StartAsync(DatabaseProvider.Sqlite, settings);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();

        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        var level = (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;

        Assert.Equal(expected, level);
    }
}
