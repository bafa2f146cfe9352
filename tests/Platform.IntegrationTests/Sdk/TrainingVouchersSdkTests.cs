using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.TrainingVouchers;
using Platform.Sdk;

namespace Platform.IntegrationTests.Sdk;

/// <summary>
/// The training-voucher program through the generated client only, as an integrator would call it:
/// each caller is a token of its role handed to the SDK, every request and answer a typed DTO.
/// The class has a host (and database) of its own.
/// </summary>
public sealed class TrainingVouchersSdkTests(SdkHost host) : IClassFixture<SdkHost>
{
    /// <summary>The seeded Leshan standard for 光伏组件制造工 Level5: 1,000 yuan raised by 30 %.</summary>
    private const decimal PhotovoltaicLevel5FaceValue = 1300m;

    private static readonly string Operator = TestTokens.For("operator", VoucherTestKit.Leshan, "sdk-operator-1");
    private static readonly string SecondOperator = TestTokens.For("operator", VoucherTestKit.Leshan, "sdk-operator-2");
    private static readonly string Reviewer = TestTokens.For("reviewer", VoucherTestKit.Leshan, "sdk-reviewer-1");
    private static readonly string Institution =
        TestTokens.For("training_institution", VoucherTestKit.LeshanCounty, "sdk-institution-staff-1", organisation: VoucherTestKit.LeshanInstitution);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static DateOnly Today => VoucherTestKit.ChinaToday;

    private ITrainingVouchersClient Vouchers => host.Api.TrainingVouchers;

    [Fact]
    public async Task A_voucher_goes_from_eligibility_to_paid_through_the_client()
    {
        var idNumber = VoucherTestKit.NewIdNumber();

        host.Token = Operator;
        var eligibility = await Vouchers.CheckEligibilityAsync(EligibilityRequest(idNumber), Cancel);
        Assert.True(eligibility.Eligible);
        Assert.Equal(PhotovoltaicLevel5FaceValue, eligibility.FaceValue);
        Assert.Equal(Enum.GetValues<EligibilityRule>().Order(), eligibility.Rules.Select(r => r.Rule).Order());
        Assert.All(eligibility.Rules, r => Assert.True(r.Passed, $"{r.Rule}: {r.Detail}"));

        var issued = await Vouchers.IssueAsync(IssueRequest(idNumber), Cancel);
        Assert.Equal(VoucherStatus.Issued, issued.Status);
        Assert.Equal(PhotovoltaicLevel5FaceValue, issued.FaceValue);
        Assert.Equal(SkillLevel.Level5, issued.Level);
        Assert.Equal([TraineeGroup.MigrantWorkers], issued.Groups);
        Assert.Equal(VoucherTestKit.LeshanCounty, issued.RegionCode);
        Assert.Equal(issued.IssuedOn.AddDays(179), issued.ExpiresOn);

        VoucherResponse fetched;
        using (var get = PlatformCall.Begin())
        {
            fetched = await Vouchers.GetAsync(issued.Id, Cancel);
            Assert.Equal($"\"{fetched.Version}\"", get.ResponseETag);
        }

        Assert.Equal(issued.Id, fetched.Id);
        Assert.Equal(VoucherStatus.Issued, fetched.Status);

        host.Token = Institution;
        var enrolled = await Vouchers.EnrolAsync(issued.Id, EnrolRequest(idNumber), Cancel);
        Assert.Equal(VoucherStatus.Enrolled, enrolled.Status);
        Assert.Equal(VoucherTestKit.LeshanInstitution, enrolled.InstitutionCode);
        Assert.Equal(2, enrolled.ScheduledHours);

        var attended = await Vouchers.RecordAttendanceAsync(issued.Id, Attendance(minutes: 120), Cancel);
        Assert.Equal(VoucherStatus.Enrolled, attended.Status);
        Assert.Equal(120, attended.AttendedMinutes);
        Assert.Equal(100, attended.AttendanceRatePercent);

        var certificate = $"SDK-{Guid.NewGuid():N}";
        var completed = await Vouchers.CompleteAsync(issued.Id, new CompleteRequest { Passed = true, CertificateNumber = certificate, AssessedOn = Today }, Cancel);
        Assert.Equal(VoucherStatus.Completed, completed.Status);
        Assert.True(completed.Passed);
        Assert.Equal(certificate, completed.CertificateNumber);

        var claimed = await Vouchers.ClaimSettlementAsync(issued.Id, Cancel);
        Assert.Equal(VoucherStatus.SettlementClaimed, claimed.Status);
        Assert.Equal(PhotovoltaicLevel5FaceValue, claimed.SubsidyAmount);
        Assert.NotNull(claimed.ClaimId);

        host.Token = Reviewer;
        var approved = await Vouchers.ApproveSettlementAsync(issued.Id, Cancel);
        Assert.Equal(VoucherStatus.SettlementApproved, approved.Status);

        host.Token = Operator;
        var batch = await Vouchers.CreatePaymentBatchAsync(
            new CreatePaymentBatchRequest
            {
                RegionCode = VoucherTestKit.Leshan,
                Reference = $"SDK-{Guid.NewGuid():N}",
                VoucherIds = [issued.Id],
                DeclaredCount = 1,
                DeclaredTotal = PhotovoltaicLevel5FaceValue,
            },
            Cancel);
        Assert.Equal(PaymentBatchStatus.Prepared, batch.Status);
        Assert.Equal("sdk-operator-1", batch.CreatedBy);
        var line = Assert.Single(batch.Lines);
        Assert.Equal(issued.Id, line.VoucherId);
        Assert.Equal(claimed.ClaimId, line.ClaimId);
        Assert.Equal(VoucherTestKit.LeshanInstitution, line.InstitutionCode);
        Assert.Equal(PhotovoltaicLevel5FaceValue, line.Amount);

        var samePerson = await Assert.ThrowsAnyAsync<PlatformApiException>(
            () => Vouchers.ConfirmPaymentBatchAsync(batch.Id, new ConfirmPaymentBatchRequest { PaidOn = Today }, Cancel));
        Assert.Equal(403, samePerson.StatusCode);
        Assert.Equal("vouchers.same_person_cannot_approve", samePerson.Code);

        host.Token = SecondOperator;
        var paidBatch = await Vouchers.ConfirmPaymentBatchAsync(batch.Id, new ConfirmPaymentBatchRequest { PaidOn = Today }, Cancel);
        Assert.Equal(PaymentBatchStatus.Paid, paidBatch.Status);
        Assert.Equal("sdk-operator-2", paidBatch.ConfirmedBy);
        Assert.Equal(Today, paidBatch.PaidOn);

        host.Token = Operator;
        var paid = await Vouchers.GetAsync(issued.Id, Cancel);
        Assert.Equal(VoucherStatus.Paid, paid.Status);
        Assert.Equal(Today, paid.PaidOn);
        Assert.Equal(PhotovoltaicLevel5FaceValue, paid.SubsidyAmount);
        Assert.Equal(PhotovoltaicLevel5FaceValue, paid.FaceValue);
    }

