namespace Platform.Modules.TrainingVouchers.Domain;

/// <summary>Where a voucher is in its life (domain guide, M1).</summary>
internal enum VoucherStatus
{
    Issued,
    Enrolled,
    Completed,
    SettlementClaimed,
    SettlementApproved,
    Paid,
    Expired,
    Cancelled,
    Revoked,
}

internal static class VoucherStatuses
{
    /// <summary>Not yet completed or closed: at most one per person, occupation and level.</summary>
    public static IReadOnlyList<VoucherStatus> Open { get; } = [VoucherStatus.Issued, VoucherStatus.Enrolled];

    /// <summary>Count towards the yearly quota: everything but expired, cancelled and revoked.</summary>
    public static IReadOnlyList<VoucherStatus> CountingTowardsQuota { get; } =
        [VoucherStatus.Issued, VoucherStatus.Enrolled, VoucherStatus.Completed, VoucherStatus.SettlementClaimed, VoucherStatus.SettlementApproved, VoucherStatus.Paid];

    /// <summary>Training finished and assessed.</summary>
    public static IReadOnlyList<VoucherStatus> Completed { get; } =
        [VoucherStatus.Completed, VoucherStatus.SettlementClaimed, VoucherStatus.SettlementApproved, VoucherStatus.Paid];

    public static bool IsOpen(this VoucherStatus status) => Open.Contains(status);

    public static bool CountsTowardsQuota(this VoucherStatus status) => CountingTowardsQuota.Contains(status);
}
