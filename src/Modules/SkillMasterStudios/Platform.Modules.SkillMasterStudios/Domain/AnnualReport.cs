using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.PersonalData;
using Platform.BuildingBlocks.Security;

namespace Platform.Modules.SkillMasterStudios.Domain;

/// <summary>
/// A studio's report of one year's duties (带徒传技, 技能攻关, 技艺传承, 技能推广) and its assessment.
/// One per studio and year.
/// </summary>
internal sealed class AnnualReport : IRegionScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid StudioId { get; set; }

    public int Year { get; set; }

    public string RegionCode { get; set; } = "";

    public StudioLevel Level { get; set; }

    public CraftField Field { get; set; }

    public int ApprenticeCount { get; set; }

    /// <summary>Apprentices who reached a level in the year.</summary>
    public int QualifiedApprentices { get; set; }

    public int ProblemsSolved { get; set; }

    public int CraftsHandedDown { get; set; }

    public int Innovations { get; set; }

    public int Patents { get; set; }

    public int TrainingSessions { get; set; }

    public int Competitions { get; set; }

    public string Summary { get; set; } = "";

    public ReportStatus Status { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public string SubmittedBy { get; set; } = "";

    public decimal? Score { get; set; }

    public AssessmentGrade? Grade { get; set; }

    public bool Fraud { get; set; }

    public string? AssessmentComment { get; set; }

    public DateTimeOffset? AssessedAt { get; set; }

    public string? AssessedBy { get; set; }

    public int Version { get; set; }
}

/// <summary>An apprentice listed in an annual report, with the skill level reached in the year.</summary>
internal sealed class Apprentice : IRegionScoped
{
    public Guid Id { get; set; }

    public Guid ReportId { get; set; }

    public Guid StudioId { get; set; }

    public int Year { get; set; }

    public string RegionCode { get; set; } = "";

    public EncryptedPersonalData Person { get; set; } = null!;

    public string OccupationCode { get; set; } = "";

    /// <summary>The level certified in the year; null when the apprentice is still training.</summary>
    public QualificationLevel? LevelReached { get; set; }

    public DateOnly? QualifiedOn { get; set; }

    public string? CertificateNumber { get; set; }
}
