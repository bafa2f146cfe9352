using System.Net;
using System.Text.Json;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Kit = Platform.IntegrationTests.SkillMasterStudios.StudioTestKit;

namespace Platform.IntegrationTests.SkillMasterStudios;

/// <summary>
/// The eligibility rules of an application through the HTTP API: the explanation lists every rule, and
/// submitting (and approving) refuses with the code of the first rule that fails. Only Qianwei (511123)
/// gets its own program rules here, so the rest of the class keeps the province's defaults.
/// </summary>
public sealed class StudioEligibilityTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private static readonly string[] RuleOrder =
    [
        "ProgramRules", "MasterQualification", "MasterFree", "NoOtherOpenApplication", "HostOrganisation", "StudioStanding", "LevelLadder",
        "RenewalWindow", "RenewalAssessment", "FundingStandard",
    ];

    private static readonly string[] RuleCodes =
    [
        "studios.no_program_rules", "studios.master_not_qualified", "studios.master_leads_active_studio", "studios.open_application_exists",
        "studios.host_invalid", "studios.studio_not_active", "studios.level_ladder", "studios.renewal_outside_window",
        "studios.renewal_needs_qualified_year", "studios.no_funding_standard",
    ];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_eligibility_of_a_new_municipal_studio_explains_every_rule_in_order_and_changes_nothing(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var master = await Kit.MasterIdAsync(host);
        var id = await Kit.DraftAsync(op, Kit.NewStudioBody(master));

        var eligibility = await Kit.GetOkAsync(op, $"/applications/{id}/eligibility");

        Assert.True(eligibility.GetProperty("eligible").GetBoolean(), eligibility.ToString());
        Assert.Equal(Kit.ChinaToday, DateOnly.Parse(eligibility.GetProperty("evaluatedOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(50_000m, eligibility.GetProperty("fundingGranted").GetDecimal());
        var rules = eligibility.GetProperty("rules").EnumerateArray().ToArray();
        Assert.Equal(RuleOrder, rules.Select(r => r.GetProperty("rule").GetString()));
        Assert.Equal(RuleCodes, rules.Select(r => r.GetProperty("code").GetString()));
        Assert.All(rules, r =>
        {
            Assert.True(r.GetProperty("passed").GetBoolean(), r.ToString());
            Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("detail").GetString()));
        });
        var application = await Kit.GetOkAsync(op, $"/applications/{id}");
        Assert.Equal("Draft", application.GetProperty("status").GetString());
        Assert.Equal(1, application.GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_Level3_master_fails_only_the_qualification_rule_and_submission_is_refused_master_not_qualified(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var master = await Kit.MasterIdAsync(host, level: "Level3");
        var id = await Kit.DraftAsync(op, Kit.NewStudioBody(master));

        var eligibility = await Kit.GetOkAsync(op, $"/applications/{id}/eligibility");
        using var refused = await Kit.PostAsync(op, $"/applications/{id}/submission", null);

        Assert.False(eligibility.GetProperty("eligible").GetBoolean());
        Assert.Equal(["MasterQualification"], FailedRules(eligibility));
        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "studios.master_not_qualified");
        await AssertStatusAsync(op, id, "Draft");
    }

    [Fact]
    public async Task A_new_studio_applying_at_provincial_level_is_refused_level_ladder()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var master = await Kit.MasterIdAsync(host);
        var id = await Kit.DraftAsync(op, Kit.NewStudioBody(master, level: "Provincial"));

        var eligibility = await Kit.GetOkAsync(op, $"/applications/{id}/eligibility");
        using var refused = await Kit.PostAsync(op, $"/applications/{id}/submission", null);

        Assert.Equal(["LevelLadder"], FailedRules(eligibility));
        Assert.Equal(100_000m, eligibility.GetProperty("fundingGranted").GetDecimal());
        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "studios.level_ladder");
        await AssertStatusAsync(op, id, "Draft");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_upgrade_skipping_a_level_from_municipal_to_national_is_refused_level_ladder(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var (studio, _, _) = await Kit.AccreditedStudioAsync(host);
        var id = await Kit.DraftAsync(op, Kit.ExistingStudioBody(studio, "Upgrade", "National"));

        var eligibility = await Kit.GetOkAsync(op, $"/applications/{id}/eligibility");
        using var refused = await Kit.PostAsync(op, $"/applications/{id}/submission", null);

        Assert.Equal(["LevelLadder"], FailedRules(eligibility));
        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "studios.level_ladder");
        await AssertStatusAsync(op, id, "Draft");
    }

    [Fact]
    public async Task A_renewal_at_another_level_than_the_current_one_is_refused_level_ladder()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var (studio, _, _) = await Kit.AccreditedStudioAsync(host);
        var id = await Kit.DraftAsync(op, Kit.ExistingStudioBody(studio, "Renewal", "Provincial"));

        using var refused = await Kit.PostAsync(op, $"/applications/{id}/submission", null);

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "studios.level_ladder");
        await AssertStatusAsync(op, id, "Draft");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_host_registered_in_Chongqing_cannot_host_a_Sichuan_studio_host_invalid(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var master = await Kit.MasterIdAsync(host);
        var chongqingHost = Kit.NewCreditCode(Kit.ChongqingDistrict);
        var id = await Kit.DraftAsync(op, Kit.NewStudioBody(master, host: chongqingHost));

        var eligibility = await Kit.GetOkAsync(op, $"/applications/{id}/eligibility");
        using var refused = await Kit.PostAsync(op, $"/applications/{id}/submission", null);

        Assert.Equal(["HostOrganisation"], FailedRules(eligibility));
        var hostRule = eligibility.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "HostOrganisation");
        Assert.Contains(Kit.ChongqingDistrict, hostRule.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "studios.host_invalid");
        await AssertStatusAsync(op, id, "Draft");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_master_who_leads_an_active_studio_cannot_apply_for_another_409_master_leads_active_studio(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var (studio, master, _) = await Kit.AccreditedStudioAsync(host);
        var id = await Kit.DraftAsync(op, Kit.NewStudioBody(master));

        var eligibility = await Kit.GetOkAsync(op, $"/applications/{id}/eligibility");
        using var refused = await Kit.PostAsync(op, $"/applications/{id}/submission", null);

        Assert.Equal(["MasterFree"], FailedRules(eligibility));
        await HttpAssert.ProblemAsync(refused, HttpStatusCode.Conflict, "studios.master_leads_active_studio");
        await AssertStatusAsync(op, id, "Draft");
        Assert.Equal(studio, (await Kit.GetOkAsync(op, $"/masters/{master}")).GetProperty("activeStudioId").GetGuid());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_second_application_of_a_master_is_refused_409_open_application_exists_until_the_first_is_withdrawn(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var master = await Kit.MasterIdAsync(host);
        var first = await Kit.DraftAsync(op, Kit.NewStudioBody(master));
        var second = await Kit.DraftAsync(op, Kit.NewStudioBody(master));
        await Kit.PostOkAsync(op, $"/applications/{first}/submission", null);

        using (var refused = await Kit.PostAsync(op, $"/applications/{second}/submission", null))
        {
            var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.Conflict, "studios.open_application_exists");
            Assert.Contains(first.ToString(), problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        }

        await AssertStatusAsync(op, second, "Draft");
        await Kit.PostOkAsync(op, $"/applications/{first}/withdrawal", new { note = "改由另一依托单位申报" });
        var submitted = await Kit.PostOkAsync(op, $"/applications/{second}/submission", null);
        Assert.Equal("Submitted", submitted.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_renewal_of_a_studio_accredited_today_is_outside_the_renewal_window(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var (studio, _, _) = await Kit.AccreditedStudioAsync(host);
        var id = await Kit.DraftAsync(op, Kit.ExistingStudioBody(studio, "Renewal", "Municipal"));

        var eligibility = await Kit.GetOkAsync(op, $"/applications/{id}/eligibility");
        using var refused = await Kit.PostAsync(op, $"/applications/{id}/submission", null);

        // Both renewal rules fail (no assessment yet either); the window is checked first.
        Assert.Equal(["RenewalWindow", "RenewalAssessment"], FailedRules(eligibility));
        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "studios.renewal_outside_window");
        await AssertStatusAsync(op, id, "Draft");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_renewal_in_the_window_after_an_unqualified_last_year_is_refused_renewal_needs_qualified_year(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);

        // Accredited three years ago less 30 days: the term ends in 29 days, inside the 180-day window.
        var (studio, _, _) = await Kit.AccreditedStudioAsync(host, Kit.ChinaToday.AddYears(-3).AddDays(30));
        var graded = await Kit.ReportAndAssessAsync(host, studio, Kit.ChinaToday.Year - 1, 50m);
        Assert.Equal("Unqualified", graded.GetProperty("grade").GetString());
        var id = await Kit.DraftAsync(op, Kit.ExistingStudioBody(studio, "Renewal", "Municipal"));

        var eligibility = await Kit.GetOkAsync(op, $"/applications/{id}/eligibility");
        using var refused = await Kit.PostAsync(op, $"/applications/{id}/submission", null);

        Assert.Equal(["RenewalAssessment"], FailedRules(eligibility));
        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "studios.renewal_needs_qualified_year");
        await AssertStatusAsync(op, id, "Draft");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_renewal_in_the_window_after_a_qualified_year_is_approved_and_its_term_follows_the_current_one(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var city = Kit.Reviewer(host, Kit.Leshan, "renewal-decider");
        var startsOn = Kit.ChinaToday.AddYears(-3).AddDays(30);
        var (studio, _, _) = await Kit.AccreditedStudioAsync(host, startsOn);
        await Kit.ReportAndAssessAsync(host, studio, Kit.ChinaToday.Year - 1, 75m);
        var termEndsOn = startsOn.AddYears(3).AddDays(-1);

        var id = await Kit.ScoredApplicationAsync(host, Kit.ExistingStudioBody(studio, "Renewal", "Municipal"));
        var approved = await Kit.PostOkAsync(city, $"/applications/{id}/decision", new { approve = true, reason = "续期通过" });

        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        var renewed = await Kit.GetOkAsync(op, $"/studios/{studio}");
        var accreditations = renewed.GetProperty("accreditations").EnumerateArray().ToArray();
        Assert.Equal(2, accreditations.Length);
        Assert.Equal("Renewal", accreditations[1].GetProperty("kind").GetString());
        Assert.Equal(termEndsOn.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), accreditations[1].GetProperty("startsOn").GetString());
        Assert.Equal(termEndsOn.AddYears(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), renewed.GetProperty("termEndsOn").GetString());
        Assert.Equal(startsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), renewed.GetProperty("accreditedOn").GetString());
        Assert.Equal(50_000m, accreditations[1].GetProperty("fundingGranted").GetDecimal());
        Assert.Equal("Municipal", renewed.GetProperty("level").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_county_without_the_level_ladder_lets_a_new_studio_apply_at_provincial_level(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var admin = Kit.Administrator(host);

        // Only an administrator may set the rules; the county's own rules then win over the province's.
        using (var notAllowed = await Kit.PostAsync(op, "/program-rules", Kit.RulesBody(Kit.Qianwei, new DateOnly(2019, 1, 1), ladderRequired: false)))
        {
            await HttpAssert.ProblemAsync(notAllowed, HttpStatusCode.Forbidden, Kit.PermissionMissing);
        }

        await Kit.SwitchLadderOffAsync(host, Kit.Qianwei);
        var rules = await Kit.GetOkAsync(op, $"/program-rules?regionCode={Kit.Qianwei}");
        Assert.Equal(Kit.Qianwei, rules.GetProperty("regionCode").GetString());
        Assert.False(rules.GetProperty("ladderRequired").GetBoolean());

        var inQianwei = await Kit.DraftAsync(op, Kit.NewStudioBody(await Kit.MasterIdAsync(host, region: Kit.Qianwei), level: "Provincial", region: Kit.Qianwei));
        var inShizhong = await Kit.DraftAsync(op, Kit.NewStudioBody(await Kit.MasterIdAsync(host), level: "Provincial"));

        var eligibility = await Kit.GetOkAsync(op, $"/applications/{inQianwei}/eligibility");
        Assert.True(eligibility.GetProperty("eligible").GetBoolean(), eligibility.ToString());
        Assert.Equal(100_000m, eligibility.GetProperty("fundingGranted").GetDecimal());
        Assert.Equal("Submitted", (await Kit.PostOkAsync(op, $"/applications/{inQianwei}/submission", null)).GetProperty("status").GetString());
        using var stillLadder = await Kit.PostAsync(op, $"/applications/{inShizhong}/submission", null);
        await HttpAssert.ProblemAsync(stillLadder, HttpStatusCode.UnprocessableEntity, "studios.level_ladder");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Approval_checks_eligibility_again_a_master_downgraded_after_submission_is_refused(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var city = Kit.Reviewer(host, Kit.Leshan, "recheck-decider");
        var employer = Kit.NewCreditCode();
        var master = await Kit.MasterIdAsync(host, employer: employer);
        var id = await Kit.ScoredApplicationAsync(host, Kit.NewStudioBody(master));

        // The master's qualification is corrected to Level3 while the experts review.
        var body = Kit.MasterBody(level: "Level3", employer: employer);
        using (var updated = await Kit.SendAsync(op, HttpMethod.Put, $"/masters/{master}", body))
        {
            Assert.Equal("Level3", (await HttpAssert.ReadOkJsonAsync(updated)).GetProperty("qualificationLevel").GetString());
        }

        using var refused = await Kit.PostAsync(city, $"/applications/{id}/decision", new { approve = true, reason = "通过" });

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "studios.master_not_qualified");
        var application = await Kit.GetOkAsync(op, $"/applications/{id}");
        Assert.Equal("UnderReview", application.GetProperty("status").GetString());
        Assert.True(Kit.IsAbsent(application, "studioId"));
        Assert.True(Kit.IsAbsent((await Kit.GetOkAsync(op, $"/masters/{master}")), "activeStudioId"));
    }

    [Fact]
    public async Task An_upgrade_of_a_revoked_studio_is_refused_studio_not_active()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        using var reviewer = Kit.Reviewer(host);
        var (studio, _, _) = await Kit.AccreditedStudioAsync(host);
        await Kit.PostOkAsync(reviewer, $"/studios/{studio}/revocation", new { reason = "依托单位注销" });
        var id = await Kit.DraftAsync(op, Kit.ExistingStudioBody(studio, "Upgrade", "Provincial"));

        var eligibility = await Kit.GetOkAsync(op, $"/applications/{id}/eligibility");
        using var refused = await Kit.PostAsync(op, $"/applications/{id}/submission", null);

        Assert.Contains("StudioStanding", FailedRules(eligibility));
        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "studios.studio_not_active");
    }

    private static string[] FailedRules(JsonElement eligibility) =>
        eligibility.GetProperty("rules").EnumerateArray().Where(r => !r.GetProperty("passed").GetBoolean()).Select(r => r.GetProperty("rule").GetString()!).ToArray();

    private static async Task AssertStatusAsync(HttpClient client, Guid application, string status) =>
        Assert.Equal(status, (await Kit.GetOkAsync(client, $"/applications/{application}")).GetProperty("status").GetString());
}
