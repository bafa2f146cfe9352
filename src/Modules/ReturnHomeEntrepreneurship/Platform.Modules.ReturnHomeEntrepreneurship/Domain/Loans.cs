using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Security;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Domain;

/// <summary>
/// A guaranteed business loan: applied for at the bureau of the borrower's county, approved by the
/// guarantee fund and then by the bank (which fixes the contract: amount, term, rate, the LPR of the day
/// and the borrower's rate), paid out, repaid, and settled, or overdue, defaulted and compensated.
/// </summary>
internal sealed class Loan : IRegionScoped, IVersioned
{
    public Guid Id { get; set; }

    public LoanKind Kind { get; set; }

    /// <summary>The borrower, the lead partner, or the enterprise's founder.</summary>
    public Guid EntrepreneurId { get; set; }

    public Guid? BusinessId { get; set; }

    public string RegionCode { get; set; } = "";

    /// <summary>The lending bank's credit code.</summary>
    public string BankCode { get; set; } = "";

    public string BankName { get; set; } = "";

    /// <summary>The guarantee fund's credit code.</summary>
    public string GuaranteeFundCode { get; set; } = "";

    public decimal RequestedAmount { get; set; }

    public int RequestedTermMonths { get; set; }

    public RepaymentMethod Method { get; set; }

    public string Purpose { get; set; } = "";

    public LoanStatus Status { get; set; }

    /// <summary>The cap that applied on the application day, yuan.</summary>
    public decimal Cap { get; set; }

    /// <summary>The loan's number among the person's loans (1 for a first loan; at most the rule's maximum).</summary>
    public int Sequence { get; set; }

    public Guid RuleId { get; set; }

    public DateOnly AppliedOn { get; set; }

    public DateTimeOffset AppliedAt { get; set; }

    public string AppliedBy { get; set; } = "";

    public DateOnly? GuaranteeApprovedOn { get; set; }

    public string? GuaranteeApprovedBy { get; set; }

    public string? GuaranteeContract { get; set; }

    public DateOnly? BankApprovedOn { get; set; }

    public string? BankApprovedBy { get; set; }

    public string? LoanContract { get; set; }

    /// <summary>The principal approved by the bank (at most the requested amount and the cap), yuan.</summary>
    public decimal? Amount { get; set; }

    public int? TermMonths { get; set; }

    /// <summary>The contract rate, percent a year (at most LPR plus the rule's margin).</summary>
    public decimal? ContractRatePercent { get; set; }

    /// <summary>The one-year LPR on the bank's approval day, percent a year.</summary>
    public decimal? PrimeRatePercent { get; set; }

    /// <summary>The borrower's rate, percent a year: the contract rate, at most LPR plus the borrower margin (not below 0).</summary>
    public decimal? BorrowerRatePercent { get; set; }

    /// <summary>The first repayment periods subsidised (the rule's months, at most the term).</summary>
    public int? SubsidisedMonths { get; set; }

    public DateOnly? DisbursedOn { get; set; }

    public DateOnly? MaturityOn { get; set; }

    /// <summary>Principal outstanding after the repayments recorded so far, yuan.</summary>
    public decimal Outstanding { get; set; }

    /// <summary>The next due day on which the loan's standing must be checked again (null when none is scheduled).</summary>
    public DateOnly? NextCheckOn { get; set; }

    /// <summary>The first day of the open overdue spell.</summary>
    public DateOnly? OverdueSince { get; set; }

    /// <summary>Whether the loan was ever overdue (a repeat loan needs on-time repayment).</summary>
    public bool EverOverdue { get; set; }

    public DateOnly? DefaultedOn { get; set; }

    public DateOnly? CompensatedOn { get; set; }

    public decimal? CompensationAmount { get; set; }

    public DateOnly? SettledOn { get; set; }

    public string? DecisionNote { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public int Version { get; set; }

    /// <summary>The contract as the arithmetic needs it, once the loan was paid out.</summary>
    public LoanTerms Terms => new(Amount!.Value, DisbursedOn!.Value, TermMonths!.Value, Method, ContractRatePercent!.Value, BorrowerRatePercent!.Value, SubsidisedMonths!.Value);
}

/// <summary>A person a loan is borrowed by: the borrower or lead partner, and each further partner.</summary>
internal sealed class LoanParticipant
{
    public Guid Id { get; set; }

    public Guid LoanId { get; set; }

    public Guid EntrepreneurId { get; set; }

    public bool IsLead { get; set; }

    /// <summary>The participant while the loan is open (applied up to running): a person has one open loan at a time (unique).</summary>
    public Guid? OpenSlot { get; set; }
}

/// <summary>A repayment the bank recorded: principal and interest (the borrower's share) paid on a day.</summary>
internal sealed class LoanRepayment
{
    public Guid Id { get; set; }

    public Guid LoanId { get; set; }

    public DateOnly PaidOn { get; set; }

    public decimal Principal { get; set; }

    public decimal Interest { get; set; }

    public RepaymentSource Source { get; set; }

    /// <summary>The bank's reference of the repayment (unique per loan, so a retried report adds nothing).</summary>
    public string Reference { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";
}

/// <summary>
/// A bank's interest-subsidy claim for a month: every loan of the bank with a repayment period due in the
/// month, the interest due, the borrower's share and the subsidy. Made once per bank and month; the lines
/// are kept as they were computed, compressed.
/// </summary>
internal sealed class SubsidyClaim : IVersioned
{
    public Guid Id { get; set; }

    public string BankCode { get; set; } = "";

    /// <summary>The month, as its first day.</summary>
    public DateOnly Month { get; set; }

    /// <summary>The region the claim covers (the bank's loans within it).</summary>
    public string RegionCode { get; set; } = "";

    public int Loans { get; set; }

    public int OverdueLoans { get; set; }

    public decimal InterestDue { get; set; }

    public decimal BorrowerShare { get; set; }

    public decimal Subsidy { get; set; }

    /// <summary>The lines as gzip-compressed JSON.</summary>
    public byte[] Lines { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public int Version { get; set; }
}
