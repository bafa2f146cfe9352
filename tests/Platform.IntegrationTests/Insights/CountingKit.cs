using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Contracts;
using Platform.BuildingBlocks.PersonalData;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.Insights.Features.Integration;
using Platform.Modules.Insights.Persistence;
using Platform.Modules.ReturnHomeEntrepreneurship.Contracts;

namespace Platform.IntegrationTests.Insights;

/// <summary>
/// What the Insights counting, progress and journey tests share: callers, the module's endpoints as plain
/// HTTP calls returning the JSON answered, fresh indicators that count only the events a test gives them
/// (a filter on an industry no module uses), events handed straight to the counting handler, and the
/// counters read from the module's database.
/// </summary>
internal static class CountingKit
{
    public const string Base = "/api/insights";

    public const string ValidationFailed = "request.validation_failed";
    public const string PermissionMissing = "auth.permission_missing";
    public const string PreconditionFailed = "resource.precondition_failed";
    public const string RegionOutsideCaller = "insights.region_outside_caller";

    public const string Sichuan = "510000";
    public const string Leshan = "511100";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A day as the API writes it.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The city of a Sichuan county.</summary>
    public static string CityOf(string county) => string.Concat(county.AsSpan(0, 4), "00");

    /// <summary>A fresh indicator code (lower-case letters, digits and underscores).</summary>
    public static string NewCode(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>Defines indicators (only administrators hold insights.indicators.write).</summary>
    public static HttpClient Administrator(PlatformFactory host, string subject = "insights-admin") => host.CreateClientAs("administrator", "*", subject);

    /// <summary>Sets targets of its region.</summary>
    public static HttpClient Reviewer(PlatformFactory host, string region, string subject = "insights-reviewer") => host.CreateClientAs("reviewer", region, subject);

    /// <summary>Reads progress and journeys (holds pii.read).</summary>
    public static HttpClient Operator(PlatformFactory host, string region, string subject = "insights-operator") => host.CreateClientAs("operator", region, subject);

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, Base + path) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, Token);
    }

    public static async Task<JsonElement> GetOkAsync(HttpClient client, string path)
    {
        using var response = await SendAsync(client, HttpMethod.Get, path);
        return await HttpAssert.ReadOkJsonAsync(response);
    }

    /// <summary>Sends and asserts the problem answered.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpClient client, HttpMethod method, string path, object? body, HttpStatusCode status, string code, string? ifMatch = null)
    {
        using var response = await SendAsync(client, method, path, body, ifMatch);
        return await HttpAssert.ProblemAsync(response, status, code);
    }

    public static object IndicatorBody(string? eventName, string measure = "Count", string filter = "", string nameZh = "测试指标", string nameEn = "Test indicator", string unit = "个") => new
    {
        nameZh,
        nameEn,
        unit,
        eventName,
        measure,
        filter,
        description = "Counted by the Insights integration tests.",
    };

    /// <summary>Defines (or redefines, with <paramref name="ifMatch"/>) an indicator: the answer and its ETag.</summary>
    public static async Task<(JsonElement Defined, string ETag)> DefineAsync(HttpClient admin, string code, object body, string? ifMatch = null)
    {
        using var response = await SendAsync(admin, HttpMethod.Put, $"/indicators/{code}", body, ifMatch);
        var json = await HttpAssert.ReadOkJsonAsync(response);
        return (json, response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("No ETag."));
    }

    /// <summary>An indicator counting each <see cref="BusinessRegistered"/> of the given industries (a test's own).</summary>
    public static async Task<string> BusinessIndicatorAsync(PlatformFactory host, string prefix, string industry, string measure = "Count")
    {
        var code = NewCode(prefix);
        using var admin = Administrator(host);
        await DefineAsync(admin, code, IndicatorBody(BusinessRegistered.Name, measure, $"industry={industry}"));
        return code;
    }

    public static object TargetBody(string indicator, string region, int fromYear, int toYear, decimal value, string kind = "PeriodTotal", decimal? baseline = null, string source = "测试文件") => new
    {
        indicatorCode = indicator,
        regionCode = region,
        fromYear,
        toYear,
        kind,
        value,
        baseline,
        source,
        quote = "目标值仅供测试。",
    };

    /// <summary>Sets a target (201): the answer and its ETag.</summary>
    public static async Task<(JsonElement Target, string ETag)> SetTargetAsync(HttpClient reviewer, object body)
    {
        using var response = await SendAsync(reviewer, HttpMethod.Post, "/targets", body);
        var json = await HttpAssert.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {json}");
        return (json, response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("No ETag."));
    }

    /// <summary>Insights_GetProgress.</summary>
    public static Task<JsonElement> ProgressAsync(HttpClient client, string region, DateOnly on, int? fromYear = null, int? toYear = null) =>
        GetOkAsync(client, $"/progress?regionCode={region}&on={Day(on)}" + (fromYear is null ? "" : $"&fromYear={fromYear}&toYear={toYear}"));

    /// <summary>The progress rows of one indicator.</summary>
    public static JsonElement[] Rows(JsonElement progress, string indicator) =>
        progress.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("indicatorCode").GetString() == indicator).ToArray();

    /// <summary>Insights_CompareRegions.</summary>
    public static Task<JsonElement> CompareAsync(HttpClient client, string region, string indicator, int fromYear, int toYear, DateOnly on) =>
        GetOkAsync(client, $"/compare?regionCode={region}&indicatorCode={indicator}&fromYear={fromYear}&toYear={toYear}&on={Day(on)}");

    /// <summary>True when <paramref name="json"/> has no <paramref name="property"/> or it is null (nulls are left out of answers).</summary>
    public static bool IsAbsent(JsonElement json, string property) =>
        !json.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null;

    public static decimal Number(JsonElement json, string property) => json.GetProperty(property).GetDecimal();

    public static string Text(JsonElement json, string property) => json.GetProperty(property).GetString() ?? "";

    // ---- Events handed to the counting handler, as the relay would ----

    /// <summary>Hands <paramref name="integrationEvent"/> to the module's counting handler in a scope of its own (one delivery).</summary>
    public static async Task DeliverAsync<TEvent>(PlatformFactory host, TEvent integrationEvent)
        where TEvent : IntegrationEvent
    {
        await using var scope = host.Services.CreateAsyncScope();
        var handler = new CountingHandler<TEvent>(scope.ServiceProvider.GetRequiredService<InsightsDbContext>(), TimeProvider.System);
        await handler.HandleAsync(integrationEvent, Token);
    }

    /// <summary>A business of <paramref name="person"/> (a blind index) registered on <paramref name="day"/>.</summary>
    public static BusinessRegistered Business(string person, string region, DateOnly day, string industry = "Agriculture", string name = "测试返乡农家乐") =>
        new(Guid.NewGuid(), Guid.NewGuid(), person, "ReturningMigrantWorker", "92511100MA00000000", name, industry, region, day, null);

    /// <summary>A stand-in for a person's blind index.</summary>
    public static string NewPerson() => $"bi-{Guid.NewGuid():N}";

    // ---- The module's database ----

    /// <summary>Reads the module's database directly.</summary>
    public static async Task<T> DbAsync<T>(PlatformFactory host, Func<InsightsDbContext, Task<T>> read)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<InsightsDbContext>());
    }

    /// <summary>An indicator's counters as stored, by region and day (zeros kept).</summary>
    public static async Task<Dictionary<(string Region, DateOnly Day), decimal>> CountersAsync(PlatformFactory host, string indicator)
    {
        var rows = await DbAsync(host, db => db.Counters.AsNoTracking().Where(c => c.IndicatorCode == indicator).ToListAsync(Token));
        return rows.ToDictionary(c => (c.RegionCode, c.Day), c => c.Value);
    }

    /// <summary>An indicator's counter of a region on a day (0 when none is stored).</summary>
    public static async Task<decimal> CounterAsync(PlatformFactory host, string indicator, string region, DateOnly day) =>
        (await CountersAsync(host, indicator)).GetValueOrDefault((region, day));

    /// <summary>The indicator's counted value in a region over all days.</summary>
    public static async Task<decimal> TotalAsync(PlatformFactory host, string indicator, string region) =>
        (await CountersAsync(host, indicator)).Where(c => c.Key.Region == region).Sum(c => c.Value);

    /// <summary>The blind index of an identity number, as every module computes it.</summary>
    public static async Task<string> BlindIndexAsync(PlatformFactory host, string idNumber)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<IPersonalDataProtector>().BlindIndexForLookup(PersonalDataKind.ResidentId, idNumber)!;
    }

    /// <summary>
    /// Reads until <paramref name="done"/> holds (events reach the module through the outbox relay in the
    /// background), at most 30 seconds; answers the last read either way so the caller's assertion fails
    /// with what was there.
    /// </summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100, Token);
        }
    }
}
