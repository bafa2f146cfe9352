using Platform.BuildingBlocks.ReferenceData;

namespace Platform.Modules.TrainingVouchers.Domain;

/// <summary>
/// The subsidy for training in an occupation at a level, in a region, for a period: the face value of a
/// voucher issued there on a day in the period. A county inherits its city's or province's standard
/// unless it sets its own (<see cref="RegionalRules.InForce{TRule}"/>).
/// </summary>
internal sealed class SubsidyStandard : IRegionalRule
{
    public Guid Id { get; set; }

    public string OccupationCode { get; set; } = "";

    public SkillLevel Level { get; set; }

    public string RegionCode { get; set; } = "";

    public DateOnly EffectiveFrom { get; set; }

    public DateOnly? EffectiveTo { get; set; }

    /// <summary>The standard amount in yuan.</summary>
    public decimal Amount { get; set; }

    /// <summary>The regional uplift for a shortage occupation, in percent (30 = +30 %); 0 when none.</summary>
    public decimal ShortageUpliftPercent { get; set; }

    public bool IsSample { get; set; }

    /// <summary>The face value of a voucher under this standard: the amount with the uplift, to the fen.</summary>
    public decimal FaceValue => Math.Round(Amount * (100m + ShortageUpliftPercent) / 100m, 2, MidpointRounding.AwayFromZero);
}
