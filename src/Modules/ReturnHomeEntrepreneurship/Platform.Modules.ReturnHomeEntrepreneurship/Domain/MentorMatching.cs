using System.Globalization;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Localization;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Domain;

/// <summary>How near a mentor or project is to the founder's home, nearest last.</summary>
internal enum MatchProximity
{
    /// <summary>In the other province: Sichuan and Chongqing share the pool, so it still counts.</summary>
    OtherProvince,

    /// <summary>In the same province (or municipality).</summary>
    SameProvince,

    /// <summary>In the same city (prefecture); Chongqing's districts and counties have none between them and the municipality.</summary>
    SameCity,

    /// <summary>In the founder's home county.</summary>
    SameCounty,
}

/// <summary>What a part of a match score rewards.</summary>
internal enum MatchFactor
{
    /// <summary>The industries of the founder's businesses.</summary>
    Industry,

    /// <summary>Nearness to the founder's home county.</summary>
    Region,
}

/// <summary>One part of a match score and why it was given.</summary>
/// <param name="Factor">What it rewards.</param>
/// <param name="Points">The points it adds (zero when the factor did not match).</param>
/// <param name="Text">The explanation, in the reader's language.</param>
internal sealed record MatchReason(MatchFactor Factor, int Points, LocalizedText Text);

/// <summary>A candidate's score against a founder.</summary>
/// <param name="Points">The total.</param>
/// <param name="Proximity">How near the candidate is.</param>
/// <param name="MatchedIndustries">The founder's industries the candidate covers.</param>
/// <param name="Reasons">Every part of the total, industry first.</param>
internal sealed record MatchScore(int Points, MatchProximity Proximity, IReadOnlyList<Industry> MatchedIndustries, IReadOnlyList<MatchReason> Reasons);

/// <summary>What matching needs to know about the founder.</summary>
/// <param name="HomeRegionCode">The founder's home county.</param>
/// <param name="Industries">The industries of the founder's businesses (empty before the first business).</param>
internal sealed record MatchProfile(string HomeRegionCode, IReadOnlyCollection<Industry> Industries);

/// <summary>What matching needs to know about a mentor or a project.</summary>
/// <param name="Id">The record (the last tie-break).</param>
/// <param name="Name">The name or title (the tie-break before the id).</param>
/// <param name="Industries">The industries it covers.</param>
/// <param name="RegionCode">Where it is.</param>
internal sealed record MatchCandidate(Guid Id, string Name, IReadOnlyCollection<Industry> Industries, string RegionCode);

/// <summary>A candidate with its score.</summary>
internal sealed record RankedMatch<T>(T Item, MatchCandidate Candidate, MatchScore Score);

/// <summary>
/// Ranks mentors and projects for a founder (pure; no database). Industry weighs most: any industry of the
/// founder's businesses that the candidate covers gives <see cref="IndustryPoints"/>, each further one a few
/// more; nearness adds less than an industry match does (same county &gt; same city &gt; same province &gt; the other
/// province, which still counts because the pool is shared by Sichuan and Chongqing), so a same-industry
/// candidate anywhere ranks above an other-industry one next door. Ties break on nearness, the number of
/// industries matched, the name (ordinal) and the id, so the order is the same on every call.
/// </summary>
internal static class MentorMatching
{
    public const int IndustryPoints = 60;
    public const int FurtherIndustryPoints = 5;
    public const int MaxFurtherIndustries = 3;

    /// <summary>The points of each nearness; the largest stays below <see cref="IndustryPoints"/>.</summary>
    public static int RegionPoints(MatchProximity proximity) => proximity switch
    {
        MatchProximity.SameCounty => 30,
        MatchProximity.SameCity => 20,
        MatchProximity.SameProvince => 10,
        _ => 5,
    };

    /// <summary>How near <paramref name="other"/> is to <paramref name="home"/>, by the region catalogue (a city is the prefecture above a county).</summary>
    public static MatchProximity Proximity(string home, string other, RegionCatalog regions)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(regions);
        if (string.Equals(home, other, StringComparison.Ordinal) && RegionCode.IsWellFormed(home) && RegionCode.LevelOf(home) == RegionLevel.County)
        {
            return MatchProximity.SameCounty;
        }

        if (CityOf(home, regions) is { } city && string.Equals(city, CityOf(other, regions), StringComparison.Ordinal))
        {
            return MatchProximity.SameCity;
        }

