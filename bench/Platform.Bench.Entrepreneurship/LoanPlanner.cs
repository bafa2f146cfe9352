using Platform.BuildingBlocks.Identity;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;

namespace Platform.Bench.Entrepreneurship;

/// <summary>What a founder's last loan is doing today.</summary>
internal enum Anchor
{
    /// <summary>No loan.</summary>
    None,

    /// <summary>A running loan of the benchmark bank in its region (the claim's loans).</summary>
    BankRunning,

    /// <summary>A running loan of another bank.</summary>
    Running,

    /// <summary>Applied for in the last weeks, not paid out yet.</summary>
    Pending,

    /// <summary>Repaid, compensated, refused or withdrawn.</summary>
    Finished,
}

/// <summary>How a planned loan ends up.</summary>
internal enum Outcome
{
    SettledOnTime,
    SettledEarly,
    SettledLate,
    Compensated,
    RejectedByFund,
    RejectedByBank,
    Withdrawn,
    Applied,
    GuaranteeApproved,
    BankApproved,
    Running,
    RunningOverdue,
    RunningCaughtUp,
    Defaulted,
}

/// <summary>A loan's place in its borrower's history: days, term, bank and outcome; amounts and repayments come later.</summary>
internal sealed class LoanPlan
{
    public required int Lead { get; init; }

    public int[] Partners { get; set; } = [];

    public LoanKind Kind { get; set; }

    public Outcome Outcome { get; set; }

    public int Bank { get; set; }

    public DateOnly AppliedOn { get; set; }

    public DateOnly? DisbursedOn { get; set; }

    public int TermMonths { get; set; }

    /// <summary>The day it stopped being open: settled, compensated, refused, withdrawn; null while open.</summary>
    public DateOnly? EndOn { get; set; }

    /// <summary>A partial early repayment somewhere in its life.</summary>
    public bool Prepay { get; set; }

    public int Sequence { get; set; }

    public bool Disbursed => DisbursedOn is not null;
}

/// <summary>A founder as planned: home, main business, and the loans they borrowed (oldest first) or joined as a partner.</summary>
internal sealed class FounderPlan
{
    public required int Index { get; init; }

    public required string Home { get; init; }

    /// <summary>The county of the main business, which the loans are borrowed for (their region).</summary>
    public required string BusinessCounty { get; init; }

    public required LegalForm Form { get; init; }

    public int ExtraBusinesses { get; set; }

    public Anchor Anchor { get; set; }

    public List<LoanPlan> Loans { get; } = [];

    /// <summary>Another founder's partnership loan this founder joined (after their own loans were repaid).</summary>
    public LoanPlan? Partnership { get; set; }

    public LoanPlan? Last => Loans.Count == 0 ? null : Loans[^1];

    public int DisbursedCount => Loans.Count(l => l.Disbursed);
}

/// <summary>
/// Plans who borrows what and when, so that every loan could have been made through the API on its day:
/// loans from 2021-01-01 (the sample rules' start), one open loan per person at a time, a new application only
/// after the previous loan was repaid on time (none after a late, compensated or defaulted one), at most three
/// loans paid out per person, terms within the rules (36 months, enterprises 24). Each founder's last loan is
/// placed first (the benchmark bank's running loans paid out over the previous 36 months, other running loans,
/// recent applications, or a finished loan), then the earlier ones backwards from it; the number of loans per
/// founder is spread in proportion to the time before the last one so that the total is exactly <c>--loans</c>.
/// </summary>
internal sealed class LoanPlanner
{
    public static readonly DateOnly ProgramStart = new(2021, 1, 1);

    private const int MinDisbursedSlot = 115;
    private const int MinRefusedSlot = 25;

    private readonly EntrepreneurRegions regions;
    private readonly BankCatalog banks;
    private readonly EntrepreneurshipBenchOptions options;
    private readonly DateOnly today;
    private readonly Random random;

    public LoanPlanner(EntrepreneurRegions regions, BankCatalog banks, EntrepreneurshipBenchOptions options, DateOnly today, int seed)
    {
        this.regions = regions;
        this.banks = banks;
        this.options = options;
        this.today = today;
        random = new Random(seed);
        ClaimMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
    }

    /// <summary>The last complete month, as its first day.</summary>
    public DateOnly ClaimMonth { get; }

