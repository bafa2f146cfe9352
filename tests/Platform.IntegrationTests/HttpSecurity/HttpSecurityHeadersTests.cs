using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Persistence;
using Platform.Host.Composition;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;

namespace Platform.IntegrationTests.HttpSecurity;

/// <summary>The security headers on every answer, the API's and the explorer's policies, no Server header.</summary>
public sealed class HttpSecurityHeadersTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private const string RegionPath = "/api/platform/regions/510700";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Header(HttpResponseMessage response, string name)
    {
        Assert.True(response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values),
            $"{(int)response.StatusCode} answer to {response.RequestMessage?.RequestUri} has no {name} header.");
        return string.Join(", ", values);
    }

    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.Contains("geolocation=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"), "The Server header is removed.");
    }

    private static void AssertApiPolicy(HttpResponseMessage response)
    {
        var policy = Header(response, "Content-Security-Policy");
        Assert.Equal(HttpSecurityHeadersMiddleware.ApiContentSecurityPolicy, policy);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_API_answer_carries_the_security_headers_the_JSON_policy_and_no_store()
    {
        var factory = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(RegionPath, Token);

        await HttpAssert.ReadOkJsonAsync(response);
        AssertCommonHeaders(response);
        AssertApiPolicy(response);
        Assert.True(response.Headers.CacheControl?.NoStore, "API answers are not stored by any cache.");
    }

    [Fact]
    public async Task A_404_problem_under_api_carries_the_security_headers_and_no_store()
    {
        var factory = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/platform/no-such-route", Token);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound, ProblemCodes.RouteNotFound);
        AssertCommonHeaders(response);
        AssertApiPolicy(response);
        Assert.True(response.Headers.CacheControl?.NoStore, "API answers are not stored by any cache.");
    }

    [Fact]
    public async Task A_404_problem_outside_api_carries_the_security_headers()
    {
        var factory = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/no-such-page", Token);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound, ProblemCodes.RouteNotFound);
        AssertCommonHeaders(response);
        AssertApiPolicy(response);
    }

    [Fact]
    public async Task Health_answers_carry_the_security_headers()
    {
        var factory = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var client = factory.Server.CreateClient();

        using var response = await client.GetAsync("/health/live", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response);
        AssertApiPolicy(response);
    }

    [Fact]
    public async Task The_Scalar_page_gets_a_page_policy_allowing_its_own_scripts_styles_and_fetches_to_self_only()
    {
        var factory = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var client = factory.CreateClient();

        using var page = await client.GetAsync("/scalar/", Token);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        AssertCommonHeaders(page);
        var policy = Header(page, "Content-Security-Policy");
        Assert.NotEqual(HttpSecurityHeadersMiddleware.ApiContentSecurityPolicy, policy);
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ').Skip(1).ToArray(), StringComparer.Ordinal);
        Assert.Equal(["'none'"], directives["default-src"]);
        Assert.Equal(["'self'", "'unsafe-inline'"], directives["script-src"]);
        Assert.Equal(["'self'", "'unsafe-inline'"], directives["style-src"]);
        Assert.Equal(["'self'"], directives["connect-src"]);
        Assert.Contains("data:", directives["font-src"]);
        Assert.Contains("data:", directives["img-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.DoesNotContain(directives.Values.SelectMany(v => v), source => source.Contains("://", StringComparison.Ordinal) || source == "*" || source == "'unsafe-eval'");

        // The page's own scripts, as the browser would load them under this policy: same origin, a
        // script media type (nosniff refuses anything else), no redirect elsewhere.
        var html = await page.Content.ReadAsStringAsync(Token);
        Assert.Contains("<script src=\"scalar.js\"></script>", html, StringComparison.Ordinal);
        foreach (var asset in new[] { "/scalar/scalar.js", "/scalar/scalar.aspnetcore.js" })
        {
            using var script = await client.GetAsync(asset, Token);
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
            Assert.Equal(policy, Header(script, "Content-Security-Policy"));
            Assert.Equal("nosniff", Header(script, "X-Content-Type-Options"));
        }
    }

    [Fact]
    public async Task The_served_OpenAPI_document_keeps_the_JSON_policy()
    {
        var factory = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/openapi/v1.json", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response);
        AssertApiPolicy(response);
    }

    [Fact]
    public async Task Kestrel_is_configured_without_the_Server_header()
    {
        var factory = await hosts.GetAsync(DatabaseProvider.Sqlite);

        var kestrel = factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.False(kestrel.AddServerHeader);
    }
}
