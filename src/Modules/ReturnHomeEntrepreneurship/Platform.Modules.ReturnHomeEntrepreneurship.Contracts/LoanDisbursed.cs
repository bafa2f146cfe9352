using Platform.BuildingBlocks.Contracts;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Contracts;

/// <summary>A guaranteed business loan (创业担保贷款) was paid out by the bank.</summary>
/// <param name="LoanId">The loan's record.</param>
/// <param name="EntrepreneurId">The borrower (for a partnership, the lead partner; for an enterprise, its founder).</param>
/// <param name="BorrowerBlindIndex">The borrower's identity number as a keyed hash (blind index).</param>
/// <param name="BusinessId">The business the loan finances, if any.</param>
/// <param name="Kind"><c>Individual</c>, <c>Partnership</c> or <c>Enterprise</c>.</param>
/// <param name="RegionCode">The county of the loan.</param>
/// <param name="Amount">The principal paid out, yuan.</param>
/// <param name="DisbursedOn">The day of disbursement.</param>
/// <param name="TermMonths">The term in months.</param>
/// <param name="BankCode">The lending bank's credit code.</param>
[IntegrationEventName(Name)]
public sealed record LoanDisbursed(
    Guid LoanId,
    Guid EntrepreneurId,
    string BorrowerBlindIndex,
    Guid? BusinessId,
    string Kind,
    string RegionCode,
    decimal Amount,
    DateOnly DisbursedOn,
    int TermMonths,
    string BankCode) : IntegrationEvent
{
    /// <summary>The stable event name.</summary>
    public const string Name = "return_home_entrepreneurship.loan_disbursed.v1";
}
