using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Modules.Platform.Persistence;

namespace Platform.Modules.Platform.Features.Idempotency;

/// <summary>Deletes expired idempotency keys once an hour.</summary>
internal sealed class IdempotencyCleanup(IServiceScopeFactory scopes, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
                var now = time.GetUtcNow();
                await db.WriteAsync(token => db.IdempotencyRecords.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(token), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Cleanup retries next hour; a failure here must not stop the host.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
