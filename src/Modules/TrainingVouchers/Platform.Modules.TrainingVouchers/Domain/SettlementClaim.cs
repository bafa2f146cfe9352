using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Security;

namespace Platform.Modules.TrainingVouchers.Domain;

/// <summary>
/// An institution's claim for the subsidy of one completed voucher. The person who claims cannot
/// decide it (maker-checker); approved claims are paid in payment batches.
/// </summary>
internal sealed class SettlementClaim : IServedRegionScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid VoucherId { get; set; }

    public string RegionCode { get; set; } = "";

    public string? ServingRegionCode { get; set; }

    public string InstitutionCode { get; set; } = "";

    /// <summary>The subsidy claimed in yuan: the face value when passed, the failed share otherwise.</summary>
    public decimal Amount { get; set; }

    public ClaimStatus Status { get; set; }

    public string ClaimedBy { get; set; } = "";

    public DateTimeOffset ClaimedAt { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? RejectionReason { get; set; }

    public Guid? PaymentBatchId { get; set; }

    public int Version { get; set; }
}

internal enum ClaimStatus
{
    Claimed,
    Approved,
    Rejected,
    Paid,
}
