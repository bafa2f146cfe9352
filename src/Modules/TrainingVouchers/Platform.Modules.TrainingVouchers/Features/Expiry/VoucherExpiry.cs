using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Time;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Modules.TrainingVouchers.Features.Expiry;

/// <summary>Options of the expiry job, <c>Modules:TrainingVouchers:Expiry</c>.</summary>
internal sealed class ExpiryOptions
{
    public const string Section = "Expiry";

    /// <summary>How often unused vouchers past their last day are expired (default hourly).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Vouchers expired per transaction.</summary>
    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// Expires vouchers not used to enrol by their last day. Each batch is its own transaction and every
/// voucher's version is checked, so an enrolment racing the job wins or loses cleanly, and several
/// host instances may run the job at once.
/// </summary>
internal sealed partial class VoucherExpiry(IServiceScopeFactory scopes, TimeProvider time, IOptions<ExpiryOptions> options, ILogger<VoucherExpiry> logger)
{
    public const string Reason = "未在有效期内使用 / not used within its validity";

    /// <summary>Expires every voucher still unused after <paramref name="today"/>'s previous day; returns how many.</summary>
    public async Task<int> ExpireDueAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var expired = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TrainingVouchersDbContext>();
            var due = await db.Vouchers
                .Where(v => v.Status == VoucherStatus.Issued && v.ExpiresOn < today)
                .OrderBy(v => v.ExpiresOn)
                .Take(options.Value.BatchSize)
                .ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return expired;
            }

            var now = time.GetUtcNow();
            foreach (var voucher in due)
            {
                voucher.Close(VoucherAction.Expire, Reason, "system", now);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                expired += due.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // A voucher of the batch was enrolled or cancelled meanwhile; the next pass re-reads.
                LogRace(logger);
            }
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "A voucher changed while the expiry job ran; retrying the batch.")]
    private static partial void LogRace(ILogger logger);
}

/// <summary>Runs <see cref="VoucherExpiry"/> at the configured interval while the host serves.</summary>
internal sealed partial class VoucherExpiryService(VoucherExpiry expiry, TimeProvider time, IOptions<ExpiryOptions> options, ILogger<VoucherExpiryService> logger) : BackgroundService
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

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Expired {Count} unused training vouchers.")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "The voucher expiry job failed; it runs again at the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