    /// <summary>Founders whose loans could not all be placed in a first pass and were given to others.</summary>
    public int Replaced { get; private set; }

    public FounderPlan[] Plan()
    {
        var founders = Founders();
        ChooseAnchors(founders);
        foreach (var founder in founders.Where(f => f.Anchor != Anchor.None))
        {
            founder.Loans.Add(LastLoan(founder));
        }

        SpreadEarlierLoans(founders);
        FindPartners(founders);
        foreach (var founder in founders)
        {
            var paidOut = 0;
            foreach (var loan in founder.Loans)
            {
                loan.Sequence = paidOut + 1;
                paidOut += loan.Disbursed ? 1 : 0;
            }
        }

        return founders;
    }

    private FounderPlan[] Founders()
    {
        var count = Math.Max(1, (int)Math.Round(options.Businesses * 0.95));
        var founders = new FounderPlan[count];
        for (var i = 0; i < count; i++)
        {
            var home = regions.Draw(random);
            var roll = random.NextDouble();
            var form = roll < 0.58 ? LegalForm.IndividualBusiness : roll < 0.70 ? LegalForm.Cooperative : roll < 0.76 ? LegalForm.Partnership : LegalForm.SmallOrMicroEnterprise;
            founders[i] = new FounderPlan { Index = i, Home = home, BusinessCounty = random.NextDouble() < 0.9 ? home : regions.Neighbour(home, random), Form = form };
        }

        for (var extra = options.Businesses - count; extra > 0; extra--)
        {
            founders[random.Next(count)].ExtraBusinesses++;
        }

        return founders;
    }

    private void ChooseAnchors(FounderPlan[] founders)
    {
        var region = options.BankRegion;
        var candidates = founders.Where(f => RegionCode.IsWithin(f.BusinessCounty, region)).Select(f => f.Index).ToList();
        if (candidates.Count < options.BankLoans)
        {
            throw new BenchFailureException($"Only {candidates.Count:N0} of the {founders.Length:N0} founders have their business in {region}; --bank-loans {options.BankLoans:N0} needs as many. Give more --businesses, fewer --bank-loans or a larger --bank-region.");
        }

        Shuffle(candidates);
        foreach (var index in candidates.Take(options.BankLoans))
        {
            founders[index].Anchor = Anchor.BankRunning;
        }

        // The others borrow too, about 2.6 loans each, so that the loans asked for need no more founders than there are.
        var withLoans = Math.Min(founders.Length, Math.Max(options.BankLoans, (int)Math.Ceiling(options.Loans / 2.6)));
        var others = founders.Where(f => f.Anchor == Anchor.None).Select(f => f.Index).ToList();
        Shuffle(others);
        foreach (var index in others.Take(withLoans - options.BankLoans))
        {
            var roll = random.NextDouble();
            founders[index].Anchor = roll < 0.03 ? Anchor.Pending : roll < 0.38 ? Anchor.Running : Anchor.Finished;
        }
    }

