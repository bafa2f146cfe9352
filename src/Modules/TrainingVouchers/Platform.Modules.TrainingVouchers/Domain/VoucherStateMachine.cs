using Platform.BuildingBlocks.Http;

namespace Platform.Modules.TrainingVouchers.Domain;

/// <summary>What can happen to a voucher.</summary>
internal enum VoucherAction
{
    Enrol,
    RecordAttendance,
    Complete,
    ClaimSettlement,
    ApproveSettlement,
    RejectSettlement,
    AddToPaymentBatch,
    Pay,
    Expire,
    Cancel,
    Revoke,
}

/// <summary>
/// The voucher lifecycle of the domain guide:
/// <c>issued → enrolled → completed → settlement claimed → settlement approved → paid</c>, with the
/// side exits expired (unused within its validity), cancelled (by the holder before enrolment) and
/// revoked (fraud, by a reviewer, before payment). A rejected claim returns the voucher to completed
/// so the institution may claim again with corrected evidence.
/// </summary>
internal static class VoucherStateMachine
{
    private static readonly Dictionary<VoucherAction, (VoucherStatus[] From, VoucherStatus? To)> Table = new()
    {
        [VoucherAction.Enrol] = ([VoucherStatus.Issued], VoucherStatus.Enrolled),
        [VoucherAction.RecordAttendance] = ([VoucherStatus.Enrolled], null),
        [VoucherAction.Complete] = ([VoucherStatus.Enrolled], VoucherStatus.Completed),
        [VoucherAction.ClaimSettlement] = ([VoucherStatus.Completed], VoucherStatus.SettlementClaimed),
        [VoucherAction.ApproveSettlement] = ([VoucherStatus.SettlementClaimed], VoucherStatus.SettlementApproved),
        [VoucherAction.RejectSettlement] = ([VoucherStatus.SettlementClaimed], VoucherStatus.Completed),
        [VoucherAction.AddToPaymentBatch] = ([VoucherStatus.SettlementApproved], null),
        [VoucherAction.Pay] = ([VoucherStatus.SettlementApproved], VoucherStatus.Paid),
        [VoucherAction.Expire] = ([VoucherStatus.Issued], VoucherStatus.Expired),
        [VoucherAction.Cancel] = ([VoucherStatus.Issued], VoucherStatus.Cancelled),
        [VoucherAction.Revoke] = ([VoucherStatus.Issued, VoucherStatus.Enrolled, VoucherStatus.Completed, VoucherStatus.SettlementClaimed, VoucherStatus.SettlementApproved], VoucherStatus.Revoked),
    };

    public static bool IsAllowed(VoucherStatus from, VoucherAction action) => Table[action].From.Contains(from);

    /// <summary>The statuses <paramref name="action"/> is allowed from.</summary>
    public static IReadOnlyList<VoucherStatus> AllowedFrom(VoucherAction action) => Table[action].From;

    /// <summary>
    /// The status after <paramref name="action"/>; the current one for actions that do not move the voucher.
    /// </summary>
    /// <exception cref="DomainException">409 <c>vouchers.invalid_transition</c> when the action is not allowed now.</exception>
    public static VoucherStatus Next(VoucherStatus from, VoucherAction action)
    {
        var (allowedFrom, to) = Table[action];
        if (!allowedFrom.Contains(from))
        {
            throw RefusalOf(from, action);
        }

        return to ?? from;
    }

    /// <summary>The 409 answering <paramref name="action"/> on a voucher in status <paramref name="from"/>.</summary>
    public static DomainException RefusalOf(VoucherStatus from, VoucherAction action)
    {
        var allowed = string.Join(", ", Table[action].From);
        return VoucherProblems.Conflict(
            VoucherProblems.InvalidTransition,
            $"培训券当前状态为 {from}，不能执行 {action}（仅限状态：{allowed}）。",
            $"A voucher in status {from} cannot {action} (allowed from: {allowed}).");
    }
}
