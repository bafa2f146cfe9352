using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Security;

/// <summary>One host with <c>Auth:Anonymous:Health=false</c>, shared by the tests that need it.</summary>
public sealed class HealthRequiresTokenHost : IAsyncLifetime
{
    private PlatformFactory? factory;

    public PlatformFactory Factory => factory ?? throw new InvalidOperationException("The host has not started.");

    public async ValueTask InitializeAsync() =>
        factory = await SecurityHost.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Auth:Anonymous:Health"] = "false" }, withProbe: false);

    public async ValueTask DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }
}

/// <summary>
/// Who may call at all: every API request needs a bearer token signed with a configured key, for this
/// issuer and audience, not expired; each refusal is a 401 problem saying why, with a Bearer challenge.
/// </summary>
public sealed class AuthenticationTests(SecurityProbeHosts hosts, HealthRequiresTokenHost healthHost)
    : IClassFixture<SecurityProbeHosts>, IClassFixture<HealthRequiresTokenHost>
{
    private const string ProtectedPath = "/api/platform/regions/510700";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private Task<PlatformFactory> HostAsync() => hosts.GetAsync(DatabaseProvider.Sqlite);

    private async Task<HttpResponseMessage> GetWithTokenAsync(string token)
    {
        using var client = SecurityHost.WithToken(await HostAsync(), token);
        return await client.GetAsync(ProtectedPath, Token);
    }

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response, string code)
    {
        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized, code);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    /// <summary>A JWT with <c>alg: none</c> and no signature, carrying claims a valid administrator token would.</summary>
    private static string UnsignedToken()
    {
        static string Encode(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
        var now = DateTimeOffset.UtcNow;
        var header = Encode(new Dictionary<string, object> { ["alg"] = "none", ["typ"] = "JWT" });
        var payload = Encode(new Dictionary<string, object>
        {
            ["sub"] = "forger",
            ["role"] = "administrator",
            ["region"] = "*",
            ["iss"] = TestTokens.Issuer,
            ["aud"] = TestTokens.Audience,
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["iat"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        });
        return $"{header}.{payload}.";
    }

    [Fact]
    public async Task Request_without_a_token_is_401_unauthenticated_with_a_Bearer_challenge()
    {
        using var client = (await HostAsync()).Server.CreateClient();

        using var response = await client.GetAsync(ProtectedPath, Token);

        await AssertUnauthorizedAsync(response, ProblemCodes.Unauthenticated);
    }

    [Fact]
    public async Task Valid_token_is_accepted()
    {
        using var response = await GetWithTokenAsync(TestTokens.For("operator", "510700"));

        await HttpAssert.ReadOkJsonAsync(response);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("not.a.jwt")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl")]
    public async Task Garbage_token_is_401_token_invalid(string token)
    {
        using var response = await GetWithTokenAsync(token);

        await AssertUnauthorizedAsync(response, "auth.token_invalid");
    }

    [Fact]
    public async Task Token_that_expired_ten_minutes_ago_is_401_token_expired()
    {
        using var response = await GetWithTokenAsync(TestTokens.For("administrator", "*", expires: DateTimeOffset.UtcNow.AddMinutes(-10)));

        await AssertUnauthorizedAsync(response, "auth.token_expired");
    }

    [Fact]
    public async Task Token_signed_with_another_key_is_401_token_invalid()
    {
        var forgedKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        using var response = await GetWithTokenAsync(TestTokens.For("administrator", "*", key: forgedKey));

        await AssertUnauthorizedAsync(response, "auth.token_invalid");
    }

    [Fact]
    public async Task Token_from_another_issuer_is_401_token_invalid()
    {
        using var response = await GetWithTokenAsync(TestTokens.For("administrator", "*", issuer: "https://someone-else.example"));

        await AssertUnauthorizedAsync(response, "auth.token_invalid");
    }

    [Fact]
    public async Task Token_for_another_audience_is_401_token_invalid()
    {
        using var response = await GetWithTokenAsync(TestTokens.For("administrator", "*", audience: "another-platform"));

        await AssertUnauthorizedAsync(response, "auth.token_invalid");
    }

    [Fact]
    public async Task Unsigned_token_with_alg_none_is_401_token_invalid()
    {
        using var response = await GetWithTokenAsync(UnsignedToken());

        await AssertUnauthorizedAsync(response, "auth.token_invalid");
    }

    [Fact]
    public async Task Token_with_a_valid_signature_but_a_tampered_payload_is_401_token_invalid()
    {
        var parts = TestTokens.For("integrator", "510700").Split('.');
        var claims = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64Url.DecodeFromChars(parts[1]))!;
        var elevated = claims.ToDictionary(c => c.Key, c => (object)c.Value);
        elevated["role"] = "administrator";
        elevated["region"] = "*";
        var tampered = $"{parts[0]}.{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(elevated))}.{parts[2]}";

        using var response = await GetWithTokenAsync(tampered);

        await AssertUnauthorizedAsync(response, "auth.token_invalid");
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar/")]
    public async Task Infrastructure_endpoint_answers_without_a_token(string path)
    {
        using var client = (await HostAsync()).Server.CreateClient();

        using var response = await client.GetAsync(path, Token);

        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Token)}");
    }

    [Fact]
    public async Task Health_needs_a_token_when_anonymous_health_is_switched_off()
    {
        using var anonymous = healthHost.Factory.Server.CreateClient();
        using var administrator = healthHost.Factory.CreateClient();

        using var refused = await anonymous.GetAsync("/health/live", Token);
        using var allowed = await administrator.GetAsync("/health/live", Token);

        await AssertUnauthorizedAsync(refused, ProblemCodes.Unauthenticated);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Bearer_scheme_in_another_header_does_not_authenticate()
    {
        using var client = (await HostAsync()).Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, ProtectedPath);
        request.Headers.Add("X-Authorization", "Bearer " + TestTokens.Administrator);

        using var response = await client.SendAsync(request, Token);

        await AssertUnauthorizedAsync(response, ProblemCodes.Unauthenticated);
    }

    [Fact]
    public async Task Token_in_the_query_string_does_not_authenticate()
    {
        using var client = (await HostAsync()).Server.CreateClient();

        using var response = await client.GetAsync($"{ProtectedPath}?access_token={Uri.EscapeDataString(TestTokens.Administrator)}", Token);

        await AssertUnauthorizedAsync(response, ProblemCodes.Unauthenticated);
    }

    [Fact]
    public void Unsigned_token_helper_builds_a_three_part_token_with_an_empty_signature()
    {
        var parts = UnsignedToken().Split('.');

        Assert.Equal(3, parts.Length);
        Assert.Equal("", parts[2]);
        Assert.Contains("\"none\"", Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0])), StringComparison.Ordinal);
    }
}
