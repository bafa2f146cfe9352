namespace Platform.Modules.SkillMasterStudios.Domain;

/// <summary>Where an application is: <c>draft → submitted → recommended → under review → approved | rejected</c>.</summary>
internal enum ApplicationStatus
{
    Draft,
    Submitted,
    Recommended,
    UnderReview,
    Approved,
    Rejected,
    Withdrawn,
}

/// <summary>What an application asks for.</summary>
internal enum ApplicationKind
{
    /// <summary>A new studio, accredited at the level applied for.</summary>
    New,

    /// <summary>An existing studio to a higher level (a new term at that level).</summary>
    Upgrade,

    /// <summary>An existing studio for a new term at its level, at the end of the current one.</summary>
    Renewal,
}

/// <summary>A studio's standing.</summary>
internal enum StudioStatus
{
    Active,
    Expired,
    Revoked,
}

/// <summary>The grade of a yearly assessment.</summary>
internal enum AssessmentGrade
{
    Unqualified,
    Qualified,
    Excellent,
}

/// <summary>Where an annual report is.</summary>
internal enum ReportStatus
{
    Submitted,
    Assessed,
}
