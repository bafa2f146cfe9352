using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Time;

namespace Platform.BuildingBlocks.Jobs;

/// <summary>
/// A job that closes records whose day has passed (vouchers unused by their last day, studio terms
/// that ended): it reads a batch of due records, changes them and saves, until none is due. Each batch
/// is its own transaction in its own scope and every record's version is checked, so a user's change
/// racing the job wins or loses cleanly (the batch is read again) and several host instances may run
/// the job at once.
/// </summary>
/// <typeparam name="TContext">The module's context.</typeparam>
/// <typeparam name="TRecord">The record closed.</typeparam>
public abstract partial class DailySweep<TContext, TRecord>(IServiceScopeFactory scopes, TimeProvider time, ILogger logger) : IDailySweep
    where TContext : DbContext
    where TRecord : class
{
    /// <summary>What the job does, for its log lines ("expired vouchers").</summary>
    public abstract string Description { get; }

    /// <summary>How often the job runs while the host serves.</summary>
    public abstract TimeSpan Interval { get; }

    /// <summary>Records changed per transaction.</summary>
    protected abstract int BatchSize { get; }

    /// <summary>The records due on <paramref name="today"/>, in a stable order.</summary>
    protected abstract IQueryable<TRecord> Due(TContext db, DateOnly today);

    /// <summary>Closes one due record.</summary>
    protected abstract void Close(TRecord record, DateTimeOffset now);

    /// <summary>Closes every record due on <paramref name="today"/>; returns how many.</summary>
    public async Task<int> RunAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var closed = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            var due = await Due(db, today).Take(BatchSize).ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return closed;
            }

            var now = time.GetUtcNow();
            foreach (var record in due)
            {
                Close(record, now);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                closed += due.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // A record of the batch changed meanwhile; the next pass reads the batch again.
                LogRace(logger, Description);
            }
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "A record changed while the job for {Job} ran; retrying the batch.")]
    private static partial void LogRace(ILogger logger, string job);
}

/// <summary>A job run once per interval with the day in China.</summary>
public interface IDailySweep
{
    /// <summary>What the job does, for its log lines.</summary>
    string Description { get; }

    /// <summary>How often it runs.</summary>
    TimeSpan Interval { get; }

    /// <summary>Runs it for <paramref name="today"/>; returns how many records it closed.</summary>
    Task<int> RunAsync(DateOnly today, CancellationToken cancellationToken);
}

/// <summary>Runs an <see cref="IDailySweep"/> at its interval while the host serves (register the job as a singleton).</summary>
/// <typeparam name="TSweep">The job.</typeparam>
public sealed partial class DailySweepService<TSweep>(TSweep sweep, TimeProvider time, ILogger<DailySweepService<TSweep>> logger) : BackgroundService
    where TSweep : IDailySweep
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(sweep.Interval, time);
        do
        {
            try
            {
                var count = await sweep.RunAsync(ChinaCalendar.Today(time), stoppingToken);
                if (count > 0)
                {
                    LogDone(logger, sweep.Description, count);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, sweep.Description, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "The job for {Job} closed {Count} records.")]
    private static partial void LogDone(ILogger logger, string job, int count);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "The job for {Job} failed; it runs again at the next interval.")]
    private static partial void LogFailed(ILogger logger, string job, Exception exception);
}
