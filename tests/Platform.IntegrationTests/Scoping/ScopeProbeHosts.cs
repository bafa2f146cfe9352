using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scoping;

/// <summary>
/// One host with the probe module per database provider, started on first use and shared by a test
/// class. A provider without a server skips every test that asks for it.
/// </summary>
public sealed class ScopeProbeHosts : ProviderHostCache
{
    /// <summary>The real host on a throw-away database, with the probe module added to its module list.</summary>
    public static Task<PlatformFactory> StartProbeAsync(DatabaseProvider provider) =>
        PlatformFactory.StartAsync(provider, configureTestServices: ScopeProbeModule.AddToHost);

    protected override Task<PlatformFactory> StartAsync(DatabaseProvider provider) => StartProbeAsync(provider);
}

/// <summary>Calls of the probe module's API and reads of its database, as the tests need them.</summary>
internal static class ScopeProbeApi
{
    public const string Cases = "/api/scope-probe/cases";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Creates a case, failing unless the answer is 201; returns its id.</summary>
    public static async Task<Guid> CreateAsync(HttpClient client, string regionCode, string title)
    {
        using var response = await client.PostAsJsonAsync(Cases, new { regionCode, title }, Token);
        var body = await HttpAssert.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201 but got {(int)response.StatusCode}: {body}");
        return body.GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> GetAsync(HttpClient client, Guid id) => client.GetAsync($"{Cases}/{id}", Token);

    public static async Task<HttpResponseMessage> CloseAsync(HttpClient client, Guid id, string? ifMatch = null, ProbeHold? hold = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Cases}/{id}/close");
        return await SendAsync(client, request, ifMatch, hold);
    }

    public static async Task<HttpResponseMessage> MoveAsync(HttpClient client, Guid id, string regionCode, string? ifMatch = null, ProbeHold? hold = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{Cases}/{id}/region") { Content = JsonContent.Create(new { regionCode }) };
        return await SendAsync(client, request, ifMatch, hold);
    }

    public static async Task<HttpResponseMessage> RenameAsync(HttpClient client, Guid id, string regionCode, string title, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{Cases}/{id}/title") { Content = JsonContent.Create(new { regionCode, title }) };
        return await SendAsync(client, request, ifMatch, hold: null);
    }

    /// <summary>The ids of the cases a caller's list shows (one page of the maximum size).</summary>
    public static async Task<IReadOnlyList<(Guid Id, string RegionCode)>> ListAsync(HttpClient client)
    {
        using var response = await client.GetAsync($"{Cases}?limit={ScopeProbeEndpoints.MaxLimit}", Token);
        var page = await HttpAssert.ReadOkJsonAsync(response);
        return page.GetProperty("items").EnumerateArray()
            .Select(c => (c.GetProperty("id").GetGuid(), c.GetProperty("regionCode").GetString()!))
            .ToArray();
    }

    /// <summary>The response's ETag as sent, quotes included.</summary>
    public static string? ETagOf(HttpResponseMessage response) => response.Headers.ETag?.ToString();

    /// <summary>The case as stored, read as the platform itself (unrestricted), or null.</summary>
    public static async Task<ProbeCase?> FindStoredAsync(PlatformFactory factory, Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScopeProbeDbContext>();
        return await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, Token);
    }

    /// <summary>How many case-closed events the probe's outbox holds for a case.</summary>
    public static async Task<int> ClosedEventsAsync(PlatformFactory factory, Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScopeProbeDbContext>();
        var payloads = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.EventName == ProbeCaseClosed.Name)
            .Select(m => m.Payload)
            .ToListAsync(Token);
        return payloads.Count(p => p.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A hold the next request naming it stops at, between reading its case and saving it.</summary>
    public static ProbeHold Hold(PlatformFactory factory) => factory.Services.GetRequiredService<ProbeHolds>().Create();

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, string? ifMatch, ProbeHold? hold)
    {
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        if (hold is not null)
        {
            request.Headers.Add(ProbeHolds.Header, hold.Key);
        }

        return client.SendAsync(request, Token);
    }
}
