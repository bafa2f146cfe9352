using System.Net;
using System.Text.Json;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Kit = Platform.IntegrationTests.ReturnHomeEntrepreneurship.EntrepreneurshipTestKit;

namespace Platform.IntegrationTests.ReturnHomeEntrepreneurship;

/// <summary>
/// The one-time start-up subsidy: its six conditions explained, refusals naming the failed condition, once
/// per person, maker and checker being different officers, rejection freeing the person, payment with a
/// unique reference, and the statistics counting what was paid.
/// </summary>
public sealed class StartupSubsidyTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    /// <summary>沐川县.</summary>
    private const string County = "511129";

    /// <summary>武隆区, Chongqing (sample standard 8,000 yuan).</summary>
    private const string ChongqingCounty = "500156";

    private const string NotEligible = "entrepreneurship.subsidy_not_eligible";

    private static readonly string[] Codes =
        ["once_per_person", "business_of_founder", "business_operating", "months_of_operation", "founder_social_insurance", "standard_in_force"];

    private static Dictionary<string, bool> Conditions(JsonElement answer) =>
        answer.GetProperty("conditions").EnumerateArray().ToDictionary(c => Kit.Text(c, "code"), c => c.GetProperty("passed").GetBoolean());

    private static string[] Failed(JsonElement answer) => Conditions(answer).Where(c => !c.Value).Select(c => c.Key).ToArray();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Eligibility_explains_each_of_the_six_conditions(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var founder = await Kit.FounderIdAsync(op, County);
        var uninsured = await Kit.FounderIdAsync(op, County, insured: false);
        var registeredOn = Kit.ChinaToday.AddMonths(-13);
        var business = await Kit.BusinessIdAsync(op, founder, County, registeredOn);
        var young = await Kit.BusinessIdAsync(op, founder, County, Kit.ChinaToday.AddMonths(-6));
        var ofUninsured = await Kit.BusinessIdAsync(op, uninsured, County);

        var eligible = await Kit.GetOkAsync(op, $"/businesses/{business}/startup-subsidy/eligibility");

        Assert.True(eligible.GetProperty("eligible").GetBoolean());
        Assert.Equal(10_000m, Kit.Money(eligible, "amount"));
        Assert.Equal(Kit.Day(Kit.ChinaToday), Kit.Text(eligible, "onDay"));
        Assert.Equal(founder, eligible.GetProperty("entrepreneurId").GetGuid());
        Assert.Equal(Codes, eligible.GetProperty("conditions").EnumerateArray().Select(c => Kit.Text(c, "code")));
        Assert.All(eligible.GetProperty("conditions").EnumerateArray(), c =>
        {
            Assert.True(c.GetProperty("passed").GetBoolean());
            Assert.False(string.IsNullOrWhiteSpace(Kit.Text(c, "reason")));
        });

        // Each failing condition is named, and the others still pass.
        Assert.Equal(["months_of_operation"], Failed(await Kit.GetOkAsync(op, $"/businesses/{young}/startup-subsidy/eligibility")));
        Assert.Equal(["founder_social_insurance"], Failed(await Kit.GetOkAsync(op, $"/businesses/{ofUninsured}/startup-subsidy/eligibility")));
        var onTheDayBefore = await Kit.GetOkAsync(op, $"/businesses/{business}/startup-subsidy/eligibility?onDay={Kit.Day(registeredOn.AddMonths(12).AddDays(-1))}");
        Assert.Equal(["months_of_operation"], Failed(onTheDayBefore));
        Assert.Contains(Kit.Day(registeredOn.AddMonths(12)), onTheDayBefore.GetProperty("conditions")[3].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True((await Kit.GetOkAsync(op, $"/businesses/{business}/startup-subsidy/eligibility?onDay={Kit.Day(registeredOn.AddMonths(12))}")).GetProperty("eligible").GetBoolean());

        // Before any standard (the samples start in 2021) there is no amount (nor was the founder insured then).
        var old = await Kit.PostCreatedAsync(op, "/businesses", Kit.BusinessBody(founder, County, registeredOn: new DateOnly(2018, 5, 1)));
        var before2021 = await Kit.GetOkAsync(op, $"/businesses/{Kit.Id(old.GetProperty("business"))}/startup-subsidy/eligibility?onDay=2020-12-31");
        Assert.Equal(["founder_social_insurance", "standard_in_force"], Failed(before2021));
        Assert.True(Kit.IsAbsent(before2021, "amount"));

        // A closed business.
        await Kit.PostOkAsync(op, $"/businesses/{young}/close", new { closedOn = Kit.ChinaToday.AddDays(-1) });
        Assert.Equal(["business_operating", "months_of_operation"], Failed(await Kit.GetOkAsync(op, $"/businesses/{young}/startup-subsidy/eligibility")));

        // Once applied for, the person's other businesses fail "once per person".
        await Kit.PostCreatedAsync(op, "/startup-subsidies", new { entrepreneurId = founder, businessId = business });
        Assert.Equal(["once_per_person"], Failed(await Kit.GetOkAsync(op, $"/businesses/{Kit.Id(old.GetProperty("business"))}/startup-subsidy/eligibility")));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_application_failing_a_condition_is_a_422_naming_it(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var founder = await Kit.FounderIdAsync(op, County);
        var uninsured = await Kit.FounderIdAsync(op, County, insured: false);
        var young = await Kit.BusinessIdAsync(op, founder, County, Kit.ChinaToday.AddMonths(-11));
        var ofUninsured = await Kit.BusinessIdAsync(op, uninsured, County);
        var closed = await Kit.BusinessIdAsync(op, founder, County);
        await Kit.PostOkAsync(op, $"/businesses/{closed}/close", new { closedOn = Kit.ChinaToday });

        var months = await Kit.PostProblemAsync(op, "/startup-subsidies", new { entrepreneurId = founder, businessId = young }, HttpStatusCode.UnprocessableEntity, NotEligible);
        var insurance = await Kit.PostProblemAsync(op, "/startup-subsidies", new { entrepreneurId = uninsured, businessId = ofUninsured }, HttpStatusCode.UnprocessableEntity, NotEligible);
        var notTheirs = await Kit.PostProblemAsync(op, "/startup-subsidies", new { entrepreneurId = uninsured, businessId = closed }, HttpStatusCode.UnprocessableEntity, NotEligible);
        var notOperating = await Kit.PostProblemAsync(op, "/startup-subsidies", new { entrepreneurId = founder, businessId = closed }, HttpStatusCode.UnprocessableEntity, NotEligible);

        Assert.Contains("months_of_operation", Kit.Text(months, "detail"), StringComparison.Ordinal);
        Assert.Contains("founder_social_insurance", Kit.Text(insurance, "detail"), StringComparison.Ordinal);
        Assert.Contains("business_of_founder", Kit.Text(notTheirs, "detail"), StringComparison.Ordinal);
        Assert.Contains("business_operating", Kit.Text(notOperating, "detail"), StringComparison.Ordinal);
        Assert.Equal(0, (await Kit.PostOkAsync(op, "/startup-subsidies/search", new { regionCode = County, status = "Applied" })).GetProperty("items").EnumerateArray()
            .Count(s => s.GetProperty("entrepreneurId").GetGuid() == founder || s.GetProperty("entrepreneurId").GetGuid() == uninsured));

        // Insured from today on, the founder qualifies.
        using (var insure = await Kit.SendAsync(op, HttpMethod.Put, $"/entrepreneurs/{uninsured}", new
        {
            name = "王返乡",
            category = "ReturningMigrantWorker",
            formerWorkplace = "广东省东莞市 电子厂",
            returnedOn = new DateOnly(2022, 3, 1),
            socialInsuranceSince = Kit.ChinaToday,
        }))
        {
            await HttpAssert.ReadOkJsonAsync(insure);
        }

        var applied = await Kit.PostCreatedAsync(op, "/startup-subsidies", new { entrepreneurId = uninsured, businessId = ofUninsured });
        Assert.Equal("Applied", Kit.Text(applied, "status"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_subsidy_is_applied_for_once_per_person_checked_by_another_officer_paid_and_counted(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var maker = Kit.Operator(host, subject: "rhe-subsidy-maker");
        using var makerAsReviewer = Kit.Reviewer(host, subject: "rhe-subsidy-maker");
        using var checker = Kit.Reviewer(host, subject: "rhe-subsidy-checker");
        var statsBefore = await Kit.GetOkAsync(maker, $"/statistics?regionCode={County}");
        var founder = await Kit.FounderIdAsync(maker, County);
        var first = await Kit.BusinessIdAsync(maker, founder, County);
        var second = await Kit.BusinessIdAsync(maker, founder, County, Kit.ChinaToday.AddMonths(-20));

        using var created = await Kit.PostAsync(maker, "/startup-subsidies", new { entrepreneurId = founder, businessId = first });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var subsidy = await HttpAssert.ReadJsonAsync(created);
        var id = Kit.Id(subsidy);
        Assert.Equal($"/api/return-home-entrepreneurship/startup-subsidies/{id}", created.Headers.Location?.ToString());
        Assert.Equal(("Applied", 10_000m, "rhe-subsidy-maker"), (Kit.Text(subsidy, "status"), Kit.Money(subsidy, "amount"), Kit.Text(subsidy, "appliedBy")));
        Assert.Equal(County, Kit.Text(subsidy, "regionCode"));
        Assert.Equal(6, subsidy.GetProperty("conditions").GetArrayLength());

        // The second business of the same person: once per person.
        await Kit.PostProblemAsync(maker, "/startup-subsidies", new { entrepreneurId = founder, businessId = second }, HttpStatusCode.Conflict, "entrepreneurship.subsidy_once_per_person");

        // The maker cannot check, even holding the checker's role; the operator has no checker's permission.
        await Kit.PostProblemAsync(makerAsReviewer, $"/startup-subsidies/{id}/decision", new { approve = true }, HttpStatusCode.Forbidden, "entrepreneurship.maker_cannot_check");
        await Kit.PostProblemAsync(maker, $"/startup-subsidies/{id}/decision", new { approve = true }, HttpStatusCode.Forbidden, Kit.PermissionMissing);
        await Kit.PostProblemAsync(checker, $"/startup-subsidies/{id}/decision", new { approve = true }, HttpStatusCode.PreconditionFailed, Kit.PreconditionFailed, "\"7\"");
        await Kit.PostProblemAsync(maker, $"/startup-subsidies/{id}/payment", new { paidOn = Kit.ChinaToday, paymentReference = "GK-EARLY" }, HttpStatusCode.Conflict, Kit.InvalidTransition);

        var approved = await Kit.PostOkAsync(checker, $"/startup-subsidies/{id}/decision", new { approve = true, note = "材料齐全" });
        Assert.Equal(("Approved", "rhe-subsidy-checker", "材料齐全"), (Kit.Text(approved, "status"), Kit.Text(approved, "decidedBy"), Kit.Text(approved, "decisionNote")));
        await Kit.PostProblemAsync(checker, $"/startup-subsidies/{id}/decision", new { approve = false, note = "再议" }, HttpStatusCode.Conflict, Kit.InvalidTransition);

        // Paid: not before the decision, with a reference used once.
        var reference = $"GK-{Guid.NewGuid():N}";
        var tooEarly = await Kit.PostProblemAsync(maker, $"/startup-subsidies/{id}/payment", new { paidOn = Kit.ChinaToday.AddDays(-1), paymentReference = reference }, HttpStatusCode.BadRequest, Kit.ValidationFailed);
        Assert.Equal(["paidOn"], HttpAssert.ErrorFields(tooEarly));
        await Kit.PostProblemAsync(checker, $"/startup-subsidies/{id}/payment", new { paidOn = Kit.ChinaToday, paymentReference = reference }, HttpStatusCode.Forbidden, Kit.PermissionMissing);
        var paid = await Kit.PostOkAsync(maker, $"/startup-subsidies/{id}/payment", new { paidOn = Kit.ChinaToday, paymentReference = reference });
        Assert.Equal(("Paid", Kit.Day(Kit.ChinaToday), reference), (Kit.Text(paid, "status"), Kit.Text(paid, "paidOn"), Kit.Text(paid, "paymentReference")));
        await Kit.PostProblemAsync(maker, $"/startup-subsidies/{id}/payment", new { paidOn = Kit.ChinaToday, paymentReference = $"GK-{Guid.NewGuid():N}" }, HttpStatusCode.Conflict, Kit.InvalidTransition);

        // Another person's approved subsidy cannot reuse the reference.
        var other = await Kit.FounderIdAsync(maker, County);
        var otherSubsidy = Kit.Id(await Kit.PostCreatedAsync(maker, "/startup-subsidies", new { entrepreneurId = other, businessId = await Kit.BusinessIdAsync(maker, other, County) }));
        await Kit.PostOkAsync(checker, $"/startup-subsidies/{otherSubsidy}/decision", new { approve = true });
        await Kit.PostProblemAsync(maker, $"/startup-subsidies/{otherSubsidy}/payment", new { paidOn = Kit.ChinaToday, paymentReference = reference }, HttpStatusCode.Conflict, "entrepreneurship.payment_reference_used");
        Assert.Equal("Approved", Kit.Text(await Kit.GetOkAsync(maker, $"/startup-subsidies/{otherSubsidy}"), "status"));

        // Still once per person after payment.
        await Kit.PostProblemAsync(maker, "/startup-subsidies", new { entrepreneurId = founder, businessId = second }, HttpStatusCode.Conflict, "entrepreneurship.subsidy_once_per_person");

        var statsAfter = await Kit.GetOkAsync(maker, $"/statistics?regionCode={County}");
        Assert.Equal(statsBefore.GetProperty("startupSubsidiesPaid").GetInt32() + 1, statsAfter.GetProperty("startupSubsidiesPaid").GetInt32());
        Assert.Equal(Kit.Money(statsBefore, "startupSubsidyAmountPaid") + 10_000m, Kit.Money(statsAfter, "startupSubsidyAmountPaid"));
        var cityAfter = await Kit.GetOkAsync(maker, $"/statistics?regionCode={Kit.Leshan}");
        Assert.True(cityAfter.GetProperty("startupSubsidiesPaid").GetInt32() >= 1);
        var paidSearch = await Kit.PostOkAsync(maker, "/startup-subsidies/search", new { regionCode = County, status = "Paid" });
        Assert.Contains(paidSearch.GetProperty("items").EnumerateArray(), s => Kit.Id(s) == id);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_rejection_frees_the_person_for_a_new_application(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var checker = Kit.Reviewer(host, subject: "rhe-subsidy-checker-2");
        var founder = await Kit.FounderIdAsync(op, County);
        var business = await Kit.BusinessIdAsync(op, founder, County);
        var first = Kit.Id(await Kit.PostCreatedAsync(op, "/startup-subsidies", new { entrepreneurId = founder, businessId = business }));

        var withoutNote = await Kit.PostProblemAsync(checker, $"/startup-subsidies/{first}/decision", new { approve = false }, HttpStatusCode.BadRequest, Kit.ValidationFailed);
        Assert.Equal(["note"], HttpAssert.ErrorFields(withoutNote));
        var rejected = await Kit.PostOkAsync(checker, $"/startup-subsidies/{first}/decision", new { approve = false, note = "经营场所核查不符" });

        Assert.Equal(("Rejected", "经营场所核查不符"), (Kit.Text(rejected, "status"), Kit.Text(rejected, "decisionNote")));
        Assert.True((await Kit.GetOkAsync(op, $"/businesses/{business}/startup-subsidy/eligibility")).GetProperty("eligible").GetBoolean());
        var second = await Kit.PostCreatedAsync(op, "/startup-subsidies", new { entrepreneurId = founder, businessId = business });
        Assert.NotEqual(first, Kit.Id(second));
        Assert.Equal("Applied", Kit.Text(second, "status"));
        Assert.Equal("Rejected", Kit.Text(await Kit.GetOkAsync(op, $"/startup-subsidies/{first}"), "status"));
        await Kit.PostProblemAsync(checker, $"/startup-subsidies/{first}/decision", new { approve = true }, HttpStatusCode.Conflict, Kit.InvalidTransition);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_checker_approves_only_if_the_conditions_still_hold(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var checker = Kit.Reviewer(host, subject: "rhe-subsidy-checker-3");
        var founder = await Kit.FounderIdAsync(op, County);
        var business = await Kit.BusinessIdAsync(op, founder, County);
        var subsidy = Kit.Id(await Kit.PostCreatedAsync(op, "/startup-subsidies", new { entrepreneurId = founder, businessId = business }));
        await Kit.PostOkAsync(op, $"/businesses/{business}/close", new { closedOn = Kit.ChinaToday });

        var refused = await Kit.PostProblemAsync(checker, $"/startup-subsidies/{subsidy}/decision", new { approve = true }, HttpStatusCode.UnprocessableEntity, NotEligible);

        Assert.Contains("business_operating", Kit.Text(refused, "detail"), StringComparison.Ordinal);
        var read = await Kit.GetOkAsync(op, $"/startup-subsidies/{subsidy}");
        Assert.Equal("Applied", Kit.Text(read, "status"));
        Assert.Equal(["business_operating"], Failed(read));

        // The checker may still reject it.
        Assert.Equal("Rejected", Kit.Text(await Kit.PostOkAsync(checker, $"/startup-subsidies/{subsidy}/decision", new { approve = false, note = "已注销" }), "status"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_amount_is_the_standard_of_the_business_region(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host, Kit.Chongqing, "rhe-cq-officer");
        var founder = await Kit.FounderIdAsync(op, ChongqingCounty);
        var business = await Kit.BusinessIdAsync(op, founder, ChongqingCounty);

        Assert.Equal(8_000m, Kit.Money(await Kit.GetOkAsync(op, $"/businesses/{business}/startup-subsidy/eligibility"), "amount"));
        Assert.Equal(8_000m, Kit.Money(await Kit.PostCreatedAsync(op, "/startup-subsidies", new { entrepreneurId = founder, businessId = business }), "amount"));

        // Leshan neither sees nor applies for it.
        using var leshan = Kit.Operator(host);
        using var unseen = await Kit.GetAsync(leshan, $"/businesses/{business}/startup-subsidy/eligibility");
        await HttpAssert.ProblemAsync(unseen, HttpStatusCode.NotFound, "entrepreneurship.business_not_found");
        await Kit.PostProblemAsync(leshan, "/startup-subsidies", new { entrepreneurId = founder, businessId = business }, HttpStatusCode.NotFound, "entrepreneurship.entrepreneur_not_found");
    }
}
