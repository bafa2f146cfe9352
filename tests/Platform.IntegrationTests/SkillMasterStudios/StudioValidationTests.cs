using System.Net;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Kit = Platform.IntegrationTests.SkillMasterStudios.StudioTestKit;

namespace Platform.IntegrationTests.SkillMasterStudios;

/// <summary>
/// Bad input is answered with a 400 naming the field (or the rule's own 4xx), never a 500, and a
/// refused request leaves the stored records as they were.
/// </summary>
public sealed class StudioValidationTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private const string ValidationFailed = "request.validation_failed";
    private const string MalformedJson = "request.malformed_json";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("identityNumber")]
    [InlineData("employerCode")]
    [InlineData("regionCode")]
    [InlineData("qualificationLevel")]
    [InlineData("name")]
    [InlineData("honours")]
    public async Task A_master_with_a_bad_field_is_a_400_naming_it_and_is_not_registered(string field)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var idNumber = Kit.NewIdNumber();
        var body = new
        {
            identityNumber = field == "identityNumber" ? WithWrongCheckCharacter(idNumber) : idNumber,
            name = field == "name" ? "" : "李大师",
            occupationCode = Kit.Occupation,
            qualificationLevel = field == "qualificationLevel" ? (object)9 : "Level1",
            honours = field == "honours" ? Enumerable.Range(0, 21).Select(i => $"荣誉 {i}").ToArray() : ["全国技术能手"],
            employerCode = field == "employerCode" ? WithWrongCheckCharacter(Kit.NewCreditCode()) : Kit.NewCreditCode(),
            regionCode = field == "regionCode" ? "511199" : Kit.LeshanCounty,
        };

        using var refused = await Kit.PostAsync(op, "/masters", body);

        // A number for an enum is not read by the serializer (request.malformed_json, field named), like an unknown name.
        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, field == "qualificationLevel" ? MalformedJson : ValidationFailed);
        Assert.Equal([field], HttpAssert.ErrorFields(problem));
        using var admin = Kit.Administrator(host);
        Assert.Equal(0, (await Kit.PostOkAsync(admin, "/masters/search", new { identityNumber = idNumber })).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("/masters", "qualificationLevel", """{ "identityNumber": "ID", "name": "李", "occupationCode": "6-24-04-04", "qualificationLevel": "Level9", "employerCode": "CC", "regionCode": "511102" }""")]
    [InlineData("/applications", "field", """{ "kind": "New", "studioName": "S", "hostCode": "CC", "hostName": "H", "leadMasterId": "MASTER", "teamSize": 1, "occupationCode": "6-24-04-04", "field": "Astronautics", "regionCode": "511102", "level": "Municipal", "plan": "P" }""")]
    [InlineData("/applications", "level", """{ "kind": "New", "studioName": "S", "hostCode": "CC", "hostName": "H", "leadMasterId": "MASTER", "teamSize": 1, "occupationCode": "6-24-04-04", "field": "Construction", "regionCode": "511102", "level": "Galactic", "plan": "P" }""")]
    [InlineData("/applications", "kind", """{ "kind": "Merger", "studioName": "S", "hostCode": "CC", "hostName": "H", "leadMasterId": "MASTER", "teamSize": 1, "occupationCode": "6-24-04-04", "field": "Construction", "regionCode": "511102", "level": "Municipal", "plan": "P" }""")]
    [InlineData("/applications", "teamSize", """{ "kind": "New", "studioName": "S", "hostCode": "CC", "hostName": "H", "leadMasterId": "MASTER", "teamSize": "many", "occupationCode": "6-24-04-04", "field": "Construction", "regionCode": "511102", "level": "Municipal", "plan": "P" }""")]
    public async Task A_value_the_serializer_cannot_read_is_a_400_malformed_json_naming_the_field(string path, string field, string template)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var master = await Kit.MasterIdAsync(host);
        var json = template.Replace("\"ID\"", $"\"{Kit.NewIdNumber()}\"", StringComparison.Ordinal)
            .Replace("\"CC\"", $"\"{Kit.NewCreditCode()}\"", StringComparison.Ordinal)
            .Replace("MASTER", master.ToString(), StringComparison.Ordinal);

        using var refused = await Kit.PostRawAsync(op, path, json);

        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, MalformedJson);
        Assert.Equal([field], HttpAssert.ErrorFields(problem));
    }

    [Theory]
    [InlineData("hostCode")]
    [InlineData("regionCode")]
    [InlineData("teamSize")]
    [InlineData("level")]
    [InlineData("plan")]
    [InlineData("studioId")]
    public async Task An_application_with_a_bad_field_is_a_400_naming_it_and_no_draft_is_stored(string field)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var master = await Kit.MasterIdAsync(host);
        var hostCode = Kit.NewCreditCode();
        var body = new
        {
            kind = "New",
            studioId = field == "studioId" ? Guid.NewGuid() : (Guid?)null,
            studioName = "工作室",
            hostCode = field == "hostCode" ? WithWrongCheckCharacter(hostCode) : hostCode,
            hostName = "依托单位",
            leadMasterId = master,
            teamSize = field == "teamSize" ? 201 : 3,
            occupationCode = Kit.Occupation,
            field = "Construction",
            regionCode = field == "regionCode" ? "519999" : Kit.LeshanCounty,
            level = field == "level" ? (object?)7 : "Municipal",
            plan = field == "plan" ? " " : "计划",
        };

        using var refused = await Kit.PostAsync(op, "/applications", body);

        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, field == "level" ? MalformedJson : ValidationFailed);
        Assert.Equal([field], HttpAssert.ErrorFields(problem));
        Assert.Equal(0, (await Kit.PostOkAsync(op, "/applications/search", new { leadMasterId = master })).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task An_upgrade_without_a_studio_is_a_400_and_one_naming_an_unknown_studio_is_422_studio_not_found()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);

        using var missing = await Kit.PostAsync(op, "/applications", new { kind = "Upgrade", level = "Provincial", teamSize = 3, plan = "升级" });
        using var unknown = await Kit.PostAsync(op, "/applications", Kit.ExistingStudioBody(Guid.NewGuid(), "Upgrade", "Provincial"));

        Assert.Equal(["studioId"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(missing, HttpStatusCode.BadRequest, ValidationFailed)));
        await HttpAssert.ProblemAsync(unknown, HttpStatusCode.UnprocessableEntity, "studios.studio_not_found");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_application_naming_an_unregistered_master_is_422_master_not_found_and_stores_nothing(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var ghost = Guid.NewGuid();

        using var refused = await Kit.PostAsync(op, "/applications", Kit.NewStudioBody(ghost));

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "studios.master_not_found");
        var stored = await Kit.ReadDbAsync(host, db => db.Applications.IgnoreQueryFilters().CountAsync(a => a.LeadMasterId == ghost, Token));
        Assert.Equal(0, stored);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_person_is_registered_once_in_the_whole_platform_409_master_exists(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "cq-operator");
        using var admin = Kit.Administrator(host);
        var idNumber = Kit.NewIdNumber();
        await Kit.PostCreatedAsync(op, "/masters", Kit.MasterBody(idNumber));

        using var again = await Kit.PostAsync(op, "/masters", Kit.MasterBody(idNumber, level: "Level1"));
        using var elsewhere = await Kit.PostAsync(chongqing, "/masters", Kit.MasterBody(idNumber, region: Kit.ChongqingDistrict));

        await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict, "studios.master_exists");
        var problem = await HttpAssert.ProblemAsync(elsewhere, HttpStatusCode.Conflict, "studios.master_exists");
        Assert.DoesNotContain(Kit.LeshanCounty, problem.GetRawText(), StringComparison.Ordinal);
        var found = Assert.Single((await Kit.PostOkAsync(admin, "/masters/search", new { identityNumber = idNumber })).GetProperty("items").EnumerateArray());
        Assert.Equal("Level2", found.GetProperty("qualificationLevel").GetString());
        Assert.Equal(Kit.LeshanCounty, found.GetProperty("regionCode").GetString());
    }

    [Theory]
    [InlineData(101, "score")]
    [InlineData(85.55, "score")]
    [InlineData(-1, "score")]
    public async Task An_expert_score_out_of_range_or_with_two_decimals_is_a_400_and_is_not_recorded(double score, string field)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        using var expert = Kit.Expert(host, $"expert-{Guid.NewGuid():N}");
        var id = await Kit.RecommendedApplicationAsync(host, Kit.NewStudioBody(await Kit.MasterIdAsync(host)));

        using var refused = await Kit.PostAsync(expert, $"/applications/{id}/scores", new { score = (decimal)score, comment = "评分" });

        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, ValidationFailed);
        Assert.Equal([field], HttpAssert.ErrorFields(problem));
        var application = await Kit.GetOkAsync(op, $"/applications/{id}");
        Assert.Equal("Recommended", application.GetProperty("status").GetString());
        Assert.Equal(0, application.GetProperty("scores").GetArrayLength());
        var accepted = await Kit.PostOkAsync(expert, $"/applications/{id}/scores", new { score = 85.5m, comment = "评分" });
        Assert.Equal(85.5m, accepted.GetProperty("averageScore").GetDecimal());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Bad_tranches_are_refused_and_leave_the_funding_as_it_was(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var (studio, _, _) = await Kit.AccreditedStudioAsync(host);
        var accreditation = await Kit.CurrentAccreditationAsync(op, studio);
        var path = $"/accreditations/{accreditation}/tranches";
        var today = Kit.ChinaToday;
        await Kit.PostCreatedAsync(op, path, new { amount = 10_000m, paidOn = today, reference = "GK-2026-001" });

        (object Body, HttpStatusCode Status, string Code, string? Field)[] refusals =
        [
            (new { amount = -100m, paidOn = today, reference = "NEG" }, HttpStatusCode.BadRequest, ValidationFailed, "amount"),
            (new { amount = 0m, paidOn = today, reference = "ZERO" }, HttpStatusCode.BadRequest, ValidationFailed, "amount"),
            (new { amount = 1.005m, paidOn = today, reference = "FEN" }, HttpStatusCode.BadRequest, ValidationFailed, "amount"),
            (new { amount = 100m, paidOn = today.AddDays(1), reference = "FUTURE" }, HttpStatusCode.BadRequest, ValidationFailed, "paidOn"),
            (new { amount = 100m, paidOn = (DateOnly?)null, reference = "NODATE" }, HttpStatusCode.BadRequest, ValidationFailed, "paidOn"),
            (new { amount = 100m, paidOn = today, reference = "" }, HttpStatusCode.BadRequest, ValidationFailed, "reference"),
            (new { amount = 100m, paidOn = today.AddDays(-1), reference = "EARLY" }, HttpStatusCode.UnprocessableEntity, "studios.tranche_before_accreditation", null),
            (new { amount = 100m, paidOn = today, reference = "GK-2026-001" }, HttpStatusCode.Conflict, "studios.tranche_reference_used", null),
            (new { amount = 100m, paidOn = today, reference = " GK-2026-001 " }, HttpStatusCode.Conflict, "studios.tranche_reference_used", null),
            (new { amount = 40_000.01m, paidOn = today, reference = "TOO-MUCH" }, HttpStatusCode.UnprocessableEntity, "studios.tranche_exceeds_grant", null),
        ];
        foreach (var (body, status, code, field) in refusals)
        {
            using var refused = await Kit.PostAsync(op, path, body);
            var problem = await HttpAssert.ProblemAsync(refused, status, code);
            if (field is not null)
            {
                Assert.Equal([field], HttpAssert.ErrorFields(problem));
            }
        }

        using (var unknown = await Kit.PostAsync(op, $"/accreditations/{Guid.NewGuid()}/tranches", new { amount = 1m, paidOn = today, reference = "X" }))
        {
            await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound, "studios.accreditation_not_found");
        }

        var funding = (await Kit.GetOkAsync(op, $"/studios/{studio}")).GetProperty("accreditations")[0];
        Assert.Equal(10_000m, funding.GetProperty("fundingPaid").GetDecimal());
        Assert.Equal("GK-2026-001", Assert.Single(funding.GetProperty("tranches").EnumerateArray()).GetProperty("reference").GetString());
        var rest = await Kit.PostCreatedAsync(op, path, new { amount = 40_000m, paidOn = today, reference = "GK-2026-002" });
        Assert.Equal(50_000m, rest.GetProperty("accreditations")[0].GetProperty("fundingPaid").GetDecimal());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Bad_annual_reports_are_refused_and_none_is_stored(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var year = Kit.ChinaToday.Year;
        var (studio, _, _) = await Kit.AccreditedStudioAsync(host, new DateOnly(year - 2, 3, 1));
        var path = $"/studios/{studio}/annual-reports";
        var twin = Kit.NewIdNumber(age: 25);

        (object Body, HttpStatusCode Status, string Code)[] refusals =
        [
            (Kit.ReportBody(year), HttpStatusCode.UnprocessableEntity, "studios.report_year_not_over"),
            (Kit.ReportBody(year - 3), HttpStatusCode.UnprocessableEntity, "studios.report_year_outside_term"),
            (Kit.ReportBody(year - 1, Kit.ApprenticeEntry(year - 1, "Level4", twin), Kit.ApprenticeEntry(year - 1, null, twin)), HttpStatusCode.UnprocessableEntity, "studios.apprentice_listed_twice"),
            (Kit.ReportBody(year - 1, Kit.ApprenticeEntry(year - 2, "Level4")), HttpStatusCode.BadRequest, ValidationFailed),
            (Kit.ReportBody(year - 1, new { identityNumber = Kit.NewIdNumber(age: 22), levelReached = "Level4" }), HttpStatusCode.BadRequest, ValidationFailed),
            (Kit.ReportBody(year - 1, new { identityNumber = WithWrongCheckCharacter(Kit.NewIdNumber(age: 22)) }), HttpStatusCode.BadRequest, ValidationFailed),
            (Kit.ReportBody(year - 1, Enumerable.Range(0, 501).Select(_ => Kit.ApprenticeEntry(year - 1)).ToArray()), HttpStatusCode.BadRequest, ValidationFailed),
            (new { year = year - 1, problemsSolved = -1, summary = "总结" }, HttpStatusCode.BadRequest, ValidationFailed),
            (new { year = year - 1, summary = "" }, HttpStatusCode.BadRequest, ValidationFailed),
        ];
        foreach (var (body, status, code) in refusals)
        {
            using var refused = await Kit.PostAsync(op, path, body);
            await HttpAssert.ProblemAsync(refused, status, code);
        }

        var stored = await Kit.ReadDbAsync(host, db => db.AnnualReports.IgnoreQueryFilters().CountAsync(r => r.StudioId == studio, Token));
        Assert.Equal(0, stored);
        await Kit.PostCreatedAsync(op, path, Kit.ReportBody(year - 1, Kit.ApprenticeEntry(year - 1, "Level4", twin)));
        using var twice = await Kit.PostAsync(op, path, Kit.ReportBody(year - 1));
        await HttpAssert.ProblemAsync(twice, HttpStatusCode.Conflict, "studios.report_exists");
    }

    [Fact]
    public async Task The_field_errors_of_a_bad_report_name_the_apprentice_and_the_list()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var year = Kit.ChinaToday.Year - 1;
        var (studio, _, _) = await Kit.AccreditedStudioAsync(host, new DateOnly(year, 1, 1));

        using var outsideYear = await Kit.PostAsync(op, $"/studios/{studio}/annual-reports", Kit.ReportBody(year, Kit.ApprenticeEntry(year), Kit.ApprenticeEntry(year + 1, "Level4")));
        using var tooMany = await Kit.PostAsync(op, $"/studios/{studio}/annual-reports", Kit.ReportBody(year, Enumerable.Range(0, 501).Select(_ => Kit.ApprenticeEntry(year)).ToArray()));

        var first = await HttpAssert.ProblemAsync(outsideYear, HttpStatusCode.BadRequest, ValidationFailed);
        Assert.Equal(["apprentices[1]"], HttpAssert.ErrorFields(first));
        var second = await HttpAssert.ProblemAsync(tooMany, HttpStatusCode.BadRequest, ValidationFailed);
        Assert.Equal(["apprentices"], HttpAssert.ErrorFields(second));
    }

    [Fact]
    public async Task A_null_entry_in_the_apprentice_list_is_a_400_not_a_500()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var year = Kit.ChinaToday.Year - 1;
        var (studio, _, _) = await Kit.AccreditedStudioAsync(host, new DateOnly(year, 1, 1));

        using var refused = await Kit.PostRawAsync(op, $"/studios/{studio}/annual-reports", $$"""{ "year": {{year}}, "apprentices": [null], "summary": "总结" }""");

        var problem = await HttpAssert.ReadJsonAsync(refused);
        Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)refused.StatusCode}: {problem}");
        Assert.Contains(HttpAssert.ErrorFields(problem), f => f.StartsWith("apprentices", StringComparison.Ordinal));
        var stored = await Kit.ReadDbAsync(host, db => db.AnnualReports.IgnoreQueryFilters().CountAsync(r => r.StudioId == studio, Token));
        Assert.Equal(0, stored);
    }

    [Theory]
    [InlineData("/masters/search")]
    [InlineData("/applications/search")]
    [InlineData("/studios/search")]
    public async Task A_search_with_a_bad_cursor_or_limit_is_a_400_naming_the_field(string path)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);

        using var cursor = await Kit.PostAsync(op, path, new { cursor = "not-a-cursor" });
        using var limit = await Kit.PostAsync(op, path, new { limit = 201 });
        using var region = await Kit.PostAsync(op, path, new { regionCode = "999999" });

        Assert.Equal(["cursor"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(cursor, HttpStatusCode.BadRequest, ValidationFailed)));
        Assert.Equal(["limit"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(limit, HttpStatusCode.BadRequest, ValidationFailed)));
        Assert.Equal(["regionCode"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(region, HttpStatusCode.BadRequest, ValidationFailed)));
    }

    [Theory]
    [InlineData("/statistics?regionCode=519999", "regionCode")]
    [InlineData("/statistics", "regionCode")]
    [InlineData("/statistics?regionCode=511100&year=1999", "year")]
    [InlineData("/annual-reports/overdue?regionCode=511100&cursor=nope", "cursor")]
    [InlineData("/annual-reports/overdue?regionCode=511100&limit=0", "limit")]
    [InlineData("/program-rules?regionCode=123", "regionCode")]
    [InlineData("/funding-standards?inForceFor=511102", "inForceFor")]
    public async Task A_query_with_a_bad_parameter_is_a_400_naming_it(string path, string field)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);

        using var refused = await Kit.GetAsync(op, path);

        var problem = await HttpAssert.ReadJsonAsync(refused);
        Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)refused.StatusCode}: {problem}");
        Assert.Contains(field, HttpAssert.ErrorFields(problem));
    }

    [Theory]
    [InlineData("/studios/{0}", "studios.studio_not_found")]
    [InlineData("/masters/{0}", "studios.master_not_found")]
    [InlineData("/applications/{0}", "studios.application_not_found")]
    [InlineData("/applications/{0}/eligibility", "studios.application_not_found")]
    [InlineData("/annual-reports/{0}", "studios.report_not_found")]
    public async Task An_unknown_record_is_a_404_with_the_modules_code(string template, string code)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);

        using var missing = await Kit.GetAsync(op, string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Guid.NewGuid()));

        await HttpAssert.ProblemAsync(missing, HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task A_decision_with_a_start_day_out_of_range_is_a_400_and_decides_nothing()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        using var city = Kit.Reviewer(host, Kit.Leshan, "validating-decider");
        var id = await Kit.ScoredApplicationAsync(host, Kit.NewStudioBody(await Kit.MasterIdAsync(host)));

        using var refused = await Kit.PostAsync(city, $"/applications/{id}/decision", new { approve = true, reason = "通过", startsOn = new DateOnly(1999, 12, 31) });
        using var malformed = await Kit.PostRawAsync(city, $"/applications/{id}/decision", """{ "approve": "yes please", "reason": "通过" }""");

        Assert.Equal(["startsOn"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, ValidationFailed)));
        await HttpAssert.ProblemAsync(malformed, HttpStatusCode.BadRequest, MalformedJson);
        Assert.Equal("UnderReview", (await Kit.GetOkAsync(op, $"/applications/{id}")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Updating_a_master_with_a_stale_If_Match_is_412_and_changes_nothing(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var employer = Kit.NewCreditCode();
        var master = await Kit.MasterIdAsync(host, employer: employer);
        using (var updated = await Kit.SendAsync(op, HttpMethod.Put, $"/masters/{master}", Kit.MasterBody(level: "Level1", employer: employer), "\"1\""))
        {
            await HttpAssert.ReadOkJsonAsync(updated);
        }

        using var stale = await Kit.SendAsync(op, HttpMethod.Put, $"/masters/{master}", Kit.MasterBody(level: "Level3", employer: employer), "\"1\"");

        await HttpAssert.ProblemAsync(stale, HttpStatusCode.PreconditionFailed, "resource.precondition_failed");
        var stored = await Kit.GetOkAsync(op, $"/masters/{master}");
        Assert.Equal("Level1", stored.GetProperty("qualificationLevel").GetString());
        Assert.Equal(2, stored.GetProperty("version").GetInt32());
    }

    private static string WithWrongCheckCharacter(string value) =>
        string.Concat(value.AsSpan(0, value.Length - 1), value[^1] == '1' ? "2" : "1");
}
