using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Idempotency;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.PersonalData;
using Platform.BuildingBlocks.Security;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Platform;
using Platform.Modules.TrainingVouchers.Contracts;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Persistence;
using Kit = Platform.IntegrationTests.TrainingVouchers.VoucherTestKit;

namespace Platform.IntegrationTests.TrainingVouchers;

/// <summary>
/// The voucher lifecycle through the module's HTTP API, on each provider: the whole journey from issue to
/// payment, the transitions the state machine refuses, If-Match on transitions, cancelling and revoking
/// (and the yearly quota slot a cancelled voucher frees), idempotent issuing, and the events the journey
/// leaves in the module's outbox.
/// </summary>
public sealed class VoucherJourneyTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private const string InvalidTransition = "vouchers.invalid_transition";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Today => Kit.ChinaToday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_voucher_travels_from_issue_to_payment_raising_its_version_at_each_step(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var idNumber = Kit.NewIdNumber();
        using var op = Kit.Operator(host);
        using var institution = Kit.Institution(host);
        using var reviewer = Kit.Reviewer(host);
        using var confirmer = Kit.Operator(host, subject: "operator-2");
        using var auditor = host.CreateClientAs(Roles.Auditor, Kit.Leshan, "auditor-1");

        // Issued: 201 with its location and ETag "1"; 光伏组件制造工 Level5 is 1,000 yuan raised by Leshan's 30 %.
        using var issued = await Kit.PostAsync(op, "/vouchers", Kit.IssueBody(idNumber));
        var voucher = await ReadCreatedAsync(issued);
        var id = voucher.GetProperty("id").GetGuid();
        Assert.Equal($"{Kit.Base}/vouchers/{id}", issued.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", ETagOf(issued));
        Assert.Equal(1300.00m, voucher.GetProperty("faceValue").GetDecimal());
        Assert.Equal(Masked(idNumber), voucher.GetProperty("holderIdNumber").GetString());
        AssertState(voucher, "Issued", 1);
        Assert.Equal(["MigrantWorkers"], voucher.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(Kit.LeshanCounty, voucher.GetProperty("regionCode").GetString());
        Assert.Equal(Today, voucher.GetProperty("issuedOn").GetString());
        Assert.Equal(Kit.ChinaToday.AddDays(179).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), voucher.GetProperty("expiresOn").GetString());

        // Read back through its location with the same ETag; the operator holds pii.read and sees the number.
        using var read = await op.GetAsync(issued.Headers.Location, Token);
        var readBody = await HttpAssert.ReadOkJsonAsync(read);
        Assert.Equal("\"1\"", ETagOf(read));
        Assert.False(read.Headers.ETag!.IsWeak);
        AssertState(readBody, "Issued", 1);
        Assert.Equal(1300.00m, readBody.GetProperty("faceValue").GetDecimal());
        Assert.Equal(idNumber, readBody.GetProperty("holderIdNumber").GetString());

        // Enrolled by the institution, with the current ETag.
        using var enrolled = await Kit.PostAsync(institution, $"/vouchers/{id}/enrolment", Kit.EnrolBody(idNumber, scheduledHours: 2), ifMatch: "\"1\"");
        var enrolledBody = await HttpAssert.ReadOkJsonAsync(enrolled);
        Assert.Equal("\"2\"", ETagOf(enrolled));
        AssertState(enrolledBody, "Enrolled", 2);
        Assert.Equal(Kit.LeshanInstitution, enrolledBody.GetProperty("institutionCode").GetString());
        Assert.Equal(Kit.LeshanCounty, enrolledBody.GetProperty("servingRegionCode").GetString());
        Assert.Equal(2, enrolledBody.GetProperty("scheduledHours").GetInt32());

        // Two hours attended of two scheduled: still enrolled, 100 %.
        var attended = await Kit.PostOkAsync(institution, $"/vouchers/{id}/attendance", Kit.Sessions(120));
        AssertState(attended, "Enrolled", 3);
        Assert.Equal(120, attended.GetProperty("attendedMinutes").GetInt32());
        Assert.Equal(100m, attended.GetProperty("attendanceRatePercent").GetDecimal());

        // Completed: passed, with a certificate.
        var certificate = $"CERT-{Guid.NewGuid():N}";
        var completed = await Kit.PostOkAsync(institution, $"/vouchers/{id}/completion", Kit.Completion(passed: true, certificate));
        AssertState(completed, "Completed", 4);
        Assert.True(completed.GetProperty("passed").GetBoolean());
        Assert.Equal(certificate, completed.GetProperty("certificateNumber").GetString());
        Assert.Equal(Today, completed.GetProperty("completedOn").GetString());

        // Claimed by the institution: the full face value.
        var claimed = await Kit.PostOkAsync(institution, $"/vouchers/{id}/settlement", null);
        AssertState(claimed, "SettlementClaimed", 5);
        Assert.Equal(1300.00m, claimed.GetProperty("subsidyAmount").GetDecimal());
        var claimId = claimed.GetProperty("claimId").GetGuid();

        // Approved by a reviewer, who is not the claimant.
        var approved = await Kit.PostOkAsync(reviewer, $"/vouchers/{id}/settlement/approval", null);
        AssertState(approved, "SettlementApproved", 6);
        Assert.Equal(claimId, approved.GetProperty("claimId").GetGuid());

        // A payment batch with the declared control figures; preparing it does not change the voucher.
        var reference = NewReference();
        using var prepared = await Kit.PostAsync(op, "/payment-batches", BatchBody(reference, [id], 1, 1300.00m));
        var batch = await ReadCreatedAsync(prepared);
        var batchId = batch.GetProperty("id").GetGuid();
        Assert.Equal($"{Kit.Base}/payment-batches/{batchId}", prepared.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", ETagOf(prepared));
        Assert.Equal("Prepared", batch.GetProperty("status").GetString());
        Assert.Equal(reference, batch.GetProperty("reference").GetString());
        Assert.Equal(1, batch.GetProperty("declaredCount").GetInt32());
        Assert.Equal(1300.00m, batch.GetProperty("declaredTotal").GetDecimal());
        Assert.Equal("operator-1", batch.GetProperty("createdBy").GetString());
        var line = Assert.Single(batch.GetProperty("lines").EnumerateArray());
        Assert.Equal(id, line.GetProperty("voucherId").GetGuid());
        Assert.Equal(claimId, line.GetProperty("claimId").GetGuid());
        Assert.Equal(Kit.LeshanInstitution, line.GetProperty("institutionCode").GetString());
        Assert.Equal(1300.00m, line.GetProperty("amount").GetDecimal());
        AssertState(await Kit.GetOkAsync(op, $"/vouchers/{id}"), "SettlementApproved", 6);

        // Confirmed paid by a second person.
        using var confirmed = await Kit.PostAsync(confirmer, $"/payment-batches/{batchId}/confirmation", new { paidOn = Kit.ChinaToday }, ifMatch: "\"1\"");
        var paidBatch = await HttpAssert.ReadOkJsonAsync(confirmed);
        Assert.Equal("\"2\"", ETagOf(confirmed));
        Assert.Equal("Paid", paidBatch.GetProperty("status").GetString());
        Assert.Equal("operator-2", paidBatch.GetProperty("confirmedBy").GetString());
        Assert.Equal(Today, paidBatch.GetProperty("paidOn").GetString());

        // The voucher is paid; an auditor sees the same voucher, with the holder masked.
        using var final = await op.GetAsync($"{Kit.Base}/vouchers/{id}", Token);
        var paid = await HttpAssert.ReadOkJsonAsync(final);
        Assert.Equal("\"7\"", ETagOf(final));
        AssertState(paid, "Paid", 7);
        Assert.Equal(Today, paid.GetProperty("paidOn").GetString());
        Assert.Equal(1300.00m, paid.GetProperty("faceValue").GetDecimal());
        Assert.Equal(1300.00m, paid.GetProperty("subsidyAmount").GetDecimal());

        using var audited = await auditor.GetAsync($"{Kit.Base}/vouchers/{id}", Token);
        var seen = await HttpAssert.ReadOkJsonAsync(audited);
        Assert.Equal("\"7\"", ETagOf(audited));
        Assert.Equal(Masked(idNumber), seen.GetProperty("holderIdNumber").GetString());
        foreach (var field in new[] { "id", "status", "version", "faceValue", "subsidyAmount", "claimId", "paidOn", "institutionCode", "certificateNumber", "completedOn", "occupationCode", "level" })
        {
            Assert.Equal(paid.GetProperty(field).GetRawText(), seen.GetProperty(field).GetRawText());
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Completing_or_recording_attendance_before_enrolment_answers_409_and_leaves_the_voucher_issued(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var administrator = host.CreateClient();
        var id = await IssueAsync(op, Kit.NewIdNumber());

        // An administrator, so the refusal is the state machine's (institution staff do not see an unenrolled voucher at all).
        await AssertRefusedAndUnchangedAsync(op, id, administrator, $"/vouchers/{id}/completion", Kit.Completion(passed: true), "Issued", 1);
        await AssertRefusedAndUnchangedAsync(op, id, administrator, $"/vouchers/{id}/attendance", Kit.Sessions(60), "Issued", 1);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Enrolling_twice_answers_409_and_keeps_the_first_enrolment(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var idNumber = Kit.NewIdNumber();
        using var op = Kit.Operator(host);
        using var institution = Kit.Institution(host);
        var id = await IssueAsync(op, idNumber);
        await Kit.EnrolAsync(institution, id, idNumber);

        await AssertRefusedAndUnchangedAsync(op, id, institution, $"/vouchers/{id}/enrolment", Kit.EnrolBody(idNumber, scheduledHours: 40), "Enrolled", 2);
        Assert.Equal(2, (await Kit.GetOkAsync(op, $"/vouchers/{id}")).GetProperty("scheduledHours").GetInt32());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Cancelling_after_enrolment_answers_409_and_leaves_the_voucher_enrolled(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var idNumber = Kit.NewIdNumber();
        using var op = Kit.Operator(host);
        using var institution = Kit.Institution(host);
        var id = await IssueAsync(op, idNumber);
        await Kit.EnrolAsync(institution, id, idNumber);

        await AssertRefusedAndUnchangedAsync(op, id, op, $"/vouchers/{id}/cancellation", new { reason = "持卡人申请注销" }, "Enrolled", 2);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Claiming_before_completion_answers_409_and_creates_no_claim(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var idNumber = Kit.NewIdNumber();
        using var op = Kit.Operator(host);
        using var institution = Kit.Institution(host);
        var id = await IssueAsync(op, idNumber);
        await Kit.EnrolAsync(institution, id, idNumber);

        await AssertRefusedAndUnchangedAsync(op, id, institution, $"/vouchers/{id}/settlement", null, "Enrolled", 2);
        Assert.Equal(0, await ClaimCountAsync(host, id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Approving_or_rejecting_without_a_claim_answers_409_and_leaves_the_voucher_completed(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var reviewer = Kit.Reviewer(host);
        var id = await CompletedAsync(host, Kit.NewIdNumber());

        await AssertRefusedAndUnchangedAsync(op, id, reviewer, $"/vouchers/{id}/settlement/approval", null, "Completed", 4);
        await AssertRefusedAndUnchangedAsync(op, id, reviewer, $"/vouchers/{id}/settlement/rejection", new { reason = "材料不全" }, "Completed", 4);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Revoking_or_cancelling_after_payment_answers_409_and_leaves_the_voucher_paid(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var reviewer = Kit.Reviewer(host);
        var id = await PaidAsync(host, Kit.NewIdNumber());

        await AssertRefusedAndUnchangedAsync(op, id, reviewer, $"/vouchers/{id}/revocation", new { reason = "事后发现虚假培训" }, "Paid", 7);
        await AssertRefusedAndUnchangedAsync(op, id, op, $"/vouchers/{id}/cancellation", new { reason = "持卡人申请注销" }, "Paid", 7);
        await AssertRefusedAndUnchangedAsync(op, id, reviewer, $"/vouchers/{id}/settlement/approval", null, "Paid", 7);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_cancelled_voucher_can_be_neither_enrolled_nor_revoked_nor_cancelled_again(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var idNumber = Kit.NewIdNumber();
        using var op = Kit.Operator(host);
        using var institution = Kit.Institution(host);
        using var reviewer = Kit.Reviewer(host);
        var id = await IssueAsync(op, idNumber);
        await Kit.PostOkAsync(op, $"/vouchers/{id}/cancellation", new { reason = "持卡人申请注销" });

        await AssertRefusedAndUnchangedAsync(op, id, institution, $"/vouchers/{id}/enrolment", Kit.EnrolBody(idNumber), "Cancelled", 2);
        await AssertRefusedAndUnchangedAsync(op, id, reviewer, $"/vouchers/{id}/revocation", new { reason = "重复" }, "Cancelled", 2);
        await AssertRefusedAndUnchangedAsync(op, id, op, $"/vouchers/{id}/cancellation", new { reason = "重复" }, "Cancelled", 2);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Enrolling_with_a_stale_If_Match_answers_412_and_with_the_current_one_enrols(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var idNumber = Kit.NewIdNumber();
        using var op = Kit.Operator(host);
        using var institution = Kit.Institution(host);
        var id = await IssueAsync(op, idNumber);

        using var stale = await Kit.PostAsync(institution, $"/vouchers/{id}/enrolment", Kit.EnrolBody(idNumber), ifMatch: "\"2\"");
        using var weak = await Kit.PostAsync(institution, $"/vouchers/{id}/enrolment", Kit.EnrolBody(idNumber), ifMatch: "W/\"1\"");

        await HttpAssert.ProblemAsync(stale, HttpStatusCode.PreconditionFailed, EntityTags.PreconditionFailed);
        await HttpAssert.ProblemAsync(weak, HttpStatusCode.PreconditionFailed, EntityTags.PreconditionFailed);
        var (tag, unchanged) = await ReadAsync(op, id);
        Assert.Equal("\"1\"", tag);
        AssertState(unchanged, "Issued", 1);
        Assert.Equal(JsonValueKind.Null, ValueOrNull(unchanged, "institutionCode"));

        using var current = await Kit.PostAsync(institution, $"/vouchers/{id}/enrolment", Kit.EnrolBody(idNumber), ifMatch: "\"1\"");
        AssertState(await HttpAssert.ReadOkJsonAsync(current), "Enrolled", 2);
        Assert.Equal("\"2\"", ETagOf(current));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Approving_with_a_stale_If_Match_answers_412_and_with_the_current_one_approves(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var institution = Kit.Institution(host);
        using var reviewer = Kit.Reviewer(host);
        var id = await CompletedAsync(host, Kit.NewIdNumber());
        await Kit.PostOkAsync(institution, $"/vouchers/{id}/settlement", null);

        using var stale = await Kit.PostAsync(reviewer, $"/vouchers/{id}/settlement/approval", null, ifMatch: "\"4\"");

        await HttpAssert.ProblemAsync(stale, HttpStatusCode.PreconditionFailed, EntityTags.PreconditionFailed);
        var (tag, unchanged) = await ReadAsync(op, id);
        Assert.Equal("\"5\"", tag);
        AssertState(unchanged, "SettlementClaimed", 5);
        Assert.Equal(ClaimStatus.Claimed, (await StoredClaimAsync(host, unchanged.GetProperty("claimId").GetGuid())).Status);

        using var current = await Kit.PostAsync(reviewer, $"/vouchers/{id}/settlement/approval", null, ifMatch: "\"5\"");
        AssertState(await HttpAssert.ReadOkJsonAsync(current), "SettlementApproved", 6);
        Assert.Equal("\"6\"", ETagOf(current));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_operator_cancels_an_unused_voucher_with_the_reason(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var id = await IssueAsync(op, Kit.NewIdNumber());

        using var cancelled = await Kit.PostAsync(op, $"/vouchers/{id}/cancellation", new { reason = "  持卡人外出务工，申请注销  " }, ifMatch: "\"1\"");

        var body = await HttpAssert.ReadOkJsonAsync(cancelled);
        AssertState(body, "Cancelled", 2);
        Assert.Equal("\"2\"", ETagOf(cancelled));
        Assert.Equal("持卡人外出务工，申请注销", body.GetProperty("closingReason").GetString());
        Assert.Equal(JsonValueKind.String, body.GetProperty("closedAt").ValueKind);
        var stored = await StoredVoucherAsync(host, id);
        Assert.Equal("operator-1", stored.ClosedBy);
        Assert.Null(stored.QuotaSlot);
        Assert.Null(stored.OpenSlot);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_reviewer_revokes_an_enrolled_voucher_with_the_reason(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var idNumber = Kit.NewIdNumber();
        using var op = Kit.Operator(host);
        using var institution = Kit.Institution(host);
        using var reviewer = Kit.Reviewer(host);
        var id = await IssueAsync(op, idNumber);
        await Kit.EnrolAsync(institution, id, idNumber);

        var revoked = await Kit.PostOkAsync(reviewer, $"/vouchers/{id}/revocation", new { reason = "冒名顶替参训" });

        AssertState(revoked, "Revoked", 3);
        Assert.Equal("冒名顶替参训", revoked.GetProperty("closingReason").GetString());
        Assert.Equal("reviewer-1", (await StoredVoucherAsync(host, id)).ClosedBy);
        AssertState(await Kit.GetOkAsync(op, $"/vouchers/{id}"), "Revoked", 3);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Revoking_a_voucher_with_a_pending_claim_rejects_the_claim(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var institution = Kit.Institution(host);
        using var reviewer = Kit.Reviewer(host);
        var id = await CompletedAsync(host, Kit.NewIdNumber());
        var claimId = (await Kit.PostOkAsync(institution, $"/vouchers/{id}/settlement", null)).GetProperty("claimId").GetGuid();

        using var revoked = await Kit.PostAsync(reviewer, $"/vouchers/{id}/revocation", new { reason = "考勤记录造假" }, ifMatch: "\"5\"");

        var body = await HttpAssert.ReadOkJsonAsync(revoked);
        AssertState(body, "Revoked", 6);
        Assert.Equal("考勤记录造假", body.GetProperty("closingReason").GetString());
        var claim = await StoredClaimAsync(host, claimId);
        Assert.Equal(ClaimStatus.Rejected, claim.Status);
        Assert.Equal("考勤记录造假", claim.RejectionReason);
        Assert.Equal("reviewer-1", claim.DecidedBy);
        Assert.NotNull(claim.DecidedAt);

        // The rejected claim cannot be approved any more.
        using var approval = await Kit.PostAsync(reviewer, $"/vouchers/{id}/settlement/approval", null);
        await HttpAssert.ProblemAsync(approval, HttpStatusCode.Conflict, InvalidTransition);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_cancelled_voucher_frees_its_yearly_quota_slot_for_a_fourth_voucher(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var idNumber = Kit.NewIdNumber();
        using var op = Kit.Operator(host);
        await IssueAsync(op, idNumber, Kit.Photovoltaic, "Level5");
        var second = await IssueAsync(op, idNumber, Kit.Photovoltaic, "Level4");
        await IssueAsync(op, idNumber, Kit.Electrician, "Level5");

        using var refused = await Kit.PostAsync(op, "/vouchers", Kit.IssueBody(idNumber, Kit.Electrician, "Level4"));
        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "vouchers.yearly_quota_exceeded");
        Assert.Equal(3, (await SearchByHolderAsync(op, idNumber)).Length);

        await Kit.PostOkAsync(op, $"/vouchers/{second}/cancellation", new { reason = "持卡人改报其他工种" });
        using var accepted = await Kit.PostAsync(op, "/vouchers", Kit.IssueBody(idNumber, Kit.Electrician, "Level4"));

        var fourth = await ReadCreatedAsync(accepted);
        AssertState(fourth, "Issued", 1);
        Assert.Equal(1500.00m, fourth.GetProperty("faceValue").GetDecimal());
        var held = await SearchByHolderAsync(op, idNumber);
        Assert.Equal(4, held.Length);
        Assert.Equal(3, held.Count(v => v.GetProperty("status").GetString() == "Issued"));
        Assert.Equal(second, Assert.Single(held, v => v.GetProperty("status").GetString() == "Cancelled").GetProperty("id").GetGuid());

        // The three counting vouchers hold three different slots of the year, again.
        using var fifth = await Kit.PostAsync(op, "/vouchers", Kit.IssueBody(idNumber, Kit.Photovoltaic, "Level3"));
        await HttpAssert.ProblemAsync(fifth, HttpStatusCode.UnprocessableEntity, "vouchers.yearly_quota_exceeded");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Issuing_twice_with_the_same_Idempotency_Key_replays_the_first_voucher_and_issues_one(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var idNumber = Kit.NewIdNumber();
        using var op = Kit.Operator(host);
        var key = Guid.NewGuid().ToString();

        using var first = await Kit.PostAsync(op, "/vouchers", Kit.IssueBody(idNumber), idempotencyKey: key);
        using var second = await Kit.PostAsync(op, "/vouchers", Kit.IssueBody(idNumber), idempotencyKey: key);

        var original = await ReadCreatedAsync(first);
        var replay = await ReadCreatedAsync(second);
        Assert.False(WasReplayed(first));
        Assert.True(WasReplayed(second), "The retry was not marked Idempotency-Replayed: true.");
        Assert.Equal(original.GetProperty("id").GetGuid(), replay.GetProperty("id").GetGuid());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal("\"1\"", ETagOf(second));
        var held = Assert.Single(await SearchByHolderAsync(op, idNumber));
        Assert.Equal(original.GetProperty("id").GetGuid(), held.GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Reusing_an_Idempotency_Key_with_another_issue_body_answers_422_and_issues_nothing(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var idNumber = Kit.NewIdNumber();
        using var op = Kit.Operator(host);
        var key = Guid.NewGuid().ToString();

        using var first = await Kit.PostAsync(op, "/vouchers", Kit.IssueBody(idNumber), idempotencyKey: key);
        using var other = await Kit.PostAsync(op, "/vouchers", Kit.IssueBody(idNumber, Kit.Electrician), idempotencyKey: key);

        var original = await ReadCreatedAsync(first);
        await HttpAssert.ProblemAsync(other, HttpStatusCode.UnprocessableEntity, IdempotencyMiddleware.KeyReused);
        Assert.False(WasReplayed(other));
        var held = Assert.Single(await SearchByHolderAsync(op, idNumber));
        Assert.Equal(original.GetProperty("id").GetGuid(), held.GetProperty("id").GetGuid());
        Assert.Equal(Kit.Photovoltaic, held.GetProperty("occupationCode").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_journey_leaves_issued_completed_and_paid_events_in_the_outbox_with_the_blind_index_only(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var idNumber = Kit.NewIdNumber();
        var id = await PaidAsync(host, idNumber);

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingVouchersDbContext>();
        var blindIndex = scope.ServiceProvider.GetRequiredService<IPersonalDataProtector>().BlindIndex(PersonalDataKind.ResidentId, idNumber);
        var stored = await db.Vouchers.AsNoTracking().SingleAsync(v => v.Id == id, Token);
        Assert.Equal(blindIndex, stored.Holder.BlindIndex);
        var names = new[] { VoucherIssued.Name, TrainingCompleted.Name, SubsidyPaid.Name };
        var messages = (await db.OutboxMessages.AsNoTracking().Where(m => names.Contains(m.EventName)).ToListAsync(Token))
            .Where(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("voucherId").GetGuid() == id)
            .ToArray();

        Assert.Equal(names.Order(StringComparer.Ordinal), messages.Select(m => m.EventName).Order(StringComparer.Ordinal));
        Assert.All(messages, m =>
        {
            Assert.DoesNotContain(idNumber, m.Payload, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(idNumber[..17], m.Payload, StringComparison.Ordinal);
            Assert.Equal(blindIndex, JsonDocument.Parse(m.Payload).RootElement.GetProperty("holderBlindIndex").GetString());
        });

        var issued = Payload(messages, VoucherIssued.Name);
        Assert.Equal(Kit.Photovoltaic, issued.GetProperty("occupationCode").GetString());
        Assert.Equal(1300.00m, issued.GetProperty("faceValue").GetDecimal());
        Assert.Equal(Kit.LeshanCounty, issued.GetProperty("regionCode").GetString());

        var completed = Payload(messages, TrainingCompleted.Name);
        Assert.True(completed.GetProperty("passed").GetBoolean());
        Assert.Equal(stored.CertificateNumber, completed.GetProperty("certificateNumber").GetString());
        Assert.Equal(Kit.LeshanInstitution, completed.GetProperty("institutionCode").GetString());
        Assert.Equal("光伏组件制造工", completed.GetProperty("occupationName").GetString());

        var paid = Payload(messages, SubsidyPaid.Name);
        Assert.Equal(1300.00m, paid.GetProperty("amount").GetDecimal());
        Assert.Equal(Kit.LeshanInstitution, paid.GetProperty("institutionCode").GetString());
        Assert.Equal(Today, paid.GetProperty("paidOn").GetString());
    }

    private static JsonElement Payload(IEnumerable<OutboxMessage> messages, string name)
    {
        using var document = JsonDocument.Parse(Assert.Single(messages, m => m.EventName == name).Payload);
        return document.RootElement.Clone();
    }

    /// <summary>Sends a transition the voucher's state does not allow and checks it is refused with 409 and changes nothing.</summary>
    private static async Task AssertRefusedAndUnchangedAsync(HttpClient reader, Guid id, HttpClient actor, string path, object? body, string status, int version)
    {
        var (tagBefore, before) = await ReadAsync(reader, id);
        AssertState(before, status, version);

        using var response = await Kit.PostAsync(actor, path, body);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict, InvalidTransition);
        var (tagAfter, after) = await ReadAsync(reader, id);
        Assert.Equal(tagBefore, tagAfter);
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }

    private static void AssertState(JsonElement voucher, string status, int version)
    {
        Assert.Equal(status, voucher.GetProperty("status").GetString());
        Assert.Equal(version, voucher.GetProperty("version").GetInt32());
    }

    private static async Task<(string? ETag, JsonElement Voucher)> ReadAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"{Kit.Base}/vouchers/{id}", Token);
        var body = await HttpAssert.ReadOkJsonAsync(response);
        return (ETagOf(response), body);
    }

    private static async Task<JsonElement> ReadCreatedAsync(HttpResponseMessage response)
    {
        var body = await HttpAssert.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201 but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    /// <summary>Issues a voucher (201) and returns its id.</summary>
    private static async Task<Guid> IssueAsync(HttpClient op, string idNumber, string occupation = Kit.Photovoltaic, string level = "Level5")
    {
        using var response = await Kit.PostAsync(op, "/vouchers", Kit.IssueBody(idNumber, occupation, level));
        return (await ReadCreatedAsync(response)).GetProperty("id").GetGuid();
    }

    /// <summary>Issued, enrolled (2 hours), 120 minutes attended and passed: version 4.</summary>
    private static async Task<Guid> CompletedAsync(PlatformFactory host, string idNumber)
    {
        using var op = Kit.Operator(host);
        using var institution = Kit.Institution(host);
        var id = await IssueAsync(op, idNumber);
        await Kit.EnrolAsync(institution, id, idNumber);
        await Kit.PostOkAsync(institution, $"/vouchers/{id}/attendance", Kit.Sessions(120));
        await Kit.PostOkAsync(institution, $"/vouchers/{id}/completion", Kit.Completion(passed: true));
        return id;
    }

    /// <summary><see cref="CompletedAsync"/>, claimed, approved, batched by operator-1 and confirmed by operator-2: version 7.</summary>
    private static async Task<Guid> PaidAsync(PlatformFactory host, string idNumber)
    {
        var id = await CompletedAsync(host, idNumber);
        using var op = Kit.Operator(host);
        using var confirmer = Kit.Operator(host, subject: "operator-2");
        using var institution = Kit.Institution(host);
        using var reviewer = Kit.Reviewer(host);
        await Kit.PostOkAsync(institution, $"/vouchers/{id}/settlement", null);
        await Kit.PostOkAsync(reviewer, $"/vouchers/{id}/settlement/approval", null);
        using var prepared = await Kit.PostAsync(op, "/payment-batches", BatchBody(NewReference(), [id], 1, 1300.00m));
        var batchId = (await ReadCreatedAsync(prepared)).GetProperty("id").GetGuid();
        await Kit.PostOkAsync(confirmer, $"/payment-batches/{batchId}/confirmation", new { paidOn = Kit.ChinaToday });
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

    /// <summary>The holder's vouchers as a search by identity number lists them.</summary>
    private static async Task<JsonElement[]> SearchByHolderAsync(HttpClient client, string idNumber)
    {
        var page = await Kit.PostOkAsync(client, "/vouchers/search", new { holderIdNumber = idNumber });
        return page.GetProperty("items").EnumerateArray().ToArray();
    }

    private static async Task<Voucher> StoredVoucherAsync(PlatformFactory host, Guid id)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingVouchersDbContext>();
        return await db.Vouchers.AsNoTracking().SingleAsync(v => v.Id == id, Token);
    }

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

    private static JsonValueKind ValueOrNull(JsonElement body, string property) =>
        body.TryGetProperty(property, out var value) ? value.ValueKind : JsonValueKind.Null;

    private static string? ETagOf(HttpResponseMessage response) => response.Headers.ETag?.ToString();

    private static bool WasReplayed(HttpResponseMessage response) =>
        response.Headers.TryGetValues(IdempotencyOptions.ReplayedHeaderName, out var values) && values.Single() == "true";

    /// <summary>How a caller without pii.read sees an identity number: <c>511102********1234</c>.</summary>
    private static string Masked(string idNumber) => $"{idNumber[..6]}********{idNumber[^4..]}";
}
