using Platform.BuildingBlocks.Persistence;
using Platform.Modules.SkillMasterStudios.Domain;

namespace Platform.Modules.SkillMasterStudios.Persistence.Seeding;

/// <summary>
/// Sample reference data the host seeds so a fresh installation can be explored, marked
/// <c>IsSample</c>: the default program rules for Sichuan and Chongqing, and funding standards per level
/// (the national grant of 100,000 yuan before 2019 and 200,000 from 2019; 100,000 for provincial
/// studios as reported for other provinces; municipal amounts for a few cities). A bureau replaces
/// them with its own figures through the API; the seeder never overwrites a record.
/// </summary>
internal static class SampleReferenceData
{
    private const string Scope = "Platform.SkillMasterStudios.Sample";
    private static readonly DateOnly From2011 = new(2011, 1, 1);
    private static readonly DateOnly From2019 = new(2019, 1, 1);

    public static IReadOnlyList<StudioRules> Rules() =>
    [
        NewRules("510000"),
        NewRules("500000"),
    ];

    public static IReadOnlyList<FundingStandard> Standards() =>
    [
        Standard(StudioLevel.National, "510000", From2011, new DateOnly(2018, 12, 31), 100_000m, "中央财政一次性建设经费（示例）/ central construction grant (sample)"),
        Standard(StudioLevel.National, "510000", From2019, null, 200_000m, "中央财政一次性建设经费（示例）/ central construction grant (sample)"),
        Standard(StudioLevel.National, "500000", From2011, new DateOnly(2018, 12, 31), 100_000m, "中央财政一次性建设经费（示例）/ central construction grant (sample)"),
        Standard(StudioLevel.National, "500000", From2019, null, 200_000m, "中央财政一次性建设经费（示例）/ central construction grant (sample)"),
        Standard(StudioLevel.Provincial, "510000", From2019, null, 100_000m, "省级财政补助（示例）/ provincial grant (sample)"),
        Standard(StudioLevel.Provincial, "500000", From2019, null, 100_000m, "市级财政补助（示例）/ Chongqing municipal grant (sample)"),
        Standard(StudioLevel.Municipal, "510000", From2019, null, 30_000m, "市（州）财政补助（示例）/ city grant (sample)"),
        Standard(StudioLevel.Municipal, "510100", From2019, null, 100_000m, "成都市财政补助（示例）/ Chengdu grant (sample)"),
        Standard(StudioLevel.Municipal, "511100", From2019, null, 50_000m, "乐山市财政补助（示例）/ Leshan grant (sample)"),
        Standard(StudioLevel.Municipal, "500000", From2019, null, 50_000m, "区县财政补助（示例）/ district grant (sample)"),
    ];

    private static StudioRules NewRules(string region) => new()
    {
        Id = DeterministicGuid.For(Scope, $"rules|{region}|{From2019:yyyy-MM-dd}"),
        RegionCode = region,
        EffectiveFrom = From2019,
        IsSample = true,
    };

    private static FundingStandard Standard(StudioLevel level, string region, DateOnly from, DateOnly? to, decimal amount, string source) => new()
    {
        Id = DeterministicGuid.For(Scope, $"standard|{level}|{region}|{from:yyyy-MM-dd}"),
        Level = level,
        RegionCode = region,
        EffectiveFrom = from,
        EffectiveTo = to,
        Amount = amount,
        Source = source,
        IsSample = true,
    };
}
