using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Security;

namespace Platform.Modules.SkillMasterStudios.Domain;

/// <summary>
/// An accredited studio. <see cref="ActiveLeadSlot"/> holds the lead master's id while the studio is
/// active and has a unique index, so one master leads at most one active studio even when two
/// approvals race.
/// </summary>
internal sealed class Studio : IRegionScoped, IVersioned
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string HostCode { get; set; } = "";

    public string HostName { get; set; } = "";

    public Guid LeadMasterId { get; set; }

    public Guid? ActiveLeadSlot { get; set; }

    public string OccupationCode { get; set; } = "";

    public CraftField Field { get; set; }

    public string RegionCode { get; set; } = "";

    public StudioLevel Level { get; set; }

    public StudioStatus Status { get; set; }

    public Guid CurrentAccreditationId { get; set; }

    /// <summary>First day of the first accreditation.</summary>
    public DateOnly AccreditedOn { get; set; }

    /// <summary>Last day of the current term.</summary>
    public DateOnly TermEndsOn { get; set; }

    /// <summary>Unqualified assessments in a row, up to the latest assessed year.</summary>
    public int ConsecutiveUnqualified { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    public string? ClosingReason { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }

    /// <summary>Ends the studio's accreditation (revoked or expired) and frees its master to lead another.</summary>
    public void Close(StudioStatus status, string reason, string by, DateTimeOffset at)
    {
        Status = status;
        ActiveLeadSlot = null;
        ClosingReason = reason;
        ClosedBy = by;
        ClosedAt = at;
        UpdatedAt = at;
    }
}

/// <summary>
/// One accreditation of a studio: a level for a term, with the funding granted under the standard in
/// force on the decision day and what has been paid of it. The history of a studio is its accreditations.
/// </summary>
internal sealed class Accreditation : IRegionScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid StudioId { get; set; }

    public Guid ApplicationId { get; set; }

    public ApplicationKind Kind { get; set; }

    public StudioLevel Level { get; set; }

    public string RegionCode { get; set; } = "";

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    public DateOnly DecidedOn { get; set; }

    public string DecidedBy { get; set; } = "";

    public Guid? FundingStandardId { get; set; }

    public decimal FundingGranted { get; set; }

    public decimal FundingPaid { get; set; }

    public int Version { get; set; }

    public decimal FundingOutstanding => FundingGranted - FundingPaid;
}

/// <summary>A payment of part of an accreditation's grant; the tranches never add up to more than the grant.</summary>
internal sealed class FundingTranche : IRegionScoped
{
    public Guid Id { get; set; }

    public Guid AccreditationId { get; set; }

    public Guid StudioId { get; set; }

    public string RegionCode { get; set; } = "";

    public decimal Amount { get; set; }

    public DateOnly PaidOn { get; set; }

    /// <summary>The payment's reference (a treasury voucher or batch number), unique per accreditation.</summary>
    public string Reference { get; set; } = "";

    public string RecordedBy { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }
}