    /// <summary>The founder's last loan, placed from today backwards.</summary>
    private LoanPlan LastLoan(FounderPlan founder)
    {
        var province = EntrepreneurRegions.ProvinceOf(founder.BusinessCounty);
        var loan = new LoanPlan { Lead = founder.Index };
        switch (founder.Anchor)
        {
            case Anchor.BankRunning:
            case Anchor.Running:
                {
                    // Paid out over the previous 36 months (the bank's before the claim month, so a period falls due in it), still running today.
                    var earliest = today.AddMonths(-36).AddDays(1);
                    var latest = founder.Anchor == Anchor.BankRunning ? ClaimMonth.AddDays(-1) : today;
                    var disbursed = earliest.AddDays(random.Next(latest.DayNumber - earliest.DayNumber + 1));
                    var elapsed = Elapsed(disbursed, today);
                    loan.Kind = Kind(founder, elapsed < 24, last: true);
                    loan.TermMonths = Term(loan.Kind, t => t > elapsed);
                    loan.DisbursedOn = disbursed;
                    loan.AppliedOn = disbursed.AddDays(-Processing());
                    var roll = random.NextDouble();
                    loan.Outcome = roll < 0.03 && elapsed >= 2 ? Outcome.RunningOverdue
                        : roll < 0.05 && elapsed >= 3 ? Outcome.RunningCaughtUp
                        : roll < 0.06 && elapsed >= 7 && founder.Anchor == Anchor.Running ? Outcome.Defaulted
                        : Outcome.Running;
                    loan.Prepay = loan.Outcome == Outcome.Running && elapsed >= 3 && random.NextDouble() < 0.08;
                    loan.Bank = founder.Anchor == Anchor.BankRunning ? 0 : banks.OtherOf(province, random);
                    break;
                }

            case Anchor.Pending:
                {
                    var age = random.Next(46);
                    loan.AppliedOn = today.AddDays(-age);
                    loan.Kind = Kind(founder, enterpriseTermFits: true, last: true);
                    loan.TermMonths = Term(loan.Kind, _ => true);
                    loan.Outcome = age < 8 ? Outcome.Applied : age < 20 ? (random.NextDouble() < 0.3 ? Outcome.Applied : Outcome.GuaranteeApproved)
                        : random.NextDouble() < 0.6 ? Outcome.BankApproved : Outcome.GuaranteeApproved;
                    loan.Bank = FinishedBank(founder, province);
                    break;
                }

            default:
                FinishedLastLoan(founder, loan, province);
                break;
        }

        return loan;
    }

    private void FinishedLastLoan(FounderPlan founder, LoanPlan loan, string province)
    {
        var end = ProgramStart.AddDays(200 + random.Next(today.DayNumber - ProgramStart.DayNumber - 200));
        var roll = random.NextDouble();
        var outcome = roll < 0.62 ? Outcome.SettledOnTime : roll < 0.84 ? Outcome.SettledEarly : roll < 0.89 ? Outcome.SettledLate : roll < 0.92 ? Outcome.Compensated
            : roll < 0.95 ? Outcome.RejectedByFund : roll < 0.97 ? Outcome.RejectedByBank : Outcome.Withdrawn;
        loan.Bank = FinishedBank(founder, province);
        var window = end.DayNumber - ProgramStart.DayNumber;
        if (outcome is Outcome.SettledOnTime or Outcome.SettledLate)
        {
            loan.Kind = Kind(founder, enterpriseTermFits: true, last: true);
            var fits = Terms(loan.Kind).Where(t => end.AddMonths(-t).DayNumber - 45 >= ProgramStart.DayNumber).ToArray();
            if (fits.Length > 0)
            {
                loan.TermMonths = fits[random.Next(fits.Length)];
                loan.DisbursedOn = end.AddMonths(-loan.TermMonths);
                loan.EndOn = loan.DisbursedOn.Value.AddMonths(loan.TermMonths);
                loan.AppliedOn = loan.DisbursedOn.Value.AddDays(-Processing());
                loan.Outcome = outcome;
                loan.Prepay = outcome == Outcome.SettledOnTime && random.NextDouble() < 0.08;
                return;
            }

            outcome = Outcome.SettledEarly;
        }

        if (outcome is Outcome.SettledEarly or Outcome.Compensated)
        {
            loan.Kind = Kind(founder, enterpriseTermFits: true, last: true);
            loan.TermMonths = Term(loan.Kind, _ => true);
            var shortest = outcome == Outcome.Compensated ? 240 : 90;
            var longest = Math.Min(outcome == Outcome.Compensated ? (loan.TermMonths * 30) + 200 : (loan.TermMonths * 30) - 10, window - 50);
            if (longest >= shortest)
            {
                var life = shortest + random.Next(longest - shortest + 1);
                loan.DisbursedOn = end.AddDays(-life);
                loan.EndOn = end;
                loan.AppliedOn = loan.DisbursedOn.Value.AddDays(-Processing());
                loan.Outcome = outcome;
                return;
            }

            outcome = Outcome.RejectedByFund;
        }

        // Refused by the guarantee fund or the bank, or withdrawn, some days after the application.
        loan.Kind = Kind(founder, enterpriseTermFits: true, last: true);
        loan.TermMonths = Term(loan.Kind, _ => true);
        loan.Outcome = outcome;
        loan.EndOn = end;
        loan.AppliedOn = end.AddDays(-(outcome switch { Outcome.RejectedByFund => 3 + random.Next(18), Outcome.RejectedByBank => 8 + random.Next(28), _ => 2 + random.Next(39) }));
    }

