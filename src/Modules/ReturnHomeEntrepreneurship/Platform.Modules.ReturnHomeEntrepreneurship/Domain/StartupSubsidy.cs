using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Security;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Domain;

/// <summary>
/// A one-time start-up subsidy: applied for by one officer (the maker), approved or rejected by another
/// (the checker), then paid. Once per person: a unique person slot holds while it is not rejected.
/// </summary>
internal sealed class StartupSubsidy : IRegionScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid EntrepreneurId { get; set; }

    public Guid BusinessId { get; set; }

    /// <summary>The founder's blind index while the subsidy is not rejected: once per person (unique).</summary>
    public string? PersonSlot { get; set; }

    public string RegionCode { get; set; } = "";

    public DateOnly AppliedOn { get; set; }

    public SubsidyStatus Status { get; set; }

    /// <summary>The amount of the standard in force on the application day, yuan.</summary>
    public decimal Amount { get; set; }

    public Guid StandardId { get; set; }

    public DateTimeOffset AppliedAt { get; set; }

    public string AppliedBy { get; set; } = "";

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    public string? DecisionNote { get; set; }

    public DateOnly? PaidOn { get; set; }

    /// <summary>The payment's reference in the treasury system (unique).</summary>
    public string? PaymentReference { get; set; }

    public string? PaidBy { get; set; }

    public int Version { get; set; }
}
