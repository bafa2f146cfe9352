using Platform.BuildingBlocks.Contracts;

namespace Platform.Modules.TrainingVouchers.Contracts;

/// <summary>The subsidy of one voucher was paid to the training institution in a confirmed payment batch.</summary>
/// <param name="VoucherId">The voucher.</param>
/// <param name="HolderBlindIndex">The holder's identity number as a keyed hash (blind index).</param>
/// <param name="InstitutionCode">The institution paid (unified social credit code).</param>
/// <param name="Amount">The amount paid, in yuan.</param>
/// <param name="RegionCode">The GB/T 2260 code of the region that paid (the issuing region).</param>
/// <param name="PaymentBatchId">The payment batch.</param>
/// <param name="PaidOn">The day the batch was confirmed as paid.</param>
/// <param name="Groups">The groups the holder belongs to (counts towards targets such as migrant workers trained).</param>
[IntegrationEventName(Name)]
public sealed record SubsidyPaid(
    Guid VoucherId,
    string HolderBlindIndex,
    string InstitutionCode,
    decimal Amount,
    string RegionCode,
    Guid PaymentBatchId,
    DateOnly PaidOn,
    IReadOnlyList<string> Groups) : IntegrationEvent
{
    /// <summary>The stable event name.</summary>
    public const string Name = "training_vouchers.subsidy_paid.v1";
}