    /// <summary>
    /// Gives each founder with a loan a share of the remaining loans, in proportion to the days between the program's
    /// start and their last loan, capped by what fits; places them backwards; what does not fit goes to others.
    /// </summary>
    private void SpreadEarlierLoans(FounderPlan[] founders)
    {
        var borrowers = founders.Where(f => f.Anchor != Anchor.None).ToArray();
        var remaining = (long)options.Loans - borrowers.Length;
        if (remaining < 0)
        {
            throw new BenchFailureException($"Internal: {borrowers.Length:N0} borrowers for {options.Loans:N0} loans.");
        }

        var capacity = borrowers.Select(Capacity).ToArray();
        var wanted = new int[borrowers.Length];
        var totalCapacity = capacity.Sum(c => (long)c);
        if (totalCapacity < remaining)
        {
            throw new BenchFailureException($"--loans {options.Loans:N0} do not fit: {borrowers.Length:N0} borrowers can hold at most about {borrowers.Length + totalCapacity:N0} loans since 2021 (three paid out and two refused each, one at a time). Give more --businesses or fewer --loans.");
        }

        // Proportional shares with random rounding, then top up whoever still has room until the total is reached.
        var weight = borrowers.Select(f => Math.Max(0, f.Last!.AppliedOn.DayNumber - ProgramStart.DayNumber)).ToArray();
        var weights = weight.Sum(w => (double)w);
        var given = 0L;
        for (var i = 0; i < borrowers.Length && weights > 0; i++)
        {
            var share = remaining * weight[i] / weights;
            wanted[i] = Math.Min(capacity[i], (int)share + (random.NextDouble() < share - Math.Floor(share) ? 1 : 0));
            given += wanted[i];
        }

        var order = Enumerable.Range(0, borrowers.Length).ToList();
        while (given != remaining)
        {
            Shuffle(order);
            var moved = false;
            foreach (var i in order)
            {
                if (given < remaining && wanted[i] < capacity[i])
                {
                    wanted[i]++;
                    given++;
                    moved = true;
                }
                else if (given > remaining && wanted[i] > 0)
                {
                    wanted[i]--;
                    given--;
                    moved = true;
                }

                if (given == remaining)
                {
                    break;
                }
            }

            if (!moved)
            {
                throw new BenchFailureException("Internal: the loans could not be spread over the borrowers.");
            }
        }

        // Place them; a founder whose loans do not fit (the random durations were too long) gets fewer, and others more.
        var placed = new int[borrowers.Length];
        var deficit = 0L;
        for (var i = 0; i < borrowers.Length; i++)
        {
            placed[i] = wanted[i];
            while (placed[i] > 0 && !TryEarlier(borrowers[i], placed[i]))
            {
                placed[i]--;
                deficit++;
                Replaced++;
            }
        }

        for (var pass = 0; deficit > 0 && pass < 50; pass++)
        {
            Shuffle(order);
            foreach (var i in order)
            {
                if (deficit == 0)
                {
                    break;
                }

                if (placed[i] < capacity[i] && TryEarlier(borrowers[i], placed[i] + 1))
                {
                    placed[i]++;
                    deficit--;
                }
            }
        }

        if (deficit > 0)
        {
            throw new BenchFailureException($"--loans {options.Loans:N0} do not fit: {deficit:N0} could not be placed in the borrowers' histories since 2021. Give more --businesses or fewer --loans.");
        }
    }

    /// <summary>How many loans fit before the founder's last one at the shortest: a paid-out loan about 4 months, a refused one a month.</summary>
    private static int Capacity(FounderPlan founder)
    {
        var window = founder.Last!.AppliedOn.DayNumber - 1 - ProgramStart.DayNumber;
        var disbursedLeft = 3 - (founder.Last.Disbursed ? 1 : 0);
        var count = 0;
        while (window >= MinDisbursedSlot && disbursedLeft > 0)
        {
            window -= MinDisbursedSlot;
            disbursedLeft--;
            count++;
        }

        return count + Math.Min(2, window / MinRefusedSlot);
    }

