using System.Globalization;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.PersonalData;
using Platform.BuildingBlocks.ReferenceData;
using Platform.BuildingBlocks.Time;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Loans;

namespace Platform.Bench.Entrepreneurship;

/// <summary>One batch of generated rows.</summary>
internal sealed record GeneratedBatch(
    List<Entrepreneur> Founders, List<Business> Businesses, List<Employee> Employees, List<Loan> Loans, List<LoanParticipant> Participants, List<LoanRepayment> Repayments)
{
    public static GeneratedBatch Empty() => new([], [], [], [], [], []);
}

/// <summary>A paid-out loan the reads can ask for.</summary>
internal readonly record struct RosterLoan(Guid Id, string RegionCode, DateOnly DisbursedOn, DateOnly MaturityOn);

/// <summary>A sample of the paid-out loans (5,000), saved next to the state for <c>--reuse</c>.</summary>
internal sealed class LoanRoster(List<RosterLoan> loans)
{
    private const string FileName = "loans.tsv";

    public List<RosterLoan> Loans { get; } = loans;

    public static LoanRoster Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new BenchFailureException($"--reuse {folder}: no {FileName} there.");
        }

        return new LoanRoster(File.ReadLines(path).Select(line => line.Split('\t')).Select(f => new RosterLoan(
            Guid.Parse(f[0]), f[1], DateOnly.ParseExact(f[2], "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact(f[3], "yyyy-MM-dd", CultureInfo.InvariantCulture))).ToList());
    }

    public void Save(string folder)
    {
        var path = Path.Combine(folder, FileName);
        File.WriteAllLines(path, Loans.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Id}\t{l.RegionCode}\t{l.DisbursedOn:yyyy-MM-dd}\t{l.MaturityOn:yyyy-MM-dd}")));
        Private.Restrict(path);
    }
}

/// <summary>Counts for the report.</summary>
internal sealed class GenerationFacts
{
    public Dictionary<string, int> Cities { get; } = new(StringComparer.Ordinal);

    public Dictionary<FounderCategory, int> Categories { get; } = [];

    public Dictionary<LegalForm, int> Forms { get; } = [];

    public Dictionary<LoanStatus, int> Statuses { get; } = [];

    public Dictionary<LoanKind, int> Kinds { get; } = [];

    public Dictionary<RepaymentMethod, int> Methods { get; } = [];

    public Dictionary<int, int> LoansPerFounder { get; } = [];

    public int Founders { get; set; }

    public int FoundersWithSeveralBusinesses { get; set; }

    public int Businesses { get; set; }

    public int ClosedBusinesses { get; set; }

    public long Employees { get; set; }

    public long Jobs { get; set; }

    public int Loans { get; set; }

    public int Participants { get; set; }

    public int PartnerParticipants { get; set; }

    public long Repayments { get; set; }

    public int Prepayments { get; set; }

    public int LatePayments { get; set; }

    public int EverOverdue { get; set; }

    public decimal AmountPaidOut { get; set; }

    public decimal Outstanding { get; set; }

    /// <summary>Running loans (Disbursed, Repaying, Overdue) of the benchmark bank in its region.</summary>
    public int BankRunning { get; set; }

    public int BankRunningOverdue { get; set; }

    /// <summary>Loans the bank's claim for the claim month in its region must list.</summary>
    public int ExpectedClaimLines { get; set; }

    public decimal BankOutstanding { get; set; }

    public int Evaluations { get; set; }

    public StandingCheck? StandingCheck { get; set; }
}

/// <summary>The read-back check of stored standings: loans evaluated, compensated ones, those of them left with interest arrears.</summary>
internal sealed record StandingCheck(int Loans, int Compensated, int CompensatedWithArrears, string? Example);

/// <summary>
/// Turns the plan into rows, founder by founder in batches: the founder (identity number valid, unique,
/// encrypted and blind-indexed with the host's keys), their businesses with employee lists (jobs created as
/// the list gives today), and their loans as the API leaves them step by step: the rules and LPR in force, the
/// contract through <see cref="LoanPolicy.Contract"/>, the schedule of <see cref="LoanArithmetic"/>, monthly
/// repayments on the due days of the borrower's share (computed with the arithmetic itself, so nothing is
/// overdue unless planned), principal by the method, partial and full early repayments, late or skipped
/// periods, default and compensation; the stored standing (status, outstanding, next check, overdue) is
/// <see cref="LoanStandings.Refresh"/>'s on today.
/// </summary>
internal sealed class EntrepreneurshipGenerator(
    FounderPlan[] founders, EntrepreneurRegions regions, BankCatalog banks, IReadOnlyList<LoanRule> rules, IReadOnlyList<PrimeRate> rates, IPersonalDataProtector protector,
    int seed, DateTimeOffset now, DateOnly claimMonth, string bankRegion)
{
    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢廖";
    private const string GivenNames = "建国华明军平伟芳勇强磊洋艳杰娟涛斌超波辉刚健敏静丽红霞玉兰成林文德志永春海生福荣贵英秀";
    private const int RosterSize = 5000;

    private static readonly string[] Workplaces = ["广东省东莞市", "广东省深圳市", "浙江省义乌市", "江苏省苏州市", "上海市", "福建省晋江市", "北京市", "成都市", "重庆市", "新疆维吾尔自治区", "浙江省宁波市"];
    private static readonly string[] Purposes = ["购置设备 / equipment", "流动资金 / working capital", "扩大种养规模 / more crops and livestock", "门店装修 / fitting out the shop", "农产品加工 / processing produce", "电商直播 / e-commerce and live selling"];
    private static readonly decimal[] Margins = [0.50m, 0.80m, 1.00m, 1.20m, 1.50m];

    private static readonly (Industry Industry, string Word)[] Trades =
    [
        (Industry.Agriculture, "种植专业户"), (Industry.Agriculture, "生态养殖场"), (Industry.Manufacturing, "农产品加工厂"), (Industry.Construction, "建筑劳务队"), (Industry.Trade, "便利店"),
        (Industry.Trade, "电商商行"), (Industry.Logistics, "物流服务部"), (Industry.Catering, "农家乐"), (Industry.Catering, "餐馆"), (Industry.Tourism, "民宿"),
        (Industry.Technology, "直播工作室"), (Industry.Services, "汽修店"), (Industry.Services, "家政服务部"), (Industry.Other, "工作室"),
    ];

    private readonly DateOnly today = ChinaCalendar.DayOf(now);
    private readonly HashSet<string> identityNumbers = new(StringComparer.Ordinal);
    private readonly HashSet<string> creditCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Guid> founderIds = [];
    private readonly Random sampler = new(seed + 17);
    private long contracts;
    private long seen;

    public GenerationFacts Facts { get; } = new();

    public List<RosterLoan> Roster { get; } = [];

    /// <summary>The founders in batches of <paramref name="batchFounders"/>.</summary>
    public IEnumerable<GeneratedBatch> Generate(int batchFounders)
    {
        // Every founder's id first: a partnership loan names partners that come in later batches.
        var registered = founders.Select(Registration).ToArray();
        for (var i = 0; i < founders.Length; i++)
        {
            founderIds[i] = Guid.CreateVersion7(registered[i].At);
        }

        for (var start = 0; start < founders.Length; start += batchFounders)
        {
            var batch = GeneratedBatch.Empty();
            for (var i = start; i < Math.Min(founders.Length, start + batchFounders); i++)
            {
                AddFounder(batch, founders[i], registered[i]);
            }

            batch.Founders.Sort((a, b) => a.Id.CompareTo(b.Id));
            batch.Businesses.Sort((a, b) => a.Id.CompareTo(b.Id));
            batch.Employees.Sort((a, b) => a.Id.CompareTo(b.Id));
            batch.Loans.Sort((a, b) => a.Id.CompareTo(b.Id));
            batch.Participants.Sort((a, b) => a.Id.CompareTo(b.Id));
            batch.Repayments.Sort((a, b) => a.Id.CompareTo(b.Id));
            yield return batch;
        }
    }

    /// <summary>The day and moment a founder registered: before their first loan (or joining one), else any day since 2019.</summary>
    private (DateOnly On, DateTimeOffset At) Registration(FounderPlan founder)
    {
        var random = FounderRandom(founder.Index, 1);
        var first = new[] { founder.Loans.FirstOrDefault()?.AppliedOn, founder.Partnership?.AppliedOn }.Where(d => d is not null).Min();
        var earliest = new DateOnly(2018, 6, 1);
        DateOnly on;
        if (first is { } firstLoan)
        {
            on = firstLoan.AddDays(-(1 + random.Next(300)));
            on = on < earliest ? earliest : on;
        }
        else
        {
            var from = new DateOnly(2019, 1, 1);
            on = from.AddDays(random.Next(today.DayNumber - from.DayNumber + 1));
        }

        return (on, Cap(At(on, random), now.AddMinutes(-10)));
    }

    private void AddFounder(GeneratedBatch batch, FounderPlan plan, (DateOnly On, DateTimeOffset At) registered)
    {
        var random = FounderRandom(plan.Index, 2);
        var roll = random.NextDouble();
        var category = roll < 0.55 ? FounderCategory.ReturningMigrantWorker : roll < 0.70 ? FounderCategory.RuralResident : roll < 0.82 ? FounderCategory.CollegeGraduate
            : roll < 0.90 ? FounderCategory.Veteran : roll < 0.97 ? FounderCategory.UrbanToRural : FounderCategory.Other;
        var age = category == FounderCategory.CollegeGraduate ? 22 + random.Next(9) : 23 + random.Next(33);
        var birth = registered.On.AddYears(-age).AddDays(-random.Next(365));
        string identity;
        do
        {
            identity = CreditCodes.ResidentId(random, random.NextDouble() < 0.8 ? plan.Home : regions.Counties[random.Next(regions.Counties.Count)], birth);
        }
        while (!identityNumbers.Add(identity));

        var returned = registered.On.AddDays(-random.Next(3 * 365));
        var adult = birth.AddYears(18);
        var founder = new Entrepreneur
        {
            Id = founderIds[plan.Index],
            Person = EncryptedPersonalData.From(protector.Protect(PersonalDataKind.ResidentId, identity)),
            Name = PersonName(random),
            BirthDate = birth,
            Category = category,
            FormerWorkplace = category is FounderCategory.RuralResident ? "" : Workplaces[random.Next(Workplaces.Length)],
            ReturnedOn = returned < adult ? adult : returned,
            RegionCode = plan.Home,
            SocialInsuranceSince = random.NextDouble() < 0.7 ? Min(registered.On.AddDays(random.Next(400)), today) : null,
            RegisteredOn = registered.On,
            RegisteredAt = registered.At,
            RegisteredBy = $"operator-{plan.Home}",
            Version = 1,
        };
        batch.Founders.Add(founder);
        Facts.Founders++;
        Facts.Categories[category] = Facts.Categories.GetValueOrDefault(category) + 1;
        var city = EntrepreneurRegions.CityOf(plan.Home);
        Facts.Cities[city] = Facts.Cities.GetValueOrDefault(city) + 1;
        Facts.FoundersWithSeveralBusinesses += plan.ExtraBusinesses > 0 ? 1 : 0;

        // The main business, recorded before the first loan; the loans are borrowed for it.
        var firstLoan = plan.Loans.FirstOrDefault()?.AppliedOn ?? plan.Partnership?.AppliedOn;
        var recordedOn = firstLoan is { } loanDay
            ? registered.On.AddDays(random.Next(Math.Max(1, Math.Min(11, loanDay.DayNumber - registered.On.DayNumber))))
            : Min(registered.On.AddDays(random.Next(31)), today);
        var lastEnd = plan.Loans.Count == 0 ? (DateOnly?)null : plan.Loans.Max(l => l.EndOn ?? today);
        var closable = plan.Anchor is Anchor.None or Anchor.Finished;
        var main = AddBusiness(batch, founder, plan.BusinessCounty, plan.Form, recordedOn, closable ? lastEnd ?? recordedOn : null, random);
        for (var extra = 0; extra < plan.ExtraBusinesses; extra++)
        {
            var on = registered.On.AddDays(random.Next(Math.Max(1, today.DayNumber - registered.On.DayNumber + 1)));
            var form = random.NextDouble() < 0.7 ? LegalForm.IndividualBusiness : LegalForm.SmallOrMicroEnterprise;
            AddBusiness(batch, founder, random.NextDouble() < 0.7 ? plan.BusinessCounty : regions.Neighbour(plan.BusinessCounty, random), form, Min(on, today), on, random);
        }

        Facts.LoansPerFounder[plan.Loans.Count] = Facts.LoansPerFounder.GetValueOrDefault(plan.Loans.Count) + 1;
        foreach (var loan in plan.Loans)
        {
            AddLoan(batch, plan, founder, main, loan, random);
        }
    }

    /// <summary>A business with its employee list; closable after <paramref name="closableAfter"/> (8 %), its jobs ending that day.</summary>
    private Business AddBusiness(GeneratedBatch batch, Entrepreneur founder, string county, LegalForm form, DateOnly recordedOn, DateOnly? closableAfter, Random random)
    {
        var license = recordedOn.AddDays(-random.Next(600));
        var trade = form == LegalForm.Cooperative ? Trades[random.Next(2)] : Trades[random.Next(Trades.Length)];
        var kind = form switch { LegalForm.IndividualBusiness => "92", LegalForm.Cooperative => "93", _ => "91" };
        string code;
        do
        {
            code = CreditCodes.Random(random, kind, county);
        }
        while (!creditCodes.Add(code));

        DateOnly? closed = null;
        if (closableAfter is { } after && random.NextDouble() < 0.08)
        {
            var from = Max(Max(after, license), recordedOn).AddDays(30);
            if (from < today)
            {
                closed = from.AddDays(random.Next(today.DayNumber - from.DayNumber + 1));
            }
        }

        var recordedAt = Cap(At(recordedOn, random), now.AddMinutes(-5));
        var business = new Business
        {
            Id = Guid.CreateVersion7(recordedAt),
            EntrepreneurId = founder.Id,
            CreditCode = code,
            Name = string.Concat(regions.Names.GetValueOrDefault(county, county), founder.Name.AsSpan(0, 1), "记", trade.Word),
            Industry = trade.Industry,
            LegalForm = form,
            RegisteredOn = license,
            RegionCode = county,
            Address = string.Create(CultureInfo.InvariantCulture, $"{regions.Names.GetValueOrDefault(county, county)} {GivenNames[random.Next(GivenNames.Length)]}{GivenNames[random.Next(GivenNames.Length)]}镇 {1 + random.Next(20)}村{1 + random.Next(12)}组{1 + random.Next(200)}号"),
            Status = closed is null ? BusinessStatus.Operating : BusinessStatus.Closed,
            ClosedOn = closed,
            RecordedAt = recordedAt,
            RecordedBy = $"operator-{county}",
            Version = 1 + (closed is null ? 0 : 1),
        };

        var employees = form switch
        {
            LegalForm.IndividualBusiness => random.NextDouble() switch { < 0.35 => 0, < 0.65 => 1, < 0.85 => 2, _ => 3 },
            LegalForm.Cooperative => 1 + random.Next(6),
            LegalForm.Partnership => 1 + random.Next(4),
            _ => 2 + random.Next(9),
        };
        var end = closed ?? today;
        for (var e = 0; e < employees; e++)
        {
            var started = license.AddDays(random.Next(Math.Max(1, end.DayNumber - license.DayNumber + 1)));
            DateOnly? ended = random.NextDouble() < 0.2 ? started.AddDays(random.Next(end.DayNumber - started.DayNumber + 1)) : closed;
            var birth = started.AddYears(-(18 + random.Next(40))).AddDays(-random.Next(365));
            var employee = new Employee
            {
                Id = Guid.Empty,
                BusinessId = business.Id,
                Person = EncryptedPersonalData.From(protector.Protect(PersonalDataKind.ResidentId, CreditCodes.ResidentId(random, regions.Counties[random.Next(regions.Counties.Count)], birth))),
                Name = PersonName(random),
                StartedOn = started,
                EndedOn = ended,
                SocialInsurance = random.NextDouble() < 0.85,
                RecordedAt = Cap(At(Max(started, recordedOn).AddDays(random.Next(8)), random), now.AddMinutes(-1)),
                RecordedBy = business.RecordedBy,
            };
            employee.RecordedAt = employee.RecordedAt < recordedAt ? recordedAt.AddMinutes(1 + random.Next(600)) : employee.RecordedAt;
            employee.Id = Guid.CreateVersion7(employee.RecordedAt);
            batch.Employees.Add(employee);
            business.JobsCreated += employee.IsJobOn(today) ? 1 : 0;
            business.Version += 1 + (ended is not null && ended != closed ? 1 : 0);
        }

        batch.Businesses.Add(business);
        Facts.Businesses++;
        Facts.ClosedBusinesses += closed is null ? 0 : 1;
        Facts.Forms[form] = Facts.Forms.GetValueOrDefault(form) + 1;
        Facts.Employees += employees;
        Facts.Jobs += business.JobsCreated;
        return business;
    }

    private void AddLoan(GeneratedBatch batch, FounderPlan plan, Entrepreneur founder, Business business, LoanPlan step, Random random)
    {
        var region = business.RegionCode;
        var rule = RegionalRules.InForce(rules, region, step.AppliedOn)
            ?? throw new BenchFailureException($"No loan rule in force for {region} on {step.AppliedOn:yyyy-MM-dd}: did the setup seed the sample rules?");
        var cap = LoanPolicy.Cap(rule, step.Kind, 1 + step.Partners.Length);
        var maxTerm = LoanPolicy.MaxTerm(rule, step.Kind);
        var bank = banks.All[step.Bank];
        var city = EntrepreneurRegions.CityOf(region);
        var requested = step.Kind switch
        {
            LoanKind.Individual => 10_000m * (5 + random.Next(16)),
            LoanKind.Partnership => 10_000m * (20 + random.Next((int)(cap / 10_000m) - 19)),
            _ => 50_000m * (6 + (random.NextDouble() < 0.7 ? random.Next(15) : random.Next(55))),
        };
        requested = Math.Min(requested, Math.Floor(cap / 10_000m) * 10_000m);
        var appliedAt = Cap(At(step.AppliedOn, random), now.AddMinutes(-30));
        var loan = new Loan
        {
            Id = Guid.CreateVersion7(appliedAt),
            Kind = step.Kind,
            EntrepreneurId = founder.Id,
            BusinessId = business.Id,
            RegionCode = region,
            BankCode = bank.Code,
            BankName = bank.Name,
            GuaranteeFundCode = banks.FundOf(region),
            RequestedAmount = requested,
            RequestedTermMonths = random.NextDouble() < 0.85 ? Math.Min(step.TermMonths, maxTerm) : maxTerm,
            Method = random.NextDouble() < 0.3 ? RepaymentMethod.EqualPrincipal : RepaymentMethod.InterestOnly,
            Purpose = Purposes[random.Next(Purposes.Length)],
            Status = LoanStatus.Applied,
            Cap = cap,
            Sequence = step.Sequence,
            RuleId = rule.Id,
            AppliedOn = step.AppliedOn,
            AppliedAt = appliedAt,
            AppliedBy = $"operator-{region}",
            Version = 1,
        };
        var updated = appliedAt;

        // The stages before the payout: guarantee, bank approval (the contract), as far as the outcome goes.
        var endOfStages = step.DisbursedOn ?? step.EndOn ?? today;
        var span = endOfStages.DayNumber - step.AppliedOn.DayNumber;
        var stage = step.Outcome switch
        {
            Outcome.RejectedByFund or Outcome.Applied => 0,
            Outcome.RejectedByBank or Outcome.GuaranteeApproved => 1,
            Outcome.Withdrawn => span < 3 ? 0 : random.Next(3),
            _ => 2,
        };
        if (stage >= 1)
        {
            var guaranteed = step.AppliedOn.AddDays(1 + random.Next(Math.Max(1, span / 2)));
            loan.GuaranteeApprovedOn = guaranteed;
            loan.GuaranteeApprovedBy = $"fund-{city}";
            loan.GuaranteeContract = string.Create(CultureInfo.InvariantCulture, $"DB{city}{guaranteed:yyyy}{++contracts:D7}");
            loan.Status = LoanStatus.GuaranteeApproved;
            loan.Version++;
            updated = Cap(At(guaranteed, random), now.AddMinutes(-20));
        }

        if (stage >= 2)
        {
            var from = loan.GuaranteeApprovedOn!.Value;
            var approved = from.AddDays(1 + random.Next(Math.Max(1, endOfStages.DayNumber - from.DayNumber)));
            approved = approved > endOfStages ? endOfStages : approved;
            var prime = PrimeRate.InForce(rates, approved) ?? throw new BenchFailureException($"No LPR for {approved:yyyy-MM-dd}.");
            var amount = random.NextDouble() < 0.85 ? requested : Math.Max(10_000m, requested - (10_000m * (1 + random.Next(3))));
            var margin = Margins.Where(m => m <= rule.RateCapMarginBp / 100m).ToArray();
            var contract = LoanPolicy.Contract(rule, loan, amount, Math.Min(step.TermMonths, loan.RequestedTermMonths), prime.OneYearPercent + margin[random.Next(margin.Length)], prime.OneYearPercent);
            loan.Amount = contract.Amount;
            loan.TermMonths = contract.TermMonths;
            loan.ContractRatePercent = contract.ContractRatePercent;
            loan.PrimeRatePercent = prime.OneYearPercent;
            loan.BorrowerRatePercent = contract.BorrowerRatePercent;
            loan.SubsidisedMonths = contract.SubsidisedMonths;
            loan.Status = LoanStatus.BankApproved;
            loan.BankApprovedOn = approved;
            loan.BankApprovedBy = $"bank-{bank.Short}";
            loan.LoanContract = string.Create(CultureInfo.InvariantCulture, $"{bank.Short}-{approved:yyyy}-{++contracts:D7}");
            loan.Version++;
            updated = Cap(At(approved, random), now.AddMinutes(-15));
        }

        switch (step.Outcome)
        {
            case Outcome.RejectedByFund or Outcome.RejectedByBank:
                loan.Status = LoanStatus.Rejected;
                loan.DecisionNote = step.Outcome == Outcome.RejectedByFund ? "担保基金审核未通过 / the guarantee fund refused" : "银行审批未通过 / the bank refused";
                loan.Version++;
                updated = Cap(At(step.EndOn!.Value, random), now.AddMinutes(-10));
                break;
            case Outcome.Withdrawn:
                loan.Status = LoanStatus.Withdrawn;
                loan.DecisionNote = "借款人撤回申请 / withdrawn by the applicant";
                loan.Version++;
                updated = Cap(At(step.EndOn!.Value, random), now.AddMinutes(-10));
                break;
            case Outcome.Applied or Outcome.GuaranteeApproved or Outcome.BankApproved:
                break;
            default:
                updated = Max(updated, PayOut(batch, loan, step, bank, city, random));
                break;
        }

        loan.UpdatedAt = loan.Version > 1 ? updated : null;
        batch.Loans.Add(loan);
        var open = LoanStateMachine.Open.Contains(loan.Status);
        foreach (var (participant, lead) in step.Partners.Select(p => (founderIds[p], false)).Prepend((founder.Id, true)))
        {
            batch.Participants.Add(new LoanParticipant { Id = Guid.CreateVersion7(appliedAt), LoanId = loan.Id, EntrepreneurId = participant, IsLead = lead, OpenSlot = open ? participant : null });
            Facts.Participants++;
            Facts.PartnerParticipants += lead ? 0 : 1;
        }

        Facts.Loans++;
        Facts.Statuses[loan.Status] = Facts.Statuses.GetValueOrDefault(loan.Status) + 1;
        Facts.Kinds[loan.Kind] = Facts.Kinds.GetValueOrDefault(loan.Kind) + 1;
        if (loan.DisbursedOn is { } disbursed)
        {
            Facts.Methods[loan.Method] = Facts.Methods.GetValueOrDefault(loan.Method) + 1;
            Facts.AmountPaidOut += loan.Amount!.Value;
            Facts.Outstanding += loan.Outstanding;
            Facts.EverOverdue += loan.EverOverdue ? 1 : 0;
            var isBank = step.Bank == 0 && RegionCode.IsWithin(region, bankRegion);
            var running = loan.Status is LoanStatus.Disbursed or LoanStatus.Repaying or LoanStatus.Overdue;
            if (isBank && running)
            {
                Facts.BankRunning++;
                Facts.BankRunningOverdue += loan.Status == LoanStatus.Overdue ? 1 : 0;
                Facts.BankOutstanding += loan.Outstanding;
            }

            // The claim lists the bank's loans in the region with a period due in the month: paid out before it and
            // not finished before it, or finished in the month before with their last, partial period due in it.
            if (isBank && disbursed < claimMonth
                && (LoanStateMachine.Running.Contains(loan.Status)
                    || (loan.Status == LoanStatus.Settled && LastPeriodDueIn(loan, loan.SettledOn!.Value, claimMonth))
                    || (loan.Status == LoanStatus.Compensated && LastPeriodDueIn(loan, loan.CompensatedOn!.Value, claimMonth))))
            {
                Facts.ExpectedClaimLines++;
            }

            // A uniform sample of the paid-out loans for the reads.
            seen++;
            var row = new RosterLoan(loan.Id, region, disbursed, loan.MaturityOn!.Value);
            if (Roster.Count < RosterSize)
            {
                Roster.Add(row);
            }
            else if (sampler.NextInt64(seen) < RosterSize)
            {
                Roster[sampler.Next(RosterSize)] = row;
            }
        }
    }

    /// <summary>The payout and the repayments of the outcome planned; returns the last moment the loan changed.</summary>
    private DateTimeOffset PayOut(GeneratedBatch batch, Loan loan, LoanPlan step, Bank bank, string city, Random random)
    {
        var disbursed = step.DisbursedOn!.Value;
        loan.Status = LoanStatus.Disbursed;
        loan.DisbursedOn = disbursed;
        loan.MaturityOn = LoanArithmetic.DueOn(disbursed, loan.TermMonths!.Value);
        loan.Outstanding = loan.Amount!.Value;
        loan.Version++;
        var updated = Cap(At(disbursed, random), now.AddMinutes(-10));
        var terms = loan.Terms;
        var (payments, links, defaultOn, compensateOn) = Schedule(terms, step, random);

        // The borrower's share of each period, from the arithmetic: first with every period's interest
        // overpaid (so nothing is overdue that was paid on its day), then with the shares themselves until they
        // no longer move (a late payment takes the subsidy of the overdue days of the next period).
        var overpaid = payments.Select((p, i) => p with { Interest = links[i] > 0 ? 1_000_000_000m : 0m }).ToList();
        var evaluatedOn = compensateOn ?? today;
        Share(LoanArithmetic.Evaluate(terms, overpaid, evaluatedOn), payments, links, loan);
        Facts.Evaluations++;
        LoanStanding standing;
        for (var iteration = 0; ; iteration++)
        {
            if (compensateOn is null)
            {
                loan.Status = step.Outcome == Outcome.Defaulted ? LoanStatus.Defaulted : LoanStatus.Disbursed;
                loan.EverOverdue = false;
                standing = LoanStandings.Refresh(loan, payments, today);
            }
            else
            {
                standing = LoanArithmetic.Evaluate(terms, payments, evaluatedOn);
            }

            Facts.Evaluations++;
            if (!Share(standing, payments, links, loan))
            {
                break;
            }

            if (iteration == 10)
            {
                throw new BenchFailureException($"Internal: the repayments of loan {loan.Id} ({step.Outcome}) do not settle.");
            }
        }

        var recordedBy = $"bank-{bank.Short}";
        var references = 0;
        foreach (var payment in payments)
        {
            var recordedAt = Cap(Evening(payment.PaidOn, random), now.AddMinutes(-1));
            batch.Repayments.Add(new LoanRepayment
            {
                Id = Guid.CreateVersion7(recordedAt),
                LoanId = loan.Id,
                PaidOn = payment.PaidOn,
                Principal = payment.Principal,
                Interest = payment.Interest,
                Source = RepaymentSource.Borrower,
                Reference = string.Create(CultureInfo.InvariantCulture, $"{loan.LoanContract}-R{++references:D3}"),
                RecordedAt = recordedAt,
                RecordedBy = recordedBy,
            });
            updated = Max(updated, recordedAt);
        }

        Facts.Repayments += payments.Count;
        Facts.Prepayments += links.Count(l => l == 0);
        loan.Version += payments.Count + standing.Spells.Count;
        foreach (var spell in standing.Spells)
        {
            // The daily check found the loan overdue the night after the missed due day.
            updated = Max(updated, Cap(ChinaCalendar.StartOf(spell.From).AddHours(1), now.AddMinutes(-1)));
        }

        if (defaultOn is { } declared)
        {
            loan.DefaultedOn = declared;
            loan.DecisionNote = "逾期超过 60 天，银行宣告违约 / declared in default after more than 60 days overdue";
            loan.Version++;
            updated = Max(updated, Cap(At(declared, random), now.AddMinutes(-1)));
        }

        if (compensateOn is { } compensated)
        {
            // What CompensateAsync does: the fund pays the principal outstanding and all of the borrower's unpaid
            // interest up to the day (the periods due and the current period's days).
            var closed = LoanArithmetic.Evaluate(terms, [.. payments, new Payment(compensated, standing.Outstanding, 0m)], compensated);
            var fundInterest = Math.Max(0m, closed.Periods.Sum(p => p.BorrowerShare) - payments.Sum(p => p.Interest));
            var recordedAt = Cap(At(compensated, random), now.AddMinutes(-1));
            batch.Repayments.Add(new LoanRepayment
            {
                Id = Guid.CreateVersion7(recordedAt),
                LoanId = loan.Id,
                PaidOn = compensated,
                Principal = standing.Outstanding,
                Interest = fundInterest,
                Source = RepaymentSource.GuaranteeFund,
                Reference = string.Create(CultureInfo.InvariantCulture, $"DC-{loan.GuaranteeContract}"),
                RecordedAt = recordedAt,
                RecordedBy = $"fund-{city}",
            });
            Facts.Repayments++;
            loan.Status = LoanStatus.Compensated;
            loan.CompensatedOn = compensated;
            loan.CompensationAmount = standing.Outstanding + fundInterest;
            loan.Outstanding = 0m;
            loan.NextCheckOn = null;
            loan.OverdueSince = null;
            loan.SettledOn = null;
            loan.EverOverdue = true;
            loan.Version++;
            updated = Max(updated, recordedAt);
        }

        Check(loan, step);
        return updated;
    }

    /// <summary>
    /// The repayments of the outcome with their principal (interest comes from the arithmetic): the periods paid on
    /// their due days, one paid late, the last ones skipped, a full repayment before maturity, a partial one.
    /// Returns them in day order with the period each pays (0: a partial repayment of principal only).
    /// </summary>
    /// <summary>Whether a loan finished on <paramref name="finished"/> still has a period due in the month: its last period is due on the first due day on or after the finishing day.</summary>
    private static bool LastPeriodDueIn(Loan loan, DateOnly finished, DateOnly month)
    {
        var number = 1;
        while (LoanArithmetic.DueOn(loan.DisbursedOn!.Value, number) < finished)
        {
            number++;
        }

        // Paid out before the month, the loan has a due day in every month up to its last one.
        return LoanArithmetic.DueOn(loan.DisbursedOn.Value, number) >= month;
    }

    private (List<Payment> Payments, List<int> Links, DateOnly? DefaultOn, DateOnly? CompensateOn) Schedule(LoanTerms terms, LoanPlan step, Random random)
    {
        var disbursed = terms.DisbursedOn;
        var term = terms.TermMonths;
        DateOnly Due(int k) => LoanArithmetic.DueOn(disbursed, k);
        var elapsed = LoanPlanner.Elapsed(disbursed, today);
        var paidThrough = elapsed;
        var late = 0;
        DateOnly? payoff = null;
        DateOnly? defaultOn = null;
        DateOnly? compensateOn = null;
        switch (step.Outcome)
        {
            case Outcome.RunningOverdue:
                // Overdue from the day after the first unpaid due day, so that day is before today.
                paidThrough = elapsed - (1 + random.Next(Math.Min(5, elapsed - 1)));
                if (Due(paidThrough + 1) >= today)
                {
                    paidThrough--;
                }

                break;
            case Outcome.RunningCaughtUp:
                late = 2 + random.Next(elapsed - 2);
                break;
            case Outcome.Defaulted:
                {
                    var missed = Enumerable.Range(2, Math.Max(0, elapsed - 1)).Where(k => Due(k).AddDays(61) < today).ToArray();
                    var first = missed.Length == 0 ? 1 : missed[random.Next(missed.Length)];
                    paidThrough = first - 1;
                    var from = Due(first).AddDays(61);
                    defaultOn = from >= today ? today : from.AddDays(random.Next(today.DayNumber - from.DayNumber));
                    break;
                }

            case Outcome.SettledOnTime:
                paidThrough = term;
                break;
            case Outcome.SettledLate:
                paidThrough = term;
                late = term >= 3 ? 2 + random.Next(term - 2) : 0;
                break;
            case Outcome.SettledEarly:
                {
                    payoff = step.EndOn!.Value;
                    var k = 1;
                    while (Due(k) < payoff.Value)
                    {
                        k++;
                    }

                    paidThrough = k - 1;
                    break;
                }

            case Outcome.Compensated:
                {
                    compensateOn = step.EndOn!.Value;
                    var missed = Enumerable.Range(1, term + 12).Where(k => Due(k).AddDays(81) <= compensateOn.Value).ToArray();
                    var first = missed.Length == 0 ? 1 : missed[random.Next(Math.Min(missed.Length, term))];
                    paidThrough = first - 1;
                    var from = Due(first).AddDays(61);
                    defaultOn = from.AddDays(random.Next(Math.Max(1, compensateOn.Value.DayNumber - 20 - from.DayNumber + 1)));
                    break;
                }
        }

        // (day, period): period > 0 pays that period's dues, 0 is a partial early repayment, -k the full repayment within period k.
        var events = new List<(DateOnly Day, int Period)>();
        for (var k = 1; k <= paidThrough; k++)
        {
            var day = Due(k);
            if (k == late)
            {
                day = day.AddDays(3 + random.Next(Math.Max(1, Math.Min(18, Due(k + 1).DayNumber - day.DayNumber - 5))));
                Facts.LatePayments++;
            }

            events.Add((day, k));
        }

        if (payoff is { } full)
        {
            events.Add((full, -(paidThrough + 1)));
        }

        var lastDay = events.Count == 0 ? disbursed : events.Max(e => e.Day);
        if (step.Prepay && lastDay.DayNumber - disbursed.DayNumber > 60)
        {
            var day = disbursed.AddDays(30 + random.Next(lastDay.DayNumber - disbursed.DayNumber - 40));
            if (!events.Any(e => e.Day == day))
            {
                events.Add((day, 0));
            }
        }

        events.Sort((a, b) => a.Day.CompareTo(b.Day));
        var payments = new List<Payment>(events.Count);
        var links = new List<int>(events.Count);
        var outstanding = terms.Principal;
        var running = step.Outcome is Outcome.Running;
        foreach (var (day, period) in events)
        {
            decimal principal;
            if (period > 0)
            {
                principal = terms.Method == RepaymentMethod.EqualPrincipal ? Math.Min(LoanArithmetic.PrincipalDue(terms, period), outstanding) : period >= term ? outstanding : 0m;
            }
            else if (period < 0)
            {
                principal = outstanding;
            }
            else
            {
                // A partial early repayment: what is left must still cover the dues up to today of a loan that keeps running.
                var stillDue = running && terms.Method == RepaymentMethod.EqualPrincipal
                    ? Enumerable.Range(1, term).Where(k => Due(k) > day && Due(k) <= today).Sum(k => LoanArithmetic.PrincipalDue(terms, k))
                    : 0m;
                var most = outstanding - stillDue - 1_000m;
                if (most < 1_000m)
                {
                    continue;
                }

                principal = Math.Clamp(Math.Floor(outstanding * (0.1m + ((decimal)random.NextDouble() * 0.3m)) / 1_000m) * 1_000m, 1_000m, most);
            }

            outstanding -= principal;
            payments.Add(new Payment(day, principal, 0m));
            links.Add(Math.Abs(period));
            if (outstanding == 0m)
            {
                break;
            }
        }

        return (payments, links, defaultOn, compensateOn);
    }

    /// <summary>Sets each payment's interest to the borrower's share of the period it pays; true when one changed.</summary>
    private static bool Share(LoanStanding standing, List<Payment> payments, List<int> links, Loan loan)
    {
        var changed = false;
        for (var i = 0; i < payments.Count; i++)
        {
            if (links[i] == 0)
            {
                continue;
            }

            if (links[i] > standing.Periods.Count)
            {
                throw new BenchFailureException($"Internal: loan {loan.Id} pays period {links[i]}, the arithmetic has {standing.Periods.Count}.");
            }

            var share = standing.Periods[links[i] - 1].BorrowerShare;
            if (payments[i].Interest != share)
            {
                payments[i] = payments[i] with { Interest = share };
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>Refuses a loan whose standing is not what its plan says (the next loan of the founder would then be invalid).</summary>
    private static void Check(Loan loan, LoanPlan step)
    {
        var ok = step.Outcome switch
        {
            Outcome.SettledOnTime or Outcome.SettledEarly => loan.Status == LoanStatus.Settled && !loan.EverOverdue,
            Outcome.SettledLate => loan.Status == LoanStatus.Settled && loan.EverOverdue,
            Outcome.Running => loan.Status is LoanStatus.Disbursed or LoanStatus.Repaying && !loan.EverOverdue,
            Outcome.RunningOverdue => loan.Status == LoanStatus.Overdue,
            Outcome.RunningCaughtUp => loan.Status == LoanStatus.Repaying && loan.EverOverdue,
            Outcome.Defaulted => loan.Status == LoanStatus.Defaulted && loan.OverdueSince is not null,
            Outcome.Compensated => loan.Status == LoanStatus.Compensated && loan.DefaultedOn < loan.CompensatedOn,
            _ => false,
        };
        if (!ok)
        {
            throw new BenchFailureException(string.Create(CultureInfo.InvariantCulture,
                $"Internal: loan {loan.Id} planned {step.Outcome} ends {loan.Status} (ever overdue {loan.EverOverdue}, outstanding {loan.Outstanding}, paid out {loan.DisbursedOn:yyyy-MM-dd}, {loan.TermMonths} months, {loan.Method})."));
        }
    }

    private Random FounderRandom(int index, int stream) => new(unchecked((seed * 1_000_003) + (index * 7919) + (stream * 104_729)));

    private static string PersonName(Random random) =>
        string.Concat(Surnames[random.Next(Surnames.Length)].ToString(), GivenNames[random.Next(GivenNames.Length)].ToString(), random.NextDouble() < 0.7 ? GivenNames[random.Next(GivenNames.Length)].ToString() : "");

    /// <summary>A moment of office hours (9:00–17:00 in China) on <paramref name="day"/>.</summary>
    private static DateTimeOffset At(DateOnly day, Random random) => ChinaCalendar.StartOf(day).AddHours(9).AddSeconds(random.Next(8 * 3600));

    /// <summary>The bank's evening report of the day's repayments (17:00–21:00 in China).</summary>
    private static DateTimeOffset Evening(DateOnly day, Random random) => ChinaCalendar.StartOf(day).AddHours(17).AddSeconds(random.Next(4 * 3600));

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Cap(DateTimeOffset value, DateTimeOffset cap) => value < cap ? value : cap;
}
