using Platform.BuildingBlocks.Contracts;

namespace Platform.Modules.TrainingVouchers.Contracts;

/// <summary>An electronic training voucher was issued to a worker.</summary>
/// <param name="VoucherId">The voucher.</param>
/// <param name="HolderBlindIndex">The holder's identity number as a keyed hash (blind index); never the number itself.</param>
/// <param name="OccupationCode">The occupation trained, as in the module's occupation catalogue.</param>
/// <param name="Level">The skill level: <c>special_ability</c>, <c>level5</c> … <c>level1</c>.</param>
/// <param name="Groups">The groups the holder belongs to (<c>migrant_workers</c>, <c>veterans</c>, …).</param>
/// <param name="RegionCode">The GB/T 2260 code of the issuing region.</param>
/// <param name="FaceValue">The subsidy the voucher is worth, in yuan.</param>
/// <param name="IssuedOn">The day of issue (China Standard Time).</param>
/// <param name="ExpiresOn">The last day it can be used to enrol.</param>
[IntegrationEventName(Name)]
public sealed record VoucherIssued(
    Guid VoucherId,
    string HolderBlindIndex,
    string OccupationCode,
    string Level,
    IReadOnlyList<string> Groups,
    string RegionCode,
    decimal FaceValue,
    DateOnly IssuedOn,
    DateOnly ExpiresOn) : IntegrationEvent
{
    /// <summary>The stable event name.</summary>
    public const string Name = "training_vouchers.voucher_issued.v1";
}