    [Fact]
    public async Task An_ineligible_applicant_sees_the_failed_rule_and_issuing_refuses_with_its_code()
    {
        var tooOld = VoucherTestKit.NewIdNumber(age: 70);
        host.Token = Operator;

        var eligibility = await Vouchers.CheckEligibilityAsync(EligibilityRequest(tooOld), Cancel);

        Assert.False(eligibility.Eligible);
        var workingAge = Assert.Single(eligibility.Rules, r => !r.Passed);
        Assert.Equal(EligibilityRule.WorkingAge, workingAge.Rule);
        Assert.Equal("vouchers.not_working_age", workingAge.Code);
        Assert.False(string.IsNullOrWhiteSpace(workingAge.Detail));

        var refusal = await Assert.ThrowsAnyAsync<PlatformApiException>(() => Vouchers.IssueAsync(IssueRequest(tooOld), Cancel));
        Assert.Equal(422, refusal.StatusCode);
        Assert.Equal(workingAge.Code, refusal.Code);
    }

    [Fact]
    public async Task Search_by_holder_pages_with_the_cursor_without_duplicates()
    {
        var idNumber = VoucherTestKit.NewIdNumber();
        host.Token = Operator;
        var issued = await IssueThreeAsync(idNumber);

        var first = await Vouchers.SearchAsync(new SearchVouchersRequest { HolderIdNumber = idNumber, Limit = 2 }, Cancel);
        var second = await Vouchers.SearchAsync(new SearchVouchersRequest { HolderIdNumber = idNumber, Limit = 2, Cursor = first.NextCursor }, Cancel);

        Assert.Equal(2, first.Items.Count);
        Assert.NotNull(first.NextCursor);
        Assert.Single(second.Items);
        Assert.Null(second.NextCursor);
        var found = first.Items.Concat(second.Items).ToArray();
        Assert.Equal(3, found.Select(v => v.Id).Distinct().Count());
        Assert.Equal(issued.Order(), found.Select(v => v.Id).Order());
        Assert.All(found, v => Assert.NotEqual(idNumber, v.HolderIdNumber));
        Assert.All(found, v => Assert.Equal(VoucherStatus.Issued, v.Status));
    }

