using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Platform;
using Kit = Platform.IntegrationTests.SkillMasterStudios.StudioTestKit;

namespace Platform.IntegrationTests.SkillMasterStudios;

/// <summary>
/// Who sees and changes what: staff only within their region (404 for a record outside it, 403 for
/// creating or counting outside it), search results limited to the caller's region, and identity
/// numbers shown in full only to callers holding pii.read on a single read.
/// </summary>
public sealed class StudioScopingTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_Chongqing_operator_gets_404_for_every_Leshan_record(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "cq-operator");
        using var chongqingReviewer = Kit.Reviewer(host, Kit.Chongqing, "cq-reviewer");
        var year = Kit.ChinaToday.Year - 1;
        var (studio, master, application) = await Kit.AccreditedStudioAsync(host, new DateOnly(year, 1, 1));
        var accreditation = await Kit.CurrentAccreditationAsync(op, studio);
        var report = (await Kit.PostCreatedAsync(op, $"/studios/{studio}/annual-reports", Kit.ReportBody(year))).GetProperty("id").GetGuid();
        var open = await Kit.RecommendedApplicationAsync(host, Kit.NewStudioBody(await Kit.MasterIdAsync(host)));

        (string Path, string Code)[] reads =
        [
            ($"/studios/{studio}", "studios.studio_not_found"),
            ($"/masters/{master}", "studios.master_not_found"),
            ($"/applications/{application}", "studios.application_not_found"),
            ($"/applications/{application}/eligibility", "studios.application_not_found"),
            ($"/annual-reports/{report}", "studios.report_not_found"),
        ];
        foreach (var (path, code) in reads)
        {
            using var hidden = await Kit.GetAsync(chongqing, path);
            await HttpAssert.ProblemAsync(hidden, HttpStatusCode.NotFound, code);
        }

        using var chongqingExpert = Kit.Expert(host, "cq-expert", region: Kit.Chongqing);
        using (var tranche = await Kit.PostAsync(chongqing, $"/accreditations/{accreditation}/tranches", new { amount = 1m, paidOn = Kit.ChinaToday, reference = "CQ-1" }))
        using (var revoke = await Kit.PostAsync(chongqingReviewer, $"/studios/{studio}/revocation", new { reason = "越权" }))
        using (var assess = await Kit.PostAsync(chongqingReviewer, $"/annual-reports/{report}/assessment", new { score = 10m, fraud = true, comment = "越权" }))
        using (var score = await Kit.PostAsync(chongqingExpert, $"/applications/{open}/scores", new { score = 10m, comment = "越权" }))
        using (var withdraw = await Kit.PostAsync(chongqing, $"/applications/{open}/withdrawal", null))
        {
            await HttpAssert.ProblemAsync(tranche, HttpStatusCode.NotFound, "studios.accreditation_not_found");
            await HttpAssert.ProblemAsync(revoke, HttpStatusCode.NotFound, "studios.studio_not_found");
            await HttpAssert.ProblemAsync(assess, HttpStatusCode.NotFound, "studios.report_not_found");
            await HttpAssert.ProblemAsync(score, HttpStatusCode.NotFound, "studios.application_not_found");
            await HttpAssert.ProblemAsync(withdraw, HttpStatusCode.NotFound, "studios.application_not_found");
        }

        var stored = await Kit.GetOkAsync(op, $"/studios/{studio}");
        Assert.Equal("Active", stored.GetProperty("status").GetString());
        Assert.Equal(0m, stored.GetProperty("accreditations")[0].GetProperty("fundingPaid").GetDecimal());
        Assert.Equal("Submitted", (await Kit.GetOkAsync(op, $"/annual-reports/{report}")).GetProperty("status").GetString());
        Assert.Equal("Recommended", (await Kit.GetOkAsync(op, $"/applications/{open}")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_Chongqing_operator_cannot_register_a_master_or_create_an_application_in_Leshan_403(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "cq-operator");
        using var leshan = Kit.Operator(host);
        var idNumber = Kit.NewIdNumber();
        var master = await Kit.MasterIdAsync(host);
        var hostCode = Kit.NewCreditCode();

        using var registered = await Kit.PostAsync(chongqing, "/masters", Kit.MasterBody(idNumber));
        using var applied = await Kit.PostAsync(chongqing, "/applications", Kit.NewStudioBody(master, host: hostCode));

        await HttpAssert.ProblemAsync(registered, HttpStatusCode.Forbidden, "studios.region_outside_caller");
        await HttpAssert.ProblemAsync(applied, HttpStatusCode.Forbidden, "studios.region_outside_caller");
        var masters = await Kit.PostOkAsync(leshan, "/masters/search", new { identityNumber = idNumber });
        Assert.Equal(0, masters.GetProperty("items").GetArrayLength());
        var applications = await Kit.PostOkAsync(leshan, "/applications/search", new { hostCode });
        Assert.Equal(0, applications.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_county_operator_creates_only_within_the_county()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var county = Kit.Operator(host, Kit.LeshanCounty, "county-operator");
        var inShawan = await Kit.MasterIdAsync(host, region: Kit.Shawan);

        using var master = await Kit.PostAsync(county, "/masters", Kit.MasterBody(region: Kit.Shawan));
        using var application = await Kit.PostAsync(county, "/applications", Kit.NewStudioBody(inShawan, region: Kit.Shawan));
        using var own = await Kit.PostAsync(county, "/masters", Kit.MasterBody());

        await HttpAssert.ProblemAsync(master, HttpStatusCode.Forbidden, "studios.region_outside_caller");
        await HttpAssert.ProblemAsync(application, HttpStatusCode.Forbidden, "studios.region_outside_caller");
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        using var hidden = await Kit.GetAsync(county, $"/masters/{inShawan}");
        await HttpAssert.ProblemAsync(hidden, HttpStatusCode.NotFound, "studios.master_not_found");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Searches_never_return_another_regions_studios_masters_or_applications(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var leshan = Kit.Operator(host);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "cq-operator");
        using var county = Kit.Operator(host, Kit.LeshanCounty, "county-operator");
        var (leshanStudio, leshanMaster, _) = await Kit.AccreditedStudioAsync(host);
        var (shawanStudio, _, _) = await Kit.AccreditedStudioAsync(host, region: Kit.Shawan);
        var chongqingStudio = await ChongqingStudioAsync(host);

        var cqStudios = await ItemsAsync(chongqing, "/studios/search", new { limit = 200 });
        var cqByRegion = await ItemsAsync(chongqing, "/studios/search", new { regionCode = Kit.Leshan, limit = 200 });
        var cqMasters = await ItemsAsync(chongqing, "/masters/search", new { limit = 200 });
        var cqApplications = await ItemsAsync(chongqing, "/applications/search", new { limit = 200 });
        var lsStudios = await ItemsAsync(leshan, "/studios/search", new { limit = 200 });
        var countyStudios = await ItemsAsync(county, "/studios/search", new { limit = 200 });

        Assert.Contains(chongqingStudio, cqStudios.Select(Id));
        Assert.DoesNotContain(leshanStudio, cqStudios.Select(Id));
        Assert.All(cqStudios.Concat(cqMasters).Concat(cqApplications), s => Assert.StartsWith("50", s.GetProperty("regionCode").GetString(), StringComparison.Ordinal));
        Assert.Empty(cqByRegion);
        Assert.DoesNotContain(leshanMaster, cqMasters.Select(Id));
        Assert.Contains(leshanStudio, lsStudios.Select(Id));
        Assert.Contains(shawanStudio, lsStudios.Select(Id));
        Assert.DoesNotContain(chongqingStudio, lsStudios.Select(Id));
        Assert.All(lsStudios, s => Assert.StartsWith("5111", s.GetProperty("regionCode").GetString(), StringComparison.Ordinal));
        Assert.Contains(leshanStudio, countyStudios.Select(Id));
        Assert.All(countyStudios, s => Assert.Equal(Kit.LeshanCounty, s.GetProperty("regionCode").GetString()));
        using var hidden = await Kit.GetAsync(chongqing, $"/studios/{leshanStudio}");
        await HttpAssert.ProblemAsync(hidden, HttpStatusCode.NotFound, "studios.studio_not_found");
    }

    [Fact]
    public async Task Statistics_and_overdue_reports_of_a_region_outside_the_caller_are_403()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "cq-operator");
        using var leshan = Kit.Operator(host);

        using var cqOnLeshan = await Kit.GetAsync(chongqing, $"/statistics?regionCode={Kit.Leshan}");
        using var leshanOnSichuan = await Kit.GetAsync(leshan, $"/statistics?regionCode={Kit.Sichuan}");
        using var leshanOnChongqing = await Kit.GetAsync(leshan, $"/statistics?regionCode={Kit.Chongqing}");
        using var overdue = await Kit.GetAsync(chongqing, $"/annual-reports/overdue?regionCode={Kit.Leshan}");
        using var own = await Kit.GetAsync(leshan, $"/statistics?regionCode={Kit.LeshanCounty}");
        using var ownOverdue = await Kit.GetAsync(chongqing, $"/annual-reports/overdue?regionCode={Kit.ChongqingDistrict}");

        await HttpAssert.ProblemAsync(cqOnLeshan, HttpStatusCode.Forbidden, "studios.region_outside_caller");
        await HttpAssert.ProblemAsync(leshanOnSichuan, HttpStatusCode.Forbidden, "studios.region_outside_caller");
        await HttpAssert.ProblemAsync(leshanOnChongqing, HttpStatusCode.Forbidden, "studios.region_outside_caller");
        await HttpAssert.ProblemAsync(overdue, HttpStatusCode.Forbidden, "studios.region_outside_caller");
        Assert.Equal(Kit.LeshanCounty, (await HttpAssert.ReadOkJsonAsync(own)).GetProperty("regionCode").GetString());
        await HttpAssert.ReadOkJsonAsync(ownOverdue);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Identity_numbers_are_shown_in_full_only_on_a_single_read_by_callers_with_pii_read_and_that_read_is_audited(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var auditor = Kit.Auditor(host);
        using var integrator = host.CreateClientAs("integrator", Kit.Leshan, "integrator-1");
        using var admin = Kit.Administrator(host);
        var idNumber = Kit.NewIdNumber();
        var masked = $"{idNumber[..6]}********{idNumber[^4..]}";
        var registered = await Kit.PostCreatedAsync(op, "/masters", Kit.MasterBody(idNumber));
        var master = registered.GetProperty("id").GetGuid();

        // Registration and search answers are masked for everyone, even for callers holding pii.read.
        Assert.Equal(masked, registered.GetProperty("identityNumber").GetString());
        foreach (var client in new[] { op, admin, auditor })
        {
            var found = Assert.Single((await Kit.PostOkAsync(client, "/masters/search", new { identityNumber = idNumber })).GetProperty("items").EnumerateArray());
            Assert.Equal(masked, found.GetProperty("identityNumber").GetString());
        }

        // A single read: in full for operator and administrator (pii.read), masked for auditor and integrator.
        Assert.Equal(idNumber, (await Kit.GetOkAsync(op, $"/masters/{master}")).GetProperty("identityNumber").GetString());
        Assert.Equal(idNumber, (await Kit.GetOkAsync(admin, $"/masters/{master}")).GetProperty("identityNumber").GetString());
        Assert.Equal(masked, (await Kit.GetOkAsync(auditor, $"/masters/{master}")).GetProperty("identityNumber").GetString());
        Assert.Equal(masked, (await Kit.GetOkAsync(integrator, $"/masters/{master}")).GetProperty("identityNumber").GetString());
        var audited = await Kit.AuditOutcomesAsync(host, "pii.read", master.ToString());
        Assert.Equal(2, audited.Length);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Apprentices_identity_numbers_are_always_masked_in_report_answers(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var admin = Kit.Administrator(host);
        using var assessor = Kit.Reviewer(host, Kit.Leshan, "assessor-1");
        var year = Kit.ChinaToday.Year - 1;
        var (studio, _, _) = await Kit.AccreditedStudioAsync(host, new DateOnly(year, 1, 1));
        var apprentice = Kit.NewIdNumber(age: 23);

        var submitted = await Kit.PostCreatedAsync(op, $"/studios/{studio}/annual-reports", Kit.ReportBody(year, Kit.ApprenticeEntry(year, "Level3", apprentice)));
        var id = submitted.GetProperty("id").GetGuid();
        var read = await Kit.GetOkAsync(admin, $"/annual-reports/{id}");
        var assessed = await Kit.PostOkAsync(assessor, $"/annual-reports/{id}/assessment", new { score = 88m, fraud = false, comment = "合格" });

        foreach (var answer in new[] { submitted, read, assessed })
        {
            Assert.DoesNotContain(apprentice, answer.GetRawText(), StringComparison.Ordinal);
            Assert.Equal($"{apprentice[..6]}********{apprentice[^4..]}", answer.GetProperty("apprentices")[0].GetProperty("identityNumber").GetString());
        }

        var payloads = await Kit.ReadDbAsync(host, db => db.Set<OutboxMessage>().AsNoTracking().Select(m => m.Payload).ToListAsync(Token));
        Assert.All(payloads, p => Assert.DoesNotContain(apprentice, p, StringComparison.Ordinal));
    }

    private static async Task<Guid> ChongqingStudioAsync(PlatformFactory host)
    {
        using var op = Kit.Operator(host, Kit.Chongqing, "cq-operator");
        using var reviewer = Kit.Reviewer(host, Kit.Chongqing, "cq-decider");
        var master = await Kit.MasterIdAsync(host, region: Kit.ChongqingDistrict);
        var id = await Kit.ScoredApplicationAsync(host, Kit.NewStudioBody(master, region: Kit.ChongqingDistrict), Kit.Chongqing, Kit.Chongqing);
        var decided = await Kit.PostOkAsync(reviewer, $"/applications/{id}/decision", new { approve = true, reason = "通过" });
        return decided.GetProperty("studioId").GetGuid();
    }

    private static async Task<JsonElement[]> ItemsAsync(HttpClient client, string path, object body) =>
        (await Kit.PostOkAsync(client, path, body)).GetProperty("items").EnumerateArray().ToArray();

    private static Guid Id(JsonElement item) => item.GetProperty("id").GetGuid();
}
