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

    [Fact]
    public void A_new_version_supersedes_the_open_ended_one_that_started_earlier()
    {
        var sichuan = Standards.Where(r => r.RegionCode == "510000").ToArray();

        var superseded = RegionalRules.Supersede(sichuan, new DateOnly(2027, 1, 1), null, "x.overlap");

        Assert.Equal("Sichuan from 2026", superseded?.Name);
    }

    [Fact]
    public void A_version_that_does_not_overlap_supersedes_nothing()
    {
        var superseded = RegionalRules.Supersede(
            [new Rule("2021-2025", "510000", new(2021, 1, 1), new(2025, 12, 31), 1m)], new DateOnly(2026, 1, 1), null, "x.overlap");

        Assert.Null(superseded);
    }

    [Theory]
    [InlineData("2025-06-01", null)] // starts inside a closed version
    [InlineData("2020-01-01", "2021-03-31")] // ends inside it
    [InlineData("2026-01-01", null)] // starts the same day as the open-ended one
    public void A_version_overlapping_another_is_refused_with_the_given_code(string from, string? to)
    {
        var sichuan = Standards.Where(r => r.RegionCode == "510000").ToArray();

        var refusal = Assert.Throws<Platform.BuildingBlocks.Http.DomainException>(() =>
            RegionalRules.Supersede(sichuan, DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), "x.overlap"));

        Assert.Equal(409, refusal.Status);
        Assert.Equal("x.overlap", refusal.Code);
    }

    private sealed record Rule(string Name, string RegionCode, DateOnly EffectiveFrom, DateOnly? EffectiveTo, decimal Amount) : IRegionalRule;
}