    /// <summary>Places <paramref name="count"/> loans before the last one, all finished on time (or refused, withdrawn); false when they do not fit.</summary>
    private bool TryEarlier(FounderPlan founder, int count)
    {
        var last = founder.Last!;
        founder.Loans.Clear();
        founder.Loans.Add(last);
        if (count == 0)
        {
            return true;
        }

        var disbursedLeft = 3 - (last.Disbursed ? 1 : 0);
        var refused = Math.Max(0, count - disbursedLeft);
        while (refused < Math.Min(2, count) && random.NextDouble() < 0.12)
        {
            refused++;
        }

        if (count - refused > disbursedLeft || refused > 2)
        {
            return false;
        }

        var isRefused = new bool[count];
        foreach (var slot in Enumerable.Range(0, count).OrderBy(_ => random.Next()).Take(refused))
        {
            isRefused[slot] = true;
        }

        var cursor = last.AppliedOn.AddDays(-1);
        var need = isRefused.Sum(r => r ? MinRefusedSlot : MinDisbursedSlot);
        var window = cursor.DayNumber - ProgramStart.DayNumber;
        if (window < need)
        {
            return false;
        }

        // Spread the slack: paid-out loans take most of it, refused ones little, and some stays before the first loan.
        var shares = isRefused.Select(r => -Math.Log(1 - random.NextDouble()) * (r ? 0.3 : 3)).ToArray();
        var before = -Math.Log(1 - random.NextDouble());
        var slack = window - need;
        var total = shares.Sum() + before;
        var earlier = new List<LoanPlan>(count);
        var province = EntrepreneurRegions.ProvinceOf(founder.BusinessCounty);
        for (var slot = count - 1; slot >= 0; slot--)
        {
            var budget = (isRefused[slot] ? MinRefusedSlot : MinDisbursedSlot) + (int)(slack * shares[slot] / total);
            var start = cursor.AddDays(-budget + 1);
            var loan = new LoanPlan { Lead = founder.Index, Bank = FinishedBank(founder, province) };
            if (isRefused[slot])
            {
                var end = cursor.AddDays(-random.Next(Math.Min(20, budget - MinRefusedSlot + 1)));
                loan.Kind = Kind(founder, enterpriseTermFits: true, last: false);
                loan.TermMonths = Term(loan.Kind, _ => true);
                loan.Outcome = random.NextDouble() < 0.45 ? Outcome.RejectedByFund : random.NextDouble() < 0.5 ? Outcome.RejectedByBank : Outcome.Withdrawn;
                loan.EndOn = end;
                loan.AppliedOn = end.AddDays(-(2 + random.Next(Math.Min(33, end.DayNumber - start.DayNumber - 1))));
            }
            else
            {
                var end = cursor.AddDays(-random.Next(Math.Min(60, (budget - MinDisbursedSlot) / 4) + 1));
                var processing = 5 + random.Next(Math.Min(40, (budget - MinDisbursedSlot) / 4) + 1);
                var life = end.DayNumber - start.DayNumber - processing;
                loan.Kind = Kind(founder, enterpriseTermFits: true, last: false);
                var fits = Terms(loan.Kind).Where(t => end.AddMonths(-t).DayNumber - processing >= start.DayNumber).ToArray();
                if (fits.Length > 0 && random.NextDouble() < 0.8)
                {
                    loan.TermMonths = fits[random.Next(fits.Length)];
                    loan.DisbursedOn = end.AddMonths(-loan.TermMonths);
                    loan.EndOn = loan.DisbursedOn.Value.AddMonths(loan.TermMonths);
                    loan.Outcome = Outcome.SettledOnTime;
                }
                else
                {
                    loan.TermMonths = Term(loan.Kind, t => (t * 30) - 10 > 90);
                    var days = 90 + random.Next(Math.Max(1, Math.Min(life, (loan.TermMonths * 30) - 10) - 90 + 1));
                    loan.DisbursedOn = end.AddDays(-days);
                    loan.EndOn = end;
                    loan.Outcome = Outcome.SettledEarly;
                }

                loan.AppliedOn = loan.DisbursedOn.Value.AddDays(-processing);
                loan.Prepay = random.NextDouble() < 0.08;
            }

            if (loan.AppliedOn < ProgramStart)
            {
                founder.Loans.RemoveRange(0, founder.Loans.Count - 1);
                return false;
            }

            earlier.Add(loan);
            cursor = loan.AppliedOn.AddDays(-1);
        }

        earlier.Reverse();
        founder.Loans.InsertRange(0, earlier);
        return true;
    }

