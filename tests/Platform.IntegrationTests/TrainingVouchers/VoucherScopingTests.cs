using System.Net;
using System.Text.Json;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Platform;
using static Platform.IntegrationTests.TrainingVouchers.VoucherTestKit;

namespace Platform.IntegrationTests.TrainingVouchers;

/// <summary>
/// Who sees and changes which voucher: operators only within their region, institution staff only
/// vouchers enrolled with their own institution (named by the token's <c>org</c>), and a voucher of one
/// province enrolled in the other is served there while cross-province recognition is on.
/// </summary>
public sealed class VoucherScopingTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private const string Chongqing = "500000";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_operator_of_Chongqing_cannot_check_or_issue_in_Leshan_and_nothing_is_stored(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var chongqing = Operator(host, Chongqing, "operator-cq");
        var id = VoucherRuleSteps.NewHolder();

        using var issued = await PostAsync(chongqing, "/vouchers", IssueBody(id));
        using var checkedIn = await PostAsync(chongqing, "/eligibility", new { identityNumber = id, groups = new[] { "MigrantWorkers" }, occupationCode = Photovoltaic, level = "Level5", regionCode = LeshanCounty });

        await HttpAssert.ProblemAsync(issued, HttpStatusCode.Forbidden, "vouchers.region_outside_caller");
        await HttpAssert.ProblemAsync(checkedIn, HttpStatusCode.Forbidden, "vouchers.region_outside_caller");
        Assert.Empty(await VoucherRuleSteps.SearchHolderAsync(host.CreateClient(), id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_operator_of_Chongqing_neither_gets_nor_finds_a_Leshan_voucher(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var leshan = Operator(host);
        using var chongqing = Operator(host, Chongqing, "operator-cq");
        var id = VoucherRuleSteps.NewHolder();
        var voucher = await VoucherRuleSteps.IssueIdAsync(leshan, id);

        using var hidden = await VoucherRuleSteps.GetAsync(chongqing, voucher);
        var byHolder = await VoucherRuleSteps.SearchAsync(chongqing, new { holderIdNumber = id });
        var byRegion = await VoucherRuleSteps.SearchAsync(chongqing, new { regionCode = Leshan });
        var everything = await VoucherRuleSteps.SearchAsync(chongqing, new { limit = 200 });

        await HttpAssert.ProblemAsync(hidden, HttpStatusCode.NotFound, "vouchers.voucher_not_found");
        Assert.Empty(byHolder);
        Assert.DoesNotContain(voucher, byRegion.Select(v => v.GetProperty("id").GetGuid()));
        Assert.DoesNotContain(voucher, everything.Select(v => v.GetProperty("id").GetGuid()));

        // A Sichuan voucher reaches a Chongqing operator only once it is served at a Chongqing institution.
        Assert.All(byRegion, v => Assert.True(ServedInChongqing(v), $"A Chongqing operator found a Leshan voucher not served in Chongqing: {v}"));
        Assert.All(everything, v => Assert.True(
            v.GetProperty("regionCode").GetString()!.StartsWith("50", StringComparison.Ordinal) || ServedInChongqing(v),
            $"A Chongqing operator found a voucher not of Chongqing: {v}"));
        Assert.Equal("Issued", await VoucherRuleSteps.StatusAsync(leshan, voucher));
    }

    [Fact]
    public async Task Statistics_of_Leshan_are_forbidden_to_an_operator_of_Chongqing()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var chongqing = Operator(host, Chongqing, "operator-cq");
        using var leshan = Operator(host);
        var period = $"from={ChinaToday.AddDays(-30):yyyy-MM-dd}&to={ChinaToday:yyyy-MM-dd}";

        using var refused = await chongqing.GetAsync($"{Base}/statistics?regionCode={Leshan}&{period}", Token);
        using var own = await chongqing.GetAsync($"{Base}/statistics?regionCode={Chongqing}&{period}", Token);
        using var allowed = await leshan.GetAsync($"{Base}/statistics?regionCode={Leshan}&{period}", Token);

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.Forbidden, "vouchers.region_outside_caller");
        await HttpAssert.ReadOkJsonAsync(own);
        await HttpAssert.ReadOkJsonAsync(allowed);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_institution_sees_only_the_vouchers_enrolled_with_it(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);
        using var leshanSchool = Institution(host);
        using var wutongqiaoSchool = Institution(host, WutongqiaoInstitution, "511112", "institution-staff-wtq");
        var (idA, idB, idC) = (VoucherRuleSteps.NewHolder(), VoucherRuleSteps.NewHolder(), VoucherRuleSteps.NewHolder());
        var ownVoucher = await VoucherRuleSteps.IssueIdAsync(op, idA);
        var othersVoucher = await VoucherRuleSteps.IssueIdAsync(op, idB);
        var unusedVoucher = await VoucherRuleSteps.IssueIdAsync(op, idC);
        await EnrolAsync(leshanSchool, ownVoucher, idA);
        await EnrolAsync(wutongqiaoSchool, othersVoucher, idB);

        using var own = await VoucherRuleSteps.GetAsync(leshanSchool, ownVoucher);
        using var others = await VoucherRuleSteps.GetAsync(leshanSchool, othersVoucher);
        using var unused = await VoucherRuleSteps.GetAsync(leshanSchool, unusedVoucher);
        using var mirrored = await VoucherRuleSteps.GetAsync(wutongqiaoSchool, ownVoucher);
        var found = await VoucherRuleSteps.SearchAsync(leshanSchool, new { limit = 200 });
        var foundByHolder = await VoucherRuleSteps.SearchAsync(leshanSchool, new { holderIdNumber = idB });

        Assert.Equal(LeshanInstitution, (await HttpAssert.ReadOkJsonAsync(own)).GetProperty("institutionCode").GetString());
        await HttpAssert.ProblemAsync(others, HttpStatusCode.NotFound, "vouchers.voucher_not_found");
        await HttpAssert.ProblemAsync(unused, HttpStatusCode.NotFound, "vouchers.voucher_not_found");
        await HttpAssert.ProblemAsync(mirrored, HttpStatusCode.NotFound, "vouchers.voucher_not_found");
        Assert.Contains(ownVoucher, found.Select(v => v.GetProperty("id").GetGuid()));
        Assert.All(found, v => Assert.Equal(LeshanInstitution, v.GetProperty("institutionCode").GetString()));
        Assert.Empty(foundByHolder);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_institution_acting_for_another_institution_is_refused_403_and_nothing_is_enrolled(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);
        using var leshanSchool = Institution(host);
        var id = VoucherRuleSteps.NewHolder();
        var voucher = await VoucherRuleSteps.IssueIdAsync(op, id);

        using var single = await PostAsync(leshanSchool, $"/vouchers/{voucher}/enrolment", EnrolBody(id, institution: WutongqiaoInstitution));
        using var asClass = await PostAsync(leshanSchool, "/enrolments/class", new
        {
            institutionCode = WutongqiaoInstitution,
            scheduledHours = 2,
            courseStartsOn = ChinaToday,
            courseEndsOn = ChinaToday.AddDays(5),
            members = new[] { new { voucherId = voucher, holderIdNumber = id } },
        });

        await HttpAssert.ProblemAsync(single, HttpStatusCode.Forbidden, "vouchers.institution_mismatch");
        await HttpAssert.ProblemAsync(asClass, HttpStatusCode.Forbidden, "vouchers.institution_mismatch");
        Assert.Equal("Issued", await VoucherRuleSteps.StatusAsync(op, voucher));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_institution_token_without_an_organisation_acts_for_nobody_and_sees_no_voucher(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);
        using var nobody = host.CreateClientAs("training_institution", LeshanCounty, "institution-without-org");
        var id = VoucherRuleSteps.NewHolder();
        var voucher = await VoucherRuleSteps.IssueIdAsync(op, id);

        using var enrolment = await PostAsync(nobody, $"/vouchers/{voucher}/enrolment", EnrolBody(id));
        using var read = await VoucherRuleSteps.GetAsync(nobody, voucher);
        var found = await VoucherRuleSteps.SearchAsync(nobody, new { holderIdNumber = id });

        await HttpAssert.ProblemAsync(enrolment, HttpStatusCode.Forbidden, "vouchers.institution_mismatch");
        Assert.Equal("Issued", await VoucherRuleSteps.StatusAsync(op, voucher));

        // Institution staff see only vouchers enrolled with their institution; without one they see none
        // (not every unenrolled voucher of their region).
        await HttpAssert.ProblemAsync(read, HttpStatusCode.NotFound, "vouchers.voucher_not_found");
        Assert.Empty(found);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_Leshan_voucher_enrolled_in_Chongqing_is_served_there_and_seen_by_Chongqing_staff(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var leshan = Operator(host);
        using var chongqingOperator = Operator(host, Chongqing, "operator-cq");
        using var chongqingSchool = Institution(host, ChongqingInstitution, ChongqingDistrict, "institution-staff-cq");
        var id = VoucherRuleSteps.NewHolder();
        var voucher = await VoucherRuleSteps.IssueIdAsync(leshan, id, ElderlyCare, "Level5");
        using (var before = await VoucherRuleSteps.GetAsync(chongqingOperator, voucher))
        {
            await HttpAssert.ProblemAsync(before, HttpStatusCode.NotFound, "vouchers.voucher_not_found");
        }

        var enrolled = await EnrolAsync(chongqingSchool, voucher, id);
        var attended = await PostOkAsync(chongqingSchool, $"/vouchers/{voucher}/attendance", Sessions(120));
        var completed = await PostOkAsync(chongqingSchool, $"/vouchers/{voucher}/completion", Completion());
        var seen = await GetOkAsync(chongqingOperator, $"/vouchers/{voucher}");
        var stillHome = await GetOkAsync(leshan, $"/vouchers/{voucher}");

        Assert.Equal("Enrolled", enrolled.GetProperty("status").GetString());
        Assert.Equal(ChongqingDistrict, enrolled.GetProperty("servingRegionCode").GetString());
        Assert.Equal(ChongqingInstitution, enrolled.GetProperty("institutionCode").GetString());
        Assert.Equal(LeshanCounty, enrolled.GetProperty("regionCode").GetString());
        Assert.Equal(120, attended.GetProperty("attendedMinutes").GetInt32());
        Assert.Equal("Completed", completed.GetProperty("status").GetString());
        Assert.Equal("Completed", seen.GetProperty("status").GetString());
        Assert.Equal(ChongqingDistrict, seen.GetProperty("servingRegionCode").GetString());
        Assert.Equal(LeshanCounty, stillHome.GetProperty("regionCode").GetString());
        Assert.Equal(1000m, stillHome.GetProperty("faceValue").GetDecimal());

        // The serving side sees the voucher and its institution claims, but Leshan pays and decides.
        using var chongqingReviewer = Reviewer(host, Chongqing, "reviewer-cq");
        using var leshanReviewer = Reviewer(host);
        await PostOkAsync(chongqingSchool, $"/vouchers/{voucher}/settlement", null);
        using (var refused = await PostAsync(chongqingReviewer, $"/vouchers/{voucher}/settlement/approval", null))
        {
            await HttpAssert.ProblemAsync(refused, HttpStatusCode.Forbidden, "vouchers.not_issuing_region");
        }

        using (var revoke = await PostAsync(chongqingReviewer, $"/vouchers/{voucher}/revocation", new { reason = "考勤存疑" }))
        {
            await HttpAssert.ProblemAsync(revoke, HttpStatusCode.Forbidden, "vouchers.not_issuing_region");
        }

        var approved = await PostOkAsync(leshanReviewer, $"/vouchers/{voucher}/settlement/approval", null);
        Assert.Equal("SettlementApproved", approved.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task With_cross_province_recognition_off_in_Sichuan_a_Leshan_voucher_cannot_be_enrolled_in_Chongqing(DatabaseProvider provider)
    {
        // Changes Sichuan's rules: a host of its own.
        await using var host = await PlatformFactory.StartAsync(provider);
        using var admin = host.CreateClient();
        using var leshan = Operator(host);
        using var chongqingSchool = Institution(host, ChongqingInstitution, ChongqingDistrict, "institution-staff-cq");
        using (var set = await PostAsync(admin, "/program-rules", new
        {
            regionCode = Sichuan,
            effectiveFrom = ChinaToday,
            yearlyQuota = 3,
            validityDays = 180,
            minimumAge = 16,
            maximumAge = 60,
            eligibleGroups = new[] { "CollegeGraduates", "MigrantWorkers", "PovertyAlleviatedLabour", "Veterans", "RegisteredUnemployed", "PeopleWithDisabilities", "EmploymentDifficulty", "RuralLabour", "Returnees" },
            attendanceThresholdPercent = 80,
            failedSharePercent = 0,
            crossProvinceRecognition = false,
        }))
        {
            Assert.False((await VoucherRuleSteps.CreatedAsync(set)).GetProperty("crossProvinceRecognition").GetBoolean());
        }

        var inForce = await GetOkAsync(leshan, $"/program-rules?regionCode={LeshanCounty}");
        var id = VoucherRuleSteps.NewHolder();
        var voucher = await VoucherRuleSteps.IssueIdAsync(leshan, id, ElderlyCare, "Level5");

        using var refused = await PostAsync(chongqingSchool, $"/vouchers/{voucher}/enrolment", EnrolBody(id));

        Assert.False(inForce.GetProperty("crossProvinceRecognition").GetBoolean());
        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "vouchers.cross_province_disabled");
        var unchanged = await GetOkAsync(leshan, $"/vouchers/{voucher}");
        Assert.Equal("Issued", unchanged.GetProperty("status").GetString());
        Assert.False(unchanged.TryGetProperty("servingRegionCode", out var serving) && serving.ValueKind != JsonValueKind.Null);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Enrolment_with_a_wrong_holder_number_is_422_for_a_visible_voucher_and_404_outside_the_callers_region(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);
        using var leshanSchool = Institution(host);
        using var chongqingSchool = Institution(host, ChongqingInstitution, ChongqingDistrict, "institution-staff-cq");
        var id = VoucherRuleSteps.NewHolder();
        var visible = await VoucherRuleSteps.IssueIdAsync(op, id);
        var elsewhereId = VoucherRuleSteps.NewHolder();
        var elsewhere = await VoucherRuleSteps.IssueIdAsync(op, elsewhereId, ElderlyCare, "Level5");

        using var mismatch = await PostAsync(leshanSchool, $"/vouchers/{visible}/enrolment", EnrolBody(VoucherRuleSteps.NewHolder()));
        using var hidden = await PostAsync(chongqingSchool, $"/vouchers/{elsewhere}/enrolment", EnrolBody(VoucherRuleSteps.NewHolder()));

        await HttpAssert.ProblemAsync(mismatch, HttpStatusCode.UnprocessableEntity, "vouchers.holder_mismatch");
        await HttpAssert.ProblemAsync(hidden, HttpStatusCode.NotFound, "vouchers.voucher_not_found");
        Assert.Equal("Issued", await VoucherRuleSteps.StatusAsync(op, visible));
        Assert.Equal("Issued", await VoucherRuleSteps.StatusAsync(op, elsewhere));
    }

    /// <summary>True when the voucher is enrolled at an institution registered in Chongqing (its credit code carries the division).</summary>
    private static bool ServedInChongqing(JsonElement summary) =>
        summary.TryGetProperty("institutionCode", out var code) && code.GetString() is { Length: 18 } institution
        && institution.AsSpan(2, 2).SequenceEqual("50");
}
