using Platform.BuildingBlocks.ReferenceData;

namespace Platform.Modules.TrainingVouchers.Domain;

/// <summary>
/// The program's figures that a region may change (the domain guide's <i>default</i> figures), for a
/// period. The rules in force for a voucher are those of its region on the day in question.
/// </summary>
internal sealed class ProgramRules : IRegionalRule
{
    public Guid Id { get; set; }

    public string RegionCode { get; set; } = "";

    public DateOnly EffectiveFrom { get; set; }

    public DateOnly? EffectiveTo { get; set; }

    /// <summary>Subsidised trainings per person per calendar year (policy: 3).</summary>
    public int YearlyQuota { get; set; } = 3;

    /// <summary>Days from issue within which the voucher must be used to enrol (default 180).</summary>
    public int ValidityDays { get; set; } = 180;

    /// <summary>Youngest working age, inclusive (default 16).</summary>
    public int MinimumAge { get; set; } = 16;

    /// <summary>Oldest working age, inclusive (default 60).</summary>
    public int MaximumAge { get; set; } = 60;

    /// <summary>The groups eligible for a voucher.</summary>
    public TraineeGroups EligibleGroups { get; set; } = TraineeGroupSets.All;

    /// <summary>Share of scheduled hours that must be attended to complete, in percent (default 80).</summary>
    public decimal AttendanceThresholdPercent { get; set; } = 80m;

    /// <summary>Share of the face value paid when the trainee failed the assessment, in percent (default 0).</summary>
    public decimal FailedSharePercent { get; set; }

    /// <summary>Whether vouchers of this region may be used at institutions of the other province (default on).</summary>
    public bool CrossProvinceRecognition { get; set; } = true;

    public bool IsSample { get; set; }
}
