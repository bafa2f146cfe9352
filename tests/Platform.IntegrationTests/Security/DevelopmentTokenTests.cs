using System.Net;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Security;

/// <summary>One Development host with <c>Auth:DevelopmentTokens:Enabled=true</c>.</summary>
public sealed class DevelopmentTokenHost : IAsyncLifetime
{
    private PlatformFactory? factory;

    public PlatformFactory Factory => factory ?? throw new InvalidOperationException("The host has not started.");

    public async ValueTask InitializeAsync() =>
        factory = await SecurityHost.StartAsync(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["Auth:DevelopmentTokens:Enabled"] = "true" }, environment: "Development", withProbe: false);

    public async ValueTask DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }
}

/// <summary><c>POST /api/dev/tokens</c>: issued only in Development with the switch on, for a valid role and region, with exactly that role's rights.</summary>
public sealed class DevelopmentTokenTests(DevelopmentTokenHost development, SecurityProbeHosts testing)
    : IClassFixture<DevelopmentTokenHost>, IClassFixture<SecurityProbeHosts>
{
    private const string TokenPath = "/api/dev/tokens";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> IssueAsync(string body)
    {
        using var anonymous = development.Factory.Server.CreateClient();
        return await SecurityHost.PostAsync(anonymous, TokenPath, body);
    }

    [Fact]
    public async Task Issued_operator_token_reads_its_region_and_is_refused_the_outbox()
    {
        using var issued = await IssueAsync("""{"role":"operator","region":"510700"}""");
        var body = await HttpAssert.ReadOkJsonAsync(issued);
        var token = body.GetProperty("accessToken").GetString()!;
        Assert.True(body.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);

        using var client = SecurityHost.WithToken(development.Factory, token);
        using var region = await client.GetAsync("/api/platform/regions/510700", Token);
        using var outbox = await client.GetAsync("/api/platform/outbox/dead-letters", Token);

        var mianyang = await HttpAssert.ReadOkJsonAsync(region);
        Assert.Equal("510700", mianyang.GetProperty("code").GetString());
        var problem = await HttpAssert.ProblemAsync(outbox, HttpStatusCode.Forbidden, "auth.permission_missing");
        Assert.Contains("platform.outbox.read", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issued_administrator_token_lists_dead_letters()
    {
        using var issued = await IssueAsync("""{"role":"administrator","region":"*"}""");
        var token = (await HttpAssert.ReadOkJsonAsync(issued)).GetProperty("accessToken").GetString()!;

        using var client = SecurityHost.WithToken(development.Factory, token);
        using var outbox = await client.GetAsync("/api/platform/outbox/dead-letters", Token);

        await HttpAssert.ReadOkJsonAsync(outbox);
    }

    [Theory]
    [InlineData("""{"role":"chief","region":"510700"}""", new[] { "role" })]
    [InlineData("""{"role":"operator","region":"999999"}""", new[] { "region" })]
    [InlineData("""{"role":"superuser","region":"everywhere"}""", new[] { "region", "role" })]
    [InlineData("""{}""", new[] { "region", "role" })]
    public async Task Unknown_role_or_region_is_a_400_validation_problem_naming_the_field(string body, string[] fields)
    {
        using var response = await IssueAsync(body);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal(fields, HttpAssert.ErrorFields(problem));
    }

    [Fact]
    public async Task Token_endpoint_is_absent_in_the_Testing_environment()
    {
        var factory = await testing.GetAsync(DatabaseProvider.Sqlite);
        using var anonymous = factory.Server.CreateClient();
        using var administrator = factory.CreateClient();

        using var withoutToken = await SecurityHost.PostAsync(anonymous, TokenPath, """{"role":"administrator","region":"*"}""");
        using var withToken = await SecurityHost.PostAsync(administrator, TokenPath, """{"role":"administrator","region":"*"}""");

        await HttpAssert.ProblemAsync(withoutToken, HttpStatusCode.Unauthorized, ProblemCodes.Unauthenticated);
        await HttpAssert.ProblemAsync(withToken, HttpStatusCode.NotFound, ProblemCodes.RouteNotFound);
    }

    [Fact]
    public async Task Token_endpoint_is_absent_in_Development_without_the_switch()
    {
        await using var factory = await SecurityHost.StartAsync(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["Auth:DevelopmentTokens:Enabled"] = "false" }, environment: "Development", withProbe: false);
        using var administrator = factory.CreateClient();

        using var response = await SecurityHost.PostAsync(administrator, TokenPath, """{"role":"administrator","region":"*"}""");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound, ProblemCodes.RouteNotFound);
    }
}
