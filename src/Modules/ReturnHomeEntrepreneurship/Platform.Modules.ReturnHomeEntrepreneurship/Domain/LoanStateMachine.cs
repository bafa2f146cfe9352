namespace Platform.Modules.ReturnHomeEntrepreneurship.Domain;

/// <summary>
/// The loan lifecycle of domain.md: applied → guarantee approved → bank approved → disbursed → repaying →
/// settled | overdue → defaulted → compensated; an overdue loan that catches up is repaying again; refusal
/// and withdrawal end a loan before disbursement.
/// </summary>
internal static class LoanStateMachine
{
    private static readonly Dictionary<LoanStatus, LoanStatus[]> Allowed = new()
    {
        [LoanStatus.Applied] = [LoanStatus.GuaranteeApproved, LoanStatus.Rejected, LoanStatus.Withdrawn],
        [LoanStatus.GuaranteeApproved] = [LoanStatus.BankApproved, LoanStatus.Rejected, LoanStatus.Withdrawn],
        [LoanStatus.BankApproved] = [LoanStatus.Disbursed, LoanStatus.Withdrawn],
        [LoanStatus.Disbursed] = [LoanStatus.Repaying, LoanStatus.Overdue, LoanStatus.Settled],
        [LoanStatus.Repaying] = [LoanStatus.Overdue, LoanStatus.Settled],
        [LoanStatus.Overdue] = [LoanStatus.Repaying, LoanStatus.Defaulted, LoanStatus.Settled],
        [LoanStatus.Defaulted] = [LoanStatus.Compensated, LoanStatus.Settled],
        [LoanStatus.Compensated] = [],
        [LoanStatus.Settled] = [],
        [LoanStatus.Rejected] = [],
        [LoanStatus.Withdrawn] = [],
    };

    /// <summary>The statuses of a loan paid out and not finished: repayments are recorded and the subsidy computed.</summary>
    public static readonly LoanStatus[] Running = [LoanStatus.Disbursed, LoanStatus.Repaying, LoanStatus.Overdue, LoanStatus.Defaulted];

    /// <summary>The statuses of a loan still in the process before disbursement or running (a person has at most one).</summary>
    public static readonly LoanStatus[] Open = [LoanStatus.Applied, LoanStatus.GuaranteeApproved, LoanStatus.BankApproved, .. Running];

    public static bool CanMove(LoanStatus from, LoanStatus to) => Allowed[from].Contains(to);

    /// <summary>Refuses (409 entrepreneurship.invalid_transition) a move the lifecycle does not have.</summary>
    public static void Require(LoanStatus from, LoanStatus to)
    {
        if (!CanMove(from, to))
        {
            throw EntrepreneurshipProblems.Conflict(
                EntrepreneurshipProblems.InvalidTransition, $"贷款当前状态为 {from}，不能变为 {to}。", $"The loan is {from}; it cannot become {to}.");
        }
    }

    /// <summary>
    /// The status a running loan has given its standing: settled when repaid in full, overdue while arrears are
    /// open (a defaulted loan stays defaulted), repaying once anything was repaid or a period passed.
    /// </summary>
    public static LoanStatus FromStanding(LoanStatus current, LoanStanding standing, bool anyRepayment)
    {
        ArgumentNullException.ThrowIfNull(standing);
        if (standing.Settled)
        {
            return LoanStatus.Settled;
        }

        if (current == LoanStatus.Defaulted)
        {
            return current;
        }

        if (standing.IsOverdue)
        {
            return LoanStatus.Overdue;
        }

        return anyRepayment || standing.Periods.Any(p => !p.Projected) ? LoanStatus.Repaying : LoanStatus.Disbursed;
    }

}
