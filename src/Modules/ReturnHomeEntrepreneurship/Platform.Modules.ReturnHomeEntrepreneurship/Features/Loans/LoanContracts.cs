using Platform.Modules.ReturnHomeEntrepreneurship.Domain;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Features.Loans;

/// <summary>The body of ReturnHomeEntrepreneurship_ApplyForLoan.</summary>
/// <param name="Kind">Individual, Partnership (with partners) or Enterprise (for a small or micro enterprise).</param>
/// <param name="EntrepreneurId">The borrower, the lead partner, or the enterprise's founder.</param>
/// <param name="PartnerIds">Partnership: the other partners (1–9 registered founders).</param>
/// <param name="BusinessId">The business financed (required for an enterprise loan, which must be the founder's small or micro enterprise).</param>
/// <param name="Amount">The amount asked for, yuan (at most the cap of the rules in force).</param>
/// <param name="TermMonths">The term asked for, months (at most the rules' term).</param>
/// <param name="Method">InterestOnly (monthly interest, principal at maturity) or EqualPrincipal.</param>
/// <param name="BankCode">The lending bank's credit code.</param>
/// <param name="BankName">The bank's name (1–200 characters).</param>
/// <param name="GuaranteeFundCode">The guarantee fund's credit code.</param>
/// <param name="Purpose">What the loan is for (1–500 characters).</param>
internal sealed record ApplyForLoanRequest(
    LoanKind? Kind, Guid? EntrepreneurId, IReadOnlyList<Guid>? PartnerIds, Guid? BusinessId, decimal? Amount, int? TermMonths, RepaymentMethod? Method, string? BankCode,
    string? BankName, string? GuaranteeFundCode, string? Purpose);

/// <summary>The body of ReturnHomeEntrepreneurship_DecideGuarantee.</summary>
/// <param name="Approve">True when the fund guarantees the loan.</param>
/// <param name="ContractNumber">The guarantee contract's number (required to approve; 1–64 characters).</param>
/// <param name="Note">Why (required to refuse; at most 500 characters).</param>
internal sealed record GuaranteeDecisionRequest(bool? Approve, string? ContractNumber, string? Note);

/// <summary>The body of ReturnHomeEntrepreneurship_DecideLoanAtBank.</summary>
/// <param name="Approve">True when the bank lends.</param>
/// <param name="Amount">The principal approved, yuan (at most the amount asked and the cap).</param>
/// <param name="TermMonths">The term, months (at most the term asked and the rules').</param>
/// <param name="ContractRatePercent">The contract rate, percent a year (at most the LPR of the day plus the rules' margin).</param>
/// <param name="ContractNumber">The loan contract's number (required to approve; 1–64 characters).</param>
/// <param name="Note">Why (required to refuse; at most 500 characters).</param>
internal sealed record BankDecisionRequest(bool? Approve, decimal? Amount, int? TermMonths, decimal? ContractRatePercent, string? ContractNumber, string? Note);

/// <summary>The body of ReturnHomeEntrepreneurship_DisburseLoan.</summary>
/// <param name="DisbursedOn">The day of payment (not before the bank's approval, not in the future).</param>
internal sealed record DisburseRequest(DateOnly? DisbursedOn);

/// <summary>The body of ReturnHomeEntrepreneurship_RecordRepayment.</summary>
/// <param name="PaidOn">The day (not before disbursement, not in the future).</param>
/// <param name="Principal">Principal repaid, yuan (0 or more, at most what is outstanding).</param>
/// <param name="Interest">Interest paid (the borrower's share), yuan.</param>
/// <param name="Reference">The bank's reference (1–64 characters); the same reference again is a retry and changes nothing.</param>
internal sealed record RepaymentRequest(DateOnly? PaidOn, decimal? Principal, decimal? Interest, string? Reference);

/// <summary>The body of ReturnHomeEntrepreneurship_DeclareDefault.</summary>
/// <param name="DeclaredOn">The day (the loan must be overdue then; not in the future).</param>
/// <param name="Note">Why (1–500 characters).</param>
internal sealed record DefaultRequest(DateOnly? DeclaredOn, string? Note);

/// <summary>The body of ReturnHomeEntrepreneurship_RecordCompensation.</summary>
/// <param name="PaidOn">The day the guarantee fund paid the bank (not before the default, not in the future).</param>
/// <param name="Reference">The fund's payment reference (1–64 characters).</param>
internal sealed record CompensationRequest(DateOnly? PaidOn, string? Reference);

/// <summary>The body of ReturnHomeEntrepreneurship_WithdrawLoan.</summary>
/// <param name="Note">Why (1–500 characters).</param>
internal sealed record WithdrawLoanRequest(string? Note);

