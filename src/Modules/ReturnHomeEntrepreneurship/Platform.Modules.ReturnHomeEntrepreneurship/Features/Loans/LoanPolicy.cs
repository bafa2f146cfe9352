using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Http;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Features.Loans;

/// <summary>The contract a bank may sign under a loan rule.</summary>
/// <param name="Amount">The principal, yuan.</param>
/// <param name="TermMonths">The term.</param>
/// <param name="ContractRatePercent">The contract rate.</param>
/// <param name="BorrowerRatePercent">The borrower's rate.</param>
/// <param name="SubsidisedMonths">Periods subsidised.</param>
internal sealed record LoanContract(decimal Amount, int TermMonths, decimal ContractRatePercent, decimal BorrowerRatePercent, int SubsidisedMonths);

/// <summary>The guaranteed-loan rules applied to an application and a bank's contract.</summary>
internal static class LoanPolicy
{
    public const string RoundingRule =
        "Interest per period = Σ outstanding × days × contract rate ÷ 360 (rate in percent ÷ 100), rounded to the fen half away from zero; " +
        "subsidy = Σ over subsidised days not overdue of outstanding × days × (contract rate − borrower rate) ÷ 360, rounded the same way; " +
        "borrower's share = interest − subsidy. Period k runs from the disbursement day plus k−1 months to the day before the disbursement day plus k months. " +
        "利息按日计息（年利率÷360），每期利息与贴息分别四舍五入到分，个人负担 = 利息 − 贴息；逾期期间不贴息。";

    /// <summary>The cap of a loan of <paramref name="kind"/> with <paramref name="people"/> borrowers, yuan.</summary>
    public static decimal Cap(LoanRule rule, LoanKind kind, int people)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return kind switch
        {
            LoanKind.Individual => rule.IndividualCap,
            LoanKind.Partnership => LoanArithmetic.Fen(rule.IndividualCap * people * (100m + rule.PartnershipUpliftPercent) / 100m),
            _ => rule.EnterpriseCap,
        };
    }

    /// <summary>The longest term of a loan of <paramref name="kind"/>.</summary>
    public static int MaxTerm(LoanRule rule, LoanKind kind)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return kind == LoanKind.Enterprise ? rule.EnterpriseMaxTermMonths : rule.IndividualMaxTermMonths;
    }

    public static void RequireAmount(decimal amount, decimal cap)
    {
        if (amount > cap)
        {
            throw EntrepreneurshipProblems.Unprocessable(
                EntrepreneurshipProblems.AmountAboveCap, $"金额 {amount:0.00} 元超过上限 {cap:0.00} 元。", $"The amount {amount:0.00} yuan is above the cap of {cap:0.00} yuan.");
        }
    }

    public static void RequireTerm(int months, int max)
    {
        if (months > max)
        {
            throw EntrepreneurshipProblems.Unprocessable(
                EntrepreneurshipProblems.TermTooLong, $"期限 {months} 个月超过最长 {max} 个月。", $"The term of {months} months is longer than the {max} allowed.");
        }
    }

    /// <summary>
    /// The contract the bank may sign: amount within the request and the cap, term within the request and the
    /// rule, contract rate at most LPR + the rule's margin; the borrower's rate is the contract rate, at most
    /// LPR + the borrower margin and not below 0.
    /// </summary>
    public static LoanContract Contract(LoanRule rule, Loan loan, decimal amount, int termMonths, decimal contractRate, decimal primeRate)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(loan);
        RequireAmount(amount, Math.Min(loan.RequestedAmount, loan.Cap));
        RequireTerm(termMonths, Math.Min(loan.RequestedTermMonths, MaxTerm(rule, loan.Kind)));
        var rateCap = primeRate + (rule.RateCapMarginBp / 100m);
        if (contractRate > rateCap)
        {
            throw EntrepreneurshipProblems.Unprocessable(
                EntrepreneurshipProblems.RateAboveCap,
                $"合同利率 {contractRate}% 超过 LPR {primeRate}% 加 {rule.RateCapMarginBp} 个基点（{rateCap}%）。",
                $"The contract rate {contractRate}% is above LPR {primeRate}% plus {rule.RateCapMarginBp} bp ({rateCap}%).");
        }

        var borrowerRate = Math.Max(0m, Math.Min(contractRate, primeRate + (rule.BorrowerMarginBp / 100m)));
        return new LoanContract(amount, termMonths, contractRate, borrowerRate, Math.Min(rule.SubsidisedMonths, termMonths));
    }

    /// <summary>
    /// Repeat borrowing: no participant has another open loan (409), every earlier loan of a participant was
    /// paid out and repaid on time (422), and no participant would exceed the rule's number of loans (422).
    /// </summary>
    /// <returns>The new loan's number among the borrower's loans.</returns>
    public static async Task<int> RequireRepeatBorrowingAsync(
        ReturnHomeEntrepreneurshipDbContext db, IReadOnlyCollection<Guid> participants, Guid borrower, LoanRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var earlier = await (
                from p in db.LoanParticipants.AsNoTracking()
                join l in db.Loans.IgnoreQueryFilters().AsNoTracking() on p.LoanId equals l.Id
                where participants.Contains(p.EntrepreneurId)
                select new { p.EntrepreneurId, l.Status, l.EverOverdue })
            .ToListAsync(cancellationToken);
        if (earlier.Any(l => LoanStateMachine.Open.Contains(l.Status)))
        {
            throw InProgress();
        }

        var paidOut = earlier.Where(l => l.Status is LoanStatus.Settled or LoanStatus.Compensated).ToList();
        if (paidOut.Any(l => l.Status == LoanStatus.Compensated || l.EverOverdue))
        {
            throw EntrepreneurshipProblems.Unprocessable(
                EntrepreneurshipProblems.PreviousLoanNotOnTime, "此前的创业担保贷款未按期还款，不能再次申请。", "An earlier guaranteed loan was not repaid on time; no further loan.");
        }

        var most = paidOut.GroupBy(l => l.EntrepreneurId).Select(g => g.Count()).DefaultIfEmpty(0).Max();
        if (most + 1 > rule.MaxLoans)
        {
            throw EntrepreneurshipProblems.Unprocessable(
                EntrepreneurshipProblems.TooManyLoans, $"创业担保贷款累计最多 {rule.MaxLoans} 次。", $"At most {rule.MaxLoans} guaranteed loans in total.");
        }

        return paidOut.Count(l => l.EntrepreneurId == borrower) + 1;
    }

    /// <summary>Frees the participants to borrow again once the loan is finished (changes tracked).</summary>
    public static async Task CloseSlotsAsync(ReturnHomeEntrepreneurshipDbContext db, Loan loan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loan);
        foreach (var participant in await db.LoanParticipants.Where(p => p.LoanId == loan.Id && p.OpenSlot != null).ToListAsync(cancellationToken))
        {
            participant.OpenSlot = null;
        }
    }

    public static DomainException InProgress() => EntrepreneurshipProblems.Conflict(
        EntrepreneurshipProblems.LoanInProgress, "借款人或合伙人已有办理中或未结清的创业担保贷款。", "The borrower or a partner already has a guaranteed loan in process or not repaid.");
}
