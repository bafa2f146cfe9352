using System.Globalization;
using Platform.Bench.Vouchers;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.PersonalData;
using Platform.BuildingBlocks.Time;
using Platform.Modules.VeteranEmployment.Domain;

namespace Platform.Bench.Veterans;

/// <summary>
/// Where veterans settle: every county of Sichuan and Chongqing in the embedded catalogue, grouped by city
/// (Chongqing: the municipality); Chengdu takes 28 % and Chongqing 22 %, the other Sichuan cities share the
/// rest evenly, and within a city the counties follow a mild Zipf law (a shuffled order, weight 1/rank^0.6).
/// </summary>
internal sealed class VeteranRegions
{
    private static readonly Dictionary<string, double> Heavier = new(StringComparer.Ordinal) { ["510100"] = 0.28, ["500000"] = 0.22 };

    private readonly WeightedTable<(string City, WeightedTable<string> Counties)> table;

    public VeteranRegions(RegionCatalog catalog, int seed)
    {
        var shuffle = new Random(seed);
        var cities = catalog.All
            .Where(r => r.Level == RegionLevel.County && r.ParentCode is not null)
            .GroupBy(r => r.ParentCode!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (City: g.Key, Counties: g.Select(r => r.Code).OrderBy(_ => shuffle.Next()).ToArray()))
            .ToArray();
        var lighter = (1 - Heavier.Values.Sum()) / Math.Max(1, cities.Count(c => !Heavier.ContainsKey(c.City)));
        BusiestCounty = cities.ToDictionary(c => c.City, c => c.Counties[0], StringComparer.Ordinal);
        Counties = cities.SelectMany(c => c.Counties).ToArray();
        table = new WeightedTable<(string, WeightedTable<string>)>(cities.Select(c =>
            ((c.City, new WeightedTable<string>(c.Counties.Select((code, rank) => (code, Math.Pow(rank + 1, -0.6))))), Heavier.GetValueOrDefault(c.City, lighter))));
    }

    /// <summary>Each city's county drawn most often.</summary>
    public IReadOnlyDictionary<string, string> BusiestCounty { get; }

    public IReadOnlyList<string> Counties { get; }

    public string Draw(Random random) => table.Draw(random).Counties.Draw(random);

    /// <summary>The city (prefecture, or the Chongqing municipality) a county belongs to.</summary>
    public static string CityOf(string county) => county.StartsWith("50", StringComparison.Ordinal) ? "500000" : string.Concat(county.AsSpan(0, 4), "00");
}

/// <summary>What the harness keeps of each generated veteran: enough to send valid ledger reads and import rows.</summary>
internal readonly record struct RosterEntry(Guid Id, string IdentityNumber, string County, DateOnly DischargedOn, DateOnly LastDay, Guid LastEntryId);

/// <summary>The veterans of a run, in clear (identity numbers too) for building requests; saved next to the state for <c>--reuse</c>.</summary>
internal sealed class Roster(List<RosterEntry> entries)
{
    private const string FileName = "roster.tsv";

    public List<RosterEntry> Entries { get; } = entries;

