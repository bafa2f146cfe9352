using System.Globalization;
using Platform.BuildingBlocks.Contracts;
using Platform.Modules.Insights.Persistence.Seeding;
using Platform.Modules.ReturnHomeEntrepreneurship.Contracts;
using Platform.Modules.SkillMasterStudios.Contracts;
using Platform.Modules.TrainingVouchers.Contracts;
using Platform.Modules.VeteranEmployment.Contracts;

namespace Platform.Bench.Insights;

/// <summary>One event kind of the mix: its stable name, its share of the events, and how many were generated.</summary>
internal sealed record EventKind(string Name, string Label, double Share);

/// <summary>What the generator made, for the report.</summary>
internal sealed class GenerationFacts
{
    public Dictionary<string, long> ByKind { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> ByProvince { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> ByCity { get; } = new(StringComparer.Ordinal);

    public Dictionary<int, long> ByYear { get; } = [];

    public Dictionary<string, long> TrainingGroups { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> StudioKinds { get; } = new(StringComparer.Ordinal);

    public long Trainings { get; set; }

    public long Passed { get; set; }

    public long Founders { get; set; }

    public long RepeatFounders { get; set; }

    public decimal LoanAmount { get; set; }

    public long JobsUp { get; set; }

    public long JobsDown { get; set; }

    public void Count(string kind, string county, DateOnly day)
    {
        ByKind[kind] = ByKind.GetValueOrDefault(kind) + 1;
        var province = Geography.ProvinceOf(county);
        ByProvince[province] = ByProvince.GetValueOrDefault(province) + 1;
        var city = Geography.CityOf(county);
        ByCity[city] = ByCity.GetValueOrDefault(city) + 1;
        ByYear[day.Year] = ByYear.GetValueOrDefault(day.Year) + 1;
    }
}

/// <summary>
/// The events the four program modules publish, as they publish them (the contracts' records with the values their
/// handlers put in), over 2021-01-01 to today in the counties of Sichuan and Chongqing, generated one kind at a time
/// (so the counters of one kind's indicators are all that is held in memory). Each event is tallied into
/// <see cref="Expected"/> by the bench's own reading of the seeded indicators.
/// </summary>
/// <remarks>
/// Training vouchers: a voucher's holder, county, groups (MigrantWorkers about 30 % of holders, Veterans about 5 %, about
/// a fifth with a second group), occupation and level (face value as the sample province standard); the first
/// vouchers of the stream are completed 20–120 days after issue (88 % passed) and their subsidies paid 15–60 days
/// after that. Studios: accreditations 70 % new, 20 % renewals, 10 % upgrades, levels about 80/15/5 %
/// municipal/provincial/national; revocations; apprentices qualified. Veterans: registrations within 90 days of
/// discharge and later employment changes (3 % corrections). Entrepreneurship: founders with 1–3 businesses (18 %
/// repeat founders, their later businesses 60–700 days apart), guaranteed loans to founders after their first business
/// (individual up to 300,000 yuan, partnership and enterprise more), jobs created +1 (78 %) or −1 per insured employee.
/// </remarks>
internal sealed class EventGenerator(EventCalendar calendar, Geography geography, People people, int seed, Expected expected, GenerationFacts facts)
{
    public static readonly EventKind[] Kinds =
    [
        new(VoucherIssued.Name, "VoucherIssued", 0.26),
        new(TrainingCompleted.Name, "TrainingCompleted", 0.22),
        new(SubsidyPaid.Name, "SubsidyPaid", 0.15),
        new(StudioAccredited.Name, "StudioAccredited", 0.0005),
        new(StudioRevoked.Name, "StudioRevoked", 0.0001),
        new(ApprenticeQualified.Name, "ApprenticeQualified", 0.02),
        new(VeteranRegistered.Name, "VeteranRegistered", 0.05),
        new(VeteranEmploymentChanged.Name, "VeteranEmploymentChanged", 0.10),
        new(BusinessRegistered.Name, "BusinessRegistered", 0.04),
        new(LoanDisbursed.Name, "LoanDisbursed", 0.03),
        new(JobsCreated.Name, "JobsCreated", 0.0), // the rest
    ];

    // Streams of keyed draws.
    private const int VoucherStream = 1;
    private const int CompletionStream = 2;
    private const int PaymentStream = 3;
    private const int StudioStream = 4;
    private const int RevocationStream = 5;
    private const int ApprenticeStream = 6;
    private const int VeteranStream = 7;
    private const int ChangeStream = 8;
    private const int FounderStream = 9;
    private const int LoanStream = 10;
    private const int JobStream = 11;

    // Person number ranges per program (unique identity numbers across them).
    private const long Trainees = 0;
    private const long Masters = 500_000_000;
    private const long Apprentices = 600_000_000;
    private const long Veterans = 700_000_000;
    private const long Founders = 800_000_000;

    private static readonly (string Code, string Name, bool SpecialOnly)[] Occupations =
    [
        ("6-31-01-03", "电工", false), ("6-18-02-04", "焊工", false), ("6-24-04-04", "光伏组件制造工", false), ("6-25-04-01", "电子设备装接工", false),
        ("4-03-02-01", "中式烹调师", false), ("4-03-02-02", "中式面点师", false), ("4-03-02-05", "餐厅服务员", false), ("4-07-04-01", "导游", false),
        ("4-03-02-07", "茶艺师", false), ("4-10-01-05", "养老护理员", false), ("4-10-01-06", "家政服务员", false), ("4-10-01-02", "育婴员", false),
        ("6-29-01-01", "砌筑工", false), ("6-29-01-04", "钢筋工", false), ("4-01-02-07", "互联网营销师（直播销售员）", false), ("4-01-02-02", "电子商务师", false),
        ("Z-51-002", "农村电商运营", true),
    ];

    private static readonly Weighted<string> Levels = new([("SpecialAbility", 0.1), ("Level5", 0.42), ("Level4", 0.28), ("Level3", 0.14), ("Level2", 0.05), ("Level1", 0.01)]);

    private static readonly Weighted<string?> Groups = new(
    [
        ("MigrantWorkers", 0.30), ("RuralLabour", 0.22), ("RegisteredUnemployed", 0.12), ("CollegeGraduates", 0.12), ("PovertyAlleviatedLabour", 0.08),
        ("Veterans", 0.05), ("Returnees", 0.04), ("EmploymentDifficulty", 0.03), ("PeopleWithDisabilities", 0.02), (null, 0.02),
    ]);

    private static readonly string[] GroupOrder =
        ["CollegeGraduates", "MigrantWorkers", "PovertyAlleviatedLabour", "Veterans", "RegisteredUnemployed", "PeopleWithDisabilities", "EmploymentDifficulty", "RuralLabour", "Returnees"];

    private static readonly string[] Fields =
        ["AdvancedManufacturing", "ElectronicInformation", "EnergyChemicals", "Construction", "Transport", "Agriculture", "TraditionalCrafts", "FoodCatering", "HealthCare", "ModernServices"];

    private static readonly Weighted<string> FounderCategories = new(
        [("ReturningMigrantWorker", 0.55), ("RuralResident", 0.15), ("CollegeGraduate", 0.12), ("Veteran", 0.08), ("UrbanToRural", 0.06), ("Other", 0.04)]);

    private static readonly (string Industry, string Word, double Weight)[] Industries =
    [
        ("Agriculture", "农业专业合作社", 0.30), ("Manufacturing", "制品厂", 0.12), ("Construction", "建筑劳务有限公司", 0.06), ("Trade", "商贸有限公司", 0.16),
        ("Logistics", "物流有限公司", 0.05), ("Catering", "餐饮店", 0.12), ("Tourism", "农家乐", 0.07), ("Technology", "电子商务有限公司", 0.04),
        ("Services", "家政服务部", 0.06), ("Other", "经营部", 0.02),
    ];

    private static readonly Weighted<int> IndustryIndex = new(Industries.Select((i, index) => (index, i.Weight)));

    private static readonly string[] Surnames = ["李", "王", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "罗", "马"];

    private static readonly Weighted<string> EmploymentStatuses = new(
        [("Employed", 0.46), ("SelfEmployed", 0.16), ("SeekingWork", 0.18), ("InTraining", 0.1), ("InEducation", 0.04), ("NotSeekingWork", 0.06)]);

    /// <summary>The people vouchers are issued to (0.7 per voucher: some hold several).</summary>
    public long TraineePool { get; set; } = 1_000_000;

    /// <summary>Founders used by the business pass (loans and jobs belong to them); set when the businesses were generated.</summary>
    public long FoundersUsed { get; private set; }

    /// <summary>How many of each kind for <paramref name="total"/> events: shares rounded, the rest jobs created.</summary>
    public static IReadOnlyList<(EventKind Kind, long Count)> Plan(long total)
    {
        var counts = Kinds.Select(k => (Kind: k, Count: (long)Math.Round(k.Share * total))).ToList();
        var rest = total - counts.Sum(c => c.Count);
        counts[^1] = (counts[^1].Kind, Math.Max(0, rest));
        return counts;
    }

    public IEnumerable<IntegrationEvent> Generate(EventKind kind, long count, long veteransRegistered) => kind.Name switch
    {
        VoucherIssued.Name => VouchersIssued(count),
        TrainingCompleted.Name => TrainingsCompleted(count),
        SubsidyPaid.Name => SubsidiesPaid(count),
        StudioAccredited.Name => StudiosAccredited(count),
        StudioRevoked.Name => StudiosRevoked(count),
        ApprenticeQualified.Name => ApprenticesQualified(count),
        VeteranRegistered.Name => VeteransRegistered(count),
        VeteranEmploymentChanged.Name => EmploymentChanges(count, Math.Max(1, veteransRegistered)),
        BusinessRegistered.Name => BusinessesRegistered(count),
        LoanDisbursed.Name => LoansDisbursed(count),
        JobsCreated.Name => JobChanges(count),
        _ => throw new BenchFailureException($"No generator for {kind.Name}."),
    };

    /// <summary>
    /// The catch-up's events: <paramref name="count"/> trainings completed on the calendar's days
    /// (their vouchers drawn as for the progress data, stream <paramref name="stream"/>), tallied as the others.
    /// </summary>
    public IEnumerable<TrainingCompleted> RecentTrainings(long count, int stream)
    {
        for (long i = 0; i < count; i++)
        {
            var dice = new Dice(seed, stream, i);
            var voucher = Voucher(ref dice, Trainees);
            var day = calendar.Draw(ref dice);
            yield return Completed(voucher, day, ref dice, i);
        }
    }

    private IEnumerable<IntegrationEvent> VouchersIssued(long count)
    {
        for (long i = 0; i < count; i++)
        {
            var dice = new Dice(seed, VoucherStream, i);
            var voucher = Voucher(ref dice, Trainees);
            var day = calendar.Draw(ref dice);
            facts.Count(VoucherIssued.Name, voucher.County, day);
            expected.Add(SeedIndicators.VouchersIssued, voucher.County, day, 1m);
            yield return new VoucherIssued(
                Id(VoucherStream, i), people.BlindIndex(voucher.Holder), voucher.Occupation.Code, voucher.Level, voucher.Groups, voucher.County, voucher.FaceValue, day, day.AddDays(364))
            { EventId = EventId(day, ref dice, out var at), OccurredAt = at };
        }
    }

    private IEnumerable<IntegrationEvent> TrainingsCompleted(long count)
    {
        for (long i = 0; i < count; i++)
        {
            var dice = new Dice(seed, VoucherStream, i);
            var voucher = Voucher(ref dice, Trainees);
            var issued = calendar.Draw(ref dice);
            var lag = new Dice(seed, CompletionStream, i);
            var day = calendar.After(issued, lag.Between(20, 120));
            yield return Completed(voucher, day, ref lag, i);
        }
    }

    private TrainingCompleted Completed(VoucherFacts voucher, DateOnly day, ref Dice dice, long i)
    {
        var passed = dice.Chance(0.88);
        facts.Count(TrainingCompleted.Name, voucher.County, day);
        facts.Trainings++;
        facts.Passed += passed ? 1 : 0;
        expected.Add(SeedIndicators.SubsidisedTrainings, voucher.County, day, 1m);
        foreach (var group in voucher.Groups)
        {
            facts.TrainingGroups[group] = facts.TrainingGroups.GetValueOrDefault(group) + 1;
        }

        if (voucher.Groups.Contains("MigrantWorkers"))
        {
            expected.Add(SeedIndicators.MigrantWorkerTrainings, voucher.County, day, 1m);
        }

        if (voucher.Groups.Contains("Veterans"))
        {
            expected.Add(SeedIndicators.VeteransTrained, voucher.County, day, 1m);
        }

        var certificate = passed ? string.Create(CultureInfo.InvariantCulture, $"S{day:yyyyMM}{voucher.County}{i % 10_000_000:D7}") : null;
        return new TrainingCompleted(
            Id(VoucherStream, i), people.BlindIndex(voucher.Holder), voucher.Occupation.Code, voucher.Occupation.Name, voucher.Level, passed, certificate,
            voucher.Institution, voucher.County, day, voucher.Groups)
        { EventId = EventId(day, ref dice, out var at), OccurredAt = at };
    }

    private IEnumerable<IntegrationEvent> SubsidiesPaid(long count)
    {
        for (long i = 0; i < count; i++)
        {
            var dice = new Dice(seed, VoucherStream, i);
            var voucher = Voucher(ref dice, Trainees);
            var issued = calendar.Draw(ref dice);
            var lag = new Dice(seed, CompletionStream, i);
            var completed = calendar.After(issued, lag.Between(20, 120));
            var pay = new Dice(seed, PaymentStream, i);
            var day = calendar.After(completed, pay.Between(15, 60));
            facts.Count(SubsidyPaid.Name, voucher.County, day);
            yield return new SubsidyPaid(Id(VoucherStream, i), people.BlindIndex(voucher.Holder), voucher.Institution, voucher.FaceValue, voucher.County, Id(PaymentStream, (day.DayNumber * 100L) + (pay.Below(50))), day, voucher.Groups)
            { EventId = EventId(day, ref pay, out var at), OccurredAt = at };
        }
    }

    private IEnumerable<IntegrationEvent> StudiosAccredited(long count)
    {
        for (long i = 0; i < count; i++)
        {
            var dice = new Dice(seed, StudioStream, i);
            var county = geography.Draw(ref dice);
            var day = calendar.Draw(ref dice);
            var kind = dice.Unit() switch { < 0.7 => "New", < 0.9 => "Renewal", _ => "Upgrade" };
            var level = kind == "Upgrade" ? (dice.Chance(0.7) ? "Provincial" : "National") : dice.Unit() switch { < 0.8 => "Municipal", < 0.95 => "Provincial", _ => "National" };
            string? previous = kind switch { "Upgrade" => level == "National" ? "Provincial" : "Municipal", "Renewal" => level, _ => null };
            var occupation = Occupations[dice.Below(Occupations.Length)];
            var funding = level switch { "National" => 300_000m, "Provincial" => 200_000m, _ => 100_000m };
            facts.Count(StudioAccredited.Name, county, day);
            var key = $"{kind} {level}";
            facts.StudioKinds[key] = facts.StudioKinds.GetValueOrDefault(key) + 1;
            if (kind is "New" or "Upgrade" && level == "National")
            {
                expected.Add(SeedIndicators.NationalStudios, county, day, 1m);
            }
            else if (kind is "New" or "Upgrade" && level == "Provincial")
            {
                expected.Add(SeedIndicators.ProvincialStudios, county, day, 1m);
            }
            else if (kind == "New" && level == "Municipal")
            {
                expected.Add(SeedIndicators.MunicipalStudios, county, day, 1m);
            }

            yield return new StudioAccredited(
                Id(StudioStream, i), Id(StudioStream, i + (1L << 40)), kind, level, previous, Code("91", county, ref dice), people.BlindIndex(Masters + i), occupation.Code,
                Fields[dice.Below(Fields.Length)], county, day, day.AddYears(3).AddDays(-1), funding)
            { EventId = EventId(day, ref dice, out var at), OccurredAt = at };
        }
    }

    private IEnumerable<IntegrationEvent> StudiosRevoked(long count)
    {
        for (long i = 0; i < count; i++)
        {
            var dice = new Dice(seed, RevocationStream, i);
            var county = geography.Draw(ref dice);
            var day = calendar.Draw(ref dice);
            var level = dice.Unit() switch { < 0.85 => "Municipal", < 0.97 => "Provincial", _ => "National" };
            var fraud = dice.Chance(0.2);
            facts.Count(StudioRevoked.Name, county, day);
            yield return new StudioRevoked(
                Id(RevocationStream, i), level, county, day, fraud ? "Fraud" : "UnqualifiedYears", fraud ? "年度报告弄虚作假 / fraudulent report" : "连续 2 年考核不合格 / unqualified 2 years in a row")
            { EventId = EventId(day, ref dice, out var at), OccurredAt = at };
        }
    }

    private IEnumerable<IntegrationEvent> ApprenticesQualified(long count)
    {
        for (long i = 0; i < count; i++)
        {
            var dice = new Dice(seed, ApprenticeStream, i);
            var county = geography.Draw(ref dice);
            var day = calendar.Draw(ref dice);
            var level = dice.Unit() switch { < 0.35 => "Level5", < 0.7 => "Level4", < 0.9 => "Level3", < 0.98 => "Level2", _ => "Level1" };
            facts.Count(ApprenticeQualified.Name, county, day);
            expected.Add(SeedIndicators.ApprenticesQualified, county, day, 1m);
            yield return new ApprenticeQualified(
                Id(StudioStream, dice.Below(Math.Max(1, (long)(count / 40)))), Id(ApprenticeStream, i / 8), people.BlindIndex(Apprentices + i), Occupations[dice.Below(Occupations.Length)].Code,
                level, county, day.Year, day)
            { EventId = EventId(day, ref dice, out var at), OccurredAt = at };
        }
    }

    private (string County, DateOnly Registered, string Category) Veteran(long v)
    {
        var dice = new Dice(seed, VeteranStream, v);
        var county = geography.Draw(ref dice);
        var day = calendar.Draw(ref dice);
        var category = dice.Unit() switch { < 0.75 => "SelfEmployedSoldier", < 0.85 => "Officer", _ => "Other" };
        return (county, day, category);
    }

    private IEnumerable<IntegrationEvent> VeteransRegistered(long count)
    {
        for (long i = 0; i < count; i++)
        {
            var (county, day, category) = Veteran(i);
            var dice = new Dice(seed, VeteranStream, i + (1L << 40));
            facts.Count(VeteranRegistered.Name, county, day);
            expected.Add(SeedIndicators.VeteransRegistered, county, day, 1m);
            yield return new VeteranRegistered(Id(VeteranStream, i), people.BlindIndex(Veterans + i), category, county, day.AddDays(-dice.Between(10, 90)), day)
            { EventId = EventId(day, ref dice, out var at), OccurredAt = at };
        }
    }

    private IEnumerable<IntegrationEvent> EmploymentChanges(long count, long registered)
    {
        for (long i = 0; i < count; i++)
        {
            var dice = new Dice(seed, ChangeStream, i);
            var veteran = dice.Below(registered);
            var (county, registeredOn, _) = Veteran(veteran);
            var day = calendar.After(registeredOn, dice.Between(1, 700));
            var status = EmploymentStatuses.Draw(ref dice);
            facts.Count(VeteranEmploymentChanged.Name, county, day);
            yield return new VeteranEmploymentChanged(
                Id(VeteranStream, veteran), people.BlindIndex(Veterans + veteran), status, day, county, status == "Employed" ? Code("91", county, ref dice) : null, dice.Chance(0.03))
            { EventId = EventId(day, ref dice, out var at), OccurredAt = at };
        }
    }

    /// <summary>A founder's home county, category and the days of their businesses (60–700 days apart, none after today).</summary>
    private (string Home, string Category, List<DateOnly> Days) Founder(long f)
    {
        var dice = new Dice(seed, FounderStream, f);
        var home = geography.Draw(ref dice);
        var category = FounderCategories.Draw(ref dice);
        var businesses = dice.Unit() switch { < 0.82 => 1, < 0.96 => 2, _ => 3 };
        var days = new List<DateOnly> { calendar.Draw(ref dice) };
        for (var b = 1; b < businesses; b++)
        {
            var next = days[^1].AddDays(dice.Between(60, 700));
            if (next <= calendar.Today)
            {
                days.Add(next);
            }
        }

        return (home, category, days);
    }

    private IEnumerable<IntegrationEvent> BusinessesRegistered(long count)
    {
        long emitted = 0;
        long founder = 0;
        for (; emitted < count; founder++)
        {
            var (home, category, days) = Founder(founder);
            var dice = new Dice(seed, FounderStream, founder + (1L << 40));
            var blindIndex = people.BlindIndex(Founders + founder);
            facts.Founders++;
            facts.RepeatFounders += days.Count > 1 ? 1 : 0;
            for (var b = 0; b < days.Count && emitted < count; b++, emitted++)
            {
                var day = days[b];
                var county = b == 0 || dice.Chance(0.85) ? home : geography.Neighbour(home, ref dice);
                if (b == 0)
                {
                    expected.Add(SeedIndicators.ReturneeFounders, county, day, 1m);
                }

                var industry = Industries[IndustryIndex.Draw(ref dice)];
                var name = $"{geography.ChineseNames.GetValueOrDefault(county, county)}{Surnames[dice.Below(Surnames.Length)]}氏{industry.Word}";
                facts.Count(BusinessRegistered.Name, county, day);
                yield return new BusinessRegistered(
                    Id(FounderStream, (founder * 4) + b), Id(FounderStream, founder + (1L << 41)), blindIndex, category, Code("92", county, ref dice), name, industry.Industry, county, day,
                    dice.Chance(0.1) ? Id(FounderStream, (1L << 42) + dice.Below(500)) : null)
                { EventId = EventId(day, ref dice, out var at), OccurredAt = at };
            }
        }

        FoundersUsed = founder;
    }

    private IEnumerable<IntegrationEvent> LoansDisbursed(long count)
    {
        var founders = Math.Max(1, FoundersUsed);
        for (long i = 0; i < count; i++)
        {
            var dice = new Dice(seed, LoanStream, i);
            var founder = dice.Below(founders);
            var (home, _, days) = Founder(founder);
            var day = calendar.After(days[0], dice.Between(0, 400));
            var kind = dice.Unit() switch { < 0.85 => "Individual", < 0.93 => "Partnership", _ => "Enterprise" };
            var amount = kind switch
            {
                "Individual" => 10_000m * dice.Between(5, 30),
                "Partnership" => 10_000m * dice.Between(30, 120),
                _ => 10_000m * dice.Between(50, 300),
            };
            facts.Count(LoanDisbursed.Name, home, day);
            facts.LoanAmount += amount;
            expected.Add(SeedIndicators.GuaranteedLoans, home, day, amount);
            yield return new LoanDisbursed(
                Id(LoanStream, i), Id(FounderStream, founder + (1L << 41)), people.BlindIndex(Founders + founder), Id(FounderStream, founder * 4), kind, home, amount, day,
                kind == "Enterprise" ? 24 : 36, Code("91", home, ref dice))
            { EventId = EventId(day, ref dice, out var at), OccurredAt = at };
        }
    }

    private IEnumerable<IntegrationEvent> JobChanges(long count)
    {
        var founders = Math.Max(1, FoundersUsed);
        for (long i = 0; i < count; i++)
        {
            var dice = new Dice(seed, JobStream, i);
            var founder = dice.Below(founders);
            var (home, _, days) = Founder(founder);
            var day = calendar.After(days[0], dice.Between(0, 900));
            var change = dice.Chance(0.78) ? 1 : -1;
            facts.Count(JobsCreated.Name, home, day);
            if (change > 0)
            {
                facts.JobsUp++;
            }
            else
            {
                facts.JobsDown++;
            }

            expected.Add(SeedIndicators.JobsCreatedByFounders, home, day, change);
            yield return new JobsCreated(Id(FounderStream, founder * 4), Code("92", home, ref dice), home, day, change, dice.Between(1, 30))
            { EventId = EventId(day, ref dice, out var at), OccurredAt = at };
        }
    }

    private VoucherFacts Voucher(ref Dice dice, long persons)
    {
        var county = geography.Draw(ref dice);
        var occupation = Occupations[dice.Below(Occupations.Length)];
        var level = occupation.SpecialOnly ? "SpecialAbility" : Levels.Draw(ref dice);
        var first = Groups.Draw(ref dice);
        var second = dice.Chance(0.2) ? Groups.Draw(ref dice) : null;
        var groups = GroupOrder.Where(g => g == first || g == second).ToArray();
        var faceValue = level switch { "SpecialAbility" => 600m, "Level5" => 1000m, "Level4" => 1500m, "Level3" => 2000m, "Level2" => 2500m, _ => 3000m };

        // About 1.4 vouchers per holder: holders drawn from a pool of 0.7 people per voucher.
        var holder = persons + dice.Below(TraineePool);
        return new VoucherFacts(county, occupation, level, groups, faceValue, holder, Code("52", county, ref dice));
    }

    private Guid Id(int stream, long index)
    {
        var dice = new Dice(seed, stream + 1000, index);
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, dice.Next());
        BitConverter.TryWriteBytes(bytes[8..], dice.Next());
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>A version 7 id of an instant on <paramref name="day"/> (as the publishing module makes it then).</summary>
    private static Guid EventId(DateOnly day, ref Dice dice, out DateTimeOffset at)
    {
        at = EventCalendar.During(day, ref dice);
        return Guid.CreateVersion7(at);
    }

    /// <summary>An 18-character organisation code of the county (GB 32100 shape; the check character is not computed).</summary>
    private static string Code(string kind, string county, ref Dice dice)
    {
        const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        Span<char> code = stackalloc char[18];
        kind.CopyTo(code);
        county.CopyTo(code[2..]);
        for (var i = 8; i < 18; i++)
        {
            code[i] = Alphabet[dice.Below(Alphabet.Length)];
        }

        return new string(code);
    }

    private sealed record VoucherFacts(string County, (string Code, string Name, bool SpecialOnly) Occupation, string Level, string[] Groups, decimal FaceValue, long Holder, string Institution);
}
