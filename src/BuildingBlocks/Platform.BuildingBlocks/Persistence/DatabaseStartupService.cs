using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.BuildingBlocks.Persistence;

/// <summary>
/// The start-up step: applies pending migrations (when switched on) and seeds reference data before
/// the server accepts requests and before the outbox relay starts.
/// </summary>
internal sealed partial class DatabaseStartupService(ModuleMigrator migrator, IOptions<DatabaseOptions> options, ILogger<DatabaseStartupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStartup)
        {
            await migrator.MigrateAsync(cancellationToken);
        }

        else if (await migrator.HasPendingMigrationsAsync(cancellationToken))
        {
            // Seeding needs the schema; the host starts and reports not ready until `migrate` runs (which seeds).
            LogNotMigrated(logger);
            return;
        }

        if (options.Value.SeedOnStartup)
        {
            await migrator.SeedAsync(cancellationToken);
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Database:MigrateOnStartup is off and migrations are pending: seeding skipped, readiness fails until the migrate command runs")]
    private static partial void LogNotMigrated(ILogger logger);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Registers the start-up migration and seeding step.</summary>
public static class DatabaseStartupRegistration
{
    public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddDatabaseStartup(this Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
        Microsoft.Extensions.DependencyInjection.ServiceCollectionHostedServiceExtensions.AddHostedService<DatabaseStartupService>(services);
}
