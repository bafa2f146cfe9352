using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Security;

namespace Platform.Modules.TrainingVouchers.Domain;

/// <summary>
/// Approved claims paid together. The preparer declares how many claims and what total; the platform
/// checks both against the claims (control totals), and a second person confirms the payment.
/// </summary>
internal sealed class PaymentBatch : IRegionScoped, IVersioned
{
    public Guid Id { get; set; }

    /// <summary>The paying region; every claim in the batch is within it.</summary>
    public string RegionCode { get; set; } = "";

    public string Reference { get; set; } = "";

    public int DeclaredCount { get; set; }

    public decimal DeclaredTotal { get; set; }

    public PaymentBatchStatus Status { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string? ConfirmedBy { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    public DateOnly? PaidOn { get; set; }

    public int Version { get; set; }
}

internal enum PaymentBatchStatus
{
    Prepared,
    Paid,
}
