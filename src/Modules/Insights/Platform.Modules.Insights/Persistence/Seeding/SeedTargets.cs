using Platform.BuildingBlocks.Persistence;
using Platform.Modules.Insights.Domain;

namespace Platform.Modules.Insights.Persistence.Seeding;

/// <summary>
/// The targets of the plans in <c>docs/seeds</c> (copies of the source documents 000, 001 and 004 of
/// <c>../shared/seeds</c>) where an indicator matches what the platform records, each with the document's own
/// words. Seed 000 (川东北人力资源协同振兴发展试验区建设方案) gives per-city figures for 2022 and 2025 only for
/// the human-resources service industry (revenue, people helped to find work or move, employers served, talent
/// trained or recruited, rural labour transferred); none of them is counted by the platform, so it seeds nothing.
/// </summary>
internal static class SeedTargets
{
    private const string Scope = "Platform.Insights.Seed";

    private const string Leshan = "511100";

    private const string Chongqing = "500000";

    private const string LeshanPlan = "seed 001 《乐山市“十四五”就业促进规划》 (docs/seeds/001_799ec145b934b8bc.txt)";

    private const string ChongqingProjects = "seed 004 重庆市“十四五”期间就业十大重点工程 (docs/seeds/004_9c5b11941911f9dd.txt)";

    private const string ChongqingMatters2021 = "seed 004 2021年度重庆市“就业十件实事” (docs/seeds/004_9c5b11941911f9dd.txt)";

    /// <summary>专栏1 of seed 001: the 2025 column, where "[]" marks a five-year total.</summary>
    private const string LeshanIndicatorTable =
        "8.开展补贴性职业技能培训人次(万人次)\n|\n[10]\n|\n预期性\n|\n其中:农民工参加职业培训人次(万人次)\n|\n[2.8]\n|\n预期性\n|\n" +
        "10.失业保险参保人数(万人)\n|\n28\n|\n约束性\n|\n11.工伤保险参保人数(万人)\n|\n45\n|\n约束性\n|\n12.技能劳动者总量(万人)\n|\n40\n|\n预期性\n|\n" +
        "注:[]内为五年累计数,带*为年均增速。";

    private const string LeshanVeterans =
        "03 退役军人就业创业培训计划\n以县(市、区)为单位,开展退役军人培训需求调查,整合培训资源,提高培训的针对性和实效性。" +
        "及时开发新工种、搭建培训平台,扩大退役军人就业创业的覆盖面和成功率。参加就业技能培训和创业培训退役军人达到5500人。";

    private const string LeshanStudios =
        "01 职业技能培训基础能力提升工程\n支持重点园区、重点企业新建一批技能大师工作室、高技能人才培训基地,培育一支本土创新技能人才队伍。" +
        "创建1个国家级、1个省级高技能人才培训基地,力争创建国家级、省级技能大师工作室各2个,新建市级技能大师工作室10个。";

    /// <summary>
    /// 第二章第三节 of seed 001. The baseline is in 第一章第一节: "到2020年末,全市返乡下乡创业人员累计达到1.9万人".
    /// </summary>
    private const string LeshanFounders =
        "创业促进政策体系不断完善,创建一批省级、市级创业孵化基地,培育一批省级以上创业明星和明星企业,带动就业活力进一步增强。" +
        "全市返乡入乡创业人员累计超过2.2万人。";

    /// <summary>
    /// 专栏4 of seed 001. A total over 2021–2025, not a cumulative level: 第一章第一节 reports 3.98亿元 paid out during
    /// the 13th plan ("“十三五”期间……发放创业担保贷款3.98亿元"), and "突破5亿元" continues that count for the 14th.
    /// </summary>
    private const string LeshanLoans =
        "01 创新创业金融支持计划\n推进财金互动,金融机构开发金融产品,强化金融服务,进一步降低创新创业主体与资本、技术对接的门槛,为初创企业萌芽创造有利条件。" +
        "开展信用贷款,降低反担保要求。创业担保贷款突破5亿元。";

    private const string ChongqingLoans =
        "4.“渝创渝新”创业带动就业工程\n\n探索建立市、区(县)、乡镇(街道)、社区(村)四级创业服务体系。" +
        "举办创业生态峰会、创业创新大赛、大学生创业启航计划、创业加速计划等专项活动。" +
        "推动建设5个西部创业实训示范中心、5个市级创业孵化示范基地,创业孵化示范基地达到120个,发放创业担保贷款125亿元。";

