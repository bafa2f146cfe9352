using System.Net;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Platform;

namespace Platform.IntegrationTests.HttpSecurity;

/// <summary>CORS: closed by default, opened to the configured exact origins only.</summary>
public sealed class HttpSecurityCorsTests(ProviderHosts hosts, HttpSecurityCorsTests.OpenHost open)
    : IClassFixture<ProviderHosts>, IClassFixture<HttpSecurityCorsTests.OpenHost>
{
    private const string RegionPath = "/api/platform/regions/510700";
    private const string Listed = "https://portal.example.gov.cn";
    private const string AlsoListed = "http://localhost:5173";
    private const string Unlisted = "https://evil.example.com";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A preflight as a browser sends it before a cross-origin GET with a bearer token: no credentials.</summary>
    private static async Task<HttpResponseMessage> PreflightAsync(PlatformFactory factory, string origin, string method = "GET")
    {
        using var client = factory.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, RegionPath);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");
        return await client.SendAsync(request, Token);
    }

    private static async Task<HttpResponseMessage> CrossOriginGetAsync(PlatformFactory factory, string origin)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, RegionPath);
        request.Headers.Add("Origin", origin);
        return await client.SendAsync(request, Token);
    }

    private static string[] Values(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
            ? values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray()
            : [];

    private static void AssertNoCorsGrant(HttpResponseMessage response)
    {
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), $"Granted: {response.Headers}");
        Assert.False(response.Headers.Contains("Access-Control-Allow-Methods"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Headers"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task By_default_a_preflight_from_any_origin_is_not_granted()
    {
        var factory = await hosts.GetAsync(DatabaseProvider.Sqlite);

        using var unlisted = await PreflightAsync(factory, Unlisted);
        using var wouldBeListed = await PreflightAsync(factory, Listed);

        Assert.True(unlisted.IsSuccessStatusCode, $"Preflight answered {(int)unlisted.StatusCode}");
        AssertNoCorsGrant(unlisted);
        AssertNoCorsGrant(wouldBeListed);
    }

    [Fact]
    public async Task By_default_a_cross_origin_request_is_answered_without_any_grant()
    {
        var factory = await hosts.GetAsync(DatabaseProvider.Sqlite);

        using var response = await CrossOriginGetAsync(factory, Listed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertNoCorsGrant(response);
    }

    [Fact]
    public async Task A_listed_origin_gets_its_preflight_granted_with_the_allowed_methods_and_headers()
    {
        // Configured as "https://Portal.Example.gov.cn:443/": compared as the browser writes it.
        using var response = await PreflightAsync(open.Factory, Listed, "PATCH");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal([Listed], Values(response, "Access-Control-Allow-Origin"));
        Assert.Equal(["DELETE", "GET", "PATCH", "POST", "PUT"], Values(response, "Access-Control-Allow-Methods").Order(StringComparer.Ordinal));
        var headers = Values(response, "Access-Control-Allow-Headers").Select(h => h.ToUpperInvariant()).ToArray();
        Assert.Equal(["ACCEPT-LANGUAGE", "AUTHORIZATION", "CONTENT-TYPE", "IDEMPOTENCY-KEY", "IF-MATCH"], headers.Order(StringComparer.Ordinal));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"), "The API takes bearer tokens, never cookies.");
        Assert.Equal(["600"], Values(response, "Access-Control-Max-Age"));
    }

    [Fact]
    public async Task A_second_listed_origin_with_its_port_is_granted_too()
    {
        using var response = await PreflightAsync(open.Factory, AlsoListed);

        Assert.Equal([AlsoListed], Values(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_listed_origin_gets_the_grant_and_the_exposed_headers_on_the_request_itself()
    {
        using var response = await CrossOriginGetAsync(open.Factory, Listed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([Listed], Values(response, "Access-Control-Allow-Origin"));
        Assert.Equal(["ETag", "Idempotency-Replayed", "Location", "Retry-After"], Values(response, "Access-Control-Expose-Headers").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(Unlisted)]
    [InlineData("https://portal.example.gov.cn.evil.example.com")]
    [InlineData("http://portal.example.gov.cn")]
    [InlineData("https://portal.example.gov.cn:8443")]
    [InlineData("null")]
    public async Task An_unlisted_origin_is_not_granted_even_when_others_are(string origin)
    {
        using var preflight = await PreflightAsync(open.Factory, origin);
        using var request = await CrossOriginGetAsync(open.Factory, origin);

        AssertNoCorsGrant(preflight);
        AssertNoCorsGrant(request);
        Assert.False(request.Headers.Contains("Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task A_method_outside_the_list_is_not_granted_to_a_listed_origin()
    {
        using var response = await PreflightAsync(open.Factory, Listed, "TRACE");

        // The answer lists what is allowed; the browser compares and refuses the TRACE itself.
        Assert.DoesNotContain("TRACE", Values(response, "Access-Control-Allow-Methods"));
        Assert.Equal(5, Values(response, "Access-Control-Allow-Methods").Length);
    }

    /// <summary>A host with two allowed origins, one written with its default port and a trailing slash.</summary>
    public sealed class OpenHost : IAsyncLifetime
    {
        private PlatformFactory? factory;

        public PlatformFactory Factory => factory ?? throw new InvalidOperationException("The host has not started.");

        public async ValueTask InitializeAsync() =>
            factory = await PlatformFactory.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
            {
                ["HttpSecurity:Cors:AllowedOrigins:0"] = "https://Portal.Example.gov.cn:443/",
                ["HttpSecurity:Cors:AllowedOrigins:1"] = AlsoListed,
            });

        public async ValueTask DisposeAsync()
        {
            if (factory is not null)
            {
                await factory.DisposeAsync();
            }
        }
    }
}
