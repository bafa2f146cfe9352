using System.Net;
using System.Text.Json;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Platform;
using static Platform.IntegrationTests.TrainingVouchers.VoucherTestKit;

namespace Platform.IntegrationTests.TrainingVouchers;

/// <summary>
/// Enrolment (single and by class, all or nothing) at approved, licensed institutions only; supervised
/// attendance within the course, never overlapping (flagged as fraud across institutions); completion
/// needing the attendance threshold and a certificate number used once.
/// </summary>
public sealed class EnrolmentAndAttendanceTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_suspended_institution_enrols_nobody(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);
        using var suspended = Institution(host, SuspendedInstitution, "511321", "institution-staff-nanbu");
        var id = VoucherRuleSteps.NewHolder();
        var voucher = await VoucherRuleSteps.IssueIdAsync(op, id, Bricklayer, "Level5");

        using var refused = await PostAsync(suspended, $"/vouchers/{voucher}/enrolment", EnrolBody(id));

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "vouchers.institution_not_in_good_standing");
        Assert.Equal("Issued", await VoucherRuleSteps.StatusAsync(op, voucher));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, Photovoltaic, "Level3")]
    [InlineData(DatabaseProvider.Sqlite, Bricklayer, "Level5")]
    [InlineData(DatabaseProvider.PostgreSql, Photovoltaic, "Level3")]
    [InlineData(DatabaseProvider.PostgreSql, Bricklayer, "Level5")]
    public async Task An_institution_not_licensed_for_the_occupation_and_level_enrols_nobody(DatabaseProvider provider, string occupation, string level)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);
        using var school = Institution(host);
        var id = VoucherRuleSteps.NewHolder();
        var voucher = await VoucherRuleSteps.IssueIdAsync(op, id, occupation, level);

        using var refused = await PostAsync(school, $"/vouchers/{voucher}/enrolment", EnrolBody(id));

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "vouchers.institution_not_licensed");
        Assert.Equal("Issued", await VoucherRuleSteps.StatusAsync(op, voucher));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_class_of_300_holders_is_enrolled_at_once(DatabaseProvider provider)
    {
        // 300 vouchers are issued first: a host of its own without the rate limits a shared one keeps.
        await using var host = await PlatformFactory.StartAsync(provider, new Dictionary<string, string?> { ["HttpSecurity:RateLimit:Enabled"] = "false" });
        using var op = Operator(host);
        using var school = Institution(host);
        var members = await IssueManyAsync(op, 300);

        var enrolled = await PostOkAsync(school, "/enrolments/class", ClassBody(members));

        Assert.Equal(300, enrolled.GetProperty("enrolled").GetInt32());
        Assert.Equal(LeshanInstitution, enrolled.GetProperty("institutionCode").GetString());
        Assert.Equal(members.Select(m => m.Voucher), enrolled.GetProperty("voucherIds").EnumerateArray().Select(v => v.GetGuid()));
        var atSchool = await VoucherRuleSteps.SearchAsync(school, new { status = "Enrolled", limit = 200 });
        Assert.Equal(200, atSchool.Length);
        Assert.All(atSchool, v => Assert.Equal(LeshanInstitution, v.GetProperty("institutionCode").GetString()));
        foreach (var index in new[] { 0, 149, 299 })
        {
            var voucher = await GetOkAsync(school, $"/vouchers/{members[index].Voucher}");
            Assert.Equal("Enrolled", voucher.GetProperty("status").GetString());
            Assert.Equal(LeshanCounty, voucher.GetProperty("servingRegionCode").GetString());
            Assert.Equal(40, voucher.GetProperty("scheduledHours").GetInt32());
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_class_with_refused_members_names_each_row_and_enrols_nobody(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);
        using var school = Institution(host);
        school.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var good = await IssueManyAsync(op, 3);
        var already = (await IssueManyAsync(op, 1))[0];
        await EnrolAsync(school, already.Voucher, already.Holder);
        var wrongHolder = (await IssueManyAsync(op, 1))[0] with { Holder = VoucherRuleSteps.NewHolder() };
        (Guid Voucher, string Holder)[] rows = [good[0], already, good[1], wrongHolder, good[2]];

        using var refused = await PostAsync(school, "/enrolments/class", ClassBody(rows));

        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "vouchers.class_enrolment_refused");
        Assert.Equal(["members[1]", "members[3]"], HttpAssert.ErrorFields(problem));
        Assert.StartsWith("vouchers.invalid_transition: ", Assert.Single(HttpAssert.FieldErrors(problem, "members[1]")), StringComparison.Ordinal);
        Assert.StartsWith("vouchers.holder_mismatch: ", Assert.Single(HttpAssert.FieldErrors(problem, "members[3]")), StringComparison.Ordinal);
        foreach (var (voucher, _) in good.Append(wrongHolder))
        {
            Assert.Equal("Issued", await VoucherRuleSteps.StatusAsync(op, voucher));
        }
    }

    [Fact]
    public async Task A_class_naming_one_voucher_twice_is_a_400()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Operator(host);
        using var school = Institution(host);
        var member = (await IssueManyAsync(op, 1))[0];

        using var refused = await PostAsync(school, "/enrolments/class", ClassBody([member, member]));

        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal(["members"], HttpAssert.ErrorFields(problem));
        Assert.Equal("Issued", await VoucherRuleSteps.StatusAsync(op, member.Voucher));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Completion_needs_80_percent_attendance_and_succeeds_once_enough_is_recorded(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);
        using var school = Institution(host);
        var id = VoucherRuleSteps.NewHolder();
        var voucher = await VoucherRuleSteps.IssueIdAsync(op, id);
        await EnrolAsync(school, voucher, id, scheduledHours: 10);

        var first = await PostOkAsync(school, $"/vouchers/{voucher}/attendance", Sessions(240, hoursAgo: 30));
        using var tooEarly = await PostAsync(school, $"/vouchers/{voucher}/completion", Completion());
        var second = await PostOkAsync(school, $"/vouchers/{voucher}/attendance", Sessions(240, hoursAgo: 50, method: "Location"));
        var completed = await PostOkAsync(school, $"/vouchers/{voucher}/completion", Completion());

        Assert.Equal(40m, first.GetProperty("attendanceRatePercent").GetDecimal());
        await HttpAssert.ProblemAsync(tooEarly, HttpStatusCode.UnprocessableEntity, "vouchers.attendance_below_threshold");
        Assert.Equal(480, second.GetProperty("attendedMinutes").GetInt32());
        Assert.Equal(80m, second.GetProperty("attendanceRatePercent").GetDecimal());
        Assert.Equal("Completed", completed.GetProperty("status").GetString());
        Assert.True(completed.GetProperty("passed").GetBoolean());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Sessions_before_the_course_or_in_the_future_are_refused_and_the_batch_is_not_stored(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);
        using var school = Institution(host);
        var id = VoucherRuleSteps.NewHolder();
        var voucher = await VoucherRuleSteps.IssueIdAsync(op, id);
        await EnrolAsync(school, voucher, id);
        var now = DateTimeOffset.UtcNow;

        using var refused = await PostAsync(school, $"/vouchers/{voucher}/attendance", new
        {
            sessions = new[]
            {
                new { startsAt = now.AddHours(-30), minutes = 60, method = "FaceCheck" },
                new { startsAt = now.AddDays(-6), minutes = 60, method = "FaceCheck" },
                new { startsAt = now.AddHours(2), minutes = 60, method = "Online" },
            },
        });

        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "vouchers.attendance_outside_course");
        Assert.Equal(["sessions[1]", "sessions[2]"], HttpAssert.ErrorFields(problem));
        Assert.Equal(0, (await GetOkAsync(school, $"/vouchers/{voucher}")).GetProperty("attendedMinutes").GetInt32());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_holder_in_sessions_at_two_institutions_at_once_is_refused_and_flagged_for_a_reviewer(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);
        using var leshanSchool = Institution(host);
        using var wutongqiaoSchool = Institution(host, WutongqiaoInstitution, "511112", "institution-staff-wtq");
        using var reviewer = Reviewer(host);
        var id = VoucherRuleSteps.NewHolder();
        var photovoltaic = await VoucherRuleSteps.IssueIdAsync(op, id, Photovoltaic, "Level5");
        var electrician = await VoucherRuleSteps.IssueIdAsync(op, id, Electrician, "Level5");
        await EnrolAsync(leshanSchool, photovoltaic, id);
        await EnrolAsync(wutongqiaoSchool, electrician, id);
        await PostOkAsync(leshanSchool, $"/vouchers/{photovoltaic}/attendance", Sessions(120, hoursAgo: 30));

        using var refused = await PostAsync(wutongqiaoSchool, $"/vouchers/{electrician}/attendance", Sessions(60, hoursAgo: 29.5));

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "vouchers.attendance_overlap");
        using var listed = await reviewer.GetAsync($"{Base}/fraud-flags?voucherId={electrician}", Token);
        var flag = Assert.Single((await HttpAssert.ReadOkJsonAsync(listed)).EnumerateArray());
        Assert.Equal(electrician, flag.GetProperty("voucherId").GetGuid());
        Assert.Equal(WutongqiaoInstitution, flag.GetProperty("institutionCode").GetString());
        Assert.Equal(photovoltaic, flag.GetProperty("otherVoucherId").GetGuid());
        Assert.Equal(LeshanInstitution, flag.GetProperty("otherInstitutionCode").GetString());
        Assert.Equal(0, (await GetOkAsync(wutongqiaoSchool, $"/vouchers/{electrician}")).GetProperty("attendedMinutes").GetInt32());

        // The same holder at another time is an ordinary session.
        var later = await PostOkAsync(wutongqiaoSchool, $"/vouchers/{electrician}/attendance", Sessions(60, hoursAgo: 10));
        Assert.Equal(60, later.GetProperty("attendedMinutes").GetInt32());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Sessions_overlapping_within_one_batch_are_refused(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);
        using var school = Institution(host);
        var id = VoucherRuleSteps.NewHolder();
        var voucher = await VoucherRuleSteps.IssueIdAsync(op, id);
        await EnrolAsync(school, voucher, id);
        var now = DateTimeOffset.UtcNow;

        using var refused = await PostAsync(school, $"/vouchers/{voucher}/attendance", new
        {
            sessions = new[]
            {
                new { startsAt = now.AddHours(-30), minutes = 120, method = "FaceCheck" },
                new { startsAt = now.AddHours(-29), minutes = 60, method = "FaceCheck" },
            },
        });
        using var again = await PostAsync(school, $"/vouchers/{voucher}/attendance", Sessions(120, hoursAgo: 30));
        using var duplicate = await PostAsync(school, $"/vouchers/{voucher}/attendance", Sessions(30, hoursAgo: 29));

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "vouchers.attendance_overlap");
        Assert.Equal(120, (await HttpAssert.ReadOkJsonAsync(again)).GetProperty("attendedMinutes").GetInt32());
        await HttpAssert.ProblemAsync(duplicate, HttpStatusCode.UnprocessableEntity, "vouchers.attendance_overlap");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_certificate_number_used_twice_is_refused_409(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);
        using var school = Institution(host);
        var certificate = $"CERT-{Guid.NewGuid():N}"[..24];
        await VoucherRuleSteps.CompletedAsync(host, VoucherRuleSteps.NewHolder(), certificate: certificate);
        var id = VoucherRuleSteps.NewHolder();
        var second = await VoucherRuleSteps.IssueIdAsync(op, id);
        await EnrolAsync(school, second, id);
        await PostOkAsync(school, $"/vouchers/{second}/attendance", Sessions(120));

        using var refused = await PostAsync(school, $"/vouchers/{second}/completion", Completion(certificate: certificate));

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.Conflict, "vouchers.certificate_used");
        var unchanged = await GetOkAsync(school, $"/vouchers/{second}");
        Assert.Equal("Enrolled", unchanged.GetProperty("status").GetString());
        Assert.False(unchanged.TryGetProperty("certificateNumber", out var stored) && stored.ValueKind != JsonValueKind.Null);
    }

    /// <summary>Issues <paramref name="count"/> Leshan photovoltaic vouchers to new holders, a few at a time.</summary>
    private static async Task<(Guid Voucher, string Holder)[]> IssueManyAsync(HttpClient op, int count)
    {
        var holders = Enumerable.Range(0, count).Select(_ => VoucherRuleSteps.NewHolder()).ToArray();
        var vouchers = new Guid[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Token }, async (i, _) =>
            vouchers[i] = await VoucherRuleSteps.IssueIdAsync(op, holders[i]));
        return vouchers.Zip(holders).ToArray();
    }

    private static object ClassBody(IEnumerable<(Guid Voucher, string Holder)> members) => new
    {
        scheduledHours = 40,
        courseStartsOn = ChinaToday.AddDays(-1),
        courseEndsOn = ChinaToday.AddDays(30),
        members = members.Select(m => new { voucherId = m.Voucher, holderIdNumber = m.Holder }).ToArray(),
    };
}
