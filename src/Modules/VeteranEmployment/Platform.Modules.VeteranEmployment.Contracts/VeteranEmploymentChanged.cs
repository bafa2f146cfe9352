using Platform.BuildingBlocks.Contracts;

namespace Platform.Modules.VeteranEmployment.Contracts;

/// <summary>A veteran's employment status changed from a day on (a new ledger entry, including back-dated corrections).</summary>
/// <param name="VeteranId">The veteran's record.</param>
/// <param name="PersonBlindIndex">The veteran's identity number as a keyed hash (blind index).</param>
/// <param name="Status"><c>SeekingWork</c>, <c>Employed</c>, <c>SelfEmployed</c>, <c>InTraining</c>, <c>InEducation</c> or <c>NotSeekingWork</c>.</param>
/// <param name="EffectiveOn">The day the status holds from.</param>
/// <param name="RegionCode">The GB/T 2260 code of the veteran's region.</param>
/// <param name="EmployerCode">The employer's unified social credit code when employed.</param>
/// <param name="IsCorrection">True when the entry corrects an earlier one.</param>
[IntegrationEventName(Name)]
public sealed record VeteranEmploymentChanged(
    Guid VeteranId,
    string PersonBlindIndex,
    string Status,
    DateOnly EffectiveOn,
    string RegionCode,
    string? EmployerCode,
    bool IsCorrection) : IntegrationEvent
{
    /// <summary>The stable event name.</summary>
    public const string Name = "veteran_employment.employment_changed.v1";
}
