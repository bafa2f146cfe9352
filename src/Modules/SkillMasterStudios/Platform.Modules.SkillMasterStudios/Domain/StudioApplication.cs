using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Security;

namespace Platform.Modules.SkillMasterStudios.Domain;

/// <summary>
/// An application for a studio: a new one, an upgrade of an existing one or its renewal. Every step of
/// the lifecycle is a versioned change (<see cref="ApplicationStateMachine"/>), so two reviewers
/// deciding at once give one decision and one 409.
/// </summary>
internal sealed class StudioApplication : IRegionScoped, IVersioned
{
    public Guid Id { get; set; }

    public ApplicationKind Kind { get; set; }

    /// <summary>The studio an upgrade or renewal is for; set on approval of a new one.</summary>
    public Guid? StudioId { get; set; }

    public string StudioName { get; set; } = "";

    public string HostCode { get; set; } = "";

    public string HostName { get; set; } = "";

    public Guid LeadMasterId { get; set; }

    /// <summary>Team members besides the lead master.</summary>
    public int TeamSize { get; set; }

    public string OccupationCode { get; set; } = "";

    public CraftField Field { get; set; }

    public string RegionCode { get; set; } = "";

    public StudioLevel Level { get; set; }

    /// <summary>What the studio plans for the term: apprentices, problems to solve, crafts to hand down.</summary>
    public string Plan { get; set; } = "";

    public ApplicationStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset? SubmittedAt { get; set; }

    public string? SubmittedBy { get; set; }

    public DateTimeOffset? RecommendedAt { get; set; }

    public string? RecommendedBy { get; set; }

    public string? RecommendationNote { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    public string? DecisionReason { get; set; }

    /// <summary>The accreditation an approval created.</summary>
    public Guid? AccreditationId { get; set; }

    public int Version { get; set; }

    /// <summary>
    /// The lead master's id while the application is in process (submitted to under review); a unique
    /// index, so two applications of one master submitted at the same moment cannot both go ahead.
    /// </summary>
    public Guid? MasterInProcessSlot { get; set; }

    /// <summary>The studio's id while an upgrade or renewal is in process; unique for the same reason.</summary>
    public Guid? StudioInProcessSlot { get; set; }

    /// <summary>Moves the application by <paramref name="action"/> and holds or frees its in-process slots; 409 when not allowed from its status.</summary>
    public void Apply(ApplicationAction action)
    {
        Status = ApplicationStateMachine.Next(Status, action);
        var inProcess = ApplicationStateMachine.InProcess.Contains(Status);
        MasterInProcessSlot = inProcess ? LeadMasterId : null;
        StudioInProcessSlot = inProcess ? StudioId : null;
    }
}

/// <summary>One expert's score of an application; an expert scores an application once.</summary>
internal sealed class ExpertScore : IRegionScoped
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public string RegionCode { get; set; } = "";

    /// <summary>The expert (the token's subject).</summary>
    public string Expert { get; set; } = "";

    /// <summary>The expert's organisation (unified social credit code).</summary>
    public string ExpertOrganisation { get; set; } = "";

    /// <summary>0–100, one decimal.</summary>
    public decimal Score { get; set; }

    public string Comment { get; set; } = "";

    public DateTimeOffset ScoredAt { get; set; }
}