/// <summary>The body of ReturnHomeEntrepreneurship_SearchLoans; filters combine with AND.</summary>
/// <param name="RegionCode">Only loans within this region.</param>
/// <param name="Status">Only this status.</param>
/// <param name="BankCode">Only this bank's.</param>
/// <param name="EntrepreneurId">Only loans this founder takes part in as borrower or partner.</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
/// <param name="Limit">Page size, 1–200 (default 50).</param>
internal sealed record SearchLoansRequest(string? RegionCode, LoanStatus? Status, string? BankCode, Guid? EntrepreneurId, string? Cursor, int? Limit);

/// <summary>A days-range of a period with the same principal, overdue state and subsidy.</summary>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="Days">Days.</param>
/// <param name="Outstanding">Principal bearing interest, yuan.</param>
/// <param name="Overdue">Overdue on these days.</param>
/// <param name="Subsidised">Subsidised on these days.</param>
internal sealed record InterestSegmentResponse(DateOnly From, DateOnly To, int Days, decimal Outstanding, bool Overdue, bool Subsidised);

/// <summary>A repayment period.</summary>
/// <param name="Number">The period (1 is the first month).</param>
/// <param name="Start">First day bearing interest.</param>
/// <param name="DueOn">The due day.</param>
/// <param name="PrincipalDue">Principal the schedule asks for, yuan.</param>
/// <param name="Days">Days bearing interest.</param>
/// <param name="OverdueDays">Days overdue.</param>
/// <param name="Interest">Interest at the contract rate, yuan.</param>
/// <param name="Subsidy">The subsidy, yuan.</param>
/// <param name="BorrowerShare">The borrower's share, yuan.</param>
/// <param name="Projected">Due later than the day evaluated: assumes no further repayment.</param>
/// <param name="Segments">The days behind the figures.</param>
internal sealed record LoanPeriodResponse(
    int Number, DateOnly Start, DateOnly DueOn, decimal PrincipalDue, int Days, int OverdueDays, decimal Interest, decimal Subsidy, decimal BorrowerShare, bool Projected,
    IReadOnlyList<InterestSegmentResponse> Segments)
{
    public static LoanPeriodResponse From(LoanPeriod p) => new(
        p.Number, p.Start, p.DueOn, p.PrincipalDue, p.Days, p.OverdueDays, p.Interest, p.Subsidy, p.BorrowerShare, p.Projected,
        p.Segments.Select(s => new InterestSegmentResponse(s.From, s.To, s.Days, s.Outstanding, s.Overdue, s.Subsidised)).ToArray());
}

/// <summary>An overdue spell.</summary>
/// <param name="From">First overdue day.</param>
/// <param name="To">Last overdue day (the day the arrears were cleared); absent while still overdue.</param>
internal sealed record OverdueSpellResponse(DateOnly From, DateOnly? To);

/// <summary>A paid-out loan's standing today.</summary>
/// <param name="Outstanding">Principal outstanding, yuan.</param>
/// <param name="PrincipalArrears">Principal due and unpaid, yuan.</param>
/// <param name="InterestArrears">Borrower's interest due and unpaid, yuan.</param>
/// <param name="OverdueSince">First day of the open overdue spell.</param>
/// <param name="NextDueOn">The next due day.</param>
/// <param name="PrincipalRepaid">Principal repaid so far, yuan.</param>
/// <param name="InterestPaid">Interest paid so far, yuan.</param>
/// <param name="SubsidyToDate">Subsidy of the periods due so far, yuan.</param>
/// <param name="Spells">Overdue spells, oldest first.</param>
internal sealed record LoanStandingResponse(
    decimal Outstanding, decimal PrincipalArrears, decimal InterestArrears, DateOnly? OverdueSince, DateOnly? NextDueOn, decimal PrincipalRepaid, decimal InterestPaid,
    decimal SubsidyToDate, IReadOnlyList<OverdueSpellResponse> Spells);

