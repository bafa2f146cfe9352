using System.Net;
using System.Text;
using System.Text.Json;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Platform;
using static Platform.IntegrationTests.TrainingVouchers.VoucherTestKit;

namespace Platform.IntegrationTests.TrainingVouchers;

/// <summary>
/// The seven eligibility rules through <c>POST /eligibility</c> and issuing: every rule is explained,
/// passed or not; issuing refuses with the first failed rule's code and status and stores nothing;
/// malformed applications are 400 with field errors and store nothing either.
/// </summary>
public sealed class EligibilityRulesTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_eligible_applicant_passes_all_seven_rules_and_is_told_the_face_value(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);

        var verdict = await VoucherRuleSteps.EligibilityAsync(op, VoucherRuleSteps.NewHolder(), ["MigrantWorkers"]);

        VoucherRuleSteps.AssertVerdict(verdict);
        Assert.Equal(1300m, verdict.GetProperty("faceValue").GetDecimal());
        Assert.Equal(ChinaToday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), verdict.GetProperty("evaluatedOn").GetString());
        Assert.All(verdict.GetProperty("rules").EnumerateArray(), r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("detail").GetString())));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, 15)]
    [InlineData(DatabaseProvider.Sqlite, 61)]
    [InlineData(DatabaseProvider.PostgreSql, 15)]
    [InlineData(DatabaseProvider.PostgreSql, 61)]
    public async Task An_applicant_outside_the_working_age_fails_only_that_rule_and_is_refused_422(DatabaseProvider provider, int age)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);
        var id = VoucherRuleSteps.NewHolder(age);

        var verdict = await VoucherRuleSteps.EligibilityAsync(op, id, ["MigrantWorkers"]);
        using var refused = await PostAsync(op, "/vouchers", IssueBody(id));

        VoucherRuleSteps.AssertVerdict(verdict, "WorkingAge");
        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "vouchers.not_working_age");
        Assert.Empty(await VoucherRuleSteps.SearchHolderAsync(host.CreateClient(), id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_applicant_in_no_eligible_group_fails_only_the_group_rule(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);

        var verdict = await VoucherRuleSteps.EligibilityAsync(op, VoucherRuleSteps.NewHolder(), []);

        VoucherRuleSteps.AssertVerdict(verdict, "EligibleGroup");
        Assert.Equal(1300m, verdict.GetProperty("faceValue").GetDecimal());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_fourth_voucher_in_one_calendar_year_fails_the_quota_and_is_refused_without_storing(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);
        using var admin = host.CreateClient();
        var id = VoucherRuleSteps.NewHolder();
        await VoucherRuleSteps.IssueIdAsync(op, id, Photovoltaic, "Level5");
        await VoucherRuleSteps.IssueIdAsync(op, id, Electrician, "Level5");
        await VoucherRuleSteps.IssueIdAsync(op, id, Photovoltaic, "Level4");

        var verdict = await VoucherRuleSteps.EligibilityAsync(op, id, ["MigrantWorkers"], Electrician, "Level4");
        using var refused = await PostAsync(op, "/vouchers", IssueBody(id, Electrician, "Level4"));

        VoucherRuleSteps.AssertVerdict(verdict, "YearlyQuota");
        Assert.Equal(1500m, verdict.GetProperty("faceValue").GetDecimal());
        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "vouchers.yearly_quota_exceeded");
        Assert.Equal(3, (await VoucherRuleSteps.SearchHolderAsync(admin, id)).Length);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_holder_who_passed_a_higher_level_is_already_subsidised_for_the_lower_level(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);
        using var admin = host.CreateClient();
        var id = VoucherRuleSteps.NewHolder();
        var level4 = await VoucherRuleSteps.CompletedAsync(host, id, passed: true, level: "Level4");

        var verdict = await VoucherRuleSteps.EligibilityAsync(op, id, ["MigrantWorkers"], Photovoltaic, "Level5");
        using var refused = await PostAsync(op, "/vouchers", IssueBody(id, Photovoltaic, "Level5"));

        VoucherRuleSteps.AssertVerdict(verdict, "NotAlreadySubsidised");
        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "vouchers.already_subsidised");
        var held = await VoucherRuleSteps.SearchHolderAsync(admin, id);
        Assert.Equal([level4], held.Select(v => v.GetProperty("id").GetGuid()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_open_voucher_for_the_same_occupation_and_level_fails_that_rule_and_is_refused_409(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);
        using var admin = host.CreateClient();
        var id = VoucherRuleSteps.NewHolder();
        var open = await VoucherRuleSteps.IssueIdAsync(op, id);

        var verdict = await VoucherRuleSteps.EligibilityAsync(op, id, ["MigrantWorkers"]);
        using var refused = await PostAsync(op, "/vouchers", IssueBody(id));

        VoucherRuleSteps.AssertVerdict(verdict, "NoOpenVoucher");
        await HttpAssert.ProblemAsync(refused, HttpStatusCode.Conflict, "vouchers.open_voucher_exists");
        Assert.Equal([open], (await VoucherRuleSteps.SearchHolderAsync(admin, id)).Select(v => v.GetProperty("id").GetGuid()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "9-99-99-99", "Level5")]
    [InlineData(DatabaseProvider.Sqlite, Photovoltaic, "Level1")]
    [InlineData(DatabaseProvider.PostgreSql, "9-99-99-99", "Level5")]
    [InlineData(DatabaseProvider.PostgreSql, Photovoltaic, "Level1")]
    public async Task An_occupation_or_level_not_offered_fails_the_occupation_rule_and_has_no_standard(DatabaseProvider provider, string occupation, string level)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);
        var id = VoucherRuleSteps.NewHolder();

        var verdict = await VoucherRuleSteps.EligibilityAsync(op, id, ["MigrantWorkers"], occupation, level);
        using var refused = await PostAsync(op, "/vouchers", IssueBody(id, occupation, level));

        // Without the occupation (or the level) in the catalogue there is no standard either.
        VoucherRuleSteps.AssertVerdict(verdict, "OccupationOffered", "RegionStandard");
        Assert.False(verdict.TryGetProperty("faceValue", out var faceValue) && faceValue.ValueKind != JsonValueKind.Null, $"A face value without a standard: {verdict}");
        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "vouchers.occupation_not_offered");
        Assert.Empty(await VoucherRuleSteps.SearchHolderAsync(host.CreateClient(), id));
    }

    [Theory]
    [InlineData("identityNumber")]
    [InlineData("regionCode")]
    [InlineData("level")]
    [InlineData("groups[0].evidence")]
    [InlineData("groups")]
    public async Task A_malformed_application_is_a_400_naming_the_field_and_stores_nothing(string field)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Operator(host);
        var id = VoucherRuleSteps.NewHolder();
        var groups = new[] { new { group = "MigrantWorkers", evidence = field == "groups[0].evidence" ? "" : "农民工证明" } };
        object body = new
        {
            identityNumber = field == "identityNumber" ? VoucherRuleSteps.WithWrongCheckCharacter(id) : id,
            groups = field == "groups" ? [] : groups,
            occupationCode = Photovoltaic,
            level = field == "level" ? null : "Level5",
            regionCode = field == "regionCode" ? "519999" : LeshanCounty,
        };

        using var refused = await PostAsync(op, "/vouchers", body);

        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal([field], HttpAssert.ErrorFields(problem));
        Assert.Empty(await VoucherRuleSteps.SearchHolderAsync(host.CreateClient(), id));
    }

    [Theory]
    [InlineData("level", """ "level": "Level9", "groups": [{ "group": "MigrantWorkers", "evidence": "证明" }] """)]
    [InlineData("groups[0].group", """ "level": "Level5", "groups": [{ "group": "Astronauts", "evidence": "证明" }] """)]
    public async Task An_unknown_enum_value_is_a_400_naming_the_field_and_stores_nothing(string field, string fragment)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Operator(host);
        var id = VoucherRuleSteps.NewHolder();
        var json = $$"""{ "identityNumber": "{{id}}", "occupationCode": "{{Photovoltaic}}", "regionCode": "{{LeshanCounty}}", {{fragment}} }""";

        using var refused = await VoucherRuleSteps.PostRawAsync(op, "/vouchers", json);

        // The platform's convention (HttpConventionsTests): an enum value the serializer cannot read is
        // request.malformed_json with the field named, before validation runs.
        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, ProblemCodes.MalformedJson);
        Assert.Equal([field], HttpAssert.ErrorFields(problem));
        Assert.Empty(await VoucherRuleSteps.SearchHolderAsync(host.CreateClient(), id));
    }

    [Theory]
    [InlineData("identityNumber")]
    [InlineData("regionCode")]
    [InlineData("level")]
    [InlineData("groups")]
    public async Task A_malformed_eligibility_question_is_a_400_naming_the_field(string field)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Operator(host);
        var id = VoucherRuleSteps.NewHolder();
        var body = new
        {
            identityNumber = field == "identityNumber" ? VoucherRuleSteps.WithWrongCheckCharacter(id) : id,
            groups = field == "groups" ? null : new[] { "MigrantWorkers" },
            occupationCode = Photovoltaic,
            level = field == "level" ? null : "Level5",
            regionCode = field == "regionCode" ? "519999" : LeshanCounty,
        };

        using var refused = await PostAsync(op, "/eligibility", body);

        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal([field], HttpAssert.ErrorFields(problem));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    public async Task Rule_details_and_refusals_come_in_the_requested_language(string? acceptLanguage)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Operator(host);
        if (acceptLanguage is not null)
        {
            op.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        var id = VoucherRuleSteps.NewHolder(15);
        var verdict = await VoucherRuleSteps.EligibilityAsync(op, id, ["MigrantWorkers"]);
        using var refused = await PostAsync(op, "/vouchers", IssueBody(id));

        var english = acceptLanguage is not null;
        var expected = english ? "Aged 15, outside the working age of 16–60." : "年龄 15 岁，不在 16–60 岁劳动年龄内。";
        var ageRule = verdict.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "WorkingAge");
        Assert.Equal(expected, ageRule.GetProperty("detail").GetString());
        var offered = verdict.GetProperty("rules")[0].GetProperty("detail").GetString();
        Assert.Equal(english ? "Photovoltaic module maker is offered at Level5." : "职业 光伏组件制造工 提供 五级/初级工 培训。", offered);
        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "vouchers.not_working_age");
        Assert.Equal(expected, problem.GetProperty("detail").GetString());
    }
}