    public static Roster Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new BenchFailureException($"--reuse {folder}: no {FileName} there.");
        }

        return new Roster(File.ReadLines(path).Select(line => line.Split('\t')).Select(f => new RosterEntry(
            Guid.Parse(f[0]), f[1], f[2], DateOnly.ParseExact(f[3], "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact(f[4], "yyyy-MM-dd", CultureInfo.InvariantCulture), Guid.Parse(f[5]))).ToList());
    }

    public void Save(string folder)
    {
        var path = Path.Combine(folder, FileName);
        File.WriteAllLines(path, Entries.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Id}\t{e.IdentityNumber}\t{e.County}\t{e.DischargedOn:yyyy-MM-dd}\t{e.LastDay:yyyy-MM-dd}\t{e.LastEntryId}")));
        Private.Restrict(path);
    }
}

/// <summary>One batch of generated rows.</summary>
internal sealed record GeneratedBatch(List<Veteran> Veterans, List<LedgerEntry> Ledger, List<TrainingRecord> Trainings);

/// <summary>Counts for the report.</summary>
internal sealed class GenerationFacts
{
    public Dictionary<string, int> Cities { get; } = new(StringComparer.Ordinal);

    public Dictionary<DischargeCategory, int> Categories { get; } = [];

    public Dictionary<EmploymentStatus, int> StatusToday { get; } = [];

    public Dictionary<EmploymentStatus, long> EntriesByStatus { get; } = [];

    public long Entries { get; set; }

    public long Corrections { get; set; }

    public int MinEntries { get; set; } = int.MaxValue;

    public int MaxEntries { get; set; }

    public long Trainings { get; set; }
}

/// <summary>
/// Generates veterans with their ledgers and training records, a batch at a time (the ledger of a full run
/// does not fit in memory as entities). Per veteran: a county, a discharge category (70 % self-employed
/// soldiers, 10 % officers, 20 % others), a discharge day 2010–2025, registration within 90 days after it,
/// a valid GB 11643 identity number (unique, encrypted and blind-indexed with the host's keys); a ledger of
/// 1 to about twice entries/veterans entries with effective days increasing from discharge to today, the
/// statuses a plausible walk, about 3 % same-day corrections recorded later; the current status that of the
/// entry in force today; a training record for most spells in training.
/// </summary>
internal sealed class VeteranGenerator(VeteranRegions regions, IPersonalDataProtector protector, int seed, DateTimeOffset now)
{
    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢廖";
    private const string GivenNames = "建国华明军平伟芳勇强磊洋艳杰娟涛斌超波辉刚健敏静丽红霞玉兰成林文德志永春海生福荣贵英秀";
    private const string CreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly DateOnly FirstDischarge = new(2010, 1, 1);
    private static readonly DateOnly LastDischarge = new(2025, 12, 31);
    private static readonly string[] SoldierRanks = ["列兵", "上等兵", "下士", "中士", "上士", "四级军士长"];
    private static readonly string[] OfficerRanks = ["少尉", "中尉", "上尉", "少校", "中校", "上校"];
    private static readonly string[] Specialties = ["驾驶", "通信", "炊事", "卫生", "警卫", "装备维修", "雷达操作", "电工", "工程机械", "无人机操控", "网络安全", "后勤保障"];
    private static readonly string[] Positions = ["保安员", "驾驶员", "物流专员", "车间操作工", "安全管理员", "社区网格员", "辅警", "设备维修工", "仓库管理员", "销售代表"];
    private static readonly string[] Businesses = ["餐馆", "便利店", "汽修店", "农家乐", "物流服务部", "五金店", "茶馆", "种植专业合作社"];
    private static readonly (string Code, string Name)[] Trainings =
        [("4-02-02-01", "汽车驾驶员"), ("6-31-01-03", "汽车维修工"), ("4-07-05-01", "保安员"), ("6-29-01-04", "电工"), ("4-04-05-01", "网络与信息安全管理员"), ("4-03-02-01", "中式烹调师"), ("5-01-02-01", "农作物植保员")];

    private static readonly Dictionary<EmploymentStatus, (EmploymentStatus Next, double Weight)[]> Walk = new()
    {
        [EmploymentStatus.SeekingWork] = [(EmploymentStatus.Employed, 55), (EmploymentStatus.SelfEmployed, 15), (EmploymentStatus.InTraining, 15), (EmploymentStatus.InEducation, 5), (EmploymentStatus.NotSeekingWork, 10)],
        [EmploymentStatus.Employed] = [(EmploymentStatus.Employed, 30), (EmploymentStatus.SeekingWork, 50), (EmploymentStatus.SelfEmployed, 10), (EmploymentStatus.NotSeekingWork, 10)],
        [EmploymentStatus.SelfEmployed] = [(EmploymentStatus.SeekingWork, 40), (EmploymentStatus.Employed, 30), (EmploymentStatus.SelfEmployed, 20), (EmploymentStatus.NotSeekingWork, 10)],
        [EmploymentStatus.InTraining] = [(EmploymentStatus.Employed, 50), (EmploymentStatus.SeekingWork, 40), (EmploymentStatus.SelfEmployed, 10)],
        [EmploymentStatus.InEducation] = [(EmploymentStatus.SeekingWork, 50), (EmploymentStatus.Employed, 50)],
        [EmploymentStatus.NotSeekingWork] = [(EmploymentStatus.SeekingWork, 70), (EmploymentStatus.Employed, 30)],
    };

    private static readonly WeightedTable<EmploymentStatus> FirstStatus = new([(EmploymentStatus.SeekingWork, 60), (EmploymentStatus.InTraining, 15), (EmploymentStatus.InEducation, 10), (EmploymentStatus.Employed, 15)]);
    private static readonly Dictionary<EmploymentStatus, WeightedTable<EmploymentStatus>> WalkTables = Walk.ToDictionary(w => w.Key, w => new WeightedTable<EmploymentStatus>(w.Value));
    private static readonly WeightedTable<ServiceBranch> Branches = new([(ServiceBranch.Army, 55), (ServiceBranch.ArmedPolice, 15), (ServiceBranch.AirForce, 10), (ServiceBranch.Navy, 10), (ServiceBranch.RocketForce, 7), (ServiceBranch.Other, 3)]);
    private static readonly WeightedTable<EducationLevel> Educations = new([(EducationLevel.JuniorHigh, 15), (EducationLevel.SeniorHigh, 35), (EducationLevel.Vocational, 20), (EducationLevel.College, 18), (EducationLevel.Bachelor, 10), (EducationLevel.Postgraduate, 2)]);
    private static readonly WeightedTable<int> ContractMonths = new([(12, 30), (24, 25), (36, 25), (60, 10), (6, 10)]);

    private readonly Random random = new(seed);
    private readonly DateOnly today = ChinaCalendar.DayOf(now);
    private readonly HashSet<string> identityNumbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> employers = new(StringComparer.Ordinal);
    private long certificates;

    public GenerationFacts Facts { get; } = new();

    public List<RosterEntry> Roster { get; } = [];

    /// <summary>The veterans in batches of <paramref name="batchVeterans"/>, with about <paramref name="entries"/> ledger entries over all.</summary>
    public IEnumerable<GeneratedBatch> Generate(int veterans, long entries, int batchVeterans)
    {
        var mean = Math.Max(1.0, (double)entries / veterans);
        for (var start = 0; start < veterans; start += batchVeterans)
        {
            var batch = new GeneratedBatch([], [], []);
            for (var i = start; i < Math.Min(veterans, start + batchVeterans); i++)
            {
                // 1 … about 2 × mean − 1 entries, mean about mean (a triangular draw).
                var count = 1 + (int)Math.Round((random.NextDouble() + random.NextDouble()) * (mean - 1));
                AddVeteran(batch, count);
            }

            yield return batch;
        }
    }

    private void AddVeteran(GeneratedBatch batch, int entryCount)
    {
        var county = regions.Draw(random);
        var roll = random.NextDouble();
        var category = roll < 0.70 ? DischargeCategory.SelfEmployedSoldier : roll < 0.80 ? DischargeCategory.Officer : DischargeCategory.Other;
        var discharged = FirstDischarge.AddDays(random.Next(LastDischarge.DayNumber - FirstDischarge.DayNumber + 1));
        if (discharged >= today)
        {
            discharged = today.AddDays(-1 - random.Next(30));
        }

        var ageAtDischarge = category switch
        {
            DischargeCategory.SelfEmployedSoldier => 20 + random.Next(9),
            DischargeCategory.Officer => 30 + random.Next(21),
            _ => 35 + random.Next(21),
        };
        var birth = discharged.AddYears(-ageAtDischarge).AddDays(-random.Next(365));
        string identity;
        do
        {
            identity = ResidentId(random.NextDouble() < 0.7 ? county : regions.Counties[random.Next(regions.Counties.Count)], birth);
        }
        while (!identityNumbers.Add(identity));

        var registeredOn = Min(discharged.AddDays(random.Next(91)), today);
        var registeredAt = Cap(At(registeredOn), now.AddMinutes(-10));
        var recorder = $"operator-{county}-1";
        var veteran = new Veteran
        {
            Id = Guid.CreateVersion7(registeredAt),
            Person = EncryptedPersonalData.From(protector.Protect(PersonalDataKind.ResidentId, identity)),
            Name = PersonName(),
            BirthDate = birth,
            Category = category,
            Branch = Branches.Draw(random),
            DischargedOn = discharged,
            Rank = category == DischargeCategory.Officer ? OfficerRanks[random.Next(OfficerRanks.Length)] : SoldierRanks[random.Next(SoldierRanks.Length)],
            Specialties = Veteran.Join(Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Specialties[random.Next(Specialties.Length)])),
            Education = Educations.Draw(random),
            RegionCode = county,
            RegisteredOn = registeredOn,
            RegisteredAt = registeredAt,
            RegisteredBy = recorder,
            Version = 1,
        };

        // The ledger: corrections take a share of the entries, the rest get increasing days from discharge to today.
        var corrections = new bool[entryCount];
        for (var e = 1; e < entryCount; e++)
        {
            corrections[e] = random.NextDouble() < 0.03;
        }

        var first = Min(discharged.AddDays(random.Next(61)), today);
        var days = new int[entryCount - corrections.Count(c => c)];
        for (var d = 1; d < days.Length; d++)
        {
            days[d] = 1 + random.Next(Math.Max(1, today.DayNumber - first.DayNumber));
        }

        Array.Sort(days);
        var dayIndex = 0;
        LedgerEntry? previous = null;
        var status = FirstStatus.Draw(random);
        var recordedFloor = registeredAt;
        for (var e = 0; e < entryCount; e++)
        {
            var correction = corrections[e] && previous is not null;
            var day = correction ? previous!.EffectiveOn : Min(first.AddDays(days[Math.Min(dayIndex++, days.Length - 1)]), today);
            if (previous is not null)
            {
                status = correction ? WalkTables[previous.Status].Draw(random) : WalkTables[status].Draw(random);
            }

            // Recorded some days after the day (a correction up to a month after the entry it corrects), never before the previous entry.
            var recorded = At(Min(day.AddDays(random.Next(correction ? 31 : 15)), today));
            recorded = Cap(recorded > recordedFloor ? recorded : recordedFloor.AddMinutes(1 + random.Next(600)), now.AddMinutes(-1));
            if (recorded <= recordedFloor)
            {
                recorded = recordedFloor.AddMilliseconds(1);
            }

            recordedFloor = recorded;
            var entry = NewEntry(veteran, day, status, recorded, recorder);
            if (correction)
            {
                entry.CorrectsEntryId = previous!.Id;
                entry.Note = "更正同日记录 / corrects the entry of the same day";
                Facts.Corrections++;
            }

            batch.Ledger.Add(entry);
            Facts.EntriesByStatus[status] = Facts.EntriesByStatus.GetValueOrDefault(status) + 1;
            if (status == EmploymentStatus.InTraining && random.NextDouble() < 0.7)
            {
                AddTraining(batch, veteran, day);
            }

            previous = entry;
        }

        veteran.CurrentStatus = previous!.Status;
        batch.Veterans.Add(veteran);
        Roster.Add(new RosterEntry(veteran.Id, identity, county, discharged, previous.EffectiveOn, previous.Id));
        Facts.Entries += entryCount;
        Facts.MinEntries = Math.Min(Facts.MinEntries, entryCount);
        Facts.MaxEntries = Math.Max(Facts.MaxEntries, entryCount);
        Facts.Categories[category] = Facts.Categories.GetValueOrDefault(category) + 1;
        Facts.StatusToday[previous.Status] = Facts.StatusToday.GetValueOrDefault(previous.Status) + 1;
        var city = VeteranRegions.CityOf(county);
        Facts.Cities[city] = Facts.Cities.GetValueOrDefault(city) + 1;
    }

    private LedgerEntry NewEntry(Veteran veteran, DateOnly day, EmploymentStatus status, DateTimeOffset recorded, string recorder)
    {
        var roll = random.NextDouble();
        var entry = new LedgerEntry
        {
            Id = Guid.CreateVersion7(recorded),
            VeteranId = veteran.Id,
            EffectiveOn = day,
            Status = status,
            Source = roll < 0.70 ? LedgerSource.Manual : roll < 0.95 ? LedgerSource.Import : LedgerSource.Placement,
            RecordedAt = recorded,
            RecordedBy = recorder,
        };
        ApplyDetails(status, veteran.RegionCode, (employer, position, months, insurance, business, businessCode) =>
        {
            entry.EmployerCode = employer;
            entry.Position = position;
            entry.ContractMonths = months;
            entry.SocialInsurance = insurance;
            entry.BusinessName = business;
            entry.BusinessCode = businessCode;
        });
        return entry;
    }

    /// <summary>
    /// The details a status carries: employed, an employer of the county (mostly) with a position, a contract of
    /// 6 to 60 months and usually social insurance; self-employed, a business and, for about half, its credit code.
    /// </summary>
    public void ApplyDetails(EmploymentStatus status, string county, Action<string?, string?, int?, bool, string?, string?> set)
    {
        switch (status)
        {
            case EmploymentStatus.Employed:
                var pool = Employers(random.NextDouble() < 0.85 ? county : regions.Counties[random.Next(regions.Counties.Count)]);
                set(pool[random.Next(pool.Length)], Positions[random.Next(Positions.Length)], ContractMonths.Draw(random), random.NextDouble() < 0.88, null, null);
                break;
            case EmploymentStatus.SelfEmployed:
                var name = string.Concat(Surnames[random.Next(Surnames.Length)].ToString(), "记", Businesses[random.Next(Businesses.Length)]);
                set(null, null, null, false, name, random.NextDouble() < 0.5 ? CreditCode("92", county) : null);
                break;
            default:
                set(null, null, null, false, null, null);
                break;
        }
    }

    /// <summary>A random status the walk can take from <paramref name="from"/>.</summary>
    public EmploymentStatus NextStatus(EmploymentStatus from) => WalkTables[from].Draw(random);

    private void AddTraining(GeneratedBatch batch, Veteran veteran, DateOnly started)
    {
        var completed = started.AddDays(20 + random.Next(100));
        if (completed > today)
        {
            return;
        }

        var (code, name) = Trainings[random.Next(Trainings.Length)];
        var passed = random.NextDouble() < 0.85;
        batch.Trainings.Add(new TrainingRecord
        {
            Id = Guid.CreateVersion7(At(completed)),
            VeteranId = veteran.Id,
            VoucherId = Guid.CreateVersion7(At(started)),
            OccupationCode = code,
            OccupationName = name,
            Level = random.NextDouble() < 0.6 ? "Level5" : "Level4",
            Passed = passed,
            CertificateNumber = passed ? string.Create(CultureInfo.InvariantCulture, $"{veteran.RegionCode}{completed:yyyy}{++certificates:D9}") : null,
            InstitutionCode = Employers(veteran.RegionCode)[0],
            CompletedOn = completed,
        });
        Facts.Trainings++;
    }

    /// <summary>Fifty employers per county, each a valid unified social credit code registered there.</summary>
    private string[] Employers(string county)
    {
        if (!employers.TryGetValue(county, out var pool))
        {
            pool = employers[county] = Enumerable.Range(0, 50).Select(_ => CreditCode("91", county)).ToArray();
        }

        return pool;
    }

    /// <summary>A GB 32100 code: registration authority and type, county, nine random characters, the check character.</summary>
    private string CreditCode(string kind, string county)
    {
        Span<char> code = stackalloc char[18];
        kind.CopyTo(code);
        county.CopyTo(code[2..]);
        for (var i = 8; i < 17; i++)
        {
            code[i] = CreditAlphabet[random.Next(CreditAlphabet.Length)];
        }

        var sum = 0;
        var weight = 1;
        for (var i = 0; i < 17; i++, weight = weight * 3 % 31)
        {
            sum += CreditAlphabet.IndexOf(code[i], StringComparison.Ordinal) * weight;
        }

        code[17] = CreditAlphabet[(31 - (sum % 31)) % 31];
        return new string(code);
    }

    /// <summary>A GB 11643 identity number: birthplace, birth day, sequence, and the ISO 7064 MOD 11-2 check character.</summary>
    private string ResidentId(string birthplace, DateOnly birth)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{birthplace}{birth:yyyyMMdd}{random.Next(1000):D3}");
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (body[i] - '0') * ((1 << (17 - i)) % 11);
        }

        return body + "10X98765432"[sum % 11];
    }

    private string PersonName() =>
        string.Concat(Surnames[random.Next(Surnames.Length)].ToString(), GivenNames[random.Next(GivenNames.Length)].ToString(), random.NextDouble() < 0.7 ? GivenNames[random.Next(GivenNames.Length)].ToString() : "");

    /// <summary>A moment of office hours (9:00–17:00 in China) on <paramref name="day"/>.</summary>
    private DateTimeOffset At(DateOnly day) => ChinaCalendar.StartOf(day).AddHours(9).AddSeconds(random.Next(8 * 3600));

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateTimeOffset Cap(DateTimeOffset value, DateTimeOffset cap) => value < cap ? value : cap;
}
