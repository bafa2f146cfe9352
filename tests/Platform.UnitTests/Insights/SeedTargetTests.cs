using System.Text;
using System.Text.RegularExpressions;
using Platform.BuildingBlocks.Persistence;
using Platform.Modules.Insights.Domain;
using Platform.Modules.Insights.Persistence.Seeding;

namespace Platform.UnitTests.Insights;

/// <summary>
/// The seeded targets say what the documents say: every quote occurs word for word in the seed document its
/// source names (<c>docs/seeds</c>, copies of <c>../shared/seeds</c>), and every region, indicator, period,
/// kind, value and baseline matches a table written by hand from the documents.
/// </summary>
public sealed partial class SeedTargetTests
{
    private const string Scope = "Platform.Insights.Seed";
    private const string Leshan = "511100";
    private const string Chongqing = "500000";

    /// <summary>The title of seed 001, which fixes its period (十四五: 2021–2025).</summary>
    private const string LeshanTitle = "乐山市“十四五”就业促进规划";

    /// <summary>The heading of Chongqing's ten projects in seed 004, which fixes their period.</summary>
    private const string ChongqingProjects = "「十四五」期间\n\n重庆十大就业重点工程";

    private static readonly Lazy<string> SeedFolder = new(FindSeedFolder);

    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["000"] = "000_582a115131e6fcda.txt",
        ["001"] = "001_799ec145b934b8bc.txt",
        ["004"] = "004_9c5b11941911f9dd.txt",
    };

    /// <summary>
    /// Written by hand from the documents: region, indicator, first and last year, kind, value, baseline, the seed,
    /// the words giving the figure (in the document and in the target's quote) and words of the document fixing
    /// the period or the baseline.
    /// </summary>
    private static readonly (string Region, string Indicator, int From, int To, string Kind, long Value, long Baseline, string Seed, string Figure, string Context)[] Documented =
    [
        // 001 专栏1: [10] 万人次, "[]内为五年累计数".
        (Leshan, "subsidised_trainings", 2021, 2025, "PeriodTotal", 100_000, 0, "001", "8.开展补贴性职业技能培训人次(万人次)\n|\n[10]", "注:[]内为五年累计数"),
        (Leshan, "migrant_worker_trainings", 2021, 2025, "PeriodTotal", 28_000, 0, "001", "其中:农民工参加职业培训人次(万人次)\n|\n[2.8]", "注:[]内为五年累计数"),

        // 001 专栏7 03.
        (Leshan, "veterans_trained", 2021, 2025, "PeriodTotal", 5_500, 0, "001", "参加就业技能培训和创业培训退役军人达到5500人", LeshanTitle),

        // 001 专栏5 01.
        (Leshan, "national_studios", 2021, 2025, "PeriodTotal", 2, 0, "001", "力争创建国家级、省级技能大师工作室各2个", LeshanTitle),
        (Leshan, "provincial_studios", 2021, 2025, "PeriodTotal", 2, 0, "001", "力争创建国家级、省级技能大师工作室各2个", LeshanTitle),
        (Leshan, "municipal_studios", 2021, 2025, "PeriodTotal", 10, 0, "001", "新建市级技能大师工作室10个", LeshanTitle),

        // 001 第二章第三节, baseline from 第一章第一节: 1.9万 by the end of 2020.
        (Leshan, "returnee_founders", 2021, 2025, "Cumulative", 22_000, 19_000, "001", "全市返乡入乡创业人员累计超过2.2万人", "到2020年末,全市返乡下乡创业人员累计达到1.9万人"),

        // 001 专栏4 01: 5亿 over the 14th plan, as 3.98亿 was paid out over the 13th.
        (Leshan, "guaranteed_loans", 2021, 2025, "PeriodTotal", 500_000_000, 0, "001", "创业担保贷款突破5亿元", "“十三五”期间,全市实有市场主体总量达到19.5万户。创业服务能力大幅提升,发放创业担保贷款3.98亿元"),

        // 004 重庆十大就业重点工程 4, 5 and 6.
        (Chongqing, "guaranteed_loans", 2021, 2025, "PeriodTotal", 12_500_000_000, 0, "004", "发放创业担保贷款125亿元", ChongqingProjects),
        (Chongqing, "return_home_parks", 2021, 2025, "Cumulative", 60, 0, "004", "累计建成60个市级农民工返乡创业园区", ChongqingProjects),
        (Chongqing, "national_studios", 2021, 2025, "PeriodTotal", 25, 0, "004", "25个国家级技能大师工作室", ChongqingProjects),
        (Chongqing, "subsidised_trainings", 2021, 2025, "PeriodTotal", 1_500_000, 0, "004", "开展补贴性职业技能培训150万人次", ChongqingProjects),

        // 004 今年 (2021) 重庆促进就业十件实事 4.
        (Chongqing, "guaranteed_loans", 2021, 2021, "PeriodTotal", 2_500_000_000, 0, "004", "4. 发放创业担保贷款25亿元以上", "2021年度重庆市“就业十件实事”"),
    ];

    public static TheoryData<string, string, int, int, string, long, long, string, string, string> DocumentedTargets
    {
        get
        {
            var data = new TheoryData<string, string, int, int, string, long, long, string, string, string>();
            foreach (var d in Documented)
            {
                data.Add(d.Region, d.Indicator, d.From, d.To, d.Kind, d.Value, d.Baseline, d.Seed, d.Figure, d.Context);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(DocumentedTargets))]
    public void A_target_written_from_the_documents_is_seeded_with_their_figures(
        string region, string indicator, int from, int to, string kind, long value, long baseline, string seed, string figure, string context)
    {
        var target = Assert.Single(SeedTargets.All(), t => t.RegionCode == region && t.IndicatorCode == indicator && t.FromYear == from && t.ToYear == to);
        var text = SeedText(Files[seed]);

        Assert.Equal(Enum.Parse<TargetKind>(kind), target.Kind);
        Assert.Equal((decimal)value, target.Value);
        Assert.Equal((decimal)baseline, target.Baseline);
        Assert.StartsWith($"seed {seed} ", target.Source, StringComparison.Ordinal);
        Assert.Contains($"docs/seeds/{Files[seed]}", target.Source, StringComparison.Ordinal);
        Assert.Contains(figure, target.Quote, StringComparison.Ordinal);
        Assert.Contains(figure, text, StringComparison.Ordinal);
        Assert.Contains(context, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_seeded_target_is_in_the_hand_written_table()
    {
        var seeded = SeedTargets.All().Select(t => (t.RegionCode, t.IndicatorCode, t.FromYear, t.ToYear)).Order().ToArray();
        var documented = Documented.Select(d => (d.Region, d.Indicator, d.From, d.To)).Order().ToArray();

        Assert.Equal(documented, seeded);
    }

    [Fact]
    public void Every_quote_occurs_verbatim_in_the_seed_file_its_source_names()
    {
        var failures = new List<string>();
        foreach (var target in SeedTargets.All())
        {
            var match = SeedFileName().Match(target.Source);
            if (!match.Success)
            {
                failures.Add($"{Slot(target)}: the source '{target.Source}' names no file under docs/seeds.");
                continue;
            }

            if (target.Quote.Length == 0 || !SeedText(match.Groups[1].Value).Contains(target.Quote, StringComparison.Ordinal))
            {
                failures.Add($"{Slot(target)}: the quote does not occur in {match.Groups[1].Value}: {target.Quote}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void Ids_are_deterministic_from_region_indicator_and_period()
    {
        Assert.All(SeedTargets.All(), t => Assert.Equal(DeterministicGuid.For(Scope, $"{t.RegionCode}|{t.IndicatorCode}|{t.FromYear}-{t.ToYear}"), t.Id));
        Assert.Equal(
            DeterministicGuid.For(Scope, "511100|returnee_founders|2021-2025"),
            SeedTargets.All().Single(t => t.RegionCode == Leshan && t.IndicatorCode == SeedIndicators.ReturneeFounders).Id);
        Assert.Equal(SeedTargets.All().Select(t => t.Id), SeedTargets.All().Select(t => t.Id));
    }

    [Fact]
    public void Ids_and_slots_are_unique_and_every_indicator_is_seeded()
    {
        var targets = SeedTargets.All();
        var indicators = SeedIndicators.All().Select(i => i.Code).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(targets.Count, targets.Select(t => t.Id).Distinct().Count());
        Assert.Equal(targets.Count, targets.Select(t => (t.RegionCode, t.IndicatorCode, t.FromYear, t.ToYear)).Distinct().Count());
        Assert.All(targets, t => Assert.Contains(t.IndicatorCode, indicators));
    }

    [Fact]
    public void Seeded_targets_are_marked_and_fit_the_columns_and_the_rules_of_the_api()
    {
        Assert.All(SeedTargets.All(), t =>
        {
            Assert.True(t.IsSeeded);
            Assert.Equal("seed", t.UpdatedBy);
            Assert.Equal(1, t.Version);
            Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), t.UpdatedAt);
            Assert.InRange(t.Source.Length, 1, 300);
            Assert.InRange(t.Quote.Length, 1, 1000);
            Assert.Equal(t.Quote.Trim(), t.Quote);
            Assert.InRange(t.FromYear, 2000, 2099);
            Assert.InRange(t.ToYear, t.FromYear, t.FromYear + 10);
            Assert.True(t.Value > 0m);
            if (t.Kind == TargetKind.PeriodTotal)
            {
                Assert.Equal(0m, t.Baseline);
            }
            else
            {
                Assert.InRange(t.Baseline, 0m, t.Value);
            }
        });
    }

    [Fact]
    public void Every_call_returns_new_instances()
    {
        Assert.NotSame(SeedTargets.All()[0], SeedTargets.All()[0]);
    }

    private static string Slot(Target target) => $"{target.RegionCode}|{target.IndicatorCode}|{target.FromYear}-{target.ToYear}";

    private static string SeedText(string fileName)
    {
        var path = Path.Combine(SeedFolder.Value, fileName);
        Assert.True(File.Exists(path), $"{path} is missing: the seed documents the targets quote are committed under docs/seeds.");

        // A checkout may turn LF into CRLF; the quotes are written with LF.
        return File.ReadAllText(path, Encoding.UTF8).ReplaceLineEndings("\n");
    }

    private static string FindSeedFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var seeds = Path.Combine(directory.FullName, "docs", "seeds");
            if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")) && Directory.Exists(seeds))
            {
                return seeds;
            }
        }

        throw new DirectoryNotFoundException(
            $"No directory above {AppContext.BaseDirectory} holds Platform.sln and docs/seeds: the seed documents the Insights targets quote are committed under docs/seeds of the repository.");
    }

    [GeneratedRegex(@"docs/seeds/(\d{3}_[0-9a-f]{16}\.txt)", RegexOptions.CultureInvariant)]
    private static partial Regex SeedFileName();
}
