using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.PersonalData;
using Platform.BuildingBlocks.ReferenceData;
using Platform.BuildingBlocks.Time;
using Platform.Modules.SkillMasterStudios.Domain;
using Platform.Modules.SkillMasterStudios.Features.Studios;
using Platform.Modules.SkillMasterStudios.Persistence;

namespace Platform.Bench.Studios;

/// <summary>Rows the load wrote and how long it took.</summary>
internal sealed record LoadResult(IReadOnlyDictionary<string, int> Rows, TimeSpan Planning, TimeSpan Writing, TimeSpan Saving, int BatchSize, string AfterLoad)
{
    public int Total => Rows.Values.Sum();
}

/// <summary>
/// Turns the plan into the module's entities and inserts them through its provider context: whole studios
/// (lead master, studio, accreditations with the seeded funding standard in force, tranches, annual reports,
/// apprentices) until a batch holds <c>batchSize</c> rows, then one <c>SaveChanges</c> with change detection
/// off and the tracker cleared. Identity numbers are valid (GB 11643), encrypted and blind-indexed with the
/// host's keys, so the host reads them as its own.
/// </summary>
internal sealed class StudioWriter(StudioPlanner plan, StudioRegions regions, IPersonalDataProtector protector, IReadOnlyList<FundingStandard> standards, int seed, DateOnly today)
{
    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢廖";
    private const string GivenNames = "建国华明军平伟芳勇强磊洋艳杰娟涛斌超波辉刚健敏静丽红霞玉兰成林文德志永春海生福荣贵英秀";
    private const string RevokeReason = "连续 2 年考核不合格 / unqualified 2 years in a row";

    private static readonly string[] Employers = ["机械制造有限公司", "电子科技有限公司", "建设集团有限公司", "能源化工股份有限公司", "交通运输集团", "农业发展有限公司", "传统工艺研究所", "餐饮管理有限公司", "人民医院", "职业技术学院"];

    private readonly Random random = new(seed);
    private readonly HashSet<string> masterIds = new(StringComparer.Ordinal);
    private readonly Dictionary<(StudioLevel, string, int), FundingStandard?> standardCache = [];
    private readonly Dictionary<string, int> rows = new(StringComparer.Ordinal);
    private long certificates;
    private long payments;

