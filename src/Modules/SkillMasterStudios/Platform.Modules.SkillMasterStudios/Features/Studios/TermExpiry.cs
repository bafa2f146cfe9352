using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Time;
using Platform.Modules.SkillMasterStudios.Domain;
using Platform.Modules.SkillMasterStudios.Persistence;

namespace Platform.Modules.SkillMasterStudios.Features.Studios;

/// <summary>Options of the term expiry job, <c>Modules:SkillMasterStudios:TermExpiry</c>.</summary>
internal sealed class TermExpiryOptions
{
    public const string Section = "TermExpiry";

    /// <summary>How often studios past the end of their term are marked expired (default hourly).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Studios expired per transaction.</summary>
    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// Marks active studios whose term ended before today as expired, which frees their master to lead
/// another studio; a renewal within the window brings them back. Each batch is its own transaction and
/// versions are checked, so a renewal racing the job wins or loses cleanly.
/// </summary>
internal sealed partial class TermExpiry(IServiceScopeFactory scopes, TimeProvider time, IOptions<TermExpiryOptions> options, ILogger<TermExpiry> logger)
{
    public const string Reason = "认定期届满未续期 / term ended without renewal";

    public async Task<int> ExpireDueAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var expired = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SkillMasterStudiosDbContext>();
            var due = await db.Studios
                .Where(s => s.Status == StudioStatus.Active && s.TermEndsOn < today)
                .OrderBy(s => s.TermEndsOn)
                .Take(options.Value.BatchSize)
                .ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return expired;
            }

            var now = time.GetUtcNow();
            foreach (var studio in due)
            {
                studio.Close(StudioStatus.Expired, Reason, "system", now);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                expired += due.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                LogRace(logger);
            }
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "A studio changed while the term expiry job ran; retrying the batch.")]
    private static partial void LogRace(ILogger logger);
}

/// <summary>Runs <see cref="TermExpiry"/> at the configured interval while the host serves.</summary>
internal sealed partial class TermExpiryService(TermExpiry expiry, TimeProvider time, IOptions<TermExpiryOptions> options, ILogger<TermExpiryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                var count = await expiry.ExpireDueAsync(ChinaCalendar.Today(time), stoppingToken);
                if (count > 0)
                {
                    LogExpired(logger, count);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Marked {Count} studios expired at the end of their term.")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Error, Message = "The studio term expiry job failed; it runs again at the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
