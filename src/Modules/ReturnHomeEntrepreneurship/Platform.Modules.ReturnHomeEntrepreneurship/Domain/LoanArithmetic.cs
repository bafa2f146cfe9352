namespace Platform.Modules.ReturnHomeEntrepreneurship.Domain;

/// <summary>A loan's contract as the arithmetic needs it.</summary>
/// <param name="Principal">The principal paid out, yuan.</param>
/// <param name="DisbursedOn">The day it was paid out; period k is due on this day plus k months.</param>
/// <param name="TermMonths">The term in months.</param>
/// <param name="Method">How the principal is repaid.</param>
/// <param name="ContractRatePercent">The contract rate, percent a year.</param>
/// <param name="BorrowerRatePercent">The borrower's rate, percent a year (at most the contract rate).</param>
/// <param name="SubsidisedMonths">The first periods subsidised.</param>
internal sealed record LoanTerms(
    decimal Principal, DateOnly DisbursedOn, int TermMonths, RepaymentMethod Method, decimal ContractRatePercent, decimal BorrowerRatePercent, int SubsidisedMonths);

/// <summary>A repayment as the arithmetic needs it.</summary>
/// <param name="PaidOn">The day: the principal stops bearing interest from this day.</param>
/// <param name="Principal">Principal repaid, yuan.</param>
/// <param name="Interest">Interest paid (the borrower's share), yuan.</param>
internal readonly record struct Payment(DateOnly PaidOn, decimal Principal, decimal Interest);

/// <summary>Consecutive days of a period on which the principal, the overdue state and the subsidy did not change.</summary>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="Days">Days (To − From + 1).</param>
/// <param name="Outstanding">Principal bearing interest on each of the days, yuan.</param>
/// <param name="Overdue">Whether the loan was overdue on these days (no subsidy).</param>
/// <param name="Subsidised">Whether these days are subsidised.</param>
internal sealed record InterestSegment(DateOnly From, DateOnly To, int Days, decimal Outstanding, bool Overdue, bool Subsidised);

/// <summary>A repayment period: its interest at the contract rate, the subsidy, and the borrower's share.</summary>
/// <param name="Number">1 for the first month after disbursement; periods after maturity continue the numbering.</param>
/// <param name="Start">The first day bearing interest.</param>
/// <param name="DueOn">The due day (the disbursement day plus <paramref name="Number"/> months; interest runs up to the day before).</param>
/// <param name="PrincipalDue">The principal the schedule asks for on the due day, yuan.</param>
/// <param name="Days">Days bearing interest.</param>
/// <param name="OverdueDays">Days on which the loan was overdue.</param>
/// <param name="Interest">Interest at the contract rate, yuan.</param>
/// <param name="Subsidy">The part public finance pays, yuan.</param>
/// <param name="BorrowerShare">The part the borrower pays (interest − subsidy), yuan.</param>
/// <param name="Projected">True when the period ends after the day evaluated: its figures assume no further repayment.</param>
/// <param name="Segments">The days behind the figures.</param>
internal sealed record LoanPeriod(
    int Number, DateOnly Start, DateOnly DueOn, decimal PrincipalDue, int Days, int OverdueDays, decimal Interest, decimal Subsidy, decimal BorrowerShare, bool Projected,
    IReadOnlyList<InterestSegment> Segments);

/// <summary>Days on which a loan was overdue (both included; To is null while it still is).</summary>
/// <param name="From">The day after the due day that was missed.</param>
/// <param name="To">The day of the repayment that cleared the arrears.</param>
internal sealed record OverdueSpell(DateOnly From, DateOnly? To);

/// <summary>A loan's standing on a day.</summary>
/// <param name="Periods">The periods evaluated, oldest first.</param>
/// <param name="Spells">Overdue spells, oldest first.</param>
/// <param name="Outstanding">Principal outstanding after the repayments up to the day, yuan.</param>
/// <param name="PrincipalArrears">Principal due on or before the day and not repaid, yuan.</param>
/// <param name="InterestArrears">Borrower's interest due on or before the day and not paid, yuan.</param>
/// <param name="OverdueSince">The first day of the open overdue spell.</param>
/// <param name="Settled">Whether principal and the borrower's interest are repaid in full.</param>
/// <param name="SettledOn">The day of the last repayment, when settled.</param>
/// <param name="NextDueOn">The next due day after the day, while something is still to pay.</param>
internal sealed record LoanStanding(
    IReadOnlyList<LoanPeriod> Periods, IReadOnlyList<OverdueSpell> Spells, decimal Outstanding, decimal PrincipalArrears, decimal InterestArrears,
    DateOnly? OverdueSince, bool Settled, DateOnly? SettledOn, DateOnly? NextDueOn)
{
    public bool IsOverdue => OverdueSince is not null;
}

