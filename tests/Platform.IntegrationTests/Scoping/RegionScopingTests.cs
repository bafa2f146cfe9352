using System.Net;
using System.Net.Http.Json;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
using Platform.IntegrationTests.Http;

namespace Platform.IntegrationTests.Scoping;

/// <summary>
/// Region scoping as every module gets it from <see cref="ModuleDbContext"/>, through the probe
/// module's HTTP API: reads see only the caller's region, writes outside it are refused with 403
/// and leave nothing behind. Cases are seeded by an administrator of both provinces.
/// </summary>
public sealed class RegionScopingTests(ScopeProbeHosts hosts) : IClassFixture<ScopeProbeHosts>
{
    private const string Fucheng = "510703";   // a county of Mianyang (510700), Sichuan
    private const string Chengdu = "510100";   // a prefecture of Sichuan
    private const string Wanzhou = "500101";   // a county of Chongqing (500000)
    private const string Youxian = "510704";   // another county of Mianyang

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Each_caller_lists_only_the_cases_within_its_region(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        using var admin = factory.CreateClient();
        var mianyangCase = await ScopeProbeApi.CreateAsync(admin, Fucheng, "Mianyang county case");
        var chengduCase = await ScopeProbeApi.CreateAsync(admin, Chengdu, "Chengdu case");
        var wanzhouCase = await ScopeProbeApi.CreateAsync(admin, Wanzhou, "Wanzhou case");
        Guid[] seeded = [mianyangCase, chengduCase, wanzhouCase];

        async Task AssertSeesAsync(HttpClient client, string scopePrefix, params Guid[] expected)
        {
            var listed = await ScopeProbeApi.ListAsync(client);
            Assert.All(listed, c => Assert.StartsWith(scopePrefix, c.RegionCode, StringComparison.Ordinal));
            Assert.Equal(expected.Order(), listed.Select(c => c.Id).Intersect(seeded).Order());
        }

        using (var mianyang = factory.CreateClientAs(Roles.Operator, "510700"))
        {
            await AssertSeesAsync(mianyang, "5107", mianyangCase);
        }

        using (var mianyangReviewer = factory.CreateClientAs(Roles.Reviewer, "510700"))
        {
            await AssertSeesAsync(mianyangReviewer, "5107", mianyangCase);
        }

        using (var sichuan = factory.CreateClientAs(Roles.Operator, "510000"))
        {
            await AssertSeesAsync(sichuan, "51", mianyangCase, chengduCase);
        }

        using (var chongqing = factory.CreateClientAs(Roles.Operator, "500000"))
        {
            await AssertSeesAsync(chongqing, "50", wanzhouCase);
        }

        await AssertSeesAsync(admin, "", seeded);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Getting_a_case_of_another_region_by_id_answers_404_as_if_it_did_not_exist(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        using var admin = factory.CreateClient();
        var wanzhouCase = await ScopeProbeApi.CreateAsync(admin, Wanzhou, "Wanzhou case");
        using var mianyang = factory.CreateClientAs(Roles.Operator, "510700");
        using var chongqing = factory.CreateClientAs(Roles.Operator, "500000");

        using var hidden = await ScopeProbeApi.GetAsync(mianyang, wanzhouCase);
        using var visible = await ScopeProbeApi.GetAsync(chongqing, wanzhouCase);

        await HttpAssert.ProblemAsync(hidden, HttpStatusCode.NotFound, ScopeProbeEndpoints.CaseNotFound);
        Assert.Null(hidden.Headers.ETag);
        var body = await HttpAssert.ReadOkJsonAsync(visible);
        Assert.Equal(Wanzhou, body.GetProperty("regionCode").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Creating_a_case_outside_the_callers_region_is_refused_with_403_and_saves_nothing(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        using var mianyang = factory.CreateClientAs(Roles.Operator, "510700");
        using var admin = factory.CreateClient();
        var title = "Refused " + Guid.NewGuid().ToString("N");

        using var refused = await mianyang.PostAsJsonAsync(ScopeProbeApi.Cases, new { regionCode = Wanzhou, title }, Token);
        var allowed = await ScopeProbeApi.CreateAsync(mianyang, Fucheng, "Allowed " + title);

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.Forbidden, ModuleDbContext.RegionForbiddenCode);
        Assert.Null(refused.Headers.Location);
        using var listing = await admin.GetAsync($"{ScopeProbeApi.Cases}?limit={ScopeProbeEndpoints.MaxLimit}", Token);
        var titles = (await HttpAssert.ReadOkJsonAsync(listing)).GetProperty("items").EnumerateArray()
            .Select(c => c.GetProperty("title").GetString()).ToArray();
        Assert.DoesNotContain(title, titles);
        Assert.Contains("Allowed " + title, titles);
        Assert.Equal(Fucheng, (await ScopeProbeApi.FindStoredAsync(factory, allowed))?.RegionCode);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Moving_a_case_out_of_the_callers_region_is_refused_with_403_and_leaves_it_unchanged(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        using var admin = factory.CreateClient();
        var mianyangCase = await ScopeProbeApi.CreateAsync(admin, Fucheng, "Mianyang case to move");
        using var mianyang = factory.CreateClientAs(Roles.Operator, "510700");

        using var refused = await ScopeProbeApi.MoveAsync(mianyang, mianyangCase, Wanzhou);

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.Forbidden, ModuleDbContext.RegionForbiddenCode);
        using (var unchanged = await ScopeProbeApi.GetAsync(admin, mianyangCase))
        {
            var body = await HttpAssert.ReadOkJsonAsync(unchanged);
            Assert.Equal(Fucheng, body.GetProperty("regionCode").GetString());
            Assert.Equal("\"1\"", ScopeProbeApi.ETagOf(unchanged));
        }

        // Within the caller's region the same move is an ordinary change.
        using var moved = await ScopeProbeApi.MoveAsync(mianyang, mianyangCase, Youxian);
        var movedBody = await HttpAssert.ReadOkJsonAsync(moved);
        Assert.Equal(Youxian, movedBody.GetProperty("regionCode").GetString());
        Assert.Equal("\"2\"", ScopeProbeApi.ETagOf(moved));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Moving_a_case_of_another_region_into_the_callers_region_answers_404(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        using var admin = factory.CreateClient();
        var wanzhouCase = await ScopeProbeApi.CreateAsync(admin, Wanzhou, "Wanzhou case to pull");
        using var mianyang = factory.CreateClientAs(Roles.Operator, "510700");

        using var refused = await ScopeProbeApi.MoveAsync(mianyang, wanzhouCase, Fucheng);

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.NotFound, ScopeProbeEndpoints.CaseNotFound);
        Assert.Equal(Wanzhou, (await ScopeProbeApi.FindStoredAsync(factory, wanzhouCase))?.RegionCode);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Renaming_a_case_of_another_region_without_reading_it_is_refused_and_changes_nothing(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        using var admin = factory.CreateClient();
        var wanzhouCase = await ScopeProbeApi.CreateAsync(admin, Wanzhou, "Wanzhou case to rename");
        using var mianyang = factory.CreateClientAs(Roles.Operator, "510700");

        // Claiming the case is in the caller's region must not reach the stored case in Chongqing.
        using var claimedInScope = await ScopeProbeApi.RenameAsync(mianyang, wanzhouCase, Fucheng, "Hijacked", ifMatch: "\"1\"");
        using var claimedOutOfScope = await ScopeProbeApi.RenameAsync(mianyang, wanzhouCase, Wanzhou, "Hijacked", ifMatch: "\"1\"");

        Assert.True(claimedInScope.StatusCode == HttpStatusCode.PreconditionFailed,
            $"An operator of 510700 renamed a Chongqing case it cannot read by claiming it is in {Fucheng}: {(int)claimedInScope.StatusCode}.");
        await HttpAssert.ProblemAsync(claimedInScope, HttpStatusCode.PreconditionFailed, "resource.precondition_failed");
        await HttpAssert.ProblemAsync(claimedOutOfScope, HttpStatusCode.Forbidden, ModuleDbContext.RegionForbiddenCode);
        var stored = await ScopeProbeApi.FindStoredAsync(factory, wanzhouCase);
        Assert.Equal((Wanzhou, "Wanzhou case to rename", 1), (stored?.RegionCode, stored?.Title, stored?.Version));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Renaming_a_case_of_the_callers_region_without_reading_it_applies_when_version_and_region_match(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        using var mianyang = factory.CreateClientAs(Roles.Operator, "510700");
        var mianyangCase = await ScopeProbeApi.CreateAsync(mianyang, Fucheng, "Mianyang case to rename");

        using var withoutPrecondition = await ScopeProbeApi.RenameAsync(mianyang, mianyangCase, Fucheng, "Renamed");
        using var renamed = await ScopeProbeApi.RenameAsync(mianyang, mianyangCase, Fucheng, "Renamed", ifMatch: "\"1\"");

        await HttpAssert.ProblemAsync(withoutPrecondition, HttpStatusCode.PreconditionRequired, ScopeProbeEndpoints.IfMatchRequired);
        Assert.Equal(HttpStatusCode.NoContent, renamed.StatusCode);
        Assert.Equal("\"2\"", ScopeProbeApi.ETagOf(renamed));
        var stored = await ScopeProbeApi.FindStoredAsync(factory, mianyangCase);
        Assert.Equal((Fucheng, "Renamed", 2), (stored?.RegionCode, stored?.Title, stored?.Version));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Closing_a_case_of_another_region_answers_404_and_leaves_it_open(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        using var admin = factory.CreateClient();
        var wanzhouCase = await ScopeProbeApi.CreateAsync(admin, Wanzhou, "Wanzhou case to close");
        using var mianyang = factory.CreateClientAs(Roles.Operator, "510700");

        using var refused = await ScopeProbeApi.CloseAsync(mianyang, wanzhouCase);

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.NotFound, ScopeProbeEndpoints.CaseNotFound);
        var stored = await ScopeProbeApi.FindStoredAsync(factory, wanzhouCase);
        Assert.Equal(ProbeCase.Open, stored?.Status);
        Assert.Equal(1, stored?.Version);
        Assert.Equal(0, await ScopeProbeApi.ClosedEventsAsync(factory, wanzhouCase));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_unknown_region_code_is_a_validation_problem_not_a_scope_refusal(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        using var mianyang = factory.CreateClientAs(Roles.Operator, "510700");

        using var unknown = await mianyang.PostAsJsonAsync(ScopeProbeApi.Cases, new { regionCode = "519999", title = "Nowhere" }, Token);
        using var malformed = await mianyang.PostAsJsonAsync(ScopeProbeApi.Cases, new { regionCode = "5107", title = "Nowhere" }, Token);

        var problem = await HttpAssert.ProblemAsync(unknown, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Contains("519999", Assert.Single(HttpAssert.FieldErrors(problem, "regionCode")), StringComparison.Ordinal);
        var malformedProblem = await HttpAssert.ProblemAsync(malformed, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal(["regionCode"], HttpAssert.ErrorFields(malformedProblem));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_reviewer_reads_cases_of_its_region_but_may_not_create_or_close_them(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        using var admin = factory.CreateClient();
        var mianyangCase = await ScopeProbeApi.CreateAsync(admin, Fucheng, "Reviewed case");
        using var reviewer = factory.CreateClientAs(Roles.Reviewer, "510700");

        using var read = await ScopeProbeApi.GetAsync(reviewer, mianyangCase);
        using var create = await reviewer.PostAsJsonAsync(ScopeProbeApi.Cases, new { regionCode = Fucheng, title = "Not allowed" }, Token);
        using var close = await ScopeProbeApi.CloseAsync(reviewer, mianyangCase);

        await HttpAssert.ReadOkJsonAsync(read);
        await HttpAssert.ProblemAsync(create, HttpStatusCode.Forbidden, "auth.permission_missing");
        await HttpAssert.ProblemAsync(close, HttpStatusCode.Forbidden, "auth.permission_missing");
        Assert.Equal(ProbeCase.Open, (await ScopeProbeApi.FindStoredAsync(factory, mianyangCase))?.Status);
    }
}
