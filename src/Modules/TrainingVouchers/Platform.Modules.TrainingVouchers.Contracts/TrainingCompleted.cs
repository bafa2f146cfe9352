using Platform.BuildingBlocks.Contracts;

namespace Platform.Modules.TrainingVouchers.Contracts;

/// <summary>
/// A voucher holder finished training and the institution reported the assessment. Other modules use it
/// to show training on a person's record (a registered veteran's ledger) without knowing vouchers.
/// </summary>
/// <param name="VoucherId">The voucher.</param>
/// <param name="HolderBlindIndex">The holder's identity number as a keyed hash (blind index).</param>
/// <param name="OccupationCode">The occupation trained.</param>
/// <param name="OccupationName">Its name in Chinese, for display without a lookup.</param>
/// <param name="Level">The skill level trained for.</param>
/// <param name="Passed">Whether the holder passed the assessment.</param>
/// <param name="CertificateNumber">The certificate number when passed; null when failed.</param>
/// <param name="InstitutionCode">The training institution's unified social credit code.</param>
/// <param name="RegionCode">The GB/T 2260 code of the issuing region.</param>
/// <param name="CompletedOn">The day of the assessment.</param>
/// <param name="Groups">The groups the holder belongs to.</param>
[IntegrationEventName(Name)]
public sealed record TrainingCompleted(
    Guid VoucherId,
    string HolderBlindIndex,
    string OccupationCode,
    string OccupationName,
    string Level,
    bool Passed,
    string? CertificateNumber,
    string InstitutionCode,
    string RegionCode,
    DateOnly CompletedOn,
    IReadOnlyList<string> Groups) : IntegrationEvent
{
    /// <summary>The stable event name.</summary>
    public const string Name = "training_vouchers.training_completed.v1";
}