    /// <summary>
    /// Partners for the partnership loans (last loans of founders whose main business is a partnership): one or two
    /// founders whose own loans were all repaid on time before the application and who borrowed at most twice.
    /// Without one the loan is an individual loan.
    /// </summary>
    private void FindPartners(FounderPlan[] founders)
    {
        var pool = founders
            .Where(f => f.Anchor == Anchor.Finished && f.Last!.Outcome is Outcome.SettledOnTime or Outcome.SettledEarly && f.DisbursedCount <= 2
                && f.Loans.All(l => l.Outcome is Outcome.SettledOnTime or Outcome.SettledEarly or Outcome.RejectedByFund or Outcome.RejectedByBank or Outcome.Withdrawn))
            .OrderBy(f => f.Last!.EndOn!.Value)
            .ToArray();
        var ends = pool.Select(f => f.Last!.EndOn!.Value.DayNumber).ToArray();
        foreach (var lead in founders)
        {
            var loan = lead.Last;
            if (loan is null || loan.Kind != LoanKind.Partnership)
            {
                continue;
            }

            var upper = Array.BinarySearch(ends, loan.AppliedOn.DayNumber - 7);
            upper = upper < 0 ? ~upper : upper;
            var partners = new List<int>();
            var wantedPartners = random.NextDouble() < 0.7 ? 1 : 2;
            for (var tries = 0; tries < 40 && partners.Count < wantedPartners && upper > 0; tries++)
            {
                var candidate = pool[random.Next(upper)];
                if (candidate.Partnership is null && candidate.Index != lead.Index && candidate.Last!.Kind != LoanKind.Partnership && !partners.Contains(candidate.Index))
                {
                    partners.Add(candidate.Index);
                }
            }

            if (partners.Count == 0)
            {
                loan.Kind = LoanKind.Individual;
                continue;
            }

            loan.Partners = [.. partners];
            foreach (var partner in partners)
            {
                founders[partner].Partnership = loan;
            }
        }
    }

    private LoanKind Kind(FounderPlan founder, bool enterpriseTermFits, bool last) => founder.Form switch
    {
        LegalForm.SmallOrMicroEnterprise when enterpriseTermFits && random.NextDouble() < 0.6 => LoanKind.Enterprise,
        LegalForm.Partnership when last && random.NextDouble() < 0.6 => LoanKind.Partnership,
        _ => LoanKind.Individual,
    };

    private static int[] Terms(LoanKind kind) => kind == LoanKind.Enterprise ? [12, 24] : [12, 24, 36];

    /// <summary>A term the rules allow, longer terms more often (36: 5, 24: 3, 12: 2).</summary>
    private int Term(LoanKind kind, Func<int, bool> allowed)
    {
        var options = Terms(kind).Where(allowed).ToArray();
        if (options.Length == 0)
        {
            options = [Terms(kind)[^1]];
        }

        var weights = options.Select(t => t switch { 36 => 5, 24 => 3, _ => 2 }).ToArray();
        var pick = random.Next(weights.Sum());
        for (var i = 0; i < options.Length; i++)
        {
            pick -= weights[i];
            if (pick < 0)
            {
                return options[i];
            }
        }

        return options[^1];
    }

    /// <summary>The bank of a loan that is not one of the benchmark bank's running loans: in its region, the benchmark bank a third of the time.</summary>
    private int FinishedBank(FounderPlan founder, string province) =>
        RegionCode.IsWithin(founder.BusinessCounty, options.BankRegion) && random.NextDouble() < 0.35 ? 0 : banks.OtherOf(province, random);

    /// <summary>Days from the application to the payout: guarantee, bank approval, disbursement.</summary>
    private int Processing() => 5 + random.Next(41);

    /// <summary>Due days up to and including <paramref name="day"/>.</summary>
    public static int Elapsed(DateOnly disbursedOn, DateOnly day)
    {
        var count = 0;
        while (LoanArithmetic.DueOn(disbursedOn, count + 1) <= day)
        {
            count++;
        }

        return count;
    }

    private void Shuffle<T>(List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
