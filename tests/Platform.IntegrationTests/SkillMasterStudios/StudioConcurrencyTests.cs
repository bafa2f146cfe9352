using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Platform.Modules.SkillMasterStudios.Domain;
using Kit = Platform.IntegrationTests.SkillMasterStudios.StudioTestKit;

namespace Platform.IntegrationTests.SkillMasterStudios;

/// <summary>
/// Real parallel requests against one application, master, accreditation or studio, on each provider:
/// whatever the interleaving, one wins, the others are refused with a conflict, and the database holds
/// the winner's change only.
/// </summary>
public sealed class StudioConcurrencyTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private const string InvalidTransition = "studios.invalid_transition";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Two_reviewers_approving_one_application_at_once_give_one_approval_and_one_409(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var master = await Kit.MasterIdAsync(host);
            var id = await Kit.ScoredApplicationAsync(host, Kit.NewStudioBody(master));
            string[] subjects = ["racing-decider-a", "racing-decider-b"];
            var reviewers = subjects.Select(s => Kit.Reviewer(host, Kit.Leshan, s)).ToArray();

            var answers = await RaceAsync(reviewers, (client, _) => Kit.PostAsync(client, $"/applications/{id}/decision", new { approve = true, reason = "通过" }));

            var winner = AssertOneWinner(answers, HttpStatusCode.OK, ConflictOf(InvalidTransition, Kit.ConcurrentUpdate, "studios.concurrent_accreditation", "studios.master_leads_active_studio"));
            var application = await Kit.GetOkAsync(op, $"/applications/{id}");
            Assert.Equal("Approved", application.GetProperty("status").GetString());
            Assert.Equal(subjects[winner.Racer], application.GetProperty("decidedBy").GetString());
            var studioId = application.GetProperty("studioId").GetGuid();
            Assert.Equal(1, (await Kit.GetOkAsync(op, $"/studios/{studioId}")).GetProperty("accreditations").GetArrayLength());
            var studios = await Kit.ReadDbAsync(host, db => db.Studios.IgnoreQueryFilters().CountAsync(s => s.LeadMasterId == master, Token));
            Assert.Equal(1, studios);
            Dispose(reviewers);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_approval_racing_a_rejection_leaves_exactly_one_decision(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var id = await Kit.ScoredApplicationAsync(host, Kit.NewStudioBody(await Kit.MasterIdAsync(host)));
        var reviewers = new[] { Kit.Reviewer(host, Kit.Leshan, "approver"), Kit.Reviewer(host, Kit.Leshan, "rejecter") };

        var answers = await RaceAsync(reviewers, (client, i) => Kit.PostAsync(client, $"/applications/{id}/decision", new { approve = i == 0, reason = i == 0 ? "通过" : "不通过" }));

        var winner = AssertOneWinner(answers, HttpStatusCode.OK, ConflictOf(InvalidTransition, Kit.ConcurrentUpdate));
        var application = await Kit.GetOkAsync(op, $"/applications/{id}");
        Assert.Equal(winner.Racer == 0 ? "Approved" : "Rejected", application.GetProperty("status").GetString());
        Assert.Equal(winner.Racer == 0, !Kit.IsAbsent(application, "studioId"));
        Dispose(reviewers);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Two_applications_of_one_master_submitted_at_once_let_exactly_one_through(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var master = await Kit.MasterIdAsync(host);
            var drafts = new[] { await Kit.DraftAsync(op, Kit.NewStudioBody(master)), await Kit.DraftAsync(op, Kit.NewStudioBody(master)) };
            var operators = new[] { Kit.Operator(host, Kit.Leshan, "submitter-a"), Kit.Operator(host, Kit.Leshan, "submitter-b") };

            var answers = await RaceAsync(operators, (client, i) => Kit.PostAsync(client, $"/applications/{drafts[i]}/submission", null));

            AssertOneWinner(answers, HttpStatusCode.OK, ConflictOf("studios.open_application_exists", Kit.ConcurrentUpdate));
            var inProcess = await Kit.ReadDbAsync(host, db => db.Applications.IgnoreQueryFilters()
                .CountAsync(a => a.LeadMasterId == master && a.Status == ApplicationStatus.Submitted, Token));
            Assert.Equal(1, inProcess);
            Dispose(operators);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Two_applications_of_one_master_approved_at_once_never_give_the_master_two_active_studios(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var master = await Kit.MasterIdAsync(host);
        var other = await Kit.MasterIdAsync(host);
        var first = await Kit.ScoredApplicationAsync(host, Kit.NewStudioBody(master));
        var second = await Kit.ScoredApplicationAsync(host, Kit.NewStudioBody(other));

        // Two applications of one master under review at the same time (submission now prevents it with the
        // in-process slot; this forces the state to check that approval alone still holds the line).
        await Kit.ReadDbAsync(host, async db =>
        {
            var application = await db.Applications.IgnoreQueryFilters().SingleAsync(a => a.Id == second, Token);
            application.LeadMasterId = master;
            return await db.SaveChangesAsync(Token);
        });
        var reviewers = new[] { Kit.Reviewer(host, Kit.Leshan, "twin-decider-a"), Kit.Reviewer(host, Kit.Leshan, "twin-decider-b") };
        Guid[] applications = [first, second];

        var answers = await RaceAsync(reviewers, (client, i) => Kit.PostAsync(client, $"/applications/{applications[i]}/decision", new { approve = true, reason = "通过" }));

        Report(answers);
        Assert.True(answers.Count(a => a.Status == HttpStatusCode.OK) <= 1, Describe(answers));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.True(
            ConflictOf("studios.open_application_exists", "studios.master_leads_active_studio", "studios.concurrent_accreditation", Kit.ConcurrentUpdate)(a),
            $"A losing approval answered {(int)a.Status} {a.Code}: {a.Body}"));
        var active = await Kit.ReadDbAsync(host, db => db.Studios.IgnoreQueryFilters().CountAsync(s => s.LeadMasterId == master && s.Status == StudioStatus.Active, Token));
        Assert.True(active <= 1, $"The master leads {active} active studios.");
        var accredited = await Kit.ReadDbAsync(host, db => db.Applications.IgnoreQueryFilters().CountAsync(a => a.LeadMasterId == master && a.Status == ApplicationStatus.Approved, Token));
        Assert.Equal(active, accredited);
        Dispose(reviewers);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Tranches_recorded_at_once_never_pay_more_than_the_grant(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var (studio, _, _) = await Kit.AccreditedStudioAsync(host);
        var accreditation = await Kit.CurrentAccreditationAsync(op, studio);
        var clerks = Enumerable.Range(0, 4).Select(i => Kit.Operator(host, Kit.Leshan, $"funding-clerk-{i}")).ToArray();

        // Four tranches of 30,000 against a grant of 50,000: at most one fits.
        var answers = await RaceAsync(clerks, (client, i) => Kit.PostAsync(client, $"/accreditations/{accreditation}/tranches", new { amount = 30_000m, paidOn = Kit.ChinaToday, reference = $"RACE-{i}" }));

        AssertOneWinner(answers, HttpStatusCode.Created, a =>
            ConflictOf(Kit.ConcurrentUpdate)(a) || (a.Status == HttpStatusCode.UnprocessableEntity && a.Code == "studios.tranche_exceeds_grant"));
        var stored = await Kit.ReadDbAsync(host, async db => (
            Accreditation: await db.Accreditations.IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.Id == accreditation, Token),
            Tranches: await db.FundingTranches.IgnoreQueryFilters().AsNoTracking().Where(t => t.AccreditationId == accreditation).ToListAsync(Token)));
        var tranche = Assert.Single(stored.Tranches);
        Assert.Equal(30_000m, stored.Accreditation.FundingPaid);
        Assert.Equal(tranche.Amount, stored.Accreditation.FundingPaid);
        Assert.True(stored.Accreditation.FundingPaid <= stored.Accreditation.FundingGranted);
        Dispose(clerks);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Small_tranches_recorded_at_once_add_up_exactly_and_stay_within_the_grant(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var (studio, _, _) = await Kit.AccreditedStudioAsync(host);
        var accreditation = await Kit.CurrentAccreditationAsync(op, studio);
        var clerks = Enumerable.Range(0, 6).Select(i => Kit.Operator(host, Kit.Leshan, $"small-clerk-{i}")).ToArray();

        var answers = await RaceAsync(clerks, (client, i) => Kit.PostAsync(client, $"/accreditations/{accreditation}/tranches", new { amount = 20_000m, paidOn = Kit.ChinaToday, reference = $"SMALL-{i}" }));

        Report(answers);
        var created = answers.Count(a => a.Status == HttpStatusCode.Created);
        Assert.InRange(created, 1, 2);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.True(
            ConflictOf(Kit.ConcurrentUpdate)(a) || (a.Status == HttpStatusCode.UnprocessableEntity && a.Code == "studios.tranche_exceeds_grant"),
            $"A losing tranche answered {(int)a.Status} {a.Code}: {a.Body}"));
        var stored = await Kit.GetOkAsync(op, $"/studios/{studio}");
        var funding = stored.GetProperty("accreditations")[0];
        Assert.Equal(created * 20_000m, funding.GetProperty("fundingPaid").GetDecimal());
        Assert.Equal(created, funding.GetProperty("tranches").GetArrayLength());
        Dispose(clerks);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Two_annual_reports_of_one_year_submitted_at_once_store_one(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var year = Kit.ChinaToday.Year - 1;
        var (studio, _, _) = await Kit.AccreditedStudioAsync(host, new DateOnly(year, 1, 1));
        var operators = new[] { Kit.Operator(host, Kit.Leshan, "reporter-a"), Kit.Operator(host, Kit.Leshan, "reporter-b") };

        var answers = await RaceAsync(operators, (client, _) => Kit.PostAsync(client, $"/studios/{studio}/annual-reports", Kit.ReportBody(year, Kit.ApprenticeEntry(year, "Level4"))));

        var winner = AssertOneWinner(answers, HttpStatusCode.Created, ConflictOf("studios.report_exists"));
        var reports = await Kit.ReadDbAsync(host, db => db.AnnualReports.IgnoreQueryFilters().AsNoTracking().Where(r => r.StudioId == studio).ToListAsync(Token));
        var report = Assert.Single(reports);
        Assert.Equal(winner.Body.GetProperty("id").GetGuid(), report.Id);
        var apprentices = await Kit.ReadDbAsync(host, db => db.Apprentices.IgnoreQueryFilters().CountAsync(a => a.StudioId == studio, Token));
        Assert.Equal(1, apprentices);
        Dispose(operators);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task One_expert_scoring_twice_at_once_is_recorded_once(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var id = await Kit.ScoredApplicationAsync(host, Kit.NewStudioBody(await Kit.MasterIdAsync(host)), scores: [90m]);
        var organisation = Kit.NewCreditCode("510104");
        var sessions = new[] { Kit.Expert(host, "double-clicking-expert", organisation), Kit.Expert(host, "double-clicking-expert", organisation) };

        var answers = await RaceAsync(sessions, (client, i) => Kit.PostAsync(client, $"/applications/{id}/scores", new { score = 80m + i, comment = "评分" }));

        AssertOneWinner(answers, HttpStatusCode.OK, ConflictOf("studios.already_scored", Kit.ConcurrentUpdate));
        var application = await Kit.GetOkAsync(op, $"/applications/{id}");
        Assert.Single(application.GetProperty("scores").EnumerateArray(), s => s.GetProperty("expert").GetString() == "double-clicking-expert");
        Dispose(sessions);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Experts_scoring_an_application_under_review_at_once_are_all_recorded(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var id = await Kit.ScoredApplicationAsync(host, Kit.NewStudioBody(await Kit.MasterIdAsync(host)), scores: [90m]);
        var experts = Enumerable.Range(0, 3).Select(i => Kit.Expert(host, $"parallel-expert-{i}-{Guid.NewGuid():N}")).ToArray();

        var answers = await RaceAsync(experts, (client, _) => Kit.PostAsync(client, $"/applications/{id}/scores", new { score = 85m, comment = "评分" }));

        Report(answers);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        var application = await Kit.GetOkAsync(op, $"/applications/{id}");
        Assert.Equal(4, application.GetProperty("scores").GetArrayLength());
        Assert.Equal("UnderReview", application.GetProperty("status").GetString());
        Dispose(experts);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Experts_giving_the_first_score_at_once_are_all_recorded(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var id = await Kit.RecommendedApplicationAsync(host, Kit.NewStudioBody(await Kit.MasterIdAsync(host)));
        var experts = Enumerable.Range(0, 3).Select(i => Kit.Expert(host, $"first-expert-{i}-{Guid.NewGuid():N}")).ToArray();

        // Each of them may be the one who moves the application under review; the others retry and are
        // recorded without moving it.
        var answers = await RaceAsync(experts, (client, _) => Kit.PostAsync(client, $"/applications/{id}/scores", new { score = 88m, comment = "评分" }));

        Report(answers);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        var application = await Kit.GetOkAsync(op, $"/applications/{id}");
        Assert.Equal(3, application.GetProperty("scores").GetArrayLength());
        Assert.Equal("UnderReview", application.GetProperty("status").GetString());
        Dispose(experts);
    }

    /// <summary>Sends one request per client, all released at once, and collects every answer with the index of its sender.</summary>
    private static async Task<Answer[]> RaceAsync(IReadOnlyList<HttpClient> clients, Func<HttpClient, int, Task<HttpResponseMessage>> send)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = clients.Select((client, racer) => Task.Run(async () =>
        {
            await start.Task;
            using var response = await send(client, racer);
            var body = await HttpAssert.ReadJsonAsync(response);
            var code = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("code", out var c) ? c.GetString() : null;
            return new Answer(racer, response.StatusCode, code, body);
        }, Token)).ToArray();
        start.SetResult();
        return await Task.WhenAll(racers);
    }

    private static Answer AssertOneWinner(Answer[] answers, HttpStatusCode success, Func<Answer, bool> losing)
    {
        Report(answers);
        var winners = answers.Where(a => a.Status == success).ToArray();
        Assert.True(winners.Length == 1, $"Expected exactly one {(int)success}: {Describe(answers)}");
        Assert.All(answers.Except(winners), a => Assert.True(losing(a), $"A losing request answered {(int)a.Status} {a.Code}: {a.Body}"));
        return winners[0];
    }

    private static Func<Answer, bool> ConflictOf(params string[] codes) =>
        a => a.Status == HttpStatusCode.Conflict && codes.Contains(a.Code);

    private static void Dispose(IEnumerable<HttpClient> clients)
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    private static string Describe(IEnumerable<Answer> answers) =>
        string.Join(", ", answers.GroupBy(a => $"{(int)a.Status} {a.Code}".Trim()).Select(g => $"{g.Count()} x {g.Key}"));

    private static void Report(IEnumerable<Answer> answers) =>
        TestContext.Current.TestOutputHelper?.WriteLine(Describe(answers));

    private sealed record Answer(int Racer, HttpStatusCode Status, string? Code, JsonElement Body);
}
