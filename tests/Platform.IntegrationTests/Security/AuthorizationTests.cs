using System.Net;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// What an authenticated caller may do: permissions come from roles, the region claim must be a known
/// division or <c>*</c>; each refusal is a 403 problem naming why.
/// </summary>
public sealed class AuthorizationTests(SecurityProbeHosts hosts) : IClassFixture<SecurityProbeHosts>
{
    private const string PermissionMissing = "auth.permission_missing";
    private const string RegionInvalid = "auth.region_invalid";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> GetAsync(string token, string path)
    {
        using var client = SecurityHost.WithToken(await hosts.GetAsync(DatabaseProvider.Sqlite), token);
        return await client.GetAsync(path, Token);
    }

    [Fact]
    public async Task Operator_listing_dead_letters_is_403_permission_missing_naming_platform_outbox_read()
    {
        using var response = await GetAsync(TestTokens.For("operator", "510700"), "/api/platform/outbox/dead-letters");

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden, PermissionMissing);
        Assert.Contains("platform.outbox.read", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_replaying_a_dead_letter_is_403_permission_missing_naming_platform_outbox_replay()
    {
        using var client = SecurityHost.WithToken(await hosts.GetAsync(DatabaseProvider.Sqlite), TestTokens.For("operator", "510700"));

        using var response = await SecurityHost.PostAsync(client, $"/api/platform/outbox/dead-letters/{Guid.NewGuid()}/replay");

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden, PermissionMissing);
        Assert.Contains("platform.outbox.replay", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrator_lists_dead_letters()
    {
        using var response = await GetAsync(TestTokens.Administrator, "/api/platform/outbox/dead-letters");

        await HttpAssert.ReadOkJsonAsync(response);
    }

    [Fact]
    public async Task Training_institution_listing_modules_is_403_permission_missing()
    {
        using var response = await GetAsync(TestTokens.For("training_institution", "510700"), "/api/platform/modules");

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden, PermissionMissing);
        Assert.Contains("platform.modules.read", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("operator")]
    [InlineData("reviewer")]
    [InlineData("auditor")]
    [InlineData("integrator")]
    public async Task Roles_holding_platform_modules_read_list_modules(string role)
    {
        using var response = await GetAsync(TestTokens.For(role, "510000"), "/api/platform/modules");

        await HttpAssert.ReadOkJsonAsync(response);
    }

    [Theory]
    [InlineData("/api/platform/audit")]
    [InlineData("/api/platform/audit/verification")]
    public async Task Auditor_reads_the_audit_trail(string path)
    {
        using var response = await GetAsync(TestTokens.For("auditor", "*"), path);

        await HttpAssert.ReadOkJsonAsync(response);
    }

    [Theory]
    [InlineData("operator", "/api/platform/audit")]
    [InlineData("operator", "/api/platform/audit/verification")]
    [InlineData("reviewer", "/api/platform/audit")]
    [InlineData("integrator", "/api/platform/audit")]
    public async Task Role_without_audit_read_is_403_on_the_audit_trail(string role, string path)
    {
        using var response = await GetAsync(TestTokens.For(role, "*"), path);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden, PermissionMissing);
        Assert.Contains("audit.read", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("510799")]
    [InlineData("51070")]
    [InlineData("all")]
    [InlineData("**")]
    public async Task Validly_signed_token_with_an_unknown_region_is_403_region_invalid(string region)
    {
        using var response = await GetAsync(TestTokens.For("administrator", region), "/api/platform/regions/510700");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden, RegionInvalid);
    }

    [Fact]
    public async Task Validly_signed_token_without_a_region_claim_is_403_region_invalid()
    {
        using var response = await GetAsync(TestTokens.For("administrator", ""), "/api/platform/regions/510700");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden, RegionInvalid);
    }

    [Fact]
    public async Task Unknown_region_is_refused_on_a_probe_command_as_well()
    {
        using var client = SecurityHost.WithToken(await hosts.GetAsync(DatabaseProvider.Sqlite), TestTokens.For("operator", "999999"));
        var id = Guid.NewGuid().ToString("N");

        using var response = await SecurityHost.PostAsync(client, $"/api/security-probe/count/{id}");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden, RegionInvalid);
        Assert.Equal(0, SecurityProbeModule.Runs(id));
    }

    [Theory]
    [InlineData("chief")]
    [InlineData("Administrator")]
    [InlineData("")]
    public async Task Token_with_only_an_unknown_role_is_403(string role)
    {
        using var response = await GetAsync(TestTokens.For(role, "510700"), "/api/platform/regions/510700");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden, PermissionMissing);
    }

    [Fact]
    public async Task Every_role_reads_regions()
    {
        foreach (var role in Roles.All)
        {
            using var response = await GetAsync(TestTokens.For(role, "500000"), "/api/platform/regions/510700");

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} got {(int)response.StatusCode}.");
        }
    }
}
