using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.PersonalData;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Platform;
using Platform.Modules.TrainingVouchers.Contracts;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Persistence;
using Kit = Platform.IntegrationTests.TrainingVouchers.VoucherTestKit;

namespace Platform.IntegrationTests.TrainingVouchers;

/// <summary>
/// Real parallel requests against one voucher, claim, batch or person, on each provider: whatever the
/// interleaving, exactly one wins, the others are refused with a conflict, and the database holds the
/// winner's change only.
/// </summary>
public sealed class VoucherConcurrencyTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private const string InvalidTransition = "vouchers.invalid_transition";
    private const string ConcurrentUpdate = "resource.concurrent_update";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Two_parallel_enrolments_of_one_voucher_at_two_institutions_let_exactly_one_enrol(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var idNumber = Kit.NewIdNumber();
        using var op = Kit.Operator(host);
        var id = await IssueAsync(op, idNumber);
        HttpClient[] institutions =
        [
            Kit.Institution(host),
            Kit.Institution(host, Kit.WutongqiaoInstitution, "511112", "wutongqiao-staff-1"),
        ];
        string[] codes = [Kit.LeshanInstitution, Kit.WutongqiaoInstitution];

        var answers = await RaceAsync(institutions, (client, _) => Kit.PostAsync(client, $"/vouchers/{id}/enrolment", Kit.EnrolBody(idNumber)));

        var winner = AssertOneWinner(answers, HttpStatusCode.OK, ConflictOf(InvalidTransition, ConcurrentUpdate));
        var winnerCode = codes[winner.Racer];
        Assert.Equal(winnerCode, winner.Body.GetProperty("institutionCode").GetString());
        var stored = await Kit.GetOkAsync(op, $"/vouchers/{id}");
        AssertState(stored, "Enrolled", 2);
        Assert.Equal(winnerCode, stored.GetProperty("institutionCode").GetString());
        Assert.Equal(winnerCode == Kit.LeshanInstitution ? Kit.LeshanCounty : "511112", stored.GetProperty("servingRegionCode").GetString());

        // The losing institution does not see the voucher as its own.
        using var loserRead = await institutions[1 - winner.Racer].GetAsync($"{Kit.Base}/vouchers/{id}", Token);
        await HttpAssert.ProblemAsync(loserRead, HttpStatusCode.NotFound, "vouchers.voucher_not_found");
        Dispose(institutions);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Two_parallel_enrolments_of_one_voucher_at_the_same_institution_let_exactly_one_enrol(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var idNumber = Kit.NewIdNumber();
        using var op = Kit.Operator(host);
        var id = await IssueAsync(op, idNumber);
        HttpClient[] clerks = [Kit.Institution(host, subject: "clerk-a"), Kit.Institution(host, subject: "clerk-b")];
        int[] hours = [2, 40];

        var answers = await RaceAsync(clerks, (client, i) => Kit.PostAsync(client, $"/vouchers/{id}/enrolment", Kit.EnrolBody(idNumber, hours[i])));

        var winner = AssertOneWinner(answers, HttpStatusCode.OK, ConflictOf(InvalidTransition, ConcurrentUpdate));
        var stored = await Kit.GetOkAsync(op, $"/vouchers/{id}");
        AssertState(stored, "Enrolled", 2);
        Assert.Equal(hours[winner.Racer], stored.GetProperty("scheduledHours").GetInt32());
        Dispose(clerks);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Two_reviewers_approving_one_claim_at_once_let_exactly_one_approve(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var institution = Kit.Institution(host);
        var id = await CompletedAsync(host);
        var claimId = (await Kit.PostOkAsync(institution, $"/vouchers/{id}/settlement", null)).GetProperty("claimId").GetGuid();
        string[] subjects = ["reviewer-a", "reviewer-b"];
        var reviewers = subjects.Select(s => Kit.Reviewer(host, subject: s)).ToArray();

        var answers = await RaceAsync(reviewers, (client, _) => Kit.PostAsync(client, $"/vouchers/{id}/settlement/approval", null));

        var winner = AssertOneWinner(answers, HttpStatusCode.OK, ConflictOf(InvalidTransition, ConcurrentUpdate));
        AssertState(winner.Body, "SettlementApproved", 6);
        AssertState(await Kit.GetOkAsync(op, $"/vouchers/{id}"), "SettlementApproved", 6);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingVouchersDbContext>();
        var claim = await db.SettlementClaims.AsNoTracking().SingleAsync(c => c.Id == claimId, Token);
        Assert.Equal(ClaimStatus.Approved, claim.Status);
        Assert.Equal(subjects[winner.Racer], claim.DecidedBy);
        Assert.Equal(2, claim.Version);
        Dispose(reviewers);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Eight_parallel_issues_for_the_same_person_occupation_and_level_issue_exactly_one_voucher(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var idNumber = Kit.NewIdNumber();
        var operators = Enumerable.Range(1, 8).Select(i => Kit.Operator(host, subject: $"operator-race-{i}")).ToArray();

        var answers = await RaceAsync(operators, (client, _) => Kit.PostAsync(client, "/vouchers", Kit.IssueBody(idNumber)));

        var winner = AssertOneWinner(answers, HttpStatusCode.Created, ConflictOf("vouchers.open_voucher_exists", "vouchers.concurrent_issue"));
        using var op = Kit.Operator(host);
        var held = Assert.Single(await SearchByHolderAsync(op, idNumber));
        Assert.Equal(winner.Body.GetProperty("id").GetGuid(), held.GetProperty("id").GetGuid());
        Assert.Equal("Issued", held.GetProperty("status").GetString());
        Assert.Equal(1, await StoredVouchersOfAsync(host, idNumber, v => v.OpenSlot != null));
        Dispose(operators);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Six_parallel_issues_of_different_trainings_for_one_person_never_exceed_the_yearly_quota_of_3(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var idNumber = Kit.NewIdNumber();
        (string Occupation, string Level)[] trainings =
        [
            (Kit.Photovoltaic, "Level5"), (Kit.Photovoltaic, "Level4"), (Kit.Photovoltaic, "Level3"),
            (Kit.Electrician, "Level5"), (Kit.Electrician, "Level4"), (Kit.Electrician, "Level3"),
        ];
        var operators = trainings.Select((_, i) => Kit.Operator(host, subject: $"operator-quota-{i}")).ToArray();

        var answers = await RaceAsync(operators, (client, i) => Kit.PostAsync(client, "/vouchers", Kit.IssueBody(idNumber, trainings[i].Occupation, trainings[i].Level)));

        var issued = answers.Where(a => a.Status == HttpStatusCode.Created).ToArray();
        Assert.InRange(issued.Length, 1, 3);
        Assert.All(answers.Except(issued), a => Assert.True(
            (a.Status == HttpStatusCode.UnprocessableEntity && a.Code == "vouchers.yearly_quota_exceeded")
                || (a.Status == HttpStatusCode.Conflict && a.Code == "vouchers.concurrent_issue"),
            $"A losing issue answered {(int)a.Status} {a.Code}: {a.Body}"));
        using var op = Kit.Operator(host);
        var held = await SearchByHolderAsync(op, idNumber);
        Assert.Equal(issued.Select(a => a.Body.GetProperty("id").GetGuid()).Order(), held.Select(v => v.GetProperty("id").GetGuid()).Order());
        Assert.Equal(issued.Length, await StoredVouchersOfAsync(host, idNumber, v => v.QuotaSlot != null));
        Report(answers);
        Dispose(operators);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Two_parallel_batches_naming_the_same_approved_claim_let_exactly_one_take_it(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var id = await ApprovedAsync(host);
        var preparers = new[] { Kit.Operator(host, subject: "preparer-a"), Kit.Operator(host, subject: "preparer-b") };
        string[] references = [$"LS-PAY-{Guid.NewGuid():N}", $"LS-PAY-{Guid.NewGuid():N}"];

        var answers = await RaceAsync(preparers, (client, i) => Kit.PostAsync(client, "/payment-batches", new
        {
            regionCode = Kit.Leshan,
            reference = references[i],
            voucherIds = new[] { id },
            declaredCount = 1,
            declaredTotal = 1300.00m,
        }));

        var winner = AssertOneWinner(answers, HttpStatusCode.Created, ConflictOf("vouchers.claim_already_batched", ConcurrentUpdate));
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingVouchersDbContext>();
        var batches = await db.PaymentBatches.AsNoTracking().Where(b => references.Contains(b.Reference)).ToListAsync(Token);
        var batch = Assert.Single(batches);
        Assert.Equal(winner.Body.GetProperty("id").GetGuid(), batch.Id);
        Assert.Equal(references[winner.Racer], batch.Reference);
        var claim = await db.SettlementClaims.AsNoTracking().SingleAsync(c => c.VoucherId == id && c.Status == ClaimStatus.Approved, Token);
        Assert.Equal(batch.Id, claim.PaymentBatchId);
        Dispose(preparers);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Two_parallel_confirmations_of_one_batch_pay_the_voucher_once(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var id = await ApprovedAsync(host);
        using var prepared = await Kit.PostAsync(op, "/payment-batches", new
        {
            regionCode = Kit.Leshan,
            reference = $"LS-PAY-{Guid.NewGuid():N}",
            voucherIds = new[] { id },
            declaredCount = 1,
            declaredTotal = 1300.00m,
        });
        var batchId = (await ReadCreatedAsync(prepared)).GetProperty("id").GetGuid();
        var confirmers = new[] { Kit.Reviewer(host, subject: "confirmer-a"), Kit.Reviewer(host, subject: "confirmer-b") };

        var answers = await RaceAsync(confirmers, (client, _) => Kit.PostAsync(client, $"/payment-batches/{batchId}/confirmation", new { paidOn = Kit.ChinaToday }));

        // The loser may read the batch before the winner's commit and its vouchers after it; it then fails on the
        // voucher's transition (already Paid) rather than on the batch. Every way, it is a 409 that saved nothing.
        var winner = AssertOneWinner(answers, HttpStatusCode.OK, ConflictOf("vouchers.batch_already_paid", ConcurrentUpdate, InvalidTransition));
        Assert.Equal(new[] { "confirmer-a", "confirmer-b" }[winner.Racer], winner.Body.GetProperty("confirmedBy").GetString());
        var batch = await Kit.GetOkAsync(op, $"/payment-batches/{batchId}");
        Assert.Equal("Paid", batch.GetProperty("status").GetString());
        Assert.Equal(2, batch.GetProperty("version").GetInt32());
        Assert.Equal(winner.Body.GetProperty("confirmedBy").GetString(), batch.GetProperty("confirmedBy").GetString());
        AssertState(await Kit.GetOkAsync(op, $"/vouchers/{id}"), "Paid", 7);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingVouchersDbContext>();
        var payloads = await db.OutboxMessages.AsNoTracking().Where(m => m.EventName == SubsidyPaid.Name).Select(m => m.Payload).ToListAsync(Token);
        Assert.Single(payloads, p => p.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase));
        Dispose(confirmers);
    }

    /// <summary>
    /// Sends one request per client, all released at once, and collects every answer with the index of
    /// the client that sent it.
    /// </summary>
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

    /// <summary>Exactly one answer has <paramref name="success"/>; every other one is a conflict <paramref name="losing"/> accepts.</summary>
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

    private static void AssertState(JsonElement voucher, string status, int version)
    {
        Assert.Equal(status, voucher.GetProperty("status").GetString());
        Assert.Equal(version, voucher.GetProperty("version").GetInt32());
    }

    private static async Task<JsonElement> ReadCreatedAsync(HttpResponseMessage response)
    {
        var body = await HttpAssert.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201 but got {(int)response.StatusCode}: {body}");
        return body;
    }

    private static async Task<Guid> IssueAsync(HttpClient op, string idNumber)
    {
        using var response = await Kit.PostAsync(op, "/vouchers", Kit.IssueBody(idNumber));
        return (await ReadCreatedAsync(response)).GetProperty("id").GetGuid();
    }

    /// <summary>Issued, enrolled for 2 hours, 120 minutes attended and passed: version 4.</summary>
    private static async Task<Guid> CompletedAsync(PlatformFactory host)
    {
        var idNumber = Kit.NewIdNumber();
        using var op = Kit.Operator(host);
        using var institution = Kit.Institution(host);
        var id = await IssueAsync(op, idNumber);
        await Kit.EnrolAsync(institution, id, idNumber);
        await Kit.PostOkAsync(institution, $"/vouchers/{id}/attendance", Kit.Sessions(120));
        await Kit.PostOkAsync(institution, $"/vouchers/{id}/completion", Kit.Completion(passed: true));
        return id;
    }

    /// <summary><see cref="CompletedAsync"/>, claimed by the institution and approved by reviewer-1: version 6.</summary>
    private static async Task<Guid> ApprovedAsync(PlatformFactory host)
    {
        var id = await CompletedAsync(host);
        using var institution = Kit.Institution(host);
        using var reviewer = Kit.Reviewer(host);
        await Kit.PostOkAsync(institution, $"/vouchers/{id}/settlement", null);
        await Kit.PostOkAsync(reviewer, $"/vouchers/{id}/settlement/approval", null);
        return id;
    }

    private static async Task<JsonElement[]> SearchByHolderAsync(HttpClient client, string idNumber)
    {
        var page = await Kit.PostOkAsync(client, "/vouchers/search", new { holderIdNumber = idNumber });
        return page.GetProperty("items").EnumerateArray().ToArray();
    }

    /// <summary>How many stored vouchers of the holder match <paramref name="predicate"/>, read past every region.</summary>
    private static async Task<int> StoredVouchersOfAsync(PlatformFactory host, string idNumber, System.Linq.Expressions.Expression<Func<Voucher, bool>> predicate)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingVouchersDbContext>();
        var blindIndex = scope.ServiceProvider.GetRequiredService<IPersonalDataProtector>().BlindIndex(PersonalDataKind.ResidentId, idNumber);
        return await db.Vouchers.AsNoTracking().Where(v => v.Holder.BlindIndex == blindIndex).CountAsync(predicate, Token);
    }

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
