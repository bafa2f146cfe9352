using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Platform.BuildingBlocks.Persistence;
using Platform.Host.Composition;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Platform;

namespace Platform.IntegrationTests.HttpSecurity;

/// <summary>
/// HSTS and the HTTP-to-HTTPS redirect: on by default outside Development and Testing, switched by
/// <c>HttpSecurity:Https:Enforce</c>. The test server takes the scheme and host from the request URI,
/// so https requests can be sent to it. HSTS skips localhost, 127.0.0.1 and [::1] on purpose (a
/// developer's browser would remember it for every local app), so it is checked on another host.
/// </summary>
public sealed class HttpSecurityHttpsTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private const string PublicHost = "platform.example.gov.cn";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<PlatformFactory> StartEnforcingAsync() =>
        PlatformFactory.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["HttpSecurity:Https:Enforce"] = "true",
            ["HttpSecurity:Https:Port"] = "443",
            ["HttpSecurity:Https:HstsMaxAgeDays"] = "180",
            ["HttpSecurity:Https:HstsIncludeSubDomains"] = "true",
        });

    private static async Task<HttpResponseMessage> SendAsync(PlatformFactory factory, HttpMethod method, string url)
    {
        using var client = factory.Server.CreateClient();
        using var request = new HttpRequestMessage(method, url);
        return await client.SendAsync(request, Token);
    }

    [Theory]
    [InlineData("GET", "http://localhost/api/platform/regions/510700?x=1", "https://localhost/api/platform/regions/510700?x=1")]
    [InlineData("POST", "http://" + PublicHost + "/api/platform/regions", "https://" + PublicHost + "/api/platform/regions")]
    [InlineData("GET", "http://" + PublicHost + "/health/live", "https://" + PublicHost + "/health/live")]
    public async Task When_enforced_an_http_request_is_permanently_redirected_to_https_keeping_its_method(string method, string url, string location)
    {
        await using var factory = await StartEnforcingAsync();

        using var response = await SendAsync(factory, new HttpMethod(method), url);

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal(new Uri(location), response.Headers.Location);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS is only sent over https.");
    }

    [Fact]
    public async Task When_enforced_an_https_answer_carries_HSTS_with_the_configured_max_age()
    {
        await using var factory = await StartEnforcingAsync();

        using var response = await SendAsync(factory, HttpMethod.Get, $"https://{PublicHost}/health/live");
        using var local = await SendAsync(factory, HttpMethod.Get, "https://localhost/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=15552000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.False(local.Headers.Contains("Strict-Transport-Security"), "HSTS is never sent to localhost.");
    }

    [Fact]
    public async Task In_the_Testing_environment_https_is_not_enforced_by_default()
    {
        var factory = await hosts.GetAsync(DatabaseProvider.Sqlite);

        using var http = await SendAsync(factory, HttpMethod.Get, $"http://{PublicHost}/health/live");
        using var https = await SendAsync(factory, HttpMethod.Get, $"https://{PublicHost}/health/live");

        Assert.Equal(HttpStatusCode.OK, http.StatusCode);
        Assert.Equal(HttpStatusCode.OK, https.StatusCode);
        Assert.False(https.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("Production", null, true)]
    [InlineData("Staging", null, true)]
    [InlineData("Development", null, false)]
    [InlineData("Testing", null, false)]
    [InlineData("Testing", true, true)]
    [InlineData("Development", true, true)]
    [InlineData("Production", false, false)]
    public void Https_is_enforced_outside_Development_and_Testing_unless_configured(string environment, bool? enforce, bool expected)
    {
        var options = new HttpSecurityOptions { Https = { Enforce = enforce } };
        IHostEnvironment host = new HostingEnvironment { EnvironmentName = environment };

        Assert.Equal(expected, options.EnforcesHttps(host));
    }
}
