using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.BuildingBlocks.Persistence;

/// <summary>Ready when the module's database answers and has no pending migrations.</summary>
internal sealed class ModuleDatabaseHealthCheck(IServiceProvider services, ModuleDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy($"{database.ModuleName}: database unreachable.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToArray();
            return pending.Length == 0
                ? HealthCheckResult.Healthy($"{database.ModuleName}: {database.Provider}, migrated.")
                : HealthCheckResult.Unhealthy($"{database.ModuleName}: {pending.Length} pending migration(s).");
        }
#pragma warning disable CA1031 // A health probe reports any failure instead of throwing.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy($"{database.ModuleName}: {exception.GetType().Name}.");
        }
    }
}
