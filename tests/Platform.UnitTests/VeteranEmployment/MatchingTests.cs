using Platform.Modules.VeteranEmployment.Domain;
using Platform.Modules.VeteranEmployment.Features.Jobs;

namespace Platform.UnitTests.VeteranEmployment;

/// <summary>How a posting and a veteran score: region, shared specialties, wished occupation and seeking work, each with its reason.</summary>
public sealed class MatchingTests
{
    /// <summary>市中区, Leshan.</summary>
    private const string LeshanCounty = "511102";

    /// <summary>犍为县, Leshan.</summary>
    private const string OtherLeshanCounty = "511123";

    /// <summary>锦江区, Chengdu.</summary>
    private const string ChengduDistrict = "510104";

    /// <summary>渝中区, Chongqing.</summary>
    private const string ChongqingDistrict = "500103";

    private const string Occupation = "4-02-02-01";

    [Theory]
    [InlineData(LeshanCounty, LeshanCounty, 3, "same county")]
    [InlineData(LeshanCounty, OtherLeshanCounty, 2, "same city")]
    [InlineData(LeshanCounty, ChengduDistrict, 1, "same province")]
    [InlineData(LeshanCounty, ChongqingDistrict, 0, null)]
    [InlineData(ChongqingDistrict, "500107", 2, "same city")]
    public void The_region_scores_3_for_the_county_2_for_the_city_1_for_the_province(string postingRegion, string veteranRegion, int score, string? reason)
    {
        var (actual, reasons) = Matching.Score(Posting(postingRegion), NewVeteran(veteranRegion), []);

        Assert.Equal(score, actual);
        if (reason is null)
        {
            Assert.Empty(reasons);
        }
        else
        {
            Assert.Contains(reasons, r => r.Contains(reason, StringComparison.Ordinal));
            Assert.Single(reasons);
        }
    }

    [Fact]
    public void Each_shared_specialty_scores_2_ignoring_case()
    {
        var posting = Posting(ChongqingDistrict, specialties: ["汽车驾驶", "CAD", "Welding", "通信"]);
        var veteran = NewVeteran(LeshanCounty, specialties: ["cad", "汽车驾驶", "welding", "炊事"]);

        var (score, reasons) = Matching.Score(posting, veteran, []);

        Assert.Equal(6, score);
        var reason = Assert.Single(reasons);
        Assert.Contains("specialties:", reason, StringComparison.Ordinal);
        Assert.Contains("汽车驾驶", reason, StringComparison.Ordinal);
        Assert.Contains("CAD", reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Welding", reason, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("通信", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void No_shared_specialty_scores_nothing()
    {
        var (score, reasons) = Matching.Score(Posting(ChongqingDistrict, specialties: ["通信"]), NewVeteran(LeshanCounty, specialties: ["炊事"]), []);

        Assert.Equal(0, score);
        Assert.Empty(reasons);
    }

    [Fact]
    public void The_postings_occupation_among_the_wishes_scores_3()
    {
        var (score, reasons) = Matching.Score(Posting(ChongqingDistrict), NewVeteran(LeshanCounty), ["6-01-01-00", Occupation]);

        Assert.Equal(3, score);
        Assert.Contains($"wanted occupation {Occupation}", Assert.Single(reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void Other_wishes_score_nothing()
    {
        var (score, _) = Matching.Score(Posting(ChongqingDistrict), NewVeteran(LeshanCounty), ["6-01-01-00"]);

        Assert.Equal(0, score);
    }

    [Theory]
    [InlineData(nameof(EmploymentStatus.SeekingWork), 2)]
    [InlineData(nameof(EmploymentStatus.InTraining), 0)]
    [InlineData(nameof(EmploymentStatus.Employed), 0)]
    [InlineData(nameof(EmploymentStatus.NotSeekingWork), 0)]
    [InlineData(null, 0)]
    public void Seeking_work_scores_2(string? statusName, int score)
    {
        EmploymentStatus? status = statusName is null ? null : Enum.Parse<EmploymentStatus>(statusName);
        var (actual, reasons) = Matching.Score(Posting(ChongqingDistrict), NewVeteran(LeshanCounty, status: status), []);

        Assert.Equal(score, actual);
        Assert.Equal(score > 0, reasons.Any(r => r.Contains("seeking work", StringComparison.Ordinal)));
    }

    [Fact]
    public void Everything_adds_up_and_each_part_gives_its_reason_in_order()
    {
        var posting = Posting(LeshanCounty, specialties: ["汽车驾驶", "通信"]);
        var veteran = NewVeteran(LeshanCounty, EmploymentStatus.SeekingWork, ["通信", "汽车驾驶"]);

        var (score, reasons) = Matching.Score(posting, veteran, [Occupation]);

        Assert.Equal(3 + (2 * 2) + 3 + 2, score);
        Assert.Equal(4, reasons.Count);
        Assert.Contains("same county", reasons[0], StringComparison.Ordinal);
        Assert.Contains("specialties:", reasons[1], StringComparison.Ordinal);
        Assert.Contains("wanted occupation", reasons[2], StringComparison.Ordinal);
        Assert.Contains("seeking work", reasons[3], StringComparison.Ordinal);
    }

    [Fact]
    public void A_veteran_with_nothing_in_common_scores_0_without_reasons()
    {
        var (score, reasons) = Matching.Score(Posting(ChongqingDistrict, specialties: ["通信"]), NewVeteran(LeshanCounty, EmploymentStatus.Employed, ["炊事"]), ["1-01-01-01"]);

        Assert.Equal(0, score);
        Assert.Empty(reasons);
    }

    private static JobPosting Posting(string region, IReadOnlyList<string>? specialties = null) => new()
    {
        Id = Guid.NewGuid(),
        EmployerCode = "91511102MA0000001X",
        EmployerName = "乐山物流有限公司",
        RegionCode = region,
        OccupationCode = Occupation,
        Title = "货车驾驶员",
        Requirements = "持 B2 驾照",
        Specialties = Veteran.Join(specialties ?? []),
        Headcount = 2,
        ClosesOn = new DateOnly(2026, 12, 31),
        Status = PostingStatus.Open,
    };

    private static Veteran NewVeteran(string region, EmploymentStatus? status = null, IReadOnlyList<string>? specialties = null) => new()
    {
        Id = Guid.NewGuid(),
        Name = "李退役",
        RegionCode = region,
        Specialties = Veteran.Join(specialties ?? []),
        CurrentStatus = status,
    };
}