/// <summary>Steps and checks the rule, scoping, enrolment, reference-data and statistics tests share, on top of <see cref="VoucherTestKit"/>.</summary>
internal static class VoucherRuleSteps
{
    /// <summary>The rules in the order the module explains them, with the code a refusal by each carries.</summary>
    public static readonly (string Rule, string Code)[] Rules =
    [
        ("OccupationOffered", "vouchers.occupation_not_offered"),
        ("RegionStandard", "vouchers.no_standard_in_region"),
        ("WorkingAge", "vouchers.not_working_age"),
        ("EligibleGroup", "vouchers.no_eligible_group"),
        ("YearlyQuota", "vouchers.yearly_quota_exceeded"),
        ("NotAlreadySubsidised", "vouchers.already_subsidised"),
        ("NoOpenVoucher", "vouchers.open_voucher_exists"),
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A valid identity number of someone aged <paramref name="age"/> registered in <paramref name="region"/>, unique in this run.</summary>
    public static string NewHolder(int age = 30, string region = LeshanCounty) => NewIdNumber(age, region);

    /// <summary>Asserts the verdict: exactly <paramref name="failing"/> rules failed, each rule with its own code.</summary>
    public static void AssertVerdict(JsonElement verdict, params string[] failing)
    {
        var rules = verdict.GetProperty("rules").EnumerateArray().ToArray();
        Assert.Equal(Rules.Select(r => r.Rule), rules.Select(r => r.GetProperty("rule").GetString()));
        foreach (var (rule, (name, code)) in rules.Zip(Rules))
        {
            Assert.True(rule.GetProperty("passed").GetBoolean() != failing.Contains(name), $"Rule {name} should have {(failing.Contains(name) ? "failed" : "passed")}: {verdict}");
            Assert.Equal(code, rule.GetProperty("code").GetString());
        }

        Assert.Equal(failing.Length == 0, verdict.GetProperty("eligible").GetBoolean());
    }

    public static async Task<JsonElement> EligibilityAsync(
        HttpClient op, string idNumber, string[] groups, string occupation = Photovoltaic, string level = "Level5", string region = LeshanCounty) =>
        await PostOkAsync(op, "/eligibility", new { identityNumber = idNumber, groups, occupationCode = occupation, level, regionCode = region });

    /// <summary>Issues a voucher (201 expected) and returns it.</summary>
    public static async Task<JsonElement> IssueAsync(HttpClient op, string idNumber, string occupation = Photovoltaic, string level = "Level5", string region = LeshanCounty, params string[] groups)
    {
        using var response = await PostAsync(op, "/vouchers", IssueBody(idNumber, occupation, level, region, groups));
        return await CreatedAsync(response);
    }

    public static async Task<Guid> IssueIdAsync(HttpClient op, string idNumber, string occupation = Photovoltaic, string level = "Level5", string region = LeshanCounty, params string[] groups) =>
        (await IssueAsync(op, idNumber, occupation, level, region, groups)).GetProperty("id").GetGuid();

    /// <summary>Reads a 201 answer, failing with the body otherwise.</summary>
    public static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var body = await HttpAssert.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201 but got {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>Issue (Leshan operator) → enrol at the Leshan institution (2 hours) → 120 minutes → assessed.</summary>
    public static async Task<Guid> CompletedAsync(
        PlatformFactory host, string idNumber, bool passed = true, string occupation = Photovoltaic, string level = "Level5", string? certificate = null, double hoursAgo = 30, params string[] groups)
    {
        using var op = Operator(host);
        using var institution = Institution(host);
        var voucher = await IssueIdAsync(op, idNumber, occupation, level, LeshanCounty, groups);
        await EnrolAsync(institution, voucher, idNumber);
        await PostOkAsync(institution, $"/vouchers/{voucher}/attendance", Sessions(120, hoursAgo));
        await PostOkAsync(institution, $"/vouchers/{voucher}/completion", Completion(passed, certificate));
        return voucher;
    }

    /// <summary>The vouchers a search by holder returns to <paramref name="client"/> (which it disposes).</summary>
    public static async Task<JsonElement[]> SearchHolderAsync(HttpClient client, string idNumber)
    {
        using (client)
        {
            return await SearchAsync(client, new { holderIdNumber = idNumber, limit = 200 });
        }
    }

    public static async Task<JsonElement[]> SearchAsync(HttpClient client, object body) =>
        (await PostOkAsync(client, "/vouchers/search", body)).GetProperty("items").EnumerateArray().ToArray();

    public static Task<HttpResponseMessage> GetAsync(HttpClient client, Guid voucher) =>
        client.GetAsync($"{Base}/vouchers/{voucher}", Token);

    public static async Task<string?> StatusAsync(HttpClient client, Guid voucher) =>
        (await GetOkAsync(client, $"/vouchers/{voucher}")).GetProperty("status").GetString();

    public static async Task<HttpResponseMessage> PostRawAsync(HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PostAsync(Base + path, content, Token);
    }

    /// <summary>The same number with another check character: a checksum failure.</summary>
    public static string WithWrongCheckCharacter(string idNumber) =>
        idNumber[..17] + (idNumber[17] == '1' ? '2' : '1');
}
