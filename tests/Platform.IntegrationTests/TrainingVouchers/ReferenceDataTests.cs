using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using static Platform.IntegrationTests.TrainingVouchers.VoucherTestKit;

namespace Platform.IntegrationTests.TrainingVouchers;

/// <summary>
/// The reference data the rules read: the occupation catalogue, subsidy standards (a county inherits its
/// city's or province's), program rules, and the approved institutions with their status. The writes
/// here use keys no other test of this class reads (a standard of 电工 Level4 in 511102, institutions
/// registered by the tests), so the class's shared hosts stay fit for the rest.
/// </summary>
public sealed class ReferenceDataTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private const string CreditCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] CreditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_occupation_catalogue_lists_at_least_30_occupations_with_their_levels(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var school = Institution(host);

        var all = (await GetOkAsync(school, "/occupations")).EnumerateArray().ToArray();
        var construction = (await GetOkAsync(school, "/occupations?field=Construction")).EnumerateArray().ToArray();

        Assert.True(all.Length >= 30, $"Only {all.Length} occupations.");
        Assert.Equal(all.Length, all.Select(o => o.GetProperty("code").GetString()).Distinct().Count());
        Assert.All(all, o =>
        {
            Assert.False(string.IsNullOrWhiteSpace(o.GetProperty("name").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(o.GetProperty("nameEn").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(o.GetProperty("field").GetString()));
            Assert.NotEqual(0, o.GetProperty("levels").GetArrayLength());
        });
        var photovoltaic = all.Single(o => o.GetProperty("code").GetString() == Photovoltaic);
        Assert.Equal("光伏组件制造工", photovoltaic.GetProperty("name").GetString());
        Assert.Equal("Photovoltaic module maker", photovoltaic.GetProperty("nameEn").GetString());
        Assert.Equal("PhotovoltaicElectronics", photovoltaic.GetProperty("field").GetString());
        Assert.Equal(["Level5", "Level4", "Level3"], photovoltaic.GetProperty("levels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("2021-01-01", photovoltaic.GetProperty("effectiveFrom").GetString());
        Assert.True(photovoltaic.GetProperty("isSample").GetBoolean());
        Assert.NotEmpty(construction);
        Assert.All(construction, o => Assert.Equal("Construction", o.GetProperty("field").GetString()));
        Assert.Contains(Bricklayer, construction.Select(o => o.GetProperty("code").GetString()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_Leshan_county_inherits_the_citys_uplifted_standard_and_a_Chengdu_county_the_provinces(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);

        var leshan = await GetOkAsync(op, $"/subsidy-standards?occupationCode={Photovoltaic}&level=Level5&inForceFor={LeshanCounty}");
        var chengdu = await GetOkAsync(op, $"/subsidy-standards?occupationCode={Photovoltaic}&level=Level5&inForceFor=510104");

        var inLeshan = Assert.Single(leshan.EnumerateArray());
        Assert.Equal(1300m, inLeshan.GetProperty("faceValue").GetDecimal());
        Assert.Equal(1000m, inLeshan.GetProperty("amount").GetDecimal());
        Assert.Equal(30m, inLeshan.GetProperty("shortageUpliftPercent").GetDecimal());
        Assert.Equal(Leshan, inLeshan.GetProperty("regionCode").GetString());
        var inChengdu = Assert.Single(chengdu.EnumerateArray());
        Assert.Equal(1000m, inChengdu.GetProperty("faceValue").GetDecimal());
        Assert.Equal(Sichuan, inChengdu.GetProperty("regionCode").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_program_rules_in_force_in_a_Leshan_county_are_the_Sichuan_defaults(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Operator(host);

        var rules = await GetOkAsync(op, $"/program-rules?regionCode={LeshanCounty}");
        using var unknown = await op.GetAsync($"{Base}/program-rules?regionCode=519999", Token);

        Assert.Equal(Sichuan, rules.GetProperty("regionCode").GetString());
        Assert.Equal(3, rules.GetProperty("yearlyQuota").GetInt32());
        Assert.Equal(180, rules.GetProperty("validityDays").GetInt32());
        Assert.Equal(16, rules.GetProperty("minimumAge").GetInt32());
        Assert.Equal(60, rules.GetProperty("maximumAge").GetInt32());
        Assert.Equal(
            ["CollegeGraduates", "MigrantWorkers", "PovertyAlleviatedLabour", "Veterans", "RegisteredUnemployed", "PeopleWithDisabilities", "EmploymentDifficulty", "RuralLabour", "Returnees"],
            rules.GetProperty("eligibleGroups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(80m, rules.GetProperty("attendanceThresholdPercent").GetDecimal());
        Assert.Equal(0m, rules.GetProperty("failedSharePercent").GetDecimal());
        Assert.True(rules.GetProperty("crossProvinceRecognition").GetBoolean());
        Assert.True(rules.GetProperty("isSample").GetBoolean());
        var problem = await HttpAssert.ProblemAsync(unknown, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal(["regionCode"], HttpAssert.ErrorFields(problem));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_county_standard_from_a_future_day_supersedes_nothing_and_an_overlapping_one_is_refused_409(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var admin = host.CreateClient();
        var from = ChinaToday.AddDays(30);

        using var created = await PostAsync(admin, "/subsidy-standards", Standard(from, null, 1600m));
        var standard = await VoucherRuleSteps.CreatedAsync(created);
        using var overlapping = await PostAsync(admin, "/subsidy-standards", Standard(from.AddDays(-10), from.AddDays(10), 1700m));
        using var sameDay = await PostAsync(admin, "/subsidy-standards", Standard(from, null, 1800m));

        Assert.Equal(LeshanCounty, standard.GetProperty("regionCode").GetString());
        Assert.Equal(1600m, standard.GetProperty("faceValue").GetDecimal());
        Assert.Equal(Format(from), standard.GetProperty("effectiveFrom").GetString());
        await HttpAssert.ProblemAsync(overlapping, HttpStatusCode.Conflict, "vouchers.standard_overlaps");
        await HttpAssert.ProblemAsync(sameDay, HttpStatusCode.Conflict, "vouchers.standard_overlaps");

        // The province's standard stays open-ended and in force until the county's own begins.
        var province = Assert.Single((await GetOkAsync(admin, $"/subsidy-standards?occupationCode={Electrician}&level=Level4&regionCode={Sichuan}")).EnumerateArray());
        Assert.False(province.TryGetProperty("effectiveTo", out var to) && to.ValueKind != JsonValueKind.Null, $"The province's standard was closed: {province}");
        var county = Assert.Single((await GetOkAsync(admin, $"/subsidy-standards?occupationCode={Electrician}&level=Level4&regionCode={LeshanCounty}")).EnumerateArray());
        Assert.Equal(1600m, county.GetProperty("amount").GetDecimal());
        var today = Assert.Single((await GetOkAsync(admin, $"/subsidy-standards?occupationCode={Electrician}&level=Level4&inForceFor={LeshanCounty}")).EnumerateArray());
        Assert.Equal((Sichuan, 1500m), (today.GetProperty("regionCode").GetString(), today.GetProperty("faceValue").GetDecimal()));
        var then = Assert.Single((await GetOkAsync(admin, $"/subsidy-standards?occupationCode={Electrician}&level=Level4&inForceFor={LeshanCounty}&on={Format(from)}")).EnumerateArray());
        Assert.Equal((LeshanCounty, 1600m), (then.GetProperty("regionCode").GetString(), then.GetProperty("faceValue").GetDecimal()));
    }

    [Fact]
    public async Task Registering_an_institution_with_an_invalid_credit_code_is_a_400()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var reviewer = Reviewer(host);
        var valid = NewCreditCode();
        var invalid = valid[..17] + CreditCharset[(CreditCharset.IndexOf(valid[17], StringComparison.Ordinal) + 1) % CreditCharset.Length];

        using var refused = await PostAsync(reviewer, "/institutions", Registration(invalid));
        using var lookup = await reviewer.GetAsync($"{Base}/institutions/{invalid}", Token);

        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal(["creditCode"], HttpAssert.ErrorFields(problem));
        await HttpAssert.ProblemAsync(lookup, HttpStatusCode.NotFound, "vouchers.institution_not_found");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_valid_institution_is_registered_once_and_registering_it_again_is_409(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var reviewer = Reviewer(host);
        var code = NewCreditCode();

        using var created = await PostAsync(reviewer, "/institutions", Registration(code));
        var institution = await VoucherRuleSteps.CreatedAsync(created);
        using var again = await PostAsync(reviewer, "/institutions", Registration(code));

        Assert.Equal($"/api/training-vouchers/institutions/{code}", created.Headers.Location?.OriginalString);
        Assert.Equal(code, institution.GetProperty("creditCode").GetString());
        Assert.Equal("Approved", institution.GetProperty("status").GetString());
        Assert.Equal(LeshanCounty, institution.GetProperty("regionCode").GetString());
        var licence = Assert.Single(institution.GetProperty("licences").EnumerateArray());
        Assert.Equal((Photovoltaic, "Level5"), (licence.GetProperty("occupationCode").GetString(), licence.GetProperty("level").GetString()));
        await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict, "vouchers.institution_exists");
        var stored = await GetOkAsync(reviewer, $"/institutions/{code}");
        Assert.Equal("Approved", stored.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_suspended_institution_enrols_nobody_until_approved_and_a_revoked_one_cannot_return(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var reviewer = Reviewer(host);
        using var op = Operator(host);
        var code = NewCreditCode();
        using (var created = await PostAsync(reviewer, "/institutions", Registration(code)))
        {
            await VoucherRuleSteps.CreatedAsync(created);
        }

        using var school = Institution(host, code, LeshanCounty, "institution-staff-new");
        var (first, second) = (VoucherRuleSteps.NewHolder(), VoucherRuleSteps.NewHolder());
        var firstVoucher = await VoucherRuleSteps.IssueIdAsync(op, first);
        var secondVoucher = await VoucherRuleSteps.IssueIdAsync(op, second);

        using var withoutReason = await PostAsync(reviewer, $"/institutions/{code}/status", new { status = "Suspended" });
        var suspended = await PostOkAsync(reviewer, $"/institutions/{code}/status", new { status = "Suspended", reason = "考勤数据异常，暂停招生" });
        using var refused = await PostAsync(school, $"/vouchers/{firstVoucher}/enrolment", EnrolBody(first));
        var approved = await PostOkAsync(reviewer, $"/institutions/{code}/status", new { status = "Approved" });
        var enrolled = await EnrolAsync(school, firstVoucher, first);
        var revoked = await PostOkAsync(reviewer, $"/institutions/{code}/status", new { status = "Revoked", reason = "虚假培训" });
        using var restored = await PostAsync(reviewer, $"/institutions/{code}/status", new { status = "Approved" });
        using var afterRevocation = await PostAsync(school, $"/vouchers/{secondVoucher}/enrolment", EnrolBody(second));

        var problem = await HttpAssert.ProblemAsync(withoutReason, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal(["reason"], HttpAssert.ErrorFields(problem));
        Assert.Equal(("Suspended", "考勤数据异常，暂停招生"), (suspended.GetProperty("status").GetString(), suspended.GetProperty("statusReason").GetString()));
        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "vouchers.institution_not_in_good_standing");
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        Assert.Equal("Enrolled", enrolled.GetProperty("status").GetString());
        Assert.Equal("Revoked", revoked.GetProperty("status").GetString());
        await HttpAssert.ProblemAsync(restored, HttpStatusCode.Conflict, "vouchers.invalid_transition");
        await HttpAssert.ProblemAsync(afterRevocation, HttpStatusCode.UnprocessableEntity, "vouchers.institution_not_in_good_standing");
        Assert.Equal("Revoked", (await GetOkAsync(reviewer, $"/institutions/{code}")).GetProperty("status").GetString());
        Assert.Equal("Issued", await VoucherRuleSteps.StatusAsync(op, secondVoucher));
    }

    /// <summary>
    /// A fresh valid GB 32100 code of a private non-enterprise unit (5, 2) in 511102: a random organisation
    /// code and the check character of the domain guide, confirmed by the platform's own parser.
    /// </summary>
    private static string NewCreditCode()
    {
        var first17 = "52" + LeshanCounty + string.Concat(Enumerable.Range(0, 9).Select(_ => CreditCharset[RandomNumberGenerator.GetInt32(CreditCharset.Length)]));
        var sum = first17.Select((c, i) => CreditCharset.IndexOf(c, StringComparison.Ordinal) * CreditWeights[i]).Sum();
        var check = (31 - (sum % 31)) % 31;
        var code = first17 + CreditCharset[check];
        Assert.True(UnifiedSocialCreditCode.TryParse(code, out var parsed), $"Built an invalid credit code {code}.");
        Assert.Equal(code, parsed.Value);
        return code;
    }

    private static object Registration(string creditCode) => new
    {
        creditCode,
        name = $"乐山市市中区测试职业技能培训学校 {creditCode[8..]}",
        regionCode = LeshanCounty,
        licences = new[] { new { occupationCode = Photovoltaic, level = "Level5", validFrom = new DateOnly(2021, 1, 1) } },
    };

    private static object Standard(DateOnly from, DateOnly? to, decimal amount) => new
    {
        occupationCode = Electrician,
        level = "Level4",
        regionCode = LeshanCounty,
        effectiveFrom = from,
        effectiveTo = to,
        amount,
        shortageUpliftPercent = 0m,
    };

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
