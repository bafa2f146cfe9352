using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Security;

namespace Platform.Modules.VeteranEmployment.Domain;

/// <summary>An employer's posting of jobs suited to veterans.</summary>
internal sealed class JobPosting : IRegionScoped, IVersioned
{
    public Guid Id { get; set; }

    public string EmployerCode { get; set; } = "";

    public string EmployerName { get; set; } = "";

    public string RegionCode { get; set; } = "";

    public string OccupationCode { get; set; } = "";

    public string Title { get; set; } = "";

    public string Requirements { get; set; } = "";

    /// <summary>Military specialties that suit the job, one per line.</summary>
    public string Specialties { get; set; } = "";

    public int Headcount { get; set; }

    public int Placed { get; set; }

    public DateOnly ClosesOn { get; set; }

    public PostingStatus Status { get; set; }

    public DateTimeOffset PostedAt { get; set; }

    public string PostedBy { get; set; } = "";

    public int Version { get; set; }
}

/// <summary>A veteran's application to a posting; unique per posting and veteran.</summary>
internal sealed class JobApplication : IVersioned
{
    public Guid Id { get; set; }

    public Guid PostingId { get; set; }

    public Guid VeteranId { get; set; }

    public JobApplicationStatus Status { get; set; }

    public DateTimeOffset AppliedAt { get; set; }

    public string AppliedBy { get; set; } = "";

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The ledger entry a placement recorded.</summary>
    public Guid? PlacementEntryId { get; set; }

    public int Version { get; set; }
}
