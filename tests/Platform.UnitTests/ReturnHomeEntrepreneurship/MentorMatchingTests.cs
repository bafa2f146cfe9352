using Platform.BuildingBlocks.Identity;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;

namespace Platform.UnitTests.ReturnHomeEntrepreneurship;

/// <summary>
/// Ranking mentors and projects for a founder: industry outweighs nearness, nearness goes county &gt; city &gt;
/// province &gt; the other province (which still scores), every score is explained, and ties break the same way
/// every time.
/// </summary>
public sealed class MentorMatchingTests
{
    private const string Shizhong = "511102"; // 乐山市市中区
    private const string Shawan = "511111"; // 乐山市沙湾区
    private const string Leshan = "511100";
    private const string Jinjiang = "510104"; // 成都市锦江区
    private const string Sichuan = "510000";
    private const string Jiulongpo = "500107"; // 重庆市九龙坡区
    private const string Yubei = "500112"; // 重庆市渝北区

    private static readonly RegionCatalog Regions = RegionCatalog.LoadEmbedded();

    private static MatchProfile Founder(string home = Shizhong, params Industry[] industries) => new(home, industries);

    private static MatchCandidate Candidate(string name, string region, params Industry[] industries) => new(Guid.NewGuid(), name, industries, region);

    [Theory]
    [InlineData(Shizhong, Shizhong, nameof(MatchProximity.SameCounty))]
    [InlineData(Shizhong, Shawan, nameof(MatchProximity.SameCity))]
    [InlineData(Shizhong, Leshan, nameof(MatchProximity.SameCity))]
    [InlineData(Shizhong, Jinjiang, nameof(MatchProximity.SameProvince))]
    [InlineData(Shizhong, Sichuan, nameof(MatchProximity.SameProvince))]
    [InlineData(Shizhong, Jiulongpo, nameof(MatchProximity.OtherProvince))]
    [InlineData(Jiulongpo, Jiulongpo, nameof(MatchProximity.SameCounty))]
    [InlineData(Jiulongpo, Yubei, nameof(MatchProximity.SameProvince))]
    [InlineData(Jiulongpo, Shizhong, nameof(MatchProximity.OtherProvince))]
    [InlineData(Leshan, Leshan, nameof(MatchProximity.SameCity))]
    public void Nearness_follows_the_region_catalogue(string home, string other, string expected)
    {
        Assert.Equal(Enum.Parse<MatchProximity>(expected), MentorMatching.Proximity(home, other, Regions));
    }

    [Fact]
    public void A_same_industry_mentor_in_the_county_ranks_above_one_in_chongqing_which_ranks_above_an_other_industry_one_next_door()
    {
        var founder = Founder(Shizhong, Industry.Agriculture);
        var nearbyOther = Candidate("A 近邻其他行业", Shizhong, Industry.Technology);
        var chongqing = Candidate("B 重庆同行业", Jiulongpo, Industry.Agriculture);
        var county = Candidate("C 本县同行业", Shizhong, Industry.Agriculture);

        var ranked = MentorMatching.Top([nearbyOther, chongqing, county], c => c, founder, Regions, 10);

        Assert.Equal([county, chongqing, nearbyOther], ranked.Select(r => r.Candidate));
        Assert.Equal([90, 65, 30], ranked.Select(r => r.Score.Points));
        Assert.Equal([MatchProximity.SameCounty, MatchProximity.OtherProvince, MatchProximity.SameCounty], ranked.Select(r => r.Score.Proximity));
    }