    /// <summary>"累计建成": a level reached by 2025, parks built before 2021 included; the document states no 2020 level, so the baseline is 0.</summary>
    private const string ChongqingParks =
        "5.“乡村振兴”就业创业兴农工程\n\n坚持开发式帮扶和就业援助,力争脱贫人口就业规模总体稳定。" +
        "健全完善统筹城乡的就业政策和服务体系,创建50个就业创业示范山村(街),培育40个农民工劳务培训基地,累计建成60个市级农民工返乡创业园区。";

    private const string ChongqingSkills =
        "6.“巴渝工匠”全民技能提升工程\n\n落实终身职业技能培训制度,实施创业培训“马兰花计划”和“智能+技能”人才培养计划,举办“一带一路”国际技能大赛," +
        "推动建立15个国家级高技能人才培训基地、25个国家级技能大师工作室,规划建设250个公共培训(实训)示范机构,开展补贴性职业技能培训150万人次。";

    /// <summary>"今年" is 2021: the article publishes "2021年度重庆市“就业十件实事”".</summary>
    private const string ChongqingMatters =
        "今年重庆促进就业十件实事\n\n1. 促进市外员工春节留渝率超过50%和我市农民工节后返岗复工率超过90%;\n2. 促进应届高校毕业生年底就业率超过90%以上;\n" +
        "3. 促进脱贫人口外出务工规模保持在76万人以上;\n4. 发放创业担保贷款25亿元以上;";

    private static readonly DateTimeOffset SeededAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<Target> All() =>
    [
        PeriodTotal(Leshan, SeedIndicators.SubsidisedTrainings, 2021, 2025, 100_000m, LeshanPlan, LeshanIndicatorTable),
        PeriodTotal(Leshan, SeedIndicators.MigrantWorkerTrainings, 2021, 2025, 28_000m, LeshanPlan, LeshanIndicatorTable),
        PeriodTotal(Leshan, SeedIndicators.VeteransTrained, 2021, 2025, 5_500m, LeshanPlan, LeshanVeterans),
        PeriodTotal(Leshan, SeedIndicators.NationalStudios, 2021, 2025, 2m, LeshanPlan, LeshanStudios),
        PeriodTotal(Leshan, SeedIndicators.ProvincialStudios, 2021, 2025, 2m, LeshanPlan, LeshanStudios),
        PeriodTotal(Leshan, SeedIndicators.MunicipalStudios, 2021, 2025, 10m, LeshanPlan, LeshanStudios),
        Cumulative(Leshan, SeedIndicators.ReturneeFounders, 2021, 2025, 22_000m, 19_000m, LeshanPlan, LeshanFounders),
        PeriodTotal(Leshan, SeedIndicators.GuaranteedLoans, 2021, 2025, 500_000_000m, LeshanPlan, LeshanLoans),
        PeriodTotal(Chongqing, SeedIndicators.GuaranteedLoans, 2021, 2025, 12_500_000_000m, ChongqingProjects, ChongqingLoans),
        Cumulative(Chongqing, SeedIndicators.ReturnHomeParks, 2021, 2025, 60m, 0m, ChongqingProjects, ChongqingParks),
        PeriodTotal(Chongqing, SeedIndicators.NationalStudios, 2021, 2025, 25m, ChongqingProjects, ChongqingSkills),
        PeriodTotal(Chongqing, SeedIndicators.SubsidisedTrainings, 2021, 2025, 1_500_000m, ChongqingProjects, ChongqingSkills),
        PeriodTotal(Chongqing, SeedIndicators.GuaranteedLoans, 2021, 2021, 2_500_000_000m, ChongqingMatters2021, ChongqingMatters),
    ];

    private static Guid IdFor(string region, string indicator, int fromYear, int toYear) =>
        DeterministicGuid.For(Scope, $"{region}|{indicator}|{fromYear}-{toYear}");

    private static Target PeriodTotal(string region, string indicator, int fromYear, int toYear, decimal value, string source, string quote) =>
        Define(region, indicator, fromYear, toYear, TargetKind.PeriodTotal, value, 0m, source, quote);

    private static Target Cumulative(string region, string indicator, int fromYear, int toYear, decimal value, decimal baseline, string source, string quote) =>
        Define(region, indicator, fromYear, toYear, TargetKind.Cumulative, value, baseline, source, quote);

    private static Target Define(string region, string indicator, int fromYear, int toYear, TargetKind kind, decimal value, decimal baseline, string source, string quote) => new()
    {
        Id = IdFor(region, indicator, fromYear, toYear),
        IndicatorCode = indicator,
        RegionCode = region,
        FromYear = fromYear,
        ToYear = toYear,
        Kind = kind,
        Value = value,
        Baseline = baseline,
        Source = source,
        Quote = quote,
        IsSeeded = true,
        UpdatedAt = SeededAt,
        UpdatedBy = "seed",
        Version = 1,
    };
}
