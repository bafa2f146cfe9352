using System.Net;
using System.Text.Json;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Platform.Modules.SkillMasterStudios.Contracts;
using Kit = Platform.IntegrationTests.SkillMasterStudios.StudioTestKit;

namespace Platform.IntegrationTests.SkillMasterStudios;

/// <summary>
/// The yearly duties: assessment grades and revocation, the overdue list, the revocation endpoint, and
/// the statistics. Counts are read for counties only one test of this class uses (Jingyan 511124 for
/// the statistics, Jiajiang 511126 for the overdue list), so they are exact.
/// </summary>
public sealed class StudioReportsAndStatisticsTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private static int Year => Kit.ChinaToday.Year;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Scores_are_graded_90_excellent_60_qualified_and_59_9_unqualified(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var (studio, _, _) = await Kit.AccreditedStudioAsync(host, new DateOnly(Year - 3, 1, 1));

        var excellent = await Kit.ReportAndAssessAsync(host, studio, Year - 3, 90m);
        var qualified = await Kit.ReportAndAssessAsync(host, studio, Year - 2, 60m);
        var unqualified = await Kit.ReportAndAssessAsync(host, studio, Year - 1, 59.9m);

        Assert.Equal("Excellent", excellent.GetProperty("grade").GetString());
        Assert.Equal("Qualified", qualified.GetProperty("grade").GetString());
        Assert.Equal("Unqualified", unqualified.GetProperty("grade").GetString());
        Assert.Equal(59.9m, unqualified.GetProperty("score").GetDecimal());
        Assert.Equal("Assessed", unqualified.GetProperty("status").GetString());
        var stored = await Kit.GetOkAsync(op, $"/studios/{studio}");
        Assert.Equal("Active", stored.GetProperty("status").GetString());
        Assert.Equal(1, stored.GetProperty("consecutiveUnqualified").GetInt32());
    }

    [Fact]
    public async Task A_score_just_below_a_threshold_takes_the_lower_grade()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        var (studio, _, _) = await Kit.AccreditedStudioAsync(host, new DateOnly(Year - 2, 1, 1));

        Assert.Equal("Qualified", (await Kit.ReportAndAssessAsync(host, studio, Year - 2, 89.9m)).GetProperty("grade").GetString());
        Assert.Equal("Excellent", (await Kit.ReportAndAssessAsync(host, studio, Year - 1, 100m)).GetProperty("grade").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Assessing_a_report_twice_is_409_report_already_assessed_and_keeps_the_first_grade(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var other = Kit.Reviewer(host, Kit.Sichuan, "second-assessor");
        var (studio, _, _) = await Kit.AccreditedStudioAsync(host, new DateOnly(Year - 1, 1, 1));
        var first = await Kit.ReportAndAssessAsync(host, studio, Year - 1, 75m);
        var id = first.GetProperty("id").GetGuid();

        using var again = await Kit.PostAsync(other, $"/annual-reports/{id}/assessment", new { score = 10m, fraud = true, comment = "复核" });

        await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict, "studios.report_already_assessed");
        var stored = await Kit.GetOkAsync(op, $"/annual-reports/{id}");
        Assert.Equal("Qualified", stored.GetProperty("grade").GetString());
        Assert.Equal(75m, stored.GetProperty("score").GetDecimal());
        Assert.False(stored.GetProperty("fraud").GetBoolean());
        Assert.Equal("Active", (await Kit.GetOkAsync(op, $"/studios/{studio}")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_fraudulent_report_revokes_the_studio_at_once_and_publishes_no_qualified_apprentice(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var assessor = Kit.Reviewer(host, Kit.Leshan, "fraud-assessor");
        var (studio, master, _) = await Kit.AccreditedStudioAsync(host, new DateOnly(Year - 2, 1, 1));
        var accreditation = await Kit.CurrentAccreditationAsync(op, studio);
        var report = await Kit.PostCreatedAsync(op, $"/studios/{studio}/annual-reports", Kit.ReportBody(Year - 1, Kit.ApprenticeEntry(Year - 1, "Level3"), Kit.ApprenticeEntry(Year - 1, "Level4")));
        var reportId = report.GetProperty("id").GetGuid();

        var assessed = await Kit.PostOkAsync(assessor, $"/annual-reports/{reportId}/assessment", new { score = 95m, fraud = true, comment = "学徒证书造假" });

        Assert.Equal("Unqualified", assessed.GetProperty("grade").GetString());
        Assert.True(assessed.GetProperty("fraud").GetBoolean());
        var stored = await Kit.GetOkAsync(op, $"/studios/{studio}");
        Assert.Equal("Revoked", stored.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(stored.GetProperty("closingReason").GetString()));
        Assert.True(Kit.IsAbsent(await Kit.GetOkAsync(op, $"/masters/{master}"), "activeStudioId"));
        var events = await Kit.OutboxEventsMentioningAsync(host, studio);
        Assert.Single(events, e => e == StudioRevoked.Name);
        Assert.DoesNotContain(ApprenticeQualified.Name, events);
        Assert.DoesNotContain(ApprenticeQualified.Name, await Kit.OutboxEventsMentioningAsync(host, reportId));

        // A revoked studio neither reports nor is paid any more.
        using var laterReport = await Kit.PostAsync(op, $"/studios/{studio}/annual-reports", Kit.ReportBody(Year - 2));
        using var tranche = await Kit.PostAsync(op, $"/accreditations/{accreditation}/tranches", new { amount = 1_000m, paidOn = Kit.ChinaToday, reference = "AFTER-FRAUD" });
        await HttpAssert.ProblemAsync(laterReport, HttpStatusCode.Conflict, "studios.studio_not_active");
        await HttpAssert.ProblemAsync(tranche, HttpStatusCode.Conflict, "studios.studio_not_active");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Qualified_apprentices_of_an_honest_report_are_published_once_each(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var assessor = Kit.Reviewer(host, Kit.Leshan, "honest-assessor");
        var (studio, _, _) = await Kit.AccreditedStudioAsync(host, new DateOnly(Year - 1, 1, 1));
        var report = await Kit.PostCreatedAsync(op, $"/studios/{studio}/annual-reports", Kit.ReportBody(Year - 1, Kit.ApprenticeEntry(Year - 1, "Level3"), Kit.ApprenticeEntry(Year - 1, "Level4"), Kit.ApprenticeEntry(Year - 1)));
        var reportId = report.GetProperty("id").GetGuid();
        Assert.Equal(3, report.GetProperty("apprenticeCount").GetInt32());
        Assert.Equal(2, report.GetProperty("qualifiedApprentices").GetInt32());
        Assert.All(report.GetProperty("apprentices").EnumerateArray(), a => Assert.Equal(Kit.Occupation, a.GetProperty("occupationCode").GetString()));

        await Kit.PostOkAsync(assessor, $"/annual-reports/{reportId}/assessment", new { score = 91m, fraud = false, comment = "优秀" });

        Assert.Equal(2, (await Kit.OutboxEventsMentioningAsync(host, reportId)).Count(e => e == ApprenticeQualified.Name));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_qualified_year_between_two_unqualified_ones_does_not_revoke(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var (studio, _, _) = await Kit.AccreditedStudioAsync(host, new DateOnly(Year - 3, 1, 1));

        await Kit.ReportAndAssessAsync(host, studio, Year - 3, 50m);
        await Kit.ReportAndAssessAsync(host, studio, Year - 2, 70m);
        await Kit.ReportAndAssessAsync(host, studio, Year - 1, 40m);

        var stored = await Kit.GetOkAsync(op, $"/studios/{studio}");
        Assert.Equal("Active", stored.GetProperty("status").GetString());
        Assert.Equal(1, stored.GetProperty("consecutiveUnqualified").GetInt32());
        Assert.DoesNotContain(StudioRevoked.Name, await Kit.OutboxEventsMentioningAsync(host, studio));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Two_consecutive_unqualified_years_revoke_even_when_the_later_year_is_assessed_first(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var (studio, _, _) = await Kit.AccreditedStudioAsync(host, new DateOnly(Year - 2, 1, 1));

        await Kit.ReportAndAssessAsync(host, studio, Year - 1, 45m);
        await Kit.ReportAndAssessAsync(host, studio, Year - 2, 40m);

        var stored = await Kit.GetOkAsync(op, $"/studios/{studio}");
        Assert.Equal("Revoked", stored.GetProperty("status").GetString());
        Assert.Equal(2, stored.GetProperty("consecutiveUnqualified").GetInt32());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_overdue_list_names_active_studios_without_last_years_report_once_31_March_has_passed(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var reviewer = Kit.Reviewer(host);
        var lastYear = Year - 1;
        var (late, _, _) = await Kit.AccreditedStudioAsync(host, new DateOnly(lastYear, 2, 1), Kit.Jiajiang);
        var (reported, _, _) = await Kit.AccreditedStudioAsync(host, new DateOnly(lastYear, 2, 1), Kit.Jiajiang);
        var (revoked, _, _) = await Kit.AccreditedStudioAsync(host, new DateOnly(lastYear, 2, 1), Kit.Jiajiang);
        var (newcomer, _, _) = await Kit.AccreditedStudioAsync(host, region: Kit.Jiajiang);
        await Kit.PostCreatedAsync(op, $"/studios/{reported}/annual-reports", Kit.ReportBody(lastYear));
        await Kit.PostOkAsync(reviewer, $"/studios/{revoked}/revocation", new { reason = "依托单位破产" });

        var overdue = await Kit.GetOkAsync(op, $"/annual-reports/overdue?regionCode={Kit.Jiajiang}");
        var thisYear = await Kit.GetOkAsync(op, $"/annual-reports/overdue?regionCode={Kit.Jiajiang}&year={Year}");
        var city = await Kit.GetOkAsync(op, $"/annual-reports/overdue?regionCode={Kit.Leshan}&limit=500");

        Assert.True(Kit.ChinaToday > new DateOnly(Year, 3, 31), "The test assumes 31 March of this year has passed.");
        Assert.Equal(lastYear, overdue.GetProperty("year").GetInt32());
        Assert.Equal($"{Year}-03-31", overdue.GetProperty("dueOn").GetString());
        Assert.True(overdue.GetProperty("overdue").GetBoolean());
        Assert.Equal([late], overdue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("studioId").GetGuid()));
        Assert.False(thisYear.GetProperty("overdue").GetBoolean());
        Assert.Equal(0, thisYear.GetProperty("items").GetArrayLength());
        var cityIds = city.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("studioId").GetGuid()).ToArray();
        Assert.Contains(late, cityIds);
        Assert.DoesNotContain(reported, cityIds);
        Assert.DoesNotContain(revoked, cityIds);
        Assert.DoesNotContain(newcomer, cityIds);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Revoking_needs_a_reason_frees_the_master_and_cannot_happen_twice(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var reviewer = Kit.Reviewer(host, Kit.Leshan, "revoking-reviewer");
        var (studio, master, _) = await Kit.AccreditedStudioAsync(host, new DateOnly(Year - 1, 1, 1));

        using (var byOperator = await Kit.PostAsync(op, $"/studios/{studio}/revocation", new { reason = "无权" }))
        using (var noReason = await Kit.PostAsync(reviewer, $"/studios/{studio}/revocation", new { reason = "" }))
        {
            await HttpAssert.ProblemAsync(byOperator, HttpStatusCode.Forbidden, Kit.PermissionMissing);
            Assert.Equal(["reason"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(noReason, HttpStatusCode.BadRequest, "request.validation_failed")));
        }

        Assert.Equal("Active", (await Kit.GetOkAsync(op, $"/studios/{studio}")).GetProperty("status").GetString());
        var revoked = await Kit.PostOkAsync(reviewer, $"/studios/{studio}/revocation", new { reason = "主动申请撤销" });

        Assert.Equal("Revoked", revoked.GetProperty("status").GetString());
        Assert.Equal("主动申请撤销", revoked.GetProperty("closingReason").GetString());
        Assert.True(Kit.IsAbsent(await Kit.GetOkAsync(op, $"/masters/{master}"), "activeStudioId"));
        using (var twice = await Kit.PostAsync(reviewer, $"/studios/{studio}/revocation", new { reason = "再次撤销" }))
        {
            await HttpAssert.ProblemAsync(twice, HttpStatusCode.Conflict, "studios.studio_not_active");
        }

        using (var report = await Kit.PostAsync(op, $"/studios/{studio}/annual-reports", Kit.ReportBody(Year - 1)))
        {
            await HttpAssert.ProblemAsync(report, HttpStatusCode.Conflict, "studios.studio_not_active");
        }

        Assert.Single(await Kit.OutboxEventsMentioningAsync(host, studio), e => e == StudioRevoked.Name);

        // The freed master may lead a new studio.
        var next = await Kit.DraftAsync(op, Kit.NewStudioBody(master));
        Assert.Equal("Submitted", (await Kit.PostOkAsync(op, $"/applications/{next}/submission", null)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Statistics_of_a_county_count_active_studios_accreditations_apprentices_and_funding_exactly(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var reviewer = Kit.Reviewer(host, Kit.Leshan, "statistics-reviewer");
        var lastYear = Year - 1;
        var before = await Kit.GetOkAsync(op, $"/statistics?regionCode={Kit.Jingyan}");
        Assert.Equal(0, before.GetProperty("activeStudios").GetInt32());

        var (first, _, _) = await Kit.AccreditedStudioAsync(host, new DateOnly(lastYear, 1, 1), Kit.Jingyan);
        var (second, _, _) = await Kit.AccreditedStudioAsync(host, new DateOnly(lastYear, 1, 1), Kit.Jingyan);
        var crafts = await Kit.ScoredApplicationAsync(host, Kit.NewStudioBody(await Kit.MasterIdAsync(host, region: Kit.Jingyan), "Municipal", Kit.Jingyan, null, "TraditionalCrafts"));
        var third = (await Kit.PostOkAsync(reviewer, $"/applications/{crafts}/decision", new { approve = true, reason = "通过" })).GetProperty("studioId").GetGuid();
        var (revoked, _, _) = await Kit.AccreditedStudioAsync(host, region: Kit.Jingyan);
        await Kit.PostOkAsync(reviewer, $"/studios/{revoked}/revocation", new { reason = "撤销" });
        await Kit.PostCreatedAsync(op, $"/accreditations/{await Kit.CurrentAccreditationAsync(op, first)}/tranches", new { amount = 20_000m, paidOn = Kit.ChinaToday, reference = "JY-1" });
        await Kit.PostCreatedAsync(op, $"/accreditations/{await Kit.CurrentAccreditationAsync(op, third)}/tranches", new { amount = 5_000.5m, paidOn = Kit.ChinaToday, reference = "JY-2" });
        await Kit.PostCreatedAsync(op, $"/studios/{second}/annual-reports", Kit.ReportBody(
            lastYear, Kit.ApprenticeEntry(lastYear, "Level3"), Kit.ApprenticeEntry(lastYear, "Level4"), Kit.ApprenticeEntry(lastYear, "Level4"), Kit.ApprenticeEntry(lastYear)));

        var now = await Kit.GetOkAsync(op, $"/statistics?regionCode={Kit.Jingyan}");
        var past = await Kit.GetOkAsync(op, $"/statistics?regionCode={Kit.Jingyan}&year={lastYear}");
        var city = await Kit.GetOkAsync(op, $"/statistics?regionCode={Kit.Leshan}");

        Assert.Equal(Year, now.GetProperty("year").GetInt32());
        Assert.Equal(3, now.GetProperty("activeStudios").GetInt32());
        Assert.Equal([("Municipal", 3), ("Provincial", 0), ("National", 0)], now.GetProperty("byLevel").EnumerateArray().Select(l => (l.GetProperty("level").GetString()!, l.GetProperty("studios").GetInt32())));
        Assert.Equal([("AdvancedManufacturing", 2), ("TraditionalCrafts", 1)], now.GetProperty("byField").EnumerateArray().Select(f => (f.GetProperty("field").GetString()!, f.GetProperty("studios").GetInt32())));
        var county = Assert.Single(now.GetProperty("byRegion").EnumerateArray());
        Assert.Equal((Kit.Jingyan, 3, 0, 0), RegionRow(county));
        var accredited = Assert.Single(now.GetProperty("accredited").EnumerateArray());
        Assert.Equal(("Municipal", "New", 4, 200_000m), (accredited.GetProperty("level").GetString(), accredited.GetProperty("kind").GetString(), accredited.GetProperty("accreditations").GetInt32(), accredited.GetProperty("fundingGranted").GetDecimal()));
        Assert.Equal(200_000m, now.GetProperty("fundingCommitted").GetDecimal());
        Assert.Equal(25_000.5m, now.GetProperty("fundingPaid").GetDecimal());
        Assert.Equal(0, now.GetProperty("apprenticesReported").GetInt32());

        Assert.Equal(4, past.GetProperty("apprenticesReported").GetInt32());
        Assert.Equal(3, past.GetProperty("apprenticesQualified").GetInt32());
        Assert.Equal([("Level4", 2), ("Level3", 1)], past.GetProperty("apprenticesByLevel").EnumerateArray().Select(a => (a.GetProperty("level").GetString()!, a.GetProperty("apprentices").GetInt32())));
        Assert.Equal(0m, past.GetProperty("fundingCommitted").GetDecimal());
        Assert.Equal(0m, past.GetProperty("fundingPaid").GetDecimal());
        Assert.Equal(3, past.GetProperty("activeStudios").GetInt32());

        // A city is broken down by county.
        Assert.Equal((Kit.Jingyan, 3, 0, 0), RegionRow(city.GetProperty("byRegion").EnumerateArray().Single(r => r.GetProperty("regionCode").GetString() == Kit.Jingyan)));
        Assert.All(city.GetProperty("byRegion").EnumerateArray(), r => Assert.Equal(6, r.GetProperty("regionCode").GetString()!.Length));
    }

    [Fact]
    public async Task Statistics_of_the_province_are_broken_down_by_city()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var province = Kit.Operator(host, Kit.Sichuan, "province-operator");
        await Kit.AccreditedStudioAsync(host);

        var statistics = await Kit.GetOkAsync(province, $"/statistics?regionCode={Kit.Sichuan}");

        var rows = statistics.GetProperty("byRegion").EnumerateArray().ToArray();
        Assert.All(rows, r => Assert.EndsWith("00", r.GetProperty("regionCode").GetString(), StringComparison.Ordinal));
        var leshan = rows.Single(r => r.GetProperty("regionCode").GetString() == Kit.Leshan);
        Assert.True(leshan.GetProperty("municipal").GetInt32() >= 1);
        Assert.Equal(statistics.GetProperty("activeStudios").GetInt32(), rows.Sum(r => r.GetProperty("municipal").GetInt32() + r.GetProperty("provincial").GetInt32() + r.GetProperty("national").GetInt32()));
    }

    private static (string, int, int, int) RegionRow(JsonElement row) => (
        row.GetProperty("regionCode").GetString()!, row.GetProperty("municipal").GetInt32(), row.GetProperty("provincial").GetInt32(), row.GetProperty("national").GetInt32());
}