/// <summary>
/// The arithmetic of a guaranteed loan, a pure function of its contract and repayments.
/// <list type="bullet">
/// <item>Period k runs from the disbursement day plus k−1 months up to the day before the disbursement day
/// plus k months (its due day); a day past the end of a shorter month falls on its last day (31 January →
/// 28 or 29 February).</item>
/// <item>Interest is simple interest on the principal outstanding each day at the annual rate over 360
/// (the People's Bank convention: daily rate = annual rate ÷ 360), so February has 28 or 29 interest days
/// and a leap year one more. A repayment stops the principal bearing interest from its day.</item>
/// <item>Schedule: interest-only loans repay all principal on the last due day; equal-principal loans repay
/// the principal ÷ term truncated to the fen each month and the rest on the last. An early or partial
/// repayment lowers the principal (and so the interest) and counts towards the next dues.</item>
/// <item>Overdue: when, after the repayments of a due day, principal or the borrower's interest due by then
/// is unpaid, the loan is overdue from the next day up to and including the day of the repayment that
/// clears the arrears. Interest keeps running after maturity while principal is outstanding.</item>
/// <item>Subsidy: on every day of the first subsidised periods (at most the term) on which the loan is not
/// overdue, the difference between the contract rate and the borrower's rate.</item>
/// <item>Rounding: per period, the interest (Σ outstanding × days × contract rate ÷ 360) and the subsidy
/// (Σ over subsidised days of outstanding × days × (contract − borrower rate) ÷ 360) are each rounded to
/// the fen, half away from zero; the borrower's share is interest − subsidy, so the three always add up.</item>
/// </list>
/// </summary>
internal static class LoanArithmetic
{
    /// <summary>The due day of period <paramref name="number"/>.</summary>
    public static DateOnly DueOn(DateOnly disbursedOn, int number) => disbursedOn.AddMonths(number);

    /// <summary>The principal the schedule asks for in period <paramref name="number"/> (0 after the term).</summary>
    public static decimal PrincipalDue(LoanTerms terms, int number)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (number < 1 || number > terms.TermMonths)
        {
            return 0m;
        }

        if (terms.Method == RepaymentMethod.InterestOnly)
        {
            return number == terms.TermMonths ? terms.Principal : 0m;
        }

