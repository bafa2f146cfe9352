using Platform.BuildingBlocks.ReferenceData;

namespace Platform.Modules.SkillMasterStudios.Domain;

/// <summary>
/// The program's figures a region may change (the domain guide's <i>default</i> figures), for a period.
/// The rules in force are those of the region (county over city over province) on the day in question.
/// </summary>
internal sealed class StudioRules : IRegionalRule
{
    public Guid Id { get; set; }

    public string RegionCode { get; set; } = "";

    public DateOnly EffectiveFrom { get; set; }

    public DateOnly? EffectiveTo { get; set; }

    /// <summary>Years of an accreditation term (default 3).</summary>
    public int TermYears { get; set; } = 3;

    /// <summary>The average expert score an approval needs (default 80).</summary>
    public decimal MinimumAverageScore { get; set; } = 80m;

    /// <summary>How many experts must have scored before a decision (default 3).</summary>
    public int MinimumExperts { get; set; } = 3;

    /// <summary>Unqualified assessments in a row that revoke the accreditation (default 2).</summary>
    public int UnqualifiedYearsBeforeRevocation { get; set; } = 2;

    /// <summary>Lowest score graded excellent (default 90).</summary>
    public decimal ExcellentFrom { get; set; } = 90m;

    /// <summary>Lowest score graded qualified (default 60).</summary>
    public decimal QualifiedFrom { get; set; } = 60m;

    /// <summary>A year's report is due by this month and day of the next year (default 31 March).</summary>
    public int ReportDueMonth { get; set; } = 3;

    public int ReportDueDay { get; set; } = 31;

    /// <summary>Levels are climbed in order: provincial needs a current municipal accreditation, national a provincial (default on).</summary>
    public bool LadderRequired { get; set; } = true;

    /// <summary>Days before the end of a term from which a renewal may be submitted (default 180).</summary>
    public int RenewalWindowDays { get; set; } = 180;

    public bool IsSample { get; set; }

    /// <summary>The grade of a score under these rules.</summary>
    public AssessmentGrade GradeOf(decimal score) =>
        score >= ExcellentFrom ? AssessmentGrade.Excellent
        : score >= QualifiedFrom ? AssessmentGrade.Qualified
        : AssessmentGrade.Unqualified;

    /// <summary>The last day to submit the report of <paramref name="year"/>.</summary>
    public DateOnly ReportDueOn(int year) => new(year + 1, ReportDueMonth, Math.Min(ReportDueDay, DateTime.DaysInMonth(year + 1, ReportDueMonth)));
}

/// <summary>
/// The grant for a studio accredited at a level in a region, for a period: national studios a central
/// construction grant (100,000 yuan in earlier years, 200,000 from 2019), provincial ones the
/// province's, municipal ones the city's.
/// </summary>
internal sealed class FundingStandard : IRegionalRule
{
    public Guid Id { get; set; }

    public StudioLevel Level { get; set; }

    public string RegionCode { get; set; } = "";

    public DateOnly EffectiveFrom { get; set; }

    public DateOnly? EffectiveTo { get; set; }

    /// <summary>The one-off grant in yuan.</summary>
    public decimal Amount { get; set; }

    /// <summary>Who pays and under which document, for the record.</summary>
    public string Source { get; set; } = "";

    public bool IsSample { get; set; }
}
