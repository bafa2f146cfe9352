namespace Platform.Modules.VeteranEmployment.Domain;

/// <summary>How a veteran was discharged; the hiring incentive is for self-employed resettlement soldiers.</summary>
internal enum DischargeCategory
{
    /// <summary>自主就业退役士兵.</summary>
    SelfEmployedSoldier,

    /// <summary>退役军官.</summary>
    Officer,

    /// <summary>Others (转业, 复员, 退休 …).</summary>
    Other,
}

/// <summary>The service branch.</summary>
internal enum ServiceBranch
{
    Army,
    Navy,
    AirForce,
    RocketForce,
    ArmedPolice,
    Other,
}

/// <summary>The highest education completed.</summary>
internal enum EducationLevel
{
    JuniorHigh,
    SeniorHigh,
    Vocational,
    College,
    Bachelor,
    Postgraduate,
}

/// <summary>A veteran's employment status in the ledger (就业台账).</summary>
internal enum EmploymentStatus
{
    SeekingWork,
    Employed,
    SelfEmployed,
    InTraining,
    InEducation,
    NotSeekingWork,
}

/// <summary>Where a ledger entry came from.</summary>
internal enum LedgerSource
{
    Manual,
    Import,
    Placement,

    /// <summary>
    /// From the return-home entrepreneurship module: the veteran founded a business registered there
    /// (<c>BusinessRegistered</c>), recorded as self-employed.
    /// </summary>
    Entrepreneurship,
}

/// <summary>The form of training a veteran prefers.</summary>
internal enum TrainingForm
{
    Classroom,
    Online,
    OnTheJob,
    Apprenticeship,
    Entrepreneurship,
}

/// <summary>Whether a job posting takes applications.</summary>
internal enum PostingStatus
{
    Open,
    Filled,
    Closed,
}

/// <summary>Where a veteran's application to a posting is.</summary>
internal enum JobApplicationStatus
{
    Applied,
    Placed,
    Declined,
}

/// <summary>The two tax incentives of announcement 2023 No. 14.</summary>
internal enum IncentiveKind
{
    /// <summary>A company hiring a self-employed resettlement soldier: 6,000 yuan per veteran per year, a province may raise it by up to 50 %.</summary>
    EmployerHiring,

    /// <summary>A self-employed resettlement soldier starting a business: 20,000 yuan per household per year, a province may raise it by up to 20 %.</summary>
    SelfEmployment,
}

internal static class EmploymentStatuses
{
    /// <summary>Statuses counted as in work for the employment rate.</summary>
    public static bool IsWorking(this EmploymentStatus status) => status is EmploymentStatus.Employed or EmploymentStatus.SelfEmployed;

    /// <summary>Statuses outside the labour force for the rate (in education, not seeking work).</summary>
    public static bool IsOutsideLabourForce(this EmploymentStatus status) => status is EmploymentStatus.InEducation or EmploymentStatus.NotSeekingWork;
}