        var monthly = Math.Floor(terms.Principal / terms.TermMonths * 100m) / 100m;
        return number < terms.TermMonths ? monthly : terms.Principal - (monthly * (terms.TermMonths - 1));
    }

    /// <summary>Rounds yuan to the fen, half away from zero.</summary>
    public static decimal Fen(decimal yuan) => Math.Round(yuan, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The loan's standing on <paramref name="through"/> given the repayments made by then (later ones are
    /// ignored). With <paramref name="project"/>, the periods up to maturity that end later are computed too,
    /// assuming no further repayment (the schedule).
    /// </summary>
    public static LoanStanding Evaluate(LoanTerms terms, IEnumerable<Payment> repayments, DateOnly through, bool project = false)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(repayments);
        var payments = repayments.Where(p => p.PaidOn <= through && p.PaidOn >= terms.DisbursedOn).OrderBy(p => p.PaidOn).ToArray();
        var walk = new Walk(terms, payments, through, project);
        return walk.Run();
    }

    /// <summary>The state of one evaluation as it walks the days from disbursement.</summary>
    private sealed class Walk(LoanTerms terms, Payment[] payments, DateOnly through, bool project)
    {
        private readonly List<LoanPeriod> periods = [];
        private readonly List<OverdueSpell> spells = [];
        private readonly List<InterestSegment> segments = [];
        private int next;
        private decimal outstanding = terms.Principal;
        private decimal principalPaid;
        private decimal interestPaid;
        private decimal principalDue;
        private decimal borrowerDue;
        private DateOnly? overdueSince;
        private DateOnly? lastPayment;

        // The open segment of the current period.
        private DateOnly segmentFrom;
        private int segmentDays;
        private decimal segmentOutstanding;
        private bool segmentOverdue;
        private bool segmentSubsidised;

        public LoanStanding Run()
        {
            var number = 1;
            var start = terms.DisbursedOn;
            var dueOn = DueOn(terms.DisbursedOn, 1);
            var day = start;
            while (true)
            {
                if (day > through && !(project && number <= terms.TermMonths))
                {
                    if (outstanding == 0m && (segmentDays > 0 || segments.Count > 0))
                    {
                        // Repaid in full before the due day: the interest of the days before is owed too.
                        ClosePeriod(number, start, dueOn);
                    }

                    break;
                }

                if (day == dueOn)
                {
                    ClosePeriod(number, start, dueOn);
                    if (!Continues(number, dueOn))
                    {
                        break;
                    }

                    number++;
                    start = dueOn;
                    dueOn = DueOn(terms.DisbursedOn, number);
                }

                ApplyPaymentsOf(day);
                var overdueToday = overdueSince is { } since && day >= since;
                if (overdueToday && Arrears() == 0m)
                {
                    spells.Add(new OverdueSpell(overdueSince!.Value, day));
                    overdueSince = null;
                }

                var subsidised = !overdueToday && number <= Math.Min(terms.TermMonths, terms.SubsidisedMonths);
                Accrue(day, overdueToday, subsidised);
                day = day.AddDays(1);
            }

            // Repayments after the last period (its interest, or the arrears) still count; the spell closes on
            // the one that clears the arrears.
            while (next < payments.Length)
            {
                var paidOn = payments[next].PaidOn;
                ApplyPaymentsOf(paidOn);
                if (overdueSince is { } since && Arrears() == 0m)
                {
                    spells.Add(new OverdueSpell(since, paidOn < since ? since : paidOn));
                    overdueSince = null;
                }
            }

            if (overdueSince is { } open)
            {
                spells.Add(new OverdueSpell(open, null));
            }

            return Standing();
        }

        private bool Continues(int number, DateOnly dueOn)
        {
            // Checked once the due day's repayments are in: unpaid dues make the loan overdue from the next day.
            ApplyPaymentsOf(dueOn);
            if (overdueSince is null && Arrears() > 0m && dueOn < through)
            {
                overdueSince = dueOn.AddDays(1);
            }

            if (outstanding == 0m)
            {
                return false;
            }

            return number < terms.TermMonths ? dueOn <= through || project : dueOn <= through;
        }

        private void ApplyPaymentsOf(DateOnly day)
        {
            while (next < payments.Length && payments[next].PaidOn <= day)
            {
                var payment = payments[next++];
                outstanding -= payment.Principal;
                principalPaid += payment.Principal;
                interestPaid += payment.Interest;
                lastPayment = payment.PaidOn;
            }
        }

        private decimal Arrears() => Math.Max(0m, principalDue - principalPaid) + Math.Max(0m, borrowerDue - interestPaid);

        private void Accrue(DateOnly day, bool overdue, bool subsidised)
        {
            if (outstanding == 0m)
            {
                // Nothing bears interest once the principal is repaid.
                FlushSegment();
                return;
            }

            if (segmentDays > 0 && (segmentOutstanding != outstanding || segmentOverdue != overdue || segmentSubsidised != subsidised))
            {
                FlushSegment();
            }

            if (segmentDays == 0)
            {
                segmentFrom = day;
                segmentOutstanding = outstanding;
                segmentOverdue = overdue;
                segmentSubsidised = subsidised;
            }

            segmentDays++;
        }

        private void FlushSegment()
        {
            if (segmentDays > 0)
            {
                segments.Add(new InterestSegment(segmentFrom, segmentFrom.AddDays(segmentDays - 1), segmentDays, segmentOutstanding, segmentOverdue, segmentSubsidised));
                segmentDays = 0;
            }
        }

        private void ClosePeriod(int number, DateOnly start, DateOnly dueOn)
        {
            FlushSegment();
            decimal interestBase = 0m, subsidyBase = 0m;
            int days = 0, overdueDays = 0;
            foreach (var segment in segments)
            {
                days += segment.Days;
                overdueDays += segment.Overdue ? segment.Days : 0;
                interestBase += segment.Outstanding * segment.Days * terms.ContractRatePercent;
                if (segment.Subsidised)
                {
                    subsidyBase += segment.Outstanding * segment.Days * (terms.ContractRatePercent - terms.BorrowerRatePercent);
                }
            }

            var interest = Fen(interestBase / 36_000m);
            var subsidy = Fen(subsidyBase / 36_000m);
            var due = PrincipalDue(terms, number);
            var projected = dueOn > through;
            periods.Add(new LoanPeriod(number, start, dueOn, due, days, overdueDays, interest, subsidy, interest - subsidy, projected, segments.ToArray()));
            segments.Clear();
            if (!projected)
            {
                principalDue += due;
                borrowerDue += interest - subsidy;
            }
        }

        private LoanStanding Standing()
        {
            var settled = outstanding == 0m && interestPaid >= periods.Sum(p => p.BorrowerShare);
            DateOnly? nextDue = settled ? null : periods.FirstOrDefault(p => p.DueOn > through)?.DueOn ?? NextAfter(through);
            return new LoanStanding(
                periods, spells, outstanding, Math.Max(0m, principalDue - principalPaid), Math.Max(0m, borrowerDue - interestPaid),
                overdueSince, settled, settled ? lastPayment : null, nextDue);
        }

        private DateOnly NextAfter(DateOnly day)
        {
            var number = 1;
            while (DueOn(terms.DisbursedOn, number) <= day)
            {
                number++;
            }

            return DueOn(terms.DisbursedOn, number);
        }
    }
}