    [Fact]
    public async Task A_fourth_voucher_in_a_year_is_refused_with_the_quota_code()
    {
        var idNumber = VoucherTestKit.NewIdNumber();
        host.Token = Operator;
        await IssueThreeAsync(idNumber);

        var eligibility = await Vouchers.CheckEligibilityAsync(EligibilityRequest(idNumber, VoucherTestKit.Bricklayer), Cancel);
        var quota = Assert.Single(eligibility.Rules, r => r.Rule == EligibilityRule.YearlyQuota);
        Assert.False(quota.Passed);

        var refusal = await Assert.ThrowsAnyAsync<PlatformApiException>(() => Vouchers.IssueAsync(IssueRequest(idNumber, VoucherTestKit.Bricklayer), Cancel));
        Assert.Equal(422, refusal.StatusCode);
        Assert.Equal("vouchers.yearly_quota_exceeded", refusal.Code);
        Assert.Equal(quota.Code, refusal.Code);
        Assert.False(string.IsNullOrEmpty(refusal.TraceId));
    }

    [Fact]
    public async Task Enrolling_twice_is_an_invalid_transition()
    {
        var idNumber = VoucherTestKit.NewIdNumber();
        host.Token = Operator;
        var voucher = await Vouchers.IssueAsync(IssueRequest(idNumber), Cancel);
        host.Token = Institution;
        await Vouchers.EnrolAsync(voucher.Id, EnrolRequest(idNumber), Cancel);

        var refusal = await Assert.ThrowsAnyAsync<PlatformApiException>(() => Vouchers.EnrolAsync(voucher.Id, EnrolRequest(idNumber), Cancel));

        Assert.Equal(409, refusal.StatusCode);
        Assert.Equal("vouchers.invalid_transition", refusal.Code);
        Assert.IsType<PlatformApiException<ApiProblem>>(refusal);
    }

    [Fact]
    public async Task An_invalid_issue_request_is_refused_with_field_errors()
    {
        host.Token = Operator;
        var request = IssueRequest("12345");
        request.Level = null;

        var refusal = await Assert.ThrowsAnyAsync<PlatformApiException>(() => Vouchers.IssueAsync(request, Cancel));

        Assert.Equal(400, refusal.StatusCode);
        Assert.Equal("request.validation_failed", refusal.Code);
        Assert.Contains("identityNumber", refusal.FieldErrors.Keys);
        Assert.Contains("level", refusal.FieldErrors.Keys);
        Assert.All(refusal.FieldErrors.Values, messages => Assert.NotEmpty(messages));
    }

    [Fact]
    public async Task A_stale_If_Match_is_refused_with_412()
    {
        var idNumber = VoucherTestKit.NewIdNumber();
        host.Token = Operator;
        string? issuedTag;
        VoucherResponse voucher;
        using (var issue = PlatformCall.Begin())
        {
            voucher = await Vouchers.IssueAsync(IssueRequest(idNumber), Cancel);
            issuedTag = issue.ResponseETag;
        }

        Assert.Equal($"\"{voucher.Version}\"", issuedTag);

        host.Token = Institution;
        string? enrolledTag;
        using (var enrol = PlatformCall.Begin(ifMatch: issuedTag))
        {
            await Vouchers.EnrolAsync(voucher.Id, EnrolRequest(idNumber), Cancel);
            enrolledTag = enrol.ResponseETag;
        }

        Assert.NotNull(enrolledTag);
        Assert.NotEqual(issuedTag, enrolledTag);

        using (PlatformCall.Begin(ifMatch: issuedTag))
        {
            var stale = await Assert.ThrowsAnyAsync<PlatformApiException>(() => Vouchers.RecordAttendanceAsync(voucher.Id, Attendance(minutes: 60), Cancel));
            Assert.Equal(412, stale.StatusCode);
            Assert.Equal("resource.precondition_failed", stale.Code);
        }

        using (PlatformCall.Begin(ifMatch: enrolledTag))
        {
            var attended = await Vouchers.RecordAttendanceAsync(voucher.Id, Attendance(minutes: 60), Cancel);
            Assert.Equal(60, attended.AttendedMinutes);
        }
    }

