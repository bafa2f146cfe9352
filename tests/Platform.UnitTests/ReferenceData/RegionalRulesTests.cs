using Platform.BuildingBlocks.ReferenceData;

namespace Platform.UnitTests.ReferenceData;

public sealed class RegionalRulesTests
{
    private static readonly DateOnly Day = new(2026, 6, 1);

    private static readonly Rule[] Standards =
    [
        new("Sichuan 2021-2025", "510000", new(2021, 1, 1), new(2025, 12, 31), 1000m),
        new("Sichuan from 2026", "510000", new(2026, 1, 1), null, 1200m),
        new("Mianyang from 2026", "510700", new(2026, 1, 1), null, 1300m),
        new("Fucheng district from 2026-07", "510703", new(2026, 7, 1), null, 1500m),
        new("Chongqing", "500000", new(2020, 1, 1), null, 1100m),
    ];

    [Fact]
    public void A_county_without_its_own_rule_inherits_its_citys()
    {
        Assert.Equal("Mianyang from 2026", RegionalRules.InForce(Standards, "510703", Day)?.Name);
    }

    [Fact]
    public void A_county_rule_wins_over_the_city_and_province_once_it_is_in_force()
    {
        Assert.Equal("Fucheng district from 2026-07", RegionalRules.InForce(Standards, "510703", new DateOnly(2026, 7, 1))?.Name);
    }

    [Fact]
    public void A_city_without_its_own_rule_inherits_the_provinces_of_that_day()
    {
        Assert.Equal("Sichuan 2021-2025", RegionalRules.InForce(Standards, "511100", new DateOnly(2025, 12, 31))?.Name);
        Assert.Equal("Sichuan from 2026", RegionalRules.InForce(Standards, "511100", new DateOnly(2026, 1, 1))?.Name);
    }

    [Fact]
    public void A_rule_of_another_province_never_applies()
    {
        Assert.Equal("Chongqing", RegionalRules.InForce(Standards, "500101", Day)?.Name);
        Assert.Null(RegionalRules.InForce(Standards, "510703", new DateOnly(2019, 1, 1)));
    }

    [Fact]
    public void Overlapping_rules_of_one_region_are_reported()
    {
        Rule[] rules =
        [
            new("a", "510000", new(2021, 1, 1), new(2025, 12, 31), 1m),
            new("b", "510000", new(2025, 7, 1), null, 2m),
            new("c", "500000", new(2021, 1, 1), new(2021, 12, 31), 3m),
            new("d", "500000", new(2022, 1, 1), null, 4m),
        ];

        var overlap = Assert.Single(RegionalRules.Overlaps(rules));
        Assert.Equal(("a", "b"), (overlap.First.Name, overlap.Second.Name));
    }

    private sealed record Rule(string Name, string RegionCode, DateOnly EffectiveFrom, DateOnly? EffectiveTo, decimal Amount) : IRegionalRule;
}
