using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Security;

/// <summary>Starts hosts for the security tests and builds their requests.</summary>
public static class SecurityHost
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Starts the real host, with the security probe module when <paramref name="withProbe"/>.</summary>
    public static async Task<PlatformFactory> StartAsync(
        DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null, string environment = "Testing", bool withProbe = true,
        Action<IServiceCollection>? configureServices = null)
    {
        return await PlatformFactory.StartAsync(provider, settings, environment, services =>
        {
            if (withProbe)
            {
                SecurityProbeModule.AddToHost(services);
            }

            configureServices?.Invoke(services);
        });
    }

    /// <summary>A subject no other test uses, so audit queries by subject see only this test's entries.</summary>
    public static string UniqueSubject(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>A client calling with a token for <paramref name="role"/> in <paramref name="region"/> as <paramref name="subject"/>.</summary>
    public static HttpClient ClientFor(PlatformFactory factory, string role, string region, string subject)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return WithToken(factory, TestTokens.For(role, region, subject));
    }

    /// <summary>A client sending exactly <paramref name="token"/> as its bearer token.</summary>
    public static HttpClient WithToken(PlatformFactory factory, string token)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var client = factory.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>POSTs <paramref name="body"/> (or nothing) with an optional Idempotency-Key.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string? body = null, string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = Json(body);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request, Token);
    }

    /// <summary>The audit entries matching <paramref name="query"/>, read as an auditor of both provinces.</summary>
    public static async Task<JsonElement> AuditPageAsync(PlatformFactory factory, string query)
    {
        using var auditor = ClientFor(factory, "auditor", "*", "test-auditor");
        using var response = await auditor.GetAsync($"/api/platform/audit?{query}", Token);
        return await HttpAssert.ReadOkJsonAsync(response);
    }

    /// <summary>The items of <see cref="AuditPageAsync"/>.</summary>
    public static async Task<JsonElement[]> AuditEntriesAsync(PlatformFactory factory, string query) =>
        (await AuditPageAsync(factory, query)).GetProperty("items").EnumerateArray().ToArray();

    /// <summary>The audit chain verification, read as an auditor.</summary>
    public static async Task<JsonElement> VerifyAuditAsync(PlatformFactory factory)
    {
        using var auditor = ClientFor(factory, "auditor", "*", "test-auditor");
        using var response = await auditor.GetAsync("/api/platform/audit/verification", Token);
        return await HttpAssert.ReadOkJsonAsync(response);
    }
}

/// <summary>
/// One host with the security probe per database provider, started on first use and shared by a test
/// class. A provider without a server skips every test that asks for it.
/// </summary>
public sealed class SecurityProbeHosts : ProviderHostCache
{
    protected override Task<PlatformFactory> StartAsync(DatabaseProvider provider) => SecurityHost.StartAsync(provider);
}