    [Fact]
    public async Task Issue_sends_an_idempotency_key_and_a_retry_with_it_returns_the_same_voucher()
    {
        var idNumber = VoucherTestKit.NewIdNumber();
        var request = IssueRequest(idNumber);
        host.Token = Operator;
        var before = host.SentIdempotencyKeys.Count;

        VoucherResponse first;
        string? key;
        using (var call = PlatformCall.Begin())
        {
            first = await Vouchers.IssueAsync(request, Cancel);
            key = call.IdempotencyKey;
            Assert.False(call.Replayed);
        }

        Assert.True(Guid.TryParse(key, out _), $"Expected a generated key, got '{key}'.");
        Assert.Equal([key], host.SentIdempotencyKeys.Skip(before));

        using (var retry = PlatformCall.Begin(idempotencyKey: key))
        {
            var again = await Vouchers.IssueAsync(request, Cancel);
            Assert.True(retry.Replayed);
            Assert.Equal(first.Id, again.Id);
            Assert.Equal(first.Version, again.Version);
        }

        Assert.Equal([key, key], host.SentIdempotencyKeys.Skip(before));
        var held = await Vouchers.SearchAsync(new SearchVouchersRequest { HolderIdNumber = idNumber }, Cancel);
        Assert.Equal(first.Id, Assert.Single(held.Items).Id);
    }

    [Fact]
    public async Task Statistics_count_a_new_voucher_by_status_and_group_with_typed_enums()
    {
        host.Token = Operator;
        var from = Today.AddDays(-1);
        var to = Today.AddDays(1);
        var before = await Vouchers.GetStatisticsAsync(VoucherTestKit.Leshan, from, to, Cancel);

        await Vouchers.IssueAsync(IssueRequest(VoucherTestKit.NewIdNumber(), groups: [TraineeGroup.Veterans, TraineeGroup.MigrantWorkers]), Cancel);
        var after = await Vouchers.GetStatisticsAsync(VoucherTestKit.Leshan, from, to, Cancel);

        Assert.Equal(VoucherTestKit.Leshan, after.RegionCode);
        Assert.Equal(from, after.From);
        Assert.Equal(to, after.To);
        Assert.Equal(before.Issued + 1, after.Issued);
        Assert.Equal(Count(before.ByStatus, VoucherStatus.Issued) + 1, Count(after.ByStatus, VoucherStatus.Issued));
        Assert.Equal(Count(before.ByGroup, TraineeGroup.Veterans) + 1, Count(after.ByGroup, TraineeGroup.Veterans));
        Assert.Equal(Count(before.ByGroup, TraineeGroup.MigrantWorkers) + 1, Count(after.ByGroup, TraineeGroup.MigrantWorkers));
        Assert.Equal(before.SubsidyCommitted + PhotovoltaicLevel5FaceValue, after.SubsidyCommitted);
        Assert.Equal(after.Issued, after.ByStatus.Sum(s => s.Vouchers));
    }

    private static int Count(IEnumerable<StatusCount> counts, VoucherStatus status) =>
        counts.Where(c => c.Status == status).Sum(c => c.Vouchers);

    private static int Count(IEnumerable<GroupCount> counts, TraineeGroup group) =>
        counts.Where(c => c.Group == group).Sum(c => c.Vouchers);

    /// <summary>Three Level5 vouchers of one person in three occupations (the yearly quota): their ids.</summary>
    private async Task<Guid[]> IssueThreeAsync(string idNumber)
    {
        string[] occupations = [VoucherTestKit.Photovoltaic, VoucherTestKit.Electrician, VoucherTestKit.ElderlyCare];
        var ids = new List<Guid>();
        foreach (var occupation in occupations)
        {
            ids.Add((await Vouchers.IssueAsync(IssueRequest(idNumber, occupation), Cancel)).Id);
        }

        return [.. ids];
    }

    private static CheckEligibilityRequest EligibilityRequest(string idNumber, string occupation = VoucherTestKit.Photovoltaic) => new()
    {
        IdentityNumber = idNumber,
        Groups = [TraineeGroup.MigrantWorkers],
        OccupationCode = occupation,
        Level = SkillLevel.Level5,
        RegionCode = VoucherTestKit.LeshanCounty,
    };

    private static IssueVoucherRequest IssueRequest(string idNumber, string occupation = VoucherTestKit.Photovoltaic, TraineeGroup[]? groups = null) => new()
    {
        IdentityNumber = idNumber,
        Groups = (groups ?? [TraineeGroup.MigrantWorkers]).Select(g => new GroupClaim { Group = g, Evidence = $"证明材料 {g}" }).ToList(),
        OccupationCode = occupation,
        Level = SkillLevel.Level5,
        RegionCode = VoucherTestKit.LeshanCounty,
    };

    private static EnrolRequest EnrolRequest(string idNumber) => new()
    {
        HolderIdNumber = idNumber,
        ScheduledHours = 2,
        CourseStartsOn = Today.AddDays(-3),
        CourseEndsOn = Today.AddDays(10),
    };

    private static RecordAttendanceRequest Attendance(int minutes) => new()
    {
        Sessions = [new SessionInput { StartsAt = DateTimeOffset.UtcNow.AddHours(-30), Minutes = minutes, Method = AttendanceMethod.FaceCheck }],
    };
}