        return home.Length >= 2 && other.Length >= 2 && home.AsSpan(0, 2).SequenceEqual(other.AsSpan(0, 2)) ? MatchProximity.SameProvince : MatchProximity.OtherProvince;
    }

    /// <summary>Scores one candidate against the founder, with a reason for each factor.</summary>
    public static MatchScore Score(MatchProfile founder, MatchCandidate candidate, RegionCatalog regions)
    {
        ArgumentNullException.ThrowIfNull(founder);
        ArgumentNullException.ThrowIfNull(candidate);
        var matched = candidate.Industries.Intersect(founder.Industries).Distinct().Order().ToArray();
        var industryPoints = matched.Length == 0 ? 0 : IndustryPoints + (FurtherIndustryPoints * Math.Min(matched.Length - 1, MaxFurtherIndustries));
        var proximity = Proximity(founder.HomeRegionCode, candidate.RegionCode, regions);
        var regionPoints = RegionPoints(proximity);
        MatchReason[] reasons =
        [
            new(MatchFactor.Industry, industryPoints, IndustryText(founder.Industries, matched)),
            new(MatchFactor.Region, regionPoints, RegionText(proximity, candidate.RegionCode, regions)),
        ];
        return new MatchScore(industryPoints + regionPoints, proximity, matched, reasons);
    }

    /// <summary>
    /// The best <paramref name="limit"/> of <paramref name="items"/>, best first. Reads the items once and keeps
    /// only <paramref name="limit"/> of them, so a large pool costs no more memory than the answer.
    /// </summary>
    public static IReadOnlyList<RankedMatch<T>> Top<T>(IEnumerable<T> items, Func<T, MatchCandidate> describe, MatchProfile founder, RegionCatalog regions, int limit)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(describe);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

        // The worst kept match sits on top of the heap and is dropped when a better one comes.
        var kept = new PriorityQueue<RankedMatch<T>, RankedMatch<T>>(Comparer<RankedMatch<T>>.Create((x, y) => Compare(y, x)));
        foreach (var item in items)
        {
            var candidate = describe(item);
            var ranked = new RankedMatch<T>(item, candidate, Score(founder, candidate, regions));
            if (kept.Count < limit)
            {
                kept.Enqueue(ranked, ranked);
            }
            else if (Compare(ranked, kept.Peek()) < 0)
            {
                kept.EnqueueDequeue(ranked, ranked);
            }
        }

        var best = new List<RankedMatch<T>>(kept.Count);
        while (kept.TryDequeue(out var match, out _))
        {
            best.Add(match);
        }

        best.Reverse();
        return best;
    }

    /// <summary>Negative when <paramref name="x"/> ranks before <paramref name="y"/>.</summary>
    public static int Compare<T>(RankedMatch<T> x, RankedMatch<T> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var order = y.Score.Points.CompareTo(x.Score.Points);
        if (order == 0)
        {
            order = y.Score.Proximity.CompareTo(x.Score.Proximity);
        }

        if (order == 0)
        {
            order = y.Score.MatchedIndustries.Count.CompareTo(x.Score.MatchedIndustries.Count);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.Candidate.Name, y.Candidate.Name);
        }

        return order != 0 ? order : x.Candidate.Id.CompareTo(y.Candidate.Id);
    }

    /// <summary>The Chinese name of an industry (the enum's name is the English one).</summary>
    public static string ChineseName(Industry industry) => industry switch
    {
        Industry.Agriculture => "农林牧渔业",
        Industry.Manufacturing => "农产品加工及制造业",
        Industry.Construction => "建筑业",
        Industry.Trade => "批发零售及电子商务",
        Industry.Logistics => "交通运输、仓储和配送",
        Industry.Catering => "住宿餐饮及农家乐",
        Industry.Tourism => "乡村旅游及文化娱乐",
        Industry.Technology => "信息技术及直播带货",
        Industry.Services => "居民服务及修理",
        _ => "其他行业",
    };

    private static string? CityOf(string code, RegionCatalog regions)
    {
        var region = regions.Find(code);
        while (region is not null && region.Level == RegionLevel.County)
        {
            region = region.ParentCode is { } parent ? regions.Find(parent) : null;
        }

        return region is { Level: RegionLevel.Prefecture } ? region.Code : null;
    }

    private static LocalizedText IndustryText(IReadOnlyCollection<Industry> founder, Industry[] matched)
    {
        if (founder.Count == 0)
        {
            return new LocalizedText("该创业人员尚无创业实体，无法按行业匹配。", "The founder has no business yet, so no industry to match.");
        }

        if (matched.Length == 0)
        {
            var theirs = founder.Distinct().Order().ToArray();
            return new LocalizedText(
                $"不涉及创业人员所在行业（{string.Join("、", theirs.Select(ChineseName))}）。",
                $"Covers none of the founder's industries ({string.Join(", ", theirs)}).");
        }

        return new LocalizedText(
            $"行业相同：{string.Join("、", matched.Select(ChineseName))}。",
            $"Same industry: {string.Join(", ", matched)}.");
    }

    private static LocalizedText RegionText(MatchProximity proximity, string code, RegionCatalog regions)
    {
        var region = regions.Find(code);
        var chinese = region?.Name ?? code;
        var english = string.Create(CultureInfo.InvariantCulture, $"{region?.NameEn ?? region?.Name ?? code} ({code})");
        return proximity switch
        {
            MatchProximity.SameCounty => new LocalizedText($"与创业人员同在{chinese}（本县区）。", $"In the founder's home county, {english}."),
            MatchProximity.SameCity => new LocalizedText($"与创业人员同市：{chinese}。", $"In the founder's city: {english}."),
            MatchProximity.SameProvince => new LocalizedText($"与创业人员同省（市）：{chinese}。", $"In the founder's province: {english}."),
            _ => new LocalizedText($"川渝跨省（市）匹配：{chinese}。", $"Across the Sichuan–Chongqing border: {english}."),
        };
    }
}
