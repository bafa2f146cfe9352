using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Jobs;
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
/// Expires vouchers not used to enrol by their last day (<see cref="DailySweep{TContext, TRecord}"/>):
/// an enrolment racing the job wins or loses cleanly, and several host instances may run it at once.
/// </summary>
internal sealed class VoucherExpiry(IServiceScopeFactory scopes, TimeProvider time, IOptions<ExpiryOptions> options, ILogger<VoucherExpiry> logger)
    : DailySweep<TrainingVouchersDbContext, Voucher>(scopes, time, logger)
{
    public const string Reason = "未在有效期内使用 / not used within its validity";

    public override string Description => "unused training vouchers";

    public override TimeSpan Interval => options.Value.Interval;

    protected override int BatchSize => options.Value.BatchSize;

    /// <summary>Expires every voucher still unused after <paramref name="today"/>'s previous day; returns how many.</summary>
    public Task<int> ExpireDueAsync(DateOnly today, CancellationToken cancellationToken) => RunAsync(today, cancellationToken);

    protected override IQueryable<Voucher> Due(TrainingVouchersDbContext db, DateOnly today) =>
        db.Vouchers.Where(v => v.Status == VoucherStatus.Issued && v.ExpiresOn < today).OrderBy(v => v.ExpiresOn);

    protected override void Close(Voucher record, DateTimeOffset now) => record.Close(VoucherAction.Expire, Reason, "system", now);
}