    public async Task<LoadResult> WriteAsync(SkillMasterStudiosDbContext db, int batchSize, TimeSpan planning, Action<string> progress, CancellationToken cancellationToken)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var pending = 0;
        var clock = Stopwatch.StartNew();
        var saving = new Stopwatch();
        var lastReport = TimeSpan.Zero;
        var studios = plan.Studios;
        for (var i = 0; i < studios.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            pending += AddStudio(db, i);
            if (pending < batchSize && i < studios.Length - 1)
            {
                continue;
            }

            saving.Start();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            saving.Stop();
            pending = 0;
            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(10) || i == studios.Length - 1)
            {
                lastReport = clock.Elapsed;
                progress(string.Create(CultureInfo.InvariantCulture, $"generator: {i + 1:N0} of {studios.Length:N0} studios, {rows.Values.Sum():N0} rows ({rows.Values.Sum() / clock.Elapsed.TotalSeconds:N0} rows/s; {saving.Elapsed.TotalSeconds:0.0} s of {clock.Elapsed.TotalSeconds:0.0} s in SaveChanges)"));
            }
        }

        return new LoadResult(rows, planning, clock.Elapsed, saving.Elapsed, batchSize, "");
    }

    /// <summary>Adds one studio with everything that hangs off it; returns the number of rows added.</summary>
    private int AddStudio(SkillMasterStudiosDbContext db, int index)
    {
        var s = plan.Studios[index];
        var added = 0;
        void Add<T>(T entity, string table)
            where T : class
        {
            db.Add(entity);
            rows[table] = rows.GetValueOrDefault(table) + 1;
            added++;
        }

        var decided = At(s.AccreditedOn, 10);
        var master = NewMaster(s, decided);
        Add(master, "masters");
        var studio = new Studio
        {
            Id = Guid.CreateVersion7(decided),
            Name = $"{master.Name}技能大师工作室",
            HostCode = master.EmployerCode,
            HostName = $"{regions.CityOf(s.County).Name}{Employers[(int)s.Field]}",
            LeadMasterId = master.Id,
            ActiveLeadSlot = s.Status == StudioStatus.Active ? master.Id : null,
            OccupationCode = s.Occupation,
            Field = s.Field,
            RegionCode = s.County,
            Level = s.Level,
            Status = s.Status,
            AccreditedOn = s.AccreditedOn,
            TermEndsOn = s.TermEndsOn,
            UpdatedAt = decided,
            Version = s.Levels.Length,
        };

        for (var term = 0; term < s.Levels.Length; term++)
        {
            var starts = s.TermStarts(term);
            var decidedOn = term == 0 ? starts : starts.AddDays(-random.Next(10, 60));
            var kind = term == 0 ? ApplicationKind.New : s.Levels[term] > s.Levels[term - 1] ? ApplicationKind.Upgrade : ApplicationKind.Renewal;
            var standard = StandardFor(s.Levels[term], s.County, decidedOn);
            var accreditation = new Accreditation
            {
                Id = Guid.CreateVersion7(At(decidedOn, 10)),
                StudioId = studio.Id,
                ApplicationId = Guid.CreateVersion7(At(decidedOn.AddDays(-120), 9)),
                Kind = kind,
                Level = s.Levels[term],
                RegionCode = s.County,
                StartsOn = starts,
                EndsOn = starts.AddYears(3).AddDays(-1),
                DecidedOn = decidedOn,
                DecidedBy = $"reviewer-{s.County[..2]}0000-1",
                FundingStandardId = standard?.Id,
                FundingGranted = standard?.Amount ?? 0m,
                Version = 1,
            };

            // The grant is paid in two tranches, 60 % within a quarter and the rest within about a year, as long as the studio stands.
            var stopsOn = s.Status == StudioStatus.Revoked ? s.RevokedOn : today;
            foreach (var (share, afterDays) in new[] { (0.6m, 30 + random.Next(60)), (0.4m, 300 + random.Next(120)) })
            {
                var paidOn = decidedOn.AddDays(afterDays);
                if (accreditation.FundingGranted == 0 || paidOn >= stopsOn)
                {
                    break;
                }

                var amount = decimal.Round(accreditation.FundingGranted * share, 2);
                Add(new FundingTranche
                {
                    Id = Guid.CreateVersion7(At(paidOn, 15)),
                    AccreditationId = accreditation.Id,
                    StudioId = studio.Id,
                    RegionCode = s.County,
                    Amount = amount,
                    PaidOn = paidOn,
                    Reference = string.Create(CultureInfo.InvariantCulture, $"GK{paidOn:yyyyMMdd}{++payments:D8}"),
                    RecordedBy = $"operator-{s.County}-1",
                    RecordedAt = At(paidOn, 16),
                }, "funding_tranches");
                accreditation.FundingPaid += amount;
                accreditation.Version++;
            }

            Add(accreditation, "accreditations");
            studio.CurrentAccreditationId = accreditation.Id;
        }

        if (s.Status == StudioStatus.Expired)
        {
            studio.Close(StudioStatus.Expired, TermExpiry.Reason, "system", At(s.TermEndsOn.AddDays(1), 2));
            studio.Version++;
        }
        else if (s.Status == StudioStatus.Revoked)
        {
            studio.Close(StudioStatus.Revoked, RevokeReason, $"reviewer-{s.County[..2]}0000-1", At(s.RevokedOn, 11));
            studio.ConsecutiveUnqualified = 2;
            studio.Version++;
        }

        Add(studio, "studios");
        for (var r = plan.FirstReport[index]; r < plan.FirstReport[index + 1]; r++)
        {
            var (_, year, apprentices) = plan.Reports[r];
            added += AddReport(db, s, studio, year, apprentices);
        }

        return added;
    }

    private Master NewMaster(PlannedStudio s, DateTimeOffset decided)
    {
        var registeredAt = decided.AddDays(-30 - random.Next(400));
        string id;
        DateOnly birth;
        do
        {
            birth = new DateOnly(1958, 1, 1).AddDays(random.Next(32 * 365));
            id = ResidentId(random.NextDouble() < 0.75 ? s.County : regions.DrawCounty(random), birth);
        }
        while (!masterIds.Add(id));

        return new Master
        {
            Id = Guid.CreateVersion7(registeredAt),
            Person = EncryptedPersonalData.From(protector.Protect(PersonalDataKind.ResidentId, id)),
            Name = PersonName(),
            BirthDate = birth,
            OccupationCode = s.Occupation,
            QualificationLevel = random.NextDouble() < 0.6 ? QualificationLevel.Level1 : QualificationLevel.Level2,
            Honours = random.NextDouble() < 0.3 ? "全国技术能手\n四川工匠" : "四川省技术能手",
            EmployerCode = CreditCode(s.County),
            RegionCode = s.County,
            RegisteredAt = registeredAt,
            RegisteredBy = $"operator-{s.County}-1",
            Version = 1,
        };
    }

    private int AddReport(SkillMasterStudiosDbContext db, PlannedStudio s, Studio studio, int year, int apprenticeCount)
    {
        var submittedAt = At(new DateOnly(year + 1, 1, 10).AddDays(random.Next(80)), 9);
        var report = new AnnualReport
        {
            Id = Guid.CreateVersion7(submittedAt),
            StudioId = studio.Id,
            Year = year,
            RegionCode = s.County,
            Level = s.LevelIn(year),
            Field = s.Field,
            ApprenticeCount = apprenticeCount,
            ProblemsSolved = random.Next(12),
            CraftsHandedDown = random.Next(6),
            Innovations = random.Next(8),
            Patents = random.Next(4),
            TrainingSessions = random.Next(4, 40),
            Competitions = random.Next(5),
            Summary = $"{year} 年度带徒传技、技能攻关、技艺传承和技能推广工作总结。/ Duties of {year}: apprentices trained, problems solved, crafts handed down.",
            Status = ReportStatus.Submitted,
            SubmittedAt = submittedAt,
            SubmittedBy = $"operator-{s.County}-1",
            Version = 1,
        };

        // Earlier years are assessed; last year's mostly too by now.
        if (year < today.Year - 1 || random.NextDouble() < 0.6)
        {
            var score = Math.Round(55m + (decimal)(random.NextDouble() * 43), 1);
            report.Status = ReportStatus.Assessed;
            report.Score = score;
            report.Grade = score >= 90 ? AssessmentGrade.Excellent : score >= 60 ? AssessmentGrade.Qualified : AssessmentGrade.Unqualified;
            report.AssessmentComment = "按期完成年度任务 / duties completed";
            report.AssessedAt = submittedAt.AddDays(30 + random.Next(60));
            report.AssessedBy = $"reviewer-{s.County[..2]}0000-1";
            report.Version = 2;
        }

        var apprentices = new List<Apprentice>(apprenticeCount);
        for (var a = 0; a < apprenticeCount; a++)
        {
            var birth = new DateOnly(year - 45, 1, 1).AddDays(random.Next(27 * 365));
            var qualified = random.NextDouble() < 0.6;
            var qualifiedOn = new DateOnly(year, 1, 1).AddDays(random.Next(365));
            var roll = random.NextDouble();
            apprentices.Add(new Apprentice
            {
                Id = Guid.CreateVersion7(submittedAt),
                ReportId = report.Id,
                StudioId = studio.Id,
                Year = year,
                RegionCode = s.County,
                Person = EncryptedPersonalData.From(protector.Protect(PersonalDataKind.ResidentId, ResidentId(random.NextDouble() < 0.7 ? s.County : regions.DrawCounty(random), birth))),
                OccupationCode = random.NextDouble() < 0.9 ? s.Occupation : Crafts.Occupations[s.Field][random.Next(Crafts.Occupations[s.Field].Length)],
                LevelReached = !qualified ? null
                    : roll < 0.30 ? QualificationLevel.Level5 : roll < 0.60 ? QualificationLevel.Level4 : roll < 0.85 ? QualificationLevel.Level3 : roll < 0.97 ? QualificationLevel.Level2 : QualificationLevel.Level1,
                QualifiedOn = qualified ? qualifiedOn : null,
                CertificateNumber = qualified ? string.Create(CultureInfo.InvariantCulture, $"{s.County}{year}{++certificates:D9}") : null,
            });
        }

        report.QualifiedApprentices = apprentices.Count(a => a.LevelReached is not null);
        db.Add(report);
        db.AddRange(apprentices);
        rows["annual_reports"] = rows.GetValueOrDefault("annual_reports") + 1;
        rows["apprentices"] = rows.GetValueOrDefault("apprentices") + apprentices.Count;
        return 1 + apprentices.Count;
    }

    private FundingStandard? StandardFor(StudioLevel level, string county, DateOnly day)
    {
        var key = (level, county, day.Year);
        if (!standardCache.TryGetValue(key, out var standard) || (standard is not null && !RegionalRules.IsValidOn(standard, day)))
        {
            standard = RegionalRules.InForce(standards.Where(f => f.Level == level), county, day);
            standardCache[key] = standard;
        }

        return standard;
    }

    /// <summary>A GB 11643 identity number: region, birth day, sequence, and the ISO 7064 MOD 11-2 check character.</summary>
    private string ResidentId(string region, DateOnly birth)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{region}{birth:yyyyMMdd}{random.Next(1000):D3}");
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (body[i] - '0') * ((1 << (17 - i)) % 11);
        }

        return body + "10X98765432"[sum % 11];
    }

    /// <summary>An 18-character unified social credit code of an enterprise registered in the county (check character not computed).</summary>
    private string CreditCode(string county)
    {
        const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        Span<char> tail = stackalloc char[10];
        for (var i = 0; i < tail.Length; i++)
        {
            tail[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        return string.Concat("91", county, tail);
    }

    private string PersonName() =>
        string.Concat(Surnames[random.Next(Surnames.Length)].ToString(), GivenNames[random.Next(GivenNames.Length)].ToString(), random.NextDouble() < 0.7 ? GivenNames[random.Next(GivenNames.Length)].ToString() : "");

    /// <summary>A moment on <paramref name="day"/> in China within the hour from <paramref name="hour"/>.</summary>
    private DateTimeOffset At(DateOnly day, int hour) =>
        ChinaCalendar.StartOf(day).AddHours(hour).AddSeconds(random.Next(3600));
}
