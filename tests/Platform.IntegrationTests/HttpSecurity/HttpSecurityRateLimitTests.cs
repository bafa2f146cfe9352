using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Persistence;
using Platform.Host.Composition;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.HttpSecurity;

/// <summary>
/// The limit per client address on every route but health, the limit per authenticated caller on the
/// module routes, and their 429 answer: a problem with a stable code and a Retry-After in seconds.
/// </summary>
public sealed class HttpSecurityRateLimitTests
{
    private const string RegionPath = "/api/platform/regions/510700";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<PlatformFactory> StartAsync(int perIp, int perCaller, bool enabled = true) =>
        PlatformFactory.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["HttpSecurity:RateLimit:Enabled"] = enabled ? "true" : "false",
            ["HttpSecurity:RateLimit:PerIpPermitsPerMinute"] = perIp.ToString(CultureInfo.InvariantCulture),
            ["HttpSecurity:RateLimit:PerCallerPermitsPerMinute"] = perCaller.ToString(CultureInfo.InvariantCulture),
        });

    private static async Task<HttpStatusCode[]> GetManyAsync(HttpClient client, string path, int count)
    {
        var statuses = new HttpStatusCode[count];
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync(path, Token);
            statuses[i] = response.StatusCode;
        }

        return statuses;
    }

    private static async Task AssertRateLimitedAsync(HttpResponseMessage response, int maxRetryAfterSeconds)
    {
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.TooManyRequests, ProblemCodes.TooManyRequests);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        var retryAfter = response.Headers.RetryAfter;
        Assert.NotNull(retryAfter);
        Assert.Null(retryAfter.Date);
        Assert.NotNull(retryAfter.Delta);
        Assert.InRange(retryAfter.Delta.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(maxRetryAfterSeconds));
        Assert.Equal(retryAfter.Delta.Value.TotalSeconds.ToString(CultureInfo.InvariantCulture), response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoStore, "The refusal is not cached either.");
    }

    [Fact]
    public async Task The_request_over_the_per_address_limit_is_a_429_problem_with_Retry_After_while_health_still_answers()
    {
        await using var factory = await StartAsync(perIp: 5, perCaller: 1000);
        using var client = factory.CreateClient();

        var allowed = await GetManyAsync(client, RegionPath, 5);
        using var refused = await client.GetAsync(RegionPath, Token);

        Assert.All(allowed, status => Assert.Equal(HttpStatusCode.OK, status));

        // 5 a minute refills one permit every 12 seconds: that is the wait announced.
        await AssertRateLimitedAsync(refused, maxRetryAfterSeconds: 12);

        using var anonymous = factory.Server.CreateClient();
        var health = await GetManyAsync(anonymous, "/health/live", 10);
        Assert.All(health, status => Assert.Equal(HttpStatusCode.OK, status));
        using var ready = await anonymous.GetAsync("/health/ready", Token);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        // Any route, not only the modules': the limit is per address.
        using var document = await client.GetAsync("/openapi/v1.json", Token);
        Assert.Equal(HttpStatusCode.TooManyRequests, document.StatusCode);
    }

    [Fact]
    public async Task The_request_over_the_per_caller_limit_on_a_module_route_is_a_429_problem()
    {
        await using var factory = await StartAsync(perIp: 1000, perCaller: 3);
        using var client = factory.CreateClient();

        var allowed = await GetManyAsync(client, RegionPath, 3);
        using var refused = await client.GetAsync("/api/platform/regions?parent=510000", Token);

        Assert.All(allowed, status => Assert.Equal(HttpStatusCode.OK, status));
        await AssertRateLimitedAsync(refused, maxRetryAfterSeconds: 20);

        // The per-caller policy is on the module routes only.
        using var anonymous = factory.Server.CreateClient();
        using var health = await anonymous.GetAsync("/health/live", Token);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Requests_without_a_token_count_against_the_address_limit_before_authorization_refuses_them()
    {
        await using var factory = await StartAsync(perIp: 2, perCaller: 1000);
        using var anonymous = factory.Server.CreateClient();

        var first = await GetManyAsync(anonymous, RegionPath, 2);
        using var refused = await anonymous.GetAsync(RegionPath, Token);

        Assert.All(first, status => Assert.NotEqual(HttpStatusCode.TooManyRequests, status));
        await AssertRateLimitedAsync(refused, maxRetryAfterSeconds: 30);
    }

    [Fact]
    public async Task Unvalidated_tokens_with_made_up_subjects_share_the_address_partition_of_the_per_caller_limit()
    {
        await using var factory = await StartAsync(perIp: 1000, perCaller: 2);
        var statuses = new List<HttpStatusCode>();
        foreach (var subject in new[] { "mallory-1", "mallory-2", "mallory-3" })
        {
            // A well-formed but unsigned JWT: no authentication accepts it, so its sub is never a partition.
            using var client = factory.Server.CreateClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", UnsignedToken(subject));
            using var response = await client.GetAsync(RegionPath, Token);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses[..2], status => Assert.NotEqual(HttpStatusCode.TooManyRequests, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
    }

    private static string UnsignedToken(string subject)
    {
        static string Encode(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return Encode("""{"alg":"none","typ":"JWT"}""") + "." + Encode($$"""{"sub":"{{subject}}","role":"administrator","region":"*","exp":{{expires}}}""") + ".";
    }

    [Fact]
    public async Task Disabled_limits_let_every_request_through()
    {
        await using var factory = await StartAsync(perIp: 1, perCaller: 1, enabled: false);
        using var client = factory.CreateClient();

        var statuses = await GetManyAsync(client, RegionPath, 4);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public void The_caller_key_is_the_authenticated_subject()
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "user-42")], authenticationType: "Bearer"));

        Assert.Equal("sub:user-42", HttpSecurityRateLimiting.CallerKey(context));
    }

    [Fact]
    public void The_caller_key_reads_sub_mapped_to_the_name_identifier()
    {
        var context = new DefaultHttpContext();
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "user-43")], authenticationType: "Bearer"));

        Assert.Equal("sub:user-43", HttpSecurityRateLimiting.CallerKey(context));
    }

    [Fact]
    public void An_unauthenticated_identity_is_keyed_by_address_whatever_claims_it_carries()
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "forged")]));

        Assert.Equal("ip:203.0.113.7", HttpSecurityRateLimiting.CallerKey(context));
    }

    [Theory]
    [InlineData("203.0.113.7", "ip:203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "ip:203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "ip:2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "ip:2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "ip:2001:db8:1:3::/64")]
    [InlineData(null, "ip:unknown")]
    public void The_address_key_groups_an_IPv6_client_by_its_64_prefix(string? address, string expected) =>
        Assert.Equal(expected, HttpSecurityRateLimiting.ClientAddressKey(address is null ? null : IPAddress.Parse(address)));

    [Theory]
    [InlineData("/health/live", true)]
    [InlineData("/health/ready", true)]
    [InlineData("/healthy", false)]
    [InlineData("/api/platform/health", false)]
    public void Only_health_routes_are_exempt(string path, bool exempt) =>
        Assert.Equal(exempt, HttpSecurityRateLimiting.IsExempt(path));

    [Theory]
    [InlineData(600, 1)]
    [InlineData(300, 1)]
    [InlineData(5, 12)]
    [InlineData(1, 60)]
    [InlineData(7, 9)]
    public void Retry_After_is_the_refill_interval_rounded_up_to_whole_seconds(int permitsPerMinute, int expectedSeconds)
    {
        using var limiter = new TokenBucketRateLimiter(HttpSecurityRateLimiting.Bucket(permitsPerMinute));
        for (var i = 0; i < permitsPerMinute; i++)
        {
            using var lease = limiter.AttemptAcquire();
            Assert.True(lease.IsAcquired);
        }

        using var refused = limiter.AttemptAcquire();

        Assert.False(refused.IsAcquired);
        Assert.Equal(expectedSeconds, HttpSecurityRateLimiting.RetryAfterSeconds(refused));
    }
}
