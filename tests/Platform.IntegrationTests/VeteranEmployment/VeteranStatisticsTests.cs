using System.Net;
using System.Text.Json;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Kit = Platform.IntegrationTests.VeteranEmployment.VeteranTestKit;

namespace Platform.IntegrationTests.VeteranEmployment;

/// <summary>
/// The program's statistics for counties only this class uses: registered veterans, their status on
/// today and on a past day, the employment rate (working ÷ labour force; in education, not seeking work
/// and no entry are outside it), by category and by region, a back-dated correction changing a past
/// day's figures, the caller's region, and the training-needs summary.
/// </summary>
public sealed class VeteranStatisticsTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    /// <summary>沐川县: the status and rate counts.</summary>
    private const string RateCounty = "511129";

    /// <summary>峨边彝族自治县: past days and back-dated corrections.</summary>
    private const string PastCounty = "511132";

    /// <summary>潼南区: the categories (Chongqing).</summary>
    private const string CategoryCounty = "500152";

    /// <summary>峨眉山市: training needs.</summary>
    private const string NeedsCounty = "511181";

    private static readonly DateOnly Discharged = new(2022, 9, 1);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_status_counts_and_employment_rate_of_a_county_leave_education_not_seeking_work_and_no_entry_outside_the_labour_force(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var employer = Kit.NewCreditCode();
        var day = new DateOnly(2024, 1, 1);
        await Kit.RecordAsync(op, await Kit.RegisterIdAsync(op, region: RateCounty), Kit.Employed(day, employer));
        await Kit.RecordAsync(op, await Kit.RegisterIdAsync(op, region: RateCounty), Kit.Status(day, "SelfEmployed", businessName: "老兵小店"));
        await Kit.RecordAsync(op, await Kit.RegisterIdAsync(op, region: RateCounty), Kit.Status(day, "SeekingWork"));
        await Kit.RecordAsync(op, await Kit.RegisterIdAsync(op, region: RateCounty), Kit.Status(day, "InEducation"));
        await Kit.RecordAsync(op, await Kit.RegisterIdAsync(op, region: RateCounty), Kit.Status(day, "NotSeekingWork"));
        var none = await Kit.RegisterIdAsync(op, region: RateCounty);

        var statistics = await Kit.GetOkAsync(op, $"/statistics?regionCode={RateCounty}");

        Assert.Equal(RateCounty, statistics.GetProperty("regionCode").GetString());
        Assert.Equal(Kit.Day(Kit.ChinaToday), statistics.GetProperty("on").GetString());
        Assert.Equal(6, statistics.GetProperty("registered").GetInt32());
        Assert.Equal([("", 1), ("SeekingWork", 1), ("Employed", 1), ("SelfEmployed", 1), ("InEducation", 1), ("NotSeekingWork", 1)], ByStatus(statistics));
        AssertRate(statistics.GetProperty("overall"), RateCounty, 6, 2, 3, 66.67m);
        AssertRate(Assert.Single(statistics.GetProperty("byRegion").EnumerateArray()), RateCounty, 6, 2, 3, 66.67m);

        // In training is in the labour force; a veteran moved away is no longer counted here.
        await Kit.RecordAsync(op, await Kit.RegisterIdAsync(op, region: RateCounty), Kit.Status(day, "InTraining"));
        await Kit.PostOkAsync(op, $"/veterans/{none}/transfer", new { toRegionCode = "510104", reason = "迁居成都" });
        var after = await Kit.GetOkAsync(op, $"/statistics?regionCode={RateCounty}");
        Assert.Equal(6, after.GetProperty("registered").GetInt32());
        AssertRate(after.GetProperty("overall"), RateCounty, 6, 2, 4, 50.00m);
        Assert.DoesNotContain(ByStatus(after), s => s.Status == "");

        // The city breaks down by county; the county's row matches the county's own figures.
        var city = await Kit.GetOkAsync(op, $"/statistics?regionCode={Kit.Leshan}");
        var row = city.GetProperty("byRegion").EnumerateArray().Single(r => r.GetProperty("key").GetString() == RateCounty);
        AssertRate(row, RateCounty, 6, 2, 4, 50.00m);
        Assert.All(city.GetProperty("byRegion").EnumerateArray(), r => Assert.StartsWith("5111", r.GetProperty("key").GetString(), StringComparison.Ordinal));
        Assert.Equal(city.GetProperty("registered").GetInt32(), city.GetProperty("byRegion").EnumerateArray().Sum(r => r.GetProperty("registered").GetInt32()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Figures_on_a_past_day_come_from_the_ledger_and_a_back_dated_correction_changes_them(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var employer = Kit.NewCreditCode();
        var x = await Kit.RegisterIdAsync(op, region: PastCounty, dischargedOn: Discharged);
        var y = await Kit.RegisterIdAsync(op, region: PastCounty, dischargedOn: Discharged);
        await Kit.BackdateRegistrationAsync(host, x, new DateOnly(2023, 1, 1));
        await Kit.BackdateRegistrationAsync(host, y, new DateOnly(2023, 1, 1));
        var xSeeking = await Kit.RecordAsync(op, x, Kit.Status(new DateOnly(2024, 1, 1), "SeekingWork"));
        await Kit.RecordAsync(op, x, Kit.Employed(new DateOnly(2024, 9, 1), employer));
        await Kit.RecordAsync(op, y, Kit.Status(new DateOnly(2024, 1, 1), "SeekingWork"));
        var lateRegistration = await Kit.RegisterIdAsync(op, region: PastCounty, dischargedOn: Discharged);
        await Kit.RecordAsync(op, lateRegistration, Kit.Employed(new DateOnly(2024, 1, 1), employer));

        // Before any entry: registered, without a status, outside the labour force (no rate).
        var beforeEntries = await StatisticsOnAsync(op, new DateOnly(2023, 12, 31));
        Assert.Equal(2, beforeEntries.GetProperty("registered").GetInt32());
        Assert.Equal([("", 2)], ByStatus(beforeEntries));
        Assert.True(Kit.IsAbsent(beforeEntries.GetProperty("overall"), "employmentRatePercent"));
        var midYear = await StatisticsOnAsync(op, new DateOnly(2024, 6, 30));
        Assert.Equal([("SeekingWork", 2)], ByStatus(midYear));
        AssertRate(midYear.GetProperty("overall"), PastCounty, 2, 0, 2, 0.00m);
        var yearEnd = await StatisticsOnAsync(op, new DateOnly(2024, 12, 31));
        AssertRate(yearEnd.GetProperty("overall"), PastCounty, 2, 1, 2, 50.00m);

        // Learnt later: x was employed from 1 May. 30 June changes, 30 April does not.
        await Kit.RecordAsync(op, x, Kit.Employed(new DateOnly(2024, 5, 1), employer, corrects: xSeeking));
        var corrected = await StatisticsOnAsync(op, new DateOnly(2024, 6, 30));
        Assert.Equal([("SeekingWork", 1), ("Employed", 1)], ByStatus(corrected));
        AssertRate(corrected.GetProperty("overall"), PastCounty, 2, 1, 2, 50.00m);
        Assert.Equal([("SeekingWork", 2)], ByStatus(await StatisticsOnAsync(op, new DateOnly(2024, 4, 30))));

        // A correction on the same day, recorded later, wins on that day.
        await Kit.RecordAsync(op, y, Kit.Status(new DateOnly(2024, 1, 1), "NotSeekingWork"));
        AssertRate((await StatisticsOnAsync(op, new DateOnly(2024, 6, 30))).GetProperty("overall"), PastCounty, 2, 1, 1, 100.00m);

        // The veteran registered today counts from today on only.
        var today = await Kit.GetOkAsync(op, $"/statistics?regionCode={PastCounty}");
        Assert.Equal(3, today.GetProperty("registered").GetInt32());
        AssertRate(today.GetProperty("overall"), PastCounty, 3, 2, 2, 100.00m);
    }

    [Fact]
    public async Task The_employment_rate_is_given_per_discharge_category()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host, Kit.Chongqing, "cq-statistics-officer");
        var employer = Kit.NewCreditCode(Kit.ChongqingDistrict);
        var day = new DateOnly(2024, 3, 1);
        await Kit.RecordAsync(op, await Kit.RegisterIdAsync(op, category: "SelfEmployedSoldier", region: CategoryCounty), Kit.Employed(day, employer));
        await Kit.RecordAsync(op, await Kit.RegisterIdAsync(op, category: "SelfEmployedSoldier", region: CategoryCounty), Kit.Status(day, "SeekingWork"));
        await Kit.RecordAsync(op, await Kit.RegisterIdAsync(op, category: "SelfEmployedSoldier", region: CategoryCounty), Kit.Status(day, "InTraining"));
        await Kit.RecordAsync(op, await Kit.RegisterIdAsync(op, category: "Officer", region: CategoryCounty), Kit.Employed(day, employer));
        await Kit.RecordAsync(op, await Kit.RegisterIdAsync(op, category: "Other", region: CategoryCounty), Kit.Status(day, "InEducation"));

        var statistics = await Kit.GetOkAsync(op, $"/statistics?regionCode={CategoryCounty}");

        var categories = statistics.GetProperty("byCategory").EnumerateArray().ToArray();
        Assert.Equal(["SelfEmployedSoldier", "Officer", "Other"], categories.Select(c => c.GetProperty("key").GetString()));
        AssertRate(categories[0], "SelfEmployedSoldier", 3, 1, 3, 33.33m);
        AssertRate(categories[1], "Officer", 1, 1, 1, 100.00m);
        AssertRate(categories[2], "Other", 1, 0, 0, null);
        AssertRate(statistics.GetProperty("overall"), CategoryCounty, 5, 2, 4, 50.00m);
    }

    [Fact]
    public async Task A_province_is_broken_down_by_city()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var sichuan = Kit.Operator(host, Kit.Sichuan, "sc-statistics-officer");
        using var op = Kit.Operator(host);
        await Kit.RegisterIdAsync(op);
        await Kit.RegisterIdAsync(sichuan, region: "510104");

        var statistics = await Kit.GetOkAsync(sichuan, $"/statistics?regionCode={Kit.Sichuan}");

        var rows = statistics.GetProperty("byRegion").EnumerateArray().ToArray();
        var keys = rows.Select(r => r.GetProperty("key").GetString() ?? "").ToArray();
        Assert.Contains(Kit.Leshan, keys);
        Assert.Contains("510100", keys);
        Assert.All(keys, k => Assert.True(k.Length == 6 && k.StartsWith("51", StringComparison.Ordinal) && k.EndsWith("00", StringComparison.Ordinal) && k != Kit.Sichuan, k));
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Equal(statistics.GetProperty("registered").GetInt32(), rows.Sum(r => r.GetProperty("registered").GetInt32()));
        Assert.Equal(statistics.GetProperty("overall").GetProperty("working").GetInt32(), rows.Sum(r => r.GetProperty("working").GetInt32()));
        Assert.Equal(statistics.GetProperty("registered").GetInt32(), statistics.GetProperty("byStatus").EnumerateArray().Sum(s => s.GetProperty("veterans").GetInt32()));
    }

    [Fact]
    public async Task The_rows_of_Chongqings_breakdown_are_regions_the_platform_knows()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host, Kit.Chongqing, "cq-statistics-officer");
        await Kit.RegisterIdAsync(op, region: "500153");

        var statistics = await Kit.GetOkAsync(op, $"/statistics?regionCode={Kit.Chongqing}");

        // Chongqing's districts and counties sit directly under the municipality: a row must be one a caller can ask about.
        foreach (var key in statistics.GetProperty("byRegion").EnumerateArray().Select(r => r.GetProperty("key").GetString()))
        {
            using var drill = await Kit.GetAsync(op, $"/statistics?regionCode={key}");
            Assert.True(drill.StatusCode == HttpStatusCode.OK, $"The breakdown row {key} is not a known region: {(int)drill.StatusCode}");
        }
    }

    [Fact]
    public async Task Statistics_of_a_region_outside_the_caller_are_403_and_a_bad_query_is_a_400()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "cq-statistics-officer");
        using var auditor = Kit.Auditor(host);

        foreach (var (client, region) in new[] { (op, CategoryCounty), (op, Kit.Sichuan), (op, Kit.Chongqing), (chongqing, RateCounty) })
        {
            using var refused = await Kit.GetAsync(client, $"/statistics?regionCode={region}");
            await HttpAssert.ProblemAsync(refused, HttpStatusCode.Forbidden, "veterans.region_outside_caller");
        }

        using var missing = await Kit.GetAsync(op, "/statistics");
        using var unknown = await Kit.GetAsync(op, "/statistics?regionCode=511199");
        using var backwards = await Kit.GetAsync(op, $"/statistics?regionCode={RateCounty}&trainedFrom=2025-06-01&trainedTo=2025-05-31");
        Assert.Equal(["regionCode"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(missing, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        Assert.Equal(["regionCode"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(unknown, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        Assert.Equal(["trainedTo"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(backwards, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        Assert.Equal(RateCounty, (await Kit.GetOkAsync(auditor, $"/statistics?regionCode={RateCounty}")).GetProperty("regionCode").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_training_need_summary_counts_each_veterans_latest_answer_once_by_county_occupation_and_form(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var first = await Kit.RegisterIdAsync(op, region: NeedsCounty);
        var second = await Kit.RegisterIdAsync(op, region: NeedsCounty);
        var third = await Kit.RegisterIdAsync(op, region: NeedsCounty);
        await Kit.RegisterIdAsync(op, region: NeedsCounty);
        var today = Kit.ChinaToday;

        // The first changes its mind: only the later survey counts.
        await Kit.PostCreatedAsync(op, $"/veterans/{first}/training-needs", new { surveyedOn = today.AddMonths(-6), occupations = new[] { "6-31-01-03", "4-10-01-05" }, preferredForm = "Classroom" });
        await Kit.PostCreatedAsync(op, $"/veterans/{first}/training-needs", new { surveyedOn = today.AddMonths(-1), occupations = new[] { "6-24-04-04" }, preferredForm = "Online" });

        // The second answers, then an older survey of it is entered late: the newer survey still counts.
        await Kit.PostCreatedAsync(op, $"/veterans/{second}/training-needs", new { surveyedOn = today.AddMonths(-2), occupations = new[] { "6-24-04-04", "6-31-01-03" }, preferredForm = "OnTheJob" });
        await Kit.PostCreatedAsync(op, $"/veterans/{second}/training-needs", new { surveyedOn = today.AddMonths(-8), occupations = new[] { "4-10-01-05" }, preferredForm = "Apprenticeship" });
        await Kit.PostCreatedAsync(op, $"/veterans/{third}/training-needs", new { occupations = new[] { "6-24-04-04" }, preferredForm = "Online" });

        var summary = await Kit.GetOkAsync(op, $"/training-needs/summary?regionCode={NeedsCounty}");

        Assert.Equal(3, summary.GetProperty("surveyed").GetInt32());
        Assert.Equal(
            [(NeedsCounty, "6-24-04-04", 3), (NeedsCounty, "6-31-01-03", 1)],
            summary.GetProperty("byCountyAndOccupation").EnumerateArray().Select(n => (n.GetProperty("regionCode").GetString(), n.GetProperty("occupationCode").GetString(), n.GetProperty("veterans").GetInt32())));
        Assert.Equal(
            [("Online", 2), ("OnTheJob", 1)],
            summary.GetProperty("byForm").EnumerateArray().Select(f => (f.GetProperty("form").GetString(), f.GetProperty("veterans").GetInt32())));

        // The city's summary holds the county's rows.
        var city = await Kit.GetOkAsync(op, $"/training-needs/summary?regionCode={Kit.Leshan}");
        Assert.Contains(city.GetProperty("byCountyAndOccupation").EnumerateArray(), n => n.GetProperty("regionCode").GetString() == NeedsCounty && n.GetProperty("veterans").GetInt32() == 3);
    }

    [Fact]
    public async Task A_training_need_with_a_bad_field_is_a_400_and_a_summary_outside_the_caller_is_403()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var veteran = await Kit.RegisterIdAsync(op, region: NeedsCounty);

        using var noOccupation = await Kit.PostAsync(op, $"/veterans/{veteran}/training-needs", new { occupations = Array.Empty<string>(), preferredForm = "Online" });
        using var tooMany = await Kit.PostAsync(op, $"/veterans/{veteran}/training-needs", new { occupations = new[] { "a", "b", "c", "d", "e", "f" }, preferredForm = "Online" });
        using var future = await Kit.PostAsync(op, $"/veterans/{veteran}/training-needs", new { surveyedOn = Kit.ChinaToday.AddDays(1), occupations = new[] { "6-24-04-04" }, preferredForm = "Online" });
        using var noForm = await Kit.PostAsync(op, $"/veterans/{veteran}/training-needs", new { occupations = new[] { "6-24-04-04" } });
        using var outside = await Kit.GetAsync(op, $"/training-needs/summary?regionCode={CategoryCounty}");
        using var unknown = await Kit.GetAsync(op, "/training-needs/summary?regionCode=511199");

        Assert.Equal(["occupations"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(noOccupation, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        Assert.Equal(["occupations"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(tooMany, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        Assert.Equal(["surveyedOn"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(future, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        Assert.Equal(["preferredForm"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(noForm, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        await HttpAssert.ProblemAsync(outside, HttpStatusCode.Forbidden, "veterans.region_outside_caller");
        Assert.Equal(["regionCode"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(unknown, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
    }

    private static Task<JsonElement> StatisticsOnAsync(HttpClient client, DateOnly on) =>
        Kit.GetOkAsync(client, $"/statistics?regionCode={PastCounty}&on={Kit.Day(on)}");

    private static (string Status, int Veterans)[] ByStatus(JsonElement statistics) =>
        statistics.GetProperty("byStatus").EnumerateArray()
            .Select(s => (Kit.IsAbsent(s, "status") ? "" : s.GetProperty("status").GetString() ?? "", s.GetProperty("veterans").GetInt32()))
            .ToArray();

    private static void AssertRate(JsonElement row, string key, int registered, int working, int labourForce, decimal? rate)
    {
        Assert.Equal(key, row.GetProperty("key").GetString());
        Assert.Equal((registered, working, labourForce), (row.GetProperty("registered").GetInt32(), row.GetProperty("working").GetInt32(), row.GetProperty("inLabourForce").GetInt32()));
        Assert.Equal(rate, Kit.IsAbsent(row, "employmentRatePercent") ? null : row.GetProperty("employmentRatePercent").GetDecimal());
    }
}
