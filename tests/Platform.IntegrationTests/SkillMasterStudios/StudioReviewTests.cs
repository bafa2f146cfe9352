using System.Net;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Platform.Modules.SkillMasterStudios.Contracts;
using Kit = Platform.IntegrationTests.SkillMasterStudios.StudioTestKit;

namespace Platform.IntegrationTests.SkillMasterStudios;

/// <summary>
/// The review of an application through the HTTP API: the state machine, the city's recommendation,
/// the experts' scores with their conflicts of interest, and the maker-checker decision at the level's
/// authority. Only Jingyan (511124) switches the level ladder off here, for a national application.
/// </summary>
public sealed class StudioReviewTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private const string InvalidTransition = "studios.invalid_transition";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Submitting_twice_is_409_invalid_transition_and_keeps_the_first_submission(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var id = await Kit.SubmittedAsync(host, Kit.NewStudioBody(await Kit.MasterIdAsync(host)));
        var before = await Kit.GetOkAsync(op, $"/applications/{id}");

        using var again = await Kit.PostAsync(op, $"/applications/{id}/submission", null);

        await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict, InvalidTransition);
        var after = await Kit.GetOkAsync(op, $"/applications/{id}");
        Assert.Equal("Submitted", after.GetProperty("status").GetString());
        Assert.Equal(before.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
        Assert.Equal(before.GetProperty("submittedAt").GetString(), after.GetProperty("submittedAt").GetString());
    }

    [Fact]
    public async Task An_expert_cannot_score_before_the_city_recommends_409_invalid_transition()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        using var expert = Kit.Expert(host, "early-expert");
        var id = await Kit.SubmittedAsync(host, Kit.NewStudioBody(await Kit.MasterIdAsync(host)));

        using var refused = await Kit.PostAsync(expert, $"/applications/{id}/scores", new { score = 90m, comment = "提前评分" });

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.Conflict, InvalidTransition);
        var application = await Kit.GetOkAsync(op, $"/applications/{id}");
        Assert.Equal("Submitted", application.GetProperty("status").GetString());
        Assert.Equal(0, application.GetProperty("scores").GetArrayLength());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Deciding_a_submitted_application_is_409_invalid_transition(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var city = Kit.Reviewer(host, Kit.Leshan, "eager-decider");
        var id = await Kit.SubmittedAsync(host, Kit.NewStudioBody(await Kit.MasterIdAsync(host)));

        using var approve = await Kit.PostAsync(city, $"/applications/{id}/decision", new { approve = true, reason = "通过" });
        using var reject = await Kit.PostAsync(city, $"/applications/{id}/decision", new { approve = false, reason = "不通过" });

        await HttpAssert.ProblemAsync(approve, HttpStatusCode.Conflict, InvalidTransition);
        await HttpAssert.ProblemAsync(reject, HttpStatusCode.Conflict, InvalidTransition);
        Assert.Equal("Submitted", (await Kit.GetOkAsync(op, $"/applications/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_county_operator_cannot_recommend_403_decision_level_too_low()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        using var county = Kit.Operator(host, Kit.LeshanCounty, "county-operator");
        var id = await Kit.SubmittedAsync(host, Kit.NewStudioBody(await Kit.MasterIdAsync(host)));

        using var refused = await Kit.PostAsync(county, $"/applications/{id}/recommendation", new { recommend = true, note = "同意" });

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.Forbidden, "studios.decision_level_too_low");
        var application = await Kit.GetOkAsync(op, $"/applications/{id}");
        Assert.Equal("Submitted", application.GetProperty("status").GetString());
        Assert.True(Kit.IsAbsent(application, "recommendedBy"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Declining_to_recommend_needs_a_note_and_rejects_the_application(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var city = Kit.Operator(host, Kit.Leshan, "city-recommender-2");
        using var expert = Kit.Expert(host, "late-expert");
        var master = await Kit.MasterIdAsync(host);
        var id = await Kit.SubmittedAsync(host, Kit.NewStudioBody(master));

        using (var noNote = await Kit.PostAsync(city, $"/applications/{id}/recommendation", new { recommend = false }))
        {
            var problem = await HttpAssert.ProblemAsync(noNote, HttpStatusCode.BadRequest, "request.validation_failed");
            Assert.Equal(["note"], HttpAssert.ErrorFields(problem));
        }

        Assert.Equal("Submitted", (await Kit.GetOkAsync(op, $"/applications/{id}")).GetProperty("status").GetString());
        var declined = await Kit.PostOkAsync(city, $"/applications/{id}/recommendation", new { recommend = false, note = "带徒成效不足" });

        Assert.Equal("Rejected", declined.GetProperty("status").GetString());
        Assert.Equal("带徒成效不足", declined.GetProperty("decisionReason").GetString());
        Assert.Equal("city-recommender-2", declined.GetProperty("decidedBy").GetString());
        using var score = await Kit.PostAsync(expert, $"/applications/{id}/scores", new { score = 90m, comment = "评分" });
        await HttpAssert.ProblemAsync(score, HttpStatusCode.Conflict, InvalidTransition);

        // A rejected application no longer blocks the master.
        var next = await Kit.DraftAsync(op, Kit.NewStudioBody(master));
        Assert.Equal("Submitted", (await Kit.PostOkAsync(op, $"/applications/{next}/submission", null)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Experts_of_the_host_or_of_the_masters_employer_and_the_recommender_cannot_score_403_expert_conflict(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var employer = Kit.NewCreditCode();
        var hostCode = Kit.NewCreditCode();
        var id = await Kit.RecommendedApplicationAsync(host, Kit.NewStudioBody(await Kit.MasterIdAsync(host, employer: employer), host: hostCode));
        using var ofHost = Kit.Expert(host, "expert-of-host", hostCode);
        using var ofEmployer = Kit.Expert(host, "expert-of-employer", employer);
        using var recommender = Kit.Expert(host, "city-recommender-1");
        using var namingHost = Kit.Reviewer(host, Kit.Sichuan, "expert-naming-host");

        using var a = await Kit.PostAsync(ofHost, $"/applications/{id}/scores", new { score = 95m, comment = "本单位" });
        using var b = await Kit.PostAsync(ofEmployer, $"/applications/{id}/scores", new { score = 95m, comment = "本单位" });
        using var c = await Kit.PostAsync(recommender, $"/applications/{id}/scores", new { score = 95m, comment = "推荐人" });
        using var d = await Kit.PostAsync(namingHost, $"/applications/{id}/scores", new { score = 95m, comment = "本单位", expertOrganisationCode = hostCode });

        await HttpAssert.ProblemAsync(a, HttpStatusCode.Forbidden, "studios.expert_conflict");
        await HttpAssert.ProblemAsync(b, HttpStatusCode.Forbidden, "studios.expert_conflict");
        await HttpAssert.ProblemAsync(c, HttpStatusCode.Forbidden, "studios.expert_conflict");
        await HttpAssert.ProblemAsync(d, HttpStatusCode.Forbidden, "studios.expert_conflict");
        var application = await Kit.GetOkAsync(op, $"/applications/{id}");
        Assert.Equal("Recommended", application.GetProperty("status").GetString());
        Assert.Equal(0, application.GetProperty("scores").GetArrayLength());
    }

    [Fact]
    public async Task An_expert_without_an_organisation_claim_must_name_the_organisation()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        using var expert = Kit.Reviewer(host, Kit.Sichuan, "expert-without-org");
        var id = await Kit.RecommendedApplicationAsync(host, Kit.NewStudioBody(await Kit.MasterIdAsync(host)));
        var organisation = Kit.NewCreditCode("510104");

        using (var unknown = await Kit.PostAsync(expert, $"/applications/{id}/scores", new { score = 88m, comment = "评分" }))
        {
            await HttpAssert.ProblemAsync(unknown, HttpStatusCode.Forbidden, "studios.expert_organisation_unknown");
        }

        Assert.Equal(0, (await Kit.GetOkAsync(op, $"/applications/{id}")).GetProperty("scores").GetArrayLength());
        var scored = await Kit.PostOkAsync(expert, $"/applications/{id}/scores", new { score = 88m, comment = "评分", expertOrganisationCode = organisation });

        Assert.Equal("UnderReview", scored.GetProperty("status").GetString());
        var score = Assert.Single(scored.GetProperty("scores").EnumerateArray());
        Assert.Equal(organisation, score.GetProperty("expertOrganisation").GetString());
        Assert.Equal("expert-without-org", score.GetProperty("expert").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_expert_scores_once_409_already_scored(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var expert = Kit.Expert(host, "expert-twice");
        var id = await Kit.RecommendedApplicationAsync(host, Kit.NewStudioBody(await Kit.MasterIdAsync(host)));
        await Kit.PostOkAsync(expert, $"/applications/{id}/scores", new { score = 81m, comment = "第一次" });

        using var again = await Kit.PostAsync(expert, $"/applications/{id}/scores", new { score = 99m, comment = "改分" });

        await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict, "studios.already_scored");
        var application = await Kit.GetOkAsync(op, $"/applications/{id}");
        var score = Assert.Single(application.GetProperty("scores").EnumerateArray());
        Assert.Equal(81m, score.GetProperty("score").GetDecimal());
        Assert.Equal(81m, application.GetProperty("averageScore").GetDecimal());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Approval_after_two_experts_is_422_not_enough_experts(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var city = Kit.Reviewer(host, Kit.Leshan, "hasty-decider");
        var id = await Kit.ScoredApplicationAsync(host, Kit.NewStudioBody(await Kit.MasterIdAsync(host)), scores: [90m, 92m]);

        using var refused = await Kit.PostAsync(city, $"/applications/{id}/decision", new { approve = true, reason = "通过" });

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "studios.not_enough_experts");
        var application = await Kit.GetOkAsync(op, $"/applications/{id}");
        Assert.Equal("UnderReview", application.GetProperty("status").GetString());
        Assert.True(Kit.IsAbsent(application, "decidedBy"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Approval_with_an_average_below_80_is_422_score_below_minimum_but_may_be_rejected(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var city = Kit.Reviewer(host, Kit.Leshan, "strict-decider");
        var id = await Kit.ScoredApplicationAsync(host, Kit.NewStudioBody(await Kit.MasterIdAsync(host)), scores: [70m, 80m, 85m]);

        using var refused = await Kit.PostAsync(city, $"/applications/{id}/decision", new { approve = true, reason = "通过" });

        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "studios.score_below_minimum");
        Assert.Contains("78.3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(78.3m, (await Kit.GetOkAsync(op, $"/applications/{id}")).GetProperty("averageScore").GetDecimal());
        var rejected = await Kit.PostOkAsync(city, $"/applications/{id}/decision", new { approve = false, reason = "专家平均分不足 80 分" });
        Assert.Equal("Rejected", rejected.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_average_of_exactly_80_is_enough_for_approval()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var city = Kit.Reviewer(host, Kit.Leshan, "boundary-decider");
        var id = await Kit.ScoredApplicationAsync(host, Kit.NewStudioBody(await Kit.MasterIdAsync(host)), scores: [79.9m, 80m, 80.1m]);

        var approved = await Kit.PostOkAsync(city, $"/applications/{id}/decision", new { approve = true, reason = "通过" });

        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        Assert.Equal(80m, approved.GetProperty("averageScore").GetDecimal());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Whoever_recommended_or_scored_cannot_decide_403_same_person_cannot_decide(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var id = await Kit.RecommendedApplicationAsync(host, Kit.NewStudioBody(await Kit.MasterIdAsync(host)));
        using var scorer = Kit.Expert(host, "expert-then-decider");
        await Kit.PostOkAsync(scorer, $"/applications/{id}/scores", new { score = 90m, comment = "好" });
        await Kit.ScoreAsync(host, id, 88m, 86m);

        // The recommender (city-recommender-1) holding the reviewer role as well, and an expert who scored.
        using var recommender = Kit.Reviewer(host, Kit.Leshan, "city-recommender-1");
        using var byRecommender = await Kit.PostAsync(recommender, $"/applications/{id}/decision", new { approve = true, reason = "通过" });
        using var byScorer = await Kit.PostAsync(scorer, $"/applications/{id}/decision", new { approve = true, reason = "通过" });

        await HttpAssert.ProblemAsync(byRecommender, HttpStatusCode.Forbidden, "studios.same_person_cannot_decide");
        await HttpAssert.ProblemAsync(byScorer, HttpStatusCode.Forbidden, "studios.same_person_cannot_decide");
        Assert.Equal("UnderReview", (await Kit.GetOkAsync(op, $"/applications/{id}")).GetProperty("status").GetString());
        using var other = Kit.Reviewer(host, Kit.Leshan, "independent-decider");
        var approved = await Kit.PostOkAsync(other, $"/applications/{id}/decision", new { approve = true, reason = "通过" });
        Assert.Equal("independent-decider", approved.GetProperty("decidedBy").GetString());

        // Refusals are audited with their outcome, like the decision.
        var outcomes = await Kit.AuditOutcomesAsync(host, "SkillMasterStudios_DecideApplication", id.ToString());
        Assert.Equal(2, outcomes.Count(o => o.Contains("403", StringComparison.Ordinal) && o.Contains("studios.same_person_cannot_decide", StringComparison.Ordinal)));
        Assert.Contains(outcomes, o => o.StartsWith("200", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_national_application_is_decided_only_by_the_ministry(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        await Kit.SwitchLadderOffAsync(host, Kit.Jingyan);
        var id = await Kit.ScoredApplicationAsync(host, Kit.NewStudioBody(await Kit.MasterIdAsync(host, region: Kit.Jingyan), level: "National", region: Kit.Jingyan));
        using var city = Kit.Reviewer(host, Kit.Leshan, "city-decider-n");
        using var province = Kit.Reviewer(host, Kit.Sichuan, "province-decider-n");
        using var ministry = Kit.Ministry(host);

        using var byCity = await Kit.PostAsync(city, $"/applications/{id}/decision", new { approve = true, reason = "通过" });
        using var byProvince = await Kit.PostAsync(province, $"/applications/{id}/decision", new { approve = true, reason = "通过" });

        await HttpAssert.ProblemAsync(byCity, HttpStatusCode.Forbidden, "studios.decision_level_too_low");
        await HttpAssert.ProblemAsync(byProvince, HttpStatusCode.Forbidden, "studios.decision_level_too_low");
        var approved = await Kit.PostOkAsync(ministry, $"/applications/{id}/decision", new { approve = true, reason = "人社部认定" });
        var studio = await Kit.GetOkAsync(op, $"/studios/{approved.GetProperty("studioId").GetGuid()}");
        Assert.Equal("National", studio.GetProperty("level").GetString());
        Assert.Equal(200_000m, studio.GetProperty("accreditations")[0].GetProperty("fundingGranted").GetDecimal());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_withdrawn_application_cannot_move_on_and_frees_the_master(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var city = Kit.Reviewer(host, Kit.Leshan, "withdrawn-decider");
        using var expert = Kit.Expert(host, "withdrawn-expert");
        var master = await Kit.MasterIdAsync(host);
        var id = await Kit.ScoredApplicationAsync(host, Kit.NewStudioBody(master), scores: [90m]);

        var withdrawn = await Kit.PostOkAsync(op, $"/applications/{id}/withdrawal", new { note = "依托单位改制" });

        Assert.Equal("Withdrawn", withdrawn.GetProperty("status").GetString());
        Assert.Equal("依托单位改制", withdrawn.GetProperty("decisionReason").GetString());
        using (var submit = await Kit.PostAsync(op, $"/applications/{id}/submission", null))
        using (var score = await Kit.PostAsync(expert, $"/applications/{id}/scores", new { score = 90m, comment = "评分" }))
        using (var decide = await Kit.PostAsync(city, $"/applications/{id}/decision", new { approve = true, reason = "通过" }))
        using (var again = await Kit.PostAsync(op, $"/applications/{id}/withdrawal", null))
        {
            await HttpAssert.ProblemAsync(submit, HttpStatusCode.Conflict, InvalidTransition);
            await HttpAssert.ProblemAsync(score, HttpStatusCode.Conflict, InvalidTransition);
            await HttpAssert.ProblemAsync(decide, HttpStatusCode.Conflict, InvalidTransition);
            await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict, InvalidTransition);
        }

        var next = await Kit.DraftAsync(op, Kit.NewStudioBody(master));
        Assert.Equal("Submitted", (await Kit.PostOkAsync(op, $"/applications/{next}/submission", null)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_approved_application_cannot_be_withdrawn()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var (studio, _, application) = await Kit.AccreditedStudioAsync(host);

        using var refused = await Kit.PostAsync(op, $"/applications/{application}/withdrawal", new { note = "撤回" });

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.Conflict, InvalidTransition);
        Assert.Equal("Approved", (await Kit.GetOkAsync(op, $"/applications/{application}")).GetProperty("status").GetString());
        Assert.Equal("Active", (await Kit.GetOkAsync(op, $"/studios/{studio}")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_stale_If_Match_is_412_and_changes_nothing(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var city = Kit.Operator(host, Kit.Leshan, "city-recommender-3");
        string draftTag;
        Guid id;
        using (var created = await Kit.PostAsync(op, "/applications", Kit.NewStudioBody(await Kit.MasterIdAsync(host))))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            draftTag = Kit.ETagOf(created);
            id = (await HttpAssert.ReadJsonAsync(created)).GetProperty("id").GetGuid();
        }

        string submittedTag;
        using (var submitted = await Kit.PostAsync(op, $"/applications/{id}/submission", null, draftTag))
        {
            await HttpAssert.ReadOkJsonAsync(submitted);
            submittedTag = Kit.ETagOf(submitted);
        }

        Assert.NotEqual(draftTag, submittedTag);
        using (var stale = await Kit.PostAsync(city, $"/applications/{id}/recommendation", new { recommend = true, note = "同意" }, draftTag))
        {
            await HttpAssert.ProblemAsync(stale, HttpStatusCode.PreconditionFailed, "resource.precondition_failed");
        }

        var unchanged = await Kit.GetOkAsync(op, $"/applications/{id}");
        Assert.Equal("Submitted", unchanged.GetProperty("status").GetString());
        Assert.Equal($"\"{unchanged.GetProperty("version").GetInt32()}\"", submittedTag);
        using var current = await Kit.PostAsync(city, $"/applications/{id}/recommendation", new { recommend = true, note = "同意" }, submittedTag);
        Assert.Equal("Recommended", (await HttpAssert.ReadOkJsonAsync(current)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Rejecting_needs_a_reason_and_creates_no_studio(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var city = Kit.Reviewer(host, Kit.Leshan, "rejecting-decider");
        var master = await Kit.MasterIdAsync(host);
        var hostCode = Kit.NewCreditCode();
        var id = await Kit.ScoredApplicationAsync(host, Kit.NewStudioBody(master, host: hostCode), scores: [91m, 92m, 93m]);

        using (var noReason = await Kit.PostAsync(city, $"/applications/{id}/decision", new { approve = false }))
        {
            var problem = await HttpAssert.ProblemAsync(noReason, HttpStatusCode.BadRequest, "request.validation_failed");
            Assert.Equal(["reason"], HttpAssert.ErrorFields(problem));
        }

        var rejected = await Kit.PostOkAsync(city, $"/applications/{id}/decision", new { approve = false, reason = "依托单位条件不足" });

        Assert.Equal("Rejected", rejected.GetProperty("status").GetString());
        Assert.Equal("依托单位条件不足", rejected.GetProperty("decisionReason").GetString());
        Assert.True(Kit.IsAbsent(rejected, "studioId"));
        Assert.True(Kit.IsAbsent(rejected, "accreditationId"));
        Assert.True(Kit.IsAbsent((await Kit.GetOkAsync(op, $"/masters/{master}")), "activeStudioId"));
        var studios = await Kit.ReadDbAsync(host, db => db.Studios.IgnoreQueryFilters().CountAsync(s => s.HostCode == hostCode, TestContext.Current.CancellationToken));
        Assert.Equal(0, studios);
        Assert.DoesNotContain(StudioAccredited.Name, await Kit.OutboxEventsMentioningAsync(host, id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_decision_retried_with_the_same_Idempotency_Key_is_replayed_and_accredits_once(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var city = Kit.Reviewer(host, Kit.Leshan, "retrying-decider");
        var id = await Kit.ScoredApplicationAsync(host, Kit.NewStudioBody(await Kit.MasterIdAsync(host)));
        var key = $"decide-{Guid.NewGuid():N}";
        var body = new { approve = true, reason = "通过" };

        using var first = await Kit.PostIdempotentAsync(city, $"/applications/{id}/decision", body, key);
        using var retry = await Kit.PostIdempotentAsync(city, $"/applications/{id}/decision", body, key);

        var answered = await HttpAssert.ReadOkJsonAsync(first);
        var replayed = await HttpAssert.ReadOkJsonAsync(retry);
        Assert.True(retry.Headers.TryGetValues("Idempotency-Replayed", out var flag) && flag.Single() == "true");
        Assert.Equal(answered.GetProperty("studioId").GetGuid(), replayed.GetProperty("studioId").GetGuid());
        var studio = await Kit.GetOkAsync(op, $"/studios/{answered.GetProperty("studioId").GetGuid()}");
        Assert.Equal(1, studio.GetProperty("accreditations").GetArrayLength());
    }
}