    [Fact]
    public void Every_score_is_explained_by_an_industry_and_a_region_reason_that_add_up()
    {
        var founder = Founder(Shizhong, Industry.Agriculture, Industry.Tourism);
        var mentor = Candidate("导师", Jiulongpo, Industry.Tourism, Industry.Agriculture, Industry.Trade);

        var score = MentorMatching.Score(founder, mentor, Regions);

        Assert.Equal([Industry.Agriculture, Industry.Tourism], score.MatchedIndustries);
        Assert.Equal([MatchFactor.Industry, MatchFactor.Region], score.Reasons.Select(r => r.Factor));
        Assert.Equal([65, 5], score.Reasons.Select(r => r.Points));
        Assert.Equal(70, score.Points);
        Assert.Equal(score.Points, score.Reasons.Sum(r => r.Points));
        Assert.Contains("Agriculture, Tourism", score.Reasons[0].Text.English, StringComparison.Ordinal);
        Assert.Contains("农林牧渔业", score.Reasons[0].Text.Chinese, StringComparison.Ordinal);
        Assert.Contains("Sichuan–Chongqing", score.Reasons[1].Text.English, StringComparison.Ordinal);
        Assert.Contains("九龙坡区", score.Reasons[1].Text.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void Further_matched_industries_add_a_little_but_never_more_than_nearness_between_county_and_other_province()
    {
        Industry[] all = [Industry.Agriculture, Industry.Manufacturing, Industry.Trade, Industry.Tourism, Industry.Catering];
        var founder = Founder(Shizhong, all);

        var wide = MentorMatching.Score(founder, Candidate("宽", Jiulongpo, all), Regions);
        var narrow = MentorMatching.Score(founder, Candidate("窄", Shizhong, Industry.Trade), Regions);

        Assert.Equal(60 + 15 + 5, wide.Points);
        Assert.Equal(60 + 30, narrow.Points);
        Assert.True(narrow.Points > wide.Points);
    }

    [Fact]
    public void A_founder_without_a_business_is_matched_by_region_only_and_told_why()
    {
        var score = MentorMatching.Score(Founder(Shizhong), Candidate("导师", Shawan, Industry.Agriculture), Regions);

        Assert.Equal(20, score.Points);
        Assert.Empty(score.MatchedIndustries);
        Assert.Equal(0, score.Reasons[0].Points);
        Assert.Contains("no business", score.Reasons[0].Text.English, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mentor_of_other_industries_scores_no_industry_points_and_the_reason_names_the_founders_industries()
    {
        var score = MentorMatching.Score(Founder(Shizhong, Industry.Catering), Candidate("导师", Shizhong, Industry.Technology), Regions);

        Assert.Equal(30, score.Points);
        Assert.Equal(0, score.Reasons[0].Points);
        Assert.Contains("Catering", score.Reasons[0].Text.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Ties_break_on_nearness_then_industries_matched_then_name_then_id_the_same_way_every_time()
    {
        var founder = Founder(Shizhong, Industry.Agriculture);
        var first = new MatchCandidate(Guid.Parse("00000000-0000-0000-0000-000000000001"), "同名", [Industry.Agriculture], Shawan);
        var second = new MatchCandidate(Guid.Parse("00000000-0000-0000-0000-000000000002"), "同名", [Industry.Agriculture], Shawan);
        var byName = new MatchCandidate(Guid.Parse("00000000-0000-0000-0000-000000000000"), "甲", [Industry.Agriculture], Shawan);
        MatchCandidate[] candidates = [second, byName, first];

        var once = MentorMatching.Top(candidates, c => c, founder, Regions, 10).Select(r => r.Candidate).ToArray();
        var again = MentorMatching.Top(candidates.Reverse(), c => c, founder, Regions, 10).Select(r => r.Candidate).ToArray();

        // "同" (U+540C) sorts before "甲" (U+7532) ordinally.
        Assert.Equal([first, second, byName], once);
        Assert.Equal(once, again);
    }

    [Fact]
    public void Only_the_best_n_are_kept_best_first()
    {
        var founder = Founder(Shizhong, Industry.Agriculture);
        var pool = Enumerable.Range(0, 200)
            .Select(i => Candidate($"导师{i:D3}", (i % 4) switch { 0 => Shizhong, 1 => Shawan, 2 => Jinjiang, _ => Jiulongpo }, i % 2 == 0 ? Industry.Agriculture : Industry.Trade))
            .ToArray();

        var top = MentorMatching.Top(pool, c => c, founder, Regions, 5);
        var all = MentorMatching.Top(pool, c => c, founder, Regions, 1000);

        Assert.Equal(5, top.Count);
        Assert.Equal(200, all.Count);
        Assert.Equal(all.Take(5).Select(r => r.Candidate), top.Select(r => r.Candidate));
        Assert.All(top, r => Assert.Equal(90, r.Score.Points));
        Assert.True(all.Zip(all.Skip(1)).All(p => MentorMatching.Compare(p.First, p.Second) < 0));
    }
}
