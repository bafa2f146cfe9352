using Platform.BuildingBlocks.Persistence;
using Platform.Modules.VeteranEmployment.Domain;

namespace Platform.Modules.VeteranEmployment.Persistence.Seeding;

/// <summary>
/// Sample incentive standards, marked <c>IsSample</c>: announcement 2023 No. 14 (2023-01-01 to
/// 2027-12-31) with each province raising both incentives by the most allowed (employers 6,000 → 9,000
/// yuan, self-employment 20,000 → 24,000). A bureau sets its province's real figures through the API.
/// </summary>
internal static class SampleReferenceData
{
    private const string Scope = "Platform.VeteranEmployment.Sample";
    private static readonly DateOnly From = new(2023, 1, 1);
    private static readonly DateOnly To = new(2027, 12, 31);

    public static IReadOnlyList<IncentiveStandard> Standards() =>
    [
        Standard(IncentiveKind.EmployerHiring, "510000", 6_000m, 50m),
        Standard(IncentiveKind.SelfEmployment, "510000", 20_000m, 20m),
        Standard(IncentiveKind.EmployerHiring, "500000", 6_000m, 50m),
        Standard(IncentiveKind.SelfEmployment, "500000", 20_000m, 20m),
    ];

    private static IncentiveStandard Standard(IncentiveKind kind, string region, decimal amount, decimal uplift) => new()
    {
        Id = DeterministicGuid.For(Scope, $"incentive|{kind}|{region}|{From:yyyy-MM-dd}"),
        Kind = kind,
        RegionCode = region,
        EffectiveFrom = From,
        EffectiveTo = To,
        BaseAmount = amount,
        UpliftPercent = uplift,
        Source = "财政部 税务总局 退役军人事务部公告 2023 年第 14 号（示例上浮）/ announcement 2023 No. 14 (sample uplift)",
        IsSample = true,
    };
}
