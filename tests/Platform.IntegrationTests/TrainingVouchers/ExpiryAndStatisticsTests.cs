using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Platform;
using Platform.Modules.TrainingVouchers.Features.Expiry;
using static Platform.IntegrationTests.TrainingVouchers.VoucherTestKit;

namespace Platform.IntegrationTests.TrainingVouchers;

/// <summary>
/// The expiry job (unused vouchers past their validity are closed and stop counting) and the program's
/// statistics, figure by figure, for a known set of vouchers on a host of their own.
/// </summary>
/// <remarks>
/// The expiry tests run the job 200 days ahead on this class's shared hosts: it closes every unused
/// voucher there, which only these tests (run one after another) rely on.
/// </remarks>
public sealed class ExpiryAndStatisticsTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_expiry_job_closes_unused_vouchers_after_their_validity_and_leaves_enrolled_ones(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);
        using var school = Institution(host);
        var (unusedHolder, enrolledHolder) = (VoucherRuleSteps.NewHolder(), VoucherRuleSteps.NewHolder());
        var unused = await VoucherRuleSteps.IssueAsync(op, unusedHolder);
        var unusedId = unused.GetProperty("id").GetGuid();
        var enrolled = await VoucherRuleSteps.IssueIdAsync(op, enrolledHolder);
        await EnrolAsync(school, enrolled, enrolledHolder);
        var expiry = host.Services.GetRequiredService<VoucherExpiry>();

        var notYet = await expiry.ExpireDueAsync(ChinaToday, Token);
        var stillIssued = await VoucherRuleSteps.StatusAsync(op, unusedId);
        var expired = await expiry.ExpireDueAsync(ChinaToday.AddDays(200), Token);

        Assert.Equal(0, notYet);
        Assert.Equal("Issued", stillIssued);
        Assert.True(expired >= 1, $"The job expired {expired} vouchers.");
        Assert.Equal(Format(ChinaToday.AddDays(179)), unused.GetProperty("expiresOn").GetString());
        var closed = await GetOkAsync(op, $"/vouchers/{unusedId}");
        Assert.Equal("Expired", closed.GetProperty("status").GetString());
        Assert.Equal(VoucherExpiry.Reason, closed.GetProperty("closingReason").GetString());
        Assert.True(closed.TryGetProperty("closedAt", out var closedAt) && closedAt.ValueKind == JsonValueKind.String, $"No closedAt: {closed}");
        Assert.Equal("Enrolled", await VoucherRuleSteps.StatusAsync(op, enrolled));
        Assert.Equal(0, await expiry.ExpireDueAsync(ChinaToday.AddDays(200), Token));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Expired_vouchers_no_longer_count_for_the_quota_nor_block_the_same_training(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);
        var id = VoucherRuleSteps.NewHolder();
        await VoucherRuleSteps.IssueIdAsync(op, id, Photovoltaic, "Level5");
        await VoucherRuleSteps.IssueIdAsync(op, id, Electrician, "Level5");
        await VoucherRuleSteps.IssueIdAsync(op, id, Photovoltaic, "Level4");
        var full = await VoucherRuleSteps.EligibilityAsync(op, id, ["MigrantWorkers"], Electrician, "Level4");

        await host.Services.GetRequiredService<VoucherExpiry>().ExpireDueAsync(ChinaToday.AddDays(200), Token);
        var free = await VoucherRuleSteps.EligibilityAsync(op, id, ["MigrantWorkers"], Electrician, "Level4");
        var again = await VoucherRuleSteps.IssueIdAsync(op, id, Photovoltaic, "Level5");
        var fourth = await VoucherRuleSteps.IssueIdAsync(op, id, Electrician, "Level4");

        VoucherRuleSteps.AssertVerdict(full, "YearlyQuota");
        VoucherRuleSteps.AssertVerdict(free);
        var held = await VoucherRuleSteps.SearchHolderAsync(host.CreateClient(), id);
        Assert.Equal(5, held.Length);
        Assert.Equal(3, held.Count(v => v.GetProperty("status").GetString() == "Expired"));
        Assert.Equal([again, fourth], held.Where(v => v.GetProperty("status").GetString() == "Issued").Select(v => v.GetProperty("id").GetGuid()).Order());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Enrolling_an_expired_voucher_is_refused_409(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);
        using var school = Institution(host);
        var id = VoucherRuleSteps.NewHolder();
        var voucher = await VoucherRuleSteps.IssueIdAsync(op, id);
        await host.Services.GetRequiredService<VoucherExpiry>().ExpireDueAsync(ChinaToday.AddDays(200), Token);

        using var refused = await PostAsync(school, $"/vouchers/{voucher}/enrolment", EnrolBody(id));

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.Conflict, "vouchers.invalid_transition");
        Assert.Equal("Expired", await VoucherRuleSteps.StatusAsync(op, voucher));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Statistics_of_a_region_and_period_count_exactly_what_happened(DatabaseProvider provider)
    {
        // Exact figures need a database holding only this test's vouchers.
        await using var host = await PlatformFactory.StartAsync(provider);
        using var op = Operator(host);
        using var sichuan = Operator(host, Sichuan, "operator-sc");
        using var school = Institution(host);
        using var reviewer = Reviewer(host);

        var paid = await VoucherRuleSteps.CompletedAsync(host, VoucherRuleSteps.NewHolder(), passed: true, groups: "MigrantWorkers");
        await VoucherRuleSteps.CompletedAsync(host, VoucherRuleSteps.NewHolder(), passed: false, groups: "MigrantWorkers");
        await VoucherRuleSteps.IssueIdAsync(op, VoucherRuleSteps.NewHolder(), groups: "MigrantWorkers");
        await VoucherRuleSteps.IssueIdAsync(op, VoucherRuleSteps.NewHolder(), groups: "CollegeGraduates");
        await VoucherRuleSteps.IssueIdAsync(sichuan, VoucherRuleSteps.NewHolder(region: "510104"), Electrician, "Level5", "510104", "RuralLabour");
        await PostOkAsync(school, $"/vouchers/{paid}/settlement", null);
        await PostOkAsync(reviewer, $"/vouchers/{paid}/settlement/approval", null);
        using (var prepared = await PostAsync(op, "/payment-batches", new { regionCode = Leshan, reference = "PB-STATS-1", voucherIds = new[] { paid }, declaredCount = 1, declaredTotal = 1300m }))
        {
            var batch = await VoucherRuleSteps.CreatedAsync(prepared);
            await PostOkAsync(reviewer, $"/payment-batches/{batch.GetProperty("id").GetGuid()}/confirmation", new { paidOn = ChinaToday });
        }

        var leshan = await StatisticsAsync(op, Leshan, ChinaToday.AddDays(-1), ChinaToday.AddDays(1));
        var province = await StatisticsAsync(sichuan, Sichuan, ChinaToday, ChinaToday);
        var before = await StatisticsAsync(op, Leshan, ChinaToday.AddDays(-30), ChinaToday.AddDays(-1));

        Assert.Equal(Leshan, leshan.GetProperty("regionCode").GetString());
        Assert.Equal(4, leshan.GetProperty("issued").GetInt32());
        Assert.Equal([("Issued", 2), ("Completed", 1), ("Paid", 1)], Counts(leshan, "byStatus", "status"));
        var groups = Counts(leshan, "byGroup", "group").ToDictionary(g => g.Key, g => g.Count);
        Assert.Equal(9, groups.Count);
        Assert.Equal(3, groups["MigrantWorkers"]);
        Assert.Equal(1, groups["CollegeGraduates"]);
        Assert.Equal(0, groups["RuralLabour"]);
        Assert.Equal(2, leshan.GetProperty("completed").GetInt32());
        Assert.Equal(1, leshan.GetProperty("passed").GetInt32());
        Assert.Equal(50m, leshan.GetProperty("passRatePercent").GetDecimal());
        Assert.Equal([(LeshanInstitution, 2, 1, 50m)], Completions(leshan, "byInstitution"));
        Assert.Equal([(Photovoltaic, 2, 1, 50m)], Completions(leshan, "byOccupation"));
        Assert.Equal(5200m, leshan.GetProperty("subsidyCommitted").GetDecimal());
        Assert.Equal(1300m, leshan.GetProperty("subsidyPaid").GetDecimal());

        Assert.Equal(5, province.GetProperty("issued").GetInt32());
        Assert.Equal(1, Counts(province, "byGroup", "group").Single(g => g.Key == "RuralLabour").Count);
        Assert.Equal(6200m, province.GetProperty("subsidyCommitted").GetDecimal());
        Assert.Equal(1300m, province.GetProperty("subsidyPaid").GetDecimal());

        Assert.Equal(0, before.GetProperty("issued").GetInt32());
        Assert.Empty(before.GetProperty("byStatus").EnumerateArray());
        Assert.Equal(0, before.GetProperty("completed").GetInt32());
        Assert.Equal(0m, before.GetProperty("passRatePercent").GetDecimal());
        Assert.Equal(0m, before.GetProperty("subsidyCommitted").GetDecimal());
        Assert.Equal(0m, before.GetProperty("subsidyPaid").GetDecimal());
    }

    [Theory]
    [InlineData("2026-01-10", "2026-01-01", HttpStatusCode.BadRequest)]
    [InlineData("2020-01-01", "2025-01-02", HttpStatusCode.BadRequest)]
    [InlineData("2020-01-01", "2025-01-01", HttpStatusCode.OK)]
    [InlineData("2026-01-01", "2026-01-01", HttpStatusCode.OK)]
    public async Task A_statistics_period_ends_on_or_after_its_first_day_and_spans_at_most_five_years(string from, string to, HttpStatusCode expected)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Operator(host);

        using var response = await op.GetAsync($"{Base}/statistics?regionCode={Leshan}&from={from}&to={to}", Token);

        if (expected == HttpStatusCode.OK)
        {
            await HttpAssert.ReadOkJsonAsync(response);
            return;
        }

        var problem = await HttpAssert.ProblemAsync(response, expected, ProblemCodes.ValidationFailed);
        Assert.Equal(["to"], HttpAssert.ErrorFields(problem));
    }

    [Theory]
    [InlineData("9999-12-31", "9999-12-31", "from")] // five years on would not exist
    [InlineData("0001-01-01", "0001-01-01", "from")]
    public async Task Statistics_for_days_out_of_range_answer_400_not_500(string from, string to, string field)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Operator(host);

        using var response = await op.GetAsync($"{Base}/statistics?regionCode={Leshan}&from={from}&to={to}", Token);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Contains(field, HttpAssert.ErrorFields(problem));
    }

    [Theory]
    [InlineData("issuedTo", "9999-12-31")] // the day after would not exist
    [InlineData("issuedFrom", "0001-01-01")] // its start in China would be before the first instant
    public async Task A_search_for_issue_days_out_of_range_answers_400_not_500(string field, string day)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Operator(host);

        using var response = await PostAsync(op, "/vouchers/search", new Dictionary<string, object> { [field] = day });

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal([field], HttpAssert.ErrorFields(problem));
    }

    [Fact]
    public async Task Course_days_and_session_times_out_of_range_answer_400_not_500()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Operator(host);
        using var institution = Institution(host);
        var id = NewIdNumber();
        var voucher = await IssueAsync(op, id);

        using var enrol = await PostAsync(institution, $"/vouchers/{voucher}/enrolment", new
        {
            holderIdNumber = id,
            scheduledHours = 2,
            courseStartsOn = "2026-01-01",
            courseEndsOn = "9999-12-31",
        });
        using var attend = await PostAsync(institution, $"/vouchers/{voucher}/attendance", new
        {
            sessions = new[] { new { startsAt = "9999-12-31T23:00:00+00:00", minutes = 120, method = "FaceCheck" } },
        });

        var enrolProblem = await HttpAssert.ProblemAsync(enrol, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal(["courseEndsOn"], HttpAssert.ErrorFields(enrolProblem));
        var attendProblem = await HttpAssert.ProblemAsync(attend, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal(["sessions[0].startsAt"], HttpAssert.ErrorFields(attendProblem));
        Assert.Equal("Issued", (await GetOkAsync(op, $"/vouchers/{voucher}")).GetProperty("status").GetString());
    }

    private static Task<JsonElement> StatisticsAsync(HttpClient client, string region, DateOnly from, DateOnly to) =>
        GetOkAsync(client, $"/statistics?regionCode={region}&from={Format(from)}&to={Format(to)}");

    private static (string Key, int Count)[] Counts(JsonElement statistics, string list, string key) =>
        statistics.GetProperty(list).EnumerateArray().Select(e => (e.GetProperty(key).GetString()!, e.GetProperty("vouchers").GetInt32())).ToArray();

    private static (string Code, int Completed, int Passed, decimal Rate)[] Completions(JsonElement statistics, string list) =>
        statistics.GetProperty(list).EnumerateArray()
            .Select(e => (e.GetProperty("code").GetString()!, e.GetProperty("completed").GetInt32(), e.GetProperty("passed").GetInt32(), e.GetProperty("passRatePercent").GetDecimal()))
            .ToArray();

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