/// <summary>A loan. The version is the ETag; send it as <c>If-Match</c> with each step.</summary>
/// <param name="Id">The loan.</param>
/// <param name="Kind">The kind.</param>
/// <param name="EntrepreneurId">The borrower or lead partner.</param>
/// <param name="PartnerIds">Further partners.</param>
/// <param name="BusinessId">The business financed.</param>
/// <param name="RegionCode">The county.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Sequence">The loan's number among the borrower's loans.</param>
/// <param name="RequestedAmount">Asked for, yuan.</param>
/// <param name="RequestedTermMonths">Asked for, months.</param>
/// <param name="Cap">The cap on the application day, yuan.</param>
/// <param name="Method">The repayment method.</param>
/// <param name="BankCode">The bank.</param>
/// <param name="BankName">The bank's name.</param>
/// <param name="GuaranteeFundCode">The guarantee fund.</param>
/// <param name="Purpose">What for.</param>
/// <param name="AppliedOn">The day of application.</param>
/// <param name="GuaranteeApprovedOn">The guarantee's day.</param>
/// <param name="GuaranteeContract">The guarantee contract.</param>
/// <param name="BankApprovedOn">The bank's day.</param>
/// <param name="LoanContract">The loan contract.</param>
/// <param name="Amount">The principal approved, yuan.</param>
/// <param name="TermMonths">The term, months.</param>
/// <param name="ContractRatePercent">The contract rate, percent a year.</param>
/// <param name="PrimeRatePercent">The one-year LPR on the bank's day.</param>
/// <param name="BorrowerRatePercent">The borrower's rate; the rest is subsidised.</param>
/// <param name="SubsidisedMonths">The first periods subsidised.</param>
/// <param name="DisbursedOn">Paid out.</param>
/// <param name="MaturityOn">The last due day.</param>
/// <param name="DefaultedOn">Declared in default.</param>
/// <param name="CompensatedOn">Compensated by the fund.</param>
/// <param name="CompensationAmount">What the fund paid, yuan.</param>
/// <param name="SettledOn">Repaid in full.</param>
/// <param name="EverOverdue">Whether it was ever overdue (a repeat loan needs on-time repayment).</param>
/// <param name="DecisionNote">The last decision's note.</param>
/// <param name="Standing">Today's standing, once paid out.</param>
/// <param name="Version">The version (ETag).</param>
internal sealed record LoanResponse(
    Guid Id, LoanKind Kind, Guid EntrepreneurId, IReadOnlyList<Guid> PartnerIds, Guid? BusinessId, string RegionCode, LoanStatus Status, int Sequence, decimal RequestedAmount,
    int RequestedTermMonths, decimal Cap, RepaymentMethod Method, string BankCode, string BankName, string GuaranteeFundCode, string Purpose, DateOnly AppliedOn,
    DateOnly? GuaranteeApprovedOn, string? GuaranteeContract, DateOnly? BankApprovedOn, string? LoanContract, decimal? Amount, int? TermMonths, decimal? ContractRatePercent,
    decimal? PrimeRatePercent, decimal? BorrowerRatePercent, int? SubsidisedMonths, DateOnly? DisbursedOn, DateOnly? MaturityOn, DateOnly? DefaultedOn, DateOnly? CompensatedOn,
    decimal? CompensationAmount, DateOnly? SettledOn, bool EverOverdue, string? DecisionNote, LoanStandingResponse? Standing, int Version);

/// <summary>A loan in a list.</summary>
/// <param name="Id">The loan.</param>
/// <param name="Kind">The kind.</param>
/// <param name="EntrepreneurId">The borrower.</param>
/// <param name="RegionCode">The county.</param>
/// <param name="Status">The status as last stored.</param>
/// <param name="BankCode">The bank.</param>
/// <param name="Amount">The principal approved (or asked for before approval), yuan.</param>
/// <param name="Outstanding">Outstanding as last stored, yuan.</param>
/// <param name="AppliedOn">Applied.</param>
/// <param name="DisbursedOn">Paid out.</param>
internal sealed record LoanSummary(Guid Id, LoanKind Kind, Guid EntrepreneurId, string RegionCode, LoanStatus Status, string BankCode, decimal Amount, decimal Outstanding, DateOnly AppliedOn, DateOnly? DisbursedOn);

/// <summary>A page of loans, newest application first.</summary>
/// <param name="Items">The loans.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
internal sealed record LoanPage(IReadOnlyList<LoanSummary> Items, string? NextCursor);

/// <summary>A loan's repayment schedule: the periods up to maturity, those due later projected without further repayment.</summary>
/// <param name="LoanId">The loan.</param>
/// <param name="OnDay">The day evaluated (today).</param>
/// <param name="Rule">How the figures are computed and rounded.</param>
/// <param name="Periods">The periods.</param>
/// <param name="Repayments">The repayments recorded.</param>
internal sealed record RepaymentScheduleResponse(Guid LoanId, DateOnly OnDay, string Rule, IReadOnlyList<LoanPeriodResponse> Periods, IReadOnlyList<LoanRepaymentResponse> Repayments);

/// <summary>A repayment.</summary>
/// <param name="PaidOn">The day.</param>
/// <param name="Principal">Principal, yuan.</param>
/// <param name="Interest">Interest, yuan.</param>
/// <param name="Source">Borrower or GuaranteeFund.</param>
/// <param name="Reference">The reference.</param>
internal sealed record LoanRepaymentResponse(DateOnly PaidOn, decimal Principal, decimal Interest, RepaymentSource Source, string Reference);
