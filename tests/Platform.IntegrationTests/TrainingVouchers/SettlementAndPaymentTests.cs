using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Platform;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Persistence;
using Kit = Platform.IntegrationTests.TrainingVouchers.VoucherTestKit;

namespace Platform.IntegrationTests.TrainingVouchers;

/// <summary>
/// Settling a completed voucher and paying it, on each provider: what can be claimed, maker-checker on
/// the approval and on the payment confirmation, rejection and a new claim, and the checks a payment
/// batch passes (control totals, approved claims only, each claim in one batch, unique references).
/// </summary>
public sealed class SettlementAndPaymentTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private const string SamePersonCannotApprove = "vouchers.same_person_cannot_approve";
    private const string BatchTotalsMismatch = "vouchers.batch_totals_mismatch";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Claiming_a_failed_assessment_under_the_default_failed_share_of_0_answers_422_nothing_to_settle(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var institution = Kit.Institution(host);
        var id = await CompletedAsync(host, passed: false);
        var completed = await Kit.GetOkAsync(op, $"/vouchers/{id}");
        Assert.False(completed.GetProperty("passed").GetBoolean());

        using var claim = await Kit.PostAsync(institution, $"/vouchers/{id}/settlement", null);

        await HttpAssert.ProblemAsync(claim, HttpStatusCode.UnprocessableEntity, "vouchers.nothing_to_settle");
        var after = await Kit.GetOkAsync(op, $"/vouchers/{id}");
        Assert.Equal(completed.GetRawText(), after.GetRawText());
        AssertState(after, "Completed", 4);
        Assert.Equal(0, await ClaimCountAsync(host, id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_claimant_cannot_approve_or_reject_their_own_claim_but_another_reviewer_can(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var maker = $"maker-{Guid.NewGuid():N}";
        using var claimant = host.CreateClientAs(Roles.Administrator, "*", maker);
        using var sameReviewer = Kit.Reviewer(host, subject: maker);
        using var otherReviewer = Kit.Reviewer(host, subject: $"checker-{Guid.NewGuid():N}");
        var id = await CompletedAsync(host);
        var claimed = await Kit.PostOkAsync(claimant, $"/vouchers/{id}/settlement", null);
        AssertState(claimed, "SettlementClaimed", 5);
        Assert.Equal(maker, (await StoredClaimAsync(host, claimed.GetProperty("claimId").GetGuid())).ClaimedBy);

        using var approval = await Kit.PostAsync(sameReviewer, $"/vouchers/{id}/settlement/approval", null);
        using var rejection = await Kit.PostAsync(sameReviewer, $"/vouchers/{id}/settlement/rejection", new { reason = "自审自批" });

        await HttpAssert.ProblemAsync(approval, HttpStatusCode.Forbidden, SamePersonCannotApprove);
        await HttpAssert.ProblemAsync(rejection, HttpStatusCode.Forbidden, SamePersonCannotApprove);
        AssertState(await Kit.GetOkAsync(op, $"/vouchers/{id}"), "SettlementClaimed", 5);
        Assert.Equal(ClaimStatus.Claimed, (await StoredClaimAsync(host, claimed.GetProperty("claimId").GetGuid())).Status);

        var approved = await Kit.PostOkAsync(otherReviewer, $"/vouchers/{id}/settlement/approval", null);
        AssertState(approved, "SettlementApproved", 6);
        var claim = await StoredClaimAsync(host, claimed.GetProperty("claimId").GetGuid());
        Assert.Equal(ClaimStatus.Approved, claim.Status);
        Assert.NotEqual(maker, claim.DecidedBy);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_rejected_claim_returns_the_voucher_to_completed_and_the_institution_can_claim_again(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var institution = Kit.Institution(host);
        using var reviewer = Kit.Reviewer(host);
        var id = await CompletedAsync(host);
        var firstClaim = (await Kit.PostOkAsync(institution, $"/vouchers/{id}/settlement", null)).GetProperty("claimId").GetGuid();

        using var withoutReason = await Kit.PostAsync(reviewer, $"/vouchers/{id}/settlement/rejection", new { reason = "" });
        await HttpAssert.ProblemAsync(withoutReason, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);

        var rejected = await Kit.PostOkAsync(reviewer, $"/vouchers/{id}/settlement/rejection", new { reason = "结业证书扫描件不清晰" });

        AssertState(rejected, "Completed", 6);
        Assert.Equal(JsonValueKind.Null, ValueOrNull(rejected, "claimId"));
        Assert.Equal(JsonValueKind.Null, ValueOrNull(rejected, "subsidyAmount"));
        var first = await StoredClaimAsync(host, firstClaim);
        Assert.Equal(ClaimStatus.Rejected, first.Status);
        Assert.Equal("结业证书扫描件不清晰", first.RejectionReason);
        Assert.Equal("reviewer-1", first.DecidedBy);

        var again = await Kit.PostOkAsync(institution, $"/vouchers/{id}/settlement", null);
        AssertState(again, "SettlementClaimed", 7);
        var secondClaim = again.GetProperty("claimId").GetGuid();
        Assert.NotEqual(firstClaim, secondClaim);
        Assert.Equal(1300.00m, again.GetProperty("subsidyAmount").GetDecimal());
        AssertState(await Kit.PostOkAsync(reviewer, $"/vouchers/{id}/settlement/approval", null), "SettlementApproved", 8);
        Assert.Equal(ClaimStatus.Rejected, (await StoredClaimAsync(host, firstClaim)).Status);
        Assert.Equal(ClaimStatus.Approved, (await StoredClaimAsync(host, secondClaim)).Status);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_batch_of_two_vouchers_pays_each_claim_once_confirmed_by_a_second_person(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var reviewer = Kit.Reviewer(host);
        var photovoltaic = await ApprovedAsync(host);
        var electrician = await ApprovedAsync(host, Kit.Electrician);
        var reference = NewReference();

        using var prepared = await Kit.PostAsync(op, "/payment-batches", BatchBody(reference, [photovoltaic, electrician], 2, 2300.00m));

        var batch = await ReadCreatedAsync(prepared);
        var batchId = batch.GetProperty("id").GetGuid();
        Assert.Equal(2, batch.GetProperty("declaredCount").GetInt32());
        Assert.Equal(2300.00m, batch.GetProperty("declaredTotal").GetDecimal());
        var amounts = batch.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("voucherId").GetGuid(), l => l.GetProperty("amount").GetDecimal());
        Assert.Equal(1300.00m, amounts[photovoltaic]);
        Assert.Equal(1000.00m, amounts[electrician]);

        // Read back: the same batch (amounts compared as numbers; SQLite keeps no decimal scale).
        var read = await Kit.GetOkAsync(op, $"/payment-batches/{batchId}");
        foreach (var field in new[] { "id", "regionCode", "reference", "declaredCount", "status", "createdBy", "version" })
        {
            Assert.Equal(batch.GetProperty(field).GetRawText(), read.GetProperty(field).GetRawText());
        }

        Assert.Equal(2300.00m, read.GetProperty("declaredTotal").GetDecimal());
        Assert.Equal(amounts, read.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("voucherId").GetGuid(), l => l.GetProperty("amount").GetDecimal()));

        var confirmed = await Kit.PostOkAsync(reviewer, $"/payment-batches/{batchId}/confirmation", new { paidOn = Kit.ChinaToday });
        Assert.Equal("Paid", confirmed.GetProperty("status").GetString());
        Assert.Equal("reviewer-1", confirmed.GetProperty("confirmedBy").GetString());
        Assert.Equal(2, confirmed.GetProperty("version").GetInt32());
        foreach (var id in new[] { photovoltaic, electrician })
        {
            var paid = await Kit.GetOkAsync(op, $"/vouchers/{id}");
            AssertState(paid, "Paid", 7);
            Assert.Equal(Kit.ChinaToday, DateOnly.Parse(paid.GetProperty("paidOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(ClaimStatus.Paid, (await StoredClaimAsync(host, paid.GetProperty("claimId").GetGuid())).Status);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_batch_whose_declared_total_differs_from_the_claims_answers_422_and_batches_nothing(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var id = await ApprovedAsync(host);
        var reference = NewReference();

        using var refused = await Kit.PostAsync(op, "/payment-batches", BatchBody(reference, [id], 1, 1000.00m));

        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, BatchTotalsMismatch);
        Assert.Contains("1300.00", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingBatchedAsync(host, op, id, reference);

        // The same reference and voucher with the right figures then go through.
        using var accepted = await Kit.PostAsync(op, "/payment-batches", BatchBody(reference, [id], 1, 1300.00m));
        await ReadCreatedAsync(accepted);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_batch_whose_declared_count_differs_from_the_claims_answers_422_and_batches_nothing(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var id = await ApprovedAsync(host);
        var reference = NewReference();

        using var refused = await Kit.PostAsync(op, "/payment-batches", BatchBody(reference, [id], 2, 1300.00m));

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, BatchTotalsMismatch);
        await AssertNothingBatchedAsync(host, op, id, reference);
        using var accepted = await Kit.PostAsync(op, "/payment-batches", BatchBody(reference, [id], 1, 1300.00m));
        await ReadCreatedAsync(accepted);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_batch_naming_a_voucher_without_an_approved_claim_answers_409_claim_not_approved(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var institution = Kit.Institution(host);
        var completed = await CompletedAsync(host);
        var claimed = await CompletedAsync(host);
        await Kit.PostOkAsync(institution, $"/vouchers/{claimed}/settlement", null);

        foreach (var id in new[] { completed, claimed })
        {
            var reference = NewReference();
            using var refused = await Kit.PostAsync(op, "/payment-batches", BatchBody(reference, [id], 1, 1300.00m));

            var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.Conflict, "vouchers.claim_not_approved");
            Assert.Equal(["voucherIds[0]"], HttpAssert.ErrorFields(problem));
            Assert.Equal(0, await BatchCountAsync(host, reference));
        }

        Assert.Null((await StoredClaimAsync(host, (await Kit.GetOkAsync(op, $"/vouchers/{claimed}")).GetProperty("claimId").GetGuid())).PaymentBatchId);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_same_voucher_in_a_second_batch_answers_409_claim_already_batched(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var id = await ApprovedAsync(host);
        using var first = await Kit.PostAsync(op, "/payment-batches", BatchBody(NewReference(), [id], 1, 1300.00m));
        var firstBatch = (await ReadCreatedAsync(first)).GetProperty("id").GetGuid();
        var secondReference = NewReference();

        using var second = await Kit.PostAsync(op, "/payment-batches", BatchBody(secondReference, [id], 1, 1300.00m));

        var problem = await HttpAssert.ProblemAsync(second, HttpStatusCode.Conflict, "vouchers.claim_already_batched");
        Assert.Contains(firstBatch.ToString(), HttpAssert.FieldErrors(problem, "voucherIds[0]").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await BatchCountAsync(host, secondReference));
        var voucher = await Kit.GetOkAsync(op, $"/vouchers/{id}");
        Assert.Equal(firstBatch, (await StoredClaimAsync(host, voucher.GetProperty("claimId").GetGuid())).PaymentBatchId);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_preparer_of_a_batch_cannot_confirm_it(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var id = await ApprovedAsync(host);
        using var prepared = await Kit.PostAsync(op, "/payment-batches", BatchBody(NewReference(), [id], 1, 1300.00m));
        var batchId = (await ReadCreatedAsync(prepared)).GetProperty("id").GetGuid();

        using var confirmation = await Kit.PostAsync(op, $"/payment-batches/{batchId}/confirmation", new { paidOn = Kit.ChinaToday });

        await HttpAssert.ProblemAsync(confirmation, HttpStatusCode.Forbidden, SamePersonCannotApprove);
        var batch = await Kit.GetOkAsync(op, $"/payment-batches/{batchId}");
        Assert.Equal("Prepared", batch.GetProperty("status").GetString());
        Assert.Equal(1, batch.GetProperty("version").GetInt32());
        AssertState(await Kit.GetOkAsync(op, $"/vouchers/{id}"), "SettlementApproved", 6);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Confirming_a_paid_batch_again_answers_409_batch_already_paid(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var reviewer = Kit.Reviewer(host);
        using var anotherReviewer = Kit.Reviewer(host, subject: "reviewer-2");
        var id = await ApprovedAsync(host);
        using var prepared = await Kit.PostAsync(op, "/payment-batches", BatchBody(NewReference(), [id], 1, 1300.00m));
        var batchId = (await ReadCreatedAsync(prepared)).GetProperty("id").GetGuid();
        await Kit.PostOkAsync(reviewer, $"/payment-batches/{batchId}/confirmation", new { paidOn = Kit.ChinaToday });

        using var again = await Kit.PostAsync(reviewer, $"/payment-batches/{batchId}/confirmation", new { paidOn = Kit.ChinaToday });
        using var byAnother = await Kit.PostAsync(anotherReviewer, $"/payment-batches/{batchId}/confirmation", new { paidOn = Kit.ChinaToday });

        await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict, "vouchers.batch_already_paid");
        await HttpAssert.ProblemAsync(byAnother, HttpStatusCode.Conflict, "vouchers.batch_already_paid");
        var batch = await Kit.GetOkAsync(op, $"/payment-batches/{batchId}");
        Assert.Equal(2, batch.GetProperty("version").GetInt32());
        Assert.Equal("reviewer-1", batch.GetProperty("confirmedBy").GetString());
        AssertState(await Kit.GetOkAsync(op, $"/vouchers/{id}"), "Paid", 7);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_batch_reference_already_used_in_the_region_answers_409_and_leaves_the_claim_unbatched(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var first = await ApprovedAsync(host);
        var second = await ApprovedAsync(host);
        var reference = NewReference();
        using var used = await Kit.PostAsync(op, "/payment-batches", BatchBody(reference, [first], 1, 1300.00m));
        await ReadCreatedAsync(used);

        using var duplicate = await Kit.PostAsync(op, "/payment-batches", BatchBody(reference, [second], 1, 1300.00m));

        await HttpAssert.ProblemAsync(duplicate, HttpStatusCode.Conflict, "vouchers.batch_reference_used");
        Assert.Equal(1, await BatchCountAsync(host, reference));
        var voucher = await Kit.GetOkAsync(op, $"/vouchers/{second}");
        Assert.Null((await StoredClaimAsync(host, voucher.GetProperty("claimId").GetGuid())).PaymentBatchId);
    }

    /// <summary>After a refused batch: no batch under the reference, the claim in none, the voucher still approved.</summary>
    private static async Task AssertNothingBatchedAsync(PlatformFactory host, HttpClient reader, Guid id, string reference)
    {
        Assert.Equal(0, await BatchCountAsync(host, reference));
        var voucher = await Kit.GetOkAsync(reader, $"/vouchers/{id}");
        AssertState(voucher, "SettlementApproved", 6);
        var claim = await StoredClaimAsync(host, voucher.GetProperty("claimId").GetGuid());
        Assert.Equal(ClaimStatus.Approved, claim.Status);
        Assert.Null(claim.PaymentBatchId);
    }

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

    /// <summary>Issued (Level5 in Leshan county), enrolled for 2 hours, 120 minutes attended and assessed: version 4.</summary>
    private static async Task<Guid> CompletedAsync(PlatformFactory host, string occupation = Kit.Photovoltaic, bool passed = true)
    {
        var idNumber = Kit.NewIdNumber();
        using var op = Kit.Operator(host);
        using var institution = Kit.Institution(host);
        using var issued = await Kit.PostAsync(op, "/vouchers", Kit.IssueBody(idNumber, occupation));
        var id = (await ReadCreatedAsync(issued)).GetProperty("id").GetGuid();
        await Kit.EnrolAsync(institution, id, idNumber);
        await Kit.PostOkAsync(institution, $"/vouchers/{id}/attendance", Kit.Sessions(120));
        await Kit.PostOkAsync(institution, $"/vouchers/{id}/completion", Kit.Completion(passed));
        return id;
    }

    /// <summary><see cref="CompletedAsync"/>, claimed by the institution and approved by reviewer-1: version 6.</summary>
    private static async Task<Guid> ApprovedAsync(PlatformFactory host, string occupation = Kit.Photovoltaic)
    {
        var id = await CompletedAsync(host, occupation);
        using var institution = Kit.Institution(host);
        using var reviewer = Kit.Reviewer(host);
        await Kit.PostOkAsync(institution, $"/vouchers/{id}/settlement", null);
        AssertState(await Kit.PostOkAsync(reviewer, $"/vouchers/{id}/settlement/approval", null), "SettlementApproved", 6);
        return id;
    }

    private static object BatchBody(string reference, Guid[] vouchers, int declaredCount, decimal declaredTotal) => new
    {
        regionCode = Kit.Leshan,
        reference,
        voucherIds = vouchers,
        declaredCount,
        declaredTotal,
    };

    private static string NewReference() => $"LS-PAY-{Guid.NewGuid():N}";

    private static JsonValueKind ValueOrNull(JsonElement body, string property) =>
        body.TryGetProperty(property, out var value) ? value.ValueKind : JsonValueKind.Null;

    private static async Task<SettlementClaim> StoredClaimAsync(PlatformFactory host, Guid claimId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingVouchersDbContext>();
        return await db.SettlementClaims.AsNoTracking().SingleAsync(c => c.Id == claimId, Token);
    }

    private static async Task<int> ClaimCountAsync(PlatformFactory host, Guid voucherId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingVouchersDbContext>();
        return await db.SettlementClaims.AsNoTracking().CountAsync(c => c.VoucherId == voucherId, Token);
    }

    private static async Task<int> BatchCountAsync(PlatformFactory host, string reference)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingVouchersDbContext>();
        return await db.PaymentBatches.AsNoTracking().CountAsync(b => b.Reference == reference, Token);
    }
}
