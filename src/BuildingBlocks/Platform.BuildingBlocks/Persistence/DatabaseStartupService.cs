using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.BuildingBlocks.Persistence;

/// <summary>
/// The start-up step: applies pending migrations (when switched on) and seeds reference data before
/// the server accepts requests and before the outbox relay starts.
/// </summary>
internal sealed class DatabaseStartupService(ModuleMigrator migrator, IOptions<DatabaseOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStartup)
        {
            await migrator.MigrateAsync(cancellationToken);
        }

        if (options.Value.SeedOnStartup)
        {
            await migrator.SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Registers the start-up migration and seeding step.</summary>
public static class DatabaseStartupRegistration
{
    public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddDatabaseStartup(this Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
        Microsoft.Extensions.DependencyInjection.ServiceCollectionHostedServiceExtensions.AddHostedService<DatabaseStartupService>(services);
}
