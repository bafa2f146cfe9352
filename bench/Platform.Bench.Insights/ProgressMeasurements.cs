using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Platform.Bench.Studios;
using Platform.Bench.Vouchers;
using Platform.Modules.Insights.Domain;

namespace Platform.Bench.Insights;

/// <summary>
/// Kept-alive HTTP/1.1 to the host on 127.0.0.1 under <c>/api/insights</c>, each request with the bearer token of the
/// caller it is sent as (HS256 tokens of the studios benchmark's <see cref="StudioClient.Token"/>).
/// </summary>
internal sealed class InsightsClient(Uri baseUri) : IDisposable
{
    private const string Prefix = "/api/insights";

    private readonly HttpClient http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 1,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = baseUri,
        Timeout = TimeSpan.FromMinutes(5),
    };

    public Task<Answer> GetAsync(string token, string pathAndQuery, CancellationToken cancellationToken) =>
        SendAsync(token, new HttpRequestMessage(HttpMethod.Get, Prefix + pathAndQuery), cancellationToken);

    public Task<Answer> PostAsync(string token, string path, object body, CancellationToken cancellationToken) =>
        SendAsync(token, new HttpRequestMessage(HttpMethod.Post, Prefix + path) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") }, cancellationToken);

    public Task<Answer> PutAsync(string token, string path, object body, CancellationToken cancellationToken) =>
        SendAsync(token, new HttpRequestMessage(HttpMethod.Put, Prefix + path) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") }, cancellationToken);

    public void Dispose() => http.Dispose();

    private async Task<Answer> SendAsync(string token, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new Answer((int)response.StatusCode, body, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}

/// <summary>One measured request: the first call after the host started (or after the previous request), warm calls, what the answer held and whether it is right.</summary>
internal sealed record ProgressCall(string Label, string Path, string Caller, double FirstMilliseconds, LatencySummary Warm, string Facts, IReadOnlyList<string> Checks, int Mismatches, string? Error);

/// <summary>One redefinition of an indicator through <c>PUT /indicators/{code}</c>: its measure, the time until the answer (the rebuild included) and the events recounted.</summary>
internal sealed record Redefinition(string Indicator, string Measure, double Milliseconds, int Status, int EventsRecounted);

/// <summary>A target the bench set for Sichuan through the API (no seed document gives the province one).</summary>
internal sealed record BenchTarget(string Indicator, int FromYear, int ToYear, string Kind, decimal Value, decimal Baseline);

/// <summary>Progress and comparison through HTTP, checked against <see cref="Expected"/>.</summary>
internal static class ProgressMeasurements
{
    public const string BenchSource = "bench: a target of the insights benchmark for Sichuan (no seed document sets one for the province)";

    /// <summary>
    /// Targets for Sichuan (510000) for every seeded indicator, 2021–2025 and 2026–2030, about 10 % above what the
    /// generated data reaches (a founders' baseline of 50,000 for the cumulative one), set as a reviewer of the province.
    /// </summary>
    public static IReadOnlyList<BenchTarget> SichuanTargets(IReadOnlyList<Indicator> indicators, Expected expected)
    {
        var targets = new List<BenchTarget>();
        foreach (var indicator in indicators.OrderBy(i => i.Code, StringComparer.Ordinal))
        {
            var fiveYears = expected.Sum(indicator.Code, "510000", 2021, 2025);
            var lastYear = expected.Sum(indicator.Code, "510000", 2025, 2025);
            static decimal Round(decimal value) => Math.Max(1m, Math.Ceiling(value * 1.1m / 100m) * 100m);
            if (indicator.Measure == IndicatorMeasure.DistinctPerson)
            {
                targets.Add(new BenchTarget(indicator.Code, 2021, 2025, "Cumulative", 50_000m + Round(fiveYears), 50_000m));
                targets.Add(new BenchTarget(indicator.Code, 2026, 2030, "Cumulative", 50_000m + fiveYears + Round(lastYear * 5), 50_000m + fiveYears));
            }
            else
            {
                targets.Add(new BenchTarget(indicator.Code, 2021, 2025, "PeriodTotal", indicator.EventName is null ? 100m : Round(fiveYears), 0m));
                targets.Add(new BenchTarget(indicator.Code, 2026, 2030, "PeriodTotal", indicator.EventName is null ? 100m : Round(lastYear * 5), 0m));
            }
        }

        return targets;
    }

    /// <summary>Sets the targets; a target already there (a reused folder) is left as it is. Returns how many were created.</summary>
    public static async Task<int> SetTargetsAsync(InsightsClient client, IReadOnlyList<BenchTarget> targets, CancellationToken cancellationToken)
    {
        var reviewer = StudioClient.Token("reviewer", "510000");
        var created = 0;
        foreach (var target in targets)
        {
            var answer = await client.PostAsync(
                reviewer,
                "/targets",
                new
                {
                    indicatorCode = target.Indicator,
                    regionCode = "510000",
                    fromYear = target.FromYear,
                    toYear = target.ToYear,
                    kind = target.Kind,
                    value = target.Value,
                    baseline = target.Baseline,
                    source = BenchSource,
                    quote = "",
                },
                cancellationToken);
            if (answer.Status == 201)
            {
                created++;
            }
            else if (answer.Status != 409)
            {
                throw new BenchFailureException($"POST /api/insights/targets {target.Indicator} {target.FromYear}–{target.ToYear}: {Shorten(answer)}");
            }
        }

        return created;
    }

    /// <summary>The first call of <paramref name="path"/>, then <paramref name="warmCalls"/> more; the first answer checked against the expectation.</summary>
    public static async Task<ProgressCall> MeasureAsync(
        InsightsClient client, string label, string path, string role, string callerRegion, int warmCalls, Func<string, (string Facts, IReadOnlyList<string> Checks, int Mismatches)> check,
        CancellationToken cancellationToken)
    {
        var token = StudioClient.Token(role, callerRegion);
        var caller = $"{role} of {callerRegion}";
        var first = await client.GetAsync(token, path, cancellationToken);
        if (first.Status != 200)
        {
            return new ProgressCall(label, path, caller, first.Milliseconds, LatencySummary.Empty, "", [], 0, Shorten(first));
        }

        var warm = new List<double>(warmCalls);
        string? error = null;
        for (var i = 0; i < warmCalls; i++)
        {
            var answer = await client.GetAsync(token, path, cancellationToken);
            if (answer.Status != 200)
            {
                error = Shorten(answer);
                break;
            }

            warm.Add(answer.Milliseconds);
        }

        var (facts, checks, mismatches) = check(first.Body);
        return new ProgressCall(label, path, caller, first.Milliseconds, LatencySummary.Of(warm), facts, checks, mismatches, error);
    }

    /// <summary>
    /// Each row's actual against the generator's tally: the events of the period up to today (for a cumulative target,
    /// plus its baseline); a row of an indicator the platform does not record must be NotRecorded.
    /// </summary>
    public static (string Facts, IReadOnlyList<string> Checks, int Mismatches) CheckProgress(string body, Expected expected, DateOnly today)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var region = root.GetProperty("regionCode").GetString()!;
        var rows = root.GetProperty("rows").EnumerateArray().ToArray();
        var checks = new List<string>();
        var mismatches = 0;
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var indicator = row.GetProperty("indicatorCode").GetString()!;
            var from = row.GetProperty("fromYear").GetInt32();
            var to = row.GetProperty("toYear").GetInt32();
            var status = row.GetProperty("status").GetString() ?? "";
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var kind = row.GetProperty("kind").ValueKind == JsonValueKind.String ? row.GetProperty("kind").GetString() : row.GetProperty("kind").GetInt32() == 1 ? "Cumulative" : "PeriodTotal";
            var baseline = row.GetProperty("baseline").GetDecimal();
            var period = string.Create(CultureInfo.InvariantCulture, $"{indicator} {from}–{to}");
            if (!row.TryGetProperty("actual", out var actual) || actual.ValueKind != JsonValueKind.Number)
            {
                checks.Add($"{period}: {status} (not recorded by the platform)");
                continue;
            }

            var want = (kind == "Cumulative" ? baseline : 0m) + (from > today.Year ? 0m : expected.Sum(indicator, region, from, Math.Min(to, today.Year)));
            var got = actual.GetDecimal();
            if (got == want)
            {
                checks.Add(string.Create(CultureInfo.InvariantCulture, $"{period}: actual {got:N0} = generated {want:N0} ({status})"));
            }
            else
            {
                mismatches++;
                checks.Add(string.Create(CultureInfo.InvariantCulture, $"**{period}: actual {got:N2} ≠ generated {want:N2}** ({status})"));
            }
        }

        var facts = string.Create(CultureInfo.InvariantCulture, $"{rows.Length} rows ({string.Join(", ", statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Value} {s.Key}"))})");
        return (rows.Length == 0 ? "0 rows (no target of a period containing the day's year)" : facts, checks, mismatches);
    }

    /// <summary>The comparison's total and each part's actual against the tallies of the region and its parts.</summary>
    public static (string Facts, IReadOnlyList<string> Checks, int Mismatches) CheckComparison(string body, Expected expected, IReadOnlyDictionary<string, string> names)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var region = root.GetProperty("regionCode").GetString()!;
        var indicator = root.GetProperty("indicatorCode").GetString()!;
        var from = root.GetProperty("fromYear").GetInt32();
        var to = root.GetProperty("toYear").GetInt32();
        var total = root.GetProperty("total").GetDecimal();
        var rows = root.GetProperty("rows").EnumerateArray().ToArray();
        var checks = new List<string>();
        var mismatches = 0;
        var wantTotal = expected.Sum(indicator, region, from, to);
        if (total != wantTotal)
        {
            mismatches++;
            checks.Add(string.Create(CultureInfo.InvariantCulture, $"**total {total:N2} ≠ generated {wantTotal:N2}**"));
        }
        else
        {
            checks.Add(string.Create(CultureInfo.InvariantCulture, $"total {total:N0} = generated {wantTotal:N0}"));
        }

        var partsSum = 0m;
        var wrongParts = 0;
        foreach (var row in rows)
        {
            var code = row.GetProperty("regionCode").GetString()!;
            var actual = row.GetProperty("actual").GetDecimal();
            partsSum += actual;
            var want = expected.Sum(indicator, code, from, to);
            if (actual != want)
            {
                wrongParts++;
                mismatches++;
                checks.Add(string.Create(CultureInfo.InvariantCulture, $"**{code} {names.GetValueOrDefault(code, code)}: {actual:N2} ≠ generated {want:N2}**"));
            }
        }

        checks.Add(string.Create(CultureInfo.InvariantCulture, $"{rows.Length - wrongParts} of {rows.Length} parts equal to the generated tallies; parts add up to {partsSum:N0}{(partsSum == total ? " = the total" : " ≠ the total")}"));
        if (partsSum != total)
        {
            mismatches++;
        }

        var best = rows.Take(3).Select(r => string.Create(CultureInfo.InvariantCulture, $"{names.GetValueOrDefault(r.GetProperty("regionCode").GetString()!, "?")} {r.GetProperty("actual").GetDecimal():N0}"));
        return (string.Create(CultureInfo.InvariantCulture, $"{rows.Length} parts, total {total:N0}; first: {string.Join(", ", best)}"), checks, mismatches);
    }

    public static string Shorten(Answer answer) => $"{answer.Status} {answer.Body[..Math.Min(300, answer.Body.Length)]}";
}

/// <summary>
/// Redefines an indicator as an administrator, as a bureau would when it changes how one counts: to another measure and
/// back, each answered after its counters were rebuilt from the kept events (in the transaction that counting takes turns with).
/// </summary>
internal static class Redefinitions
{
    public static async Task<IReadOnlyList<Redefinition>> RunAsync(InsightsClient client, string indicator, IReadOnlyList<string> measures, CancellationToken cancellationToken)
    {
        var administrator = StudioClient.Token("administrator", "*");
        var current = await client.GetAsync(administrator, "/indicators/" + indicator, cancellationToken);
        if (current.Status != 200)
        {
            throw new BenchFailureException($"GET /api/insights/indicators/{indicator}: {current.Status} {current.Body}");
        }

        using var document = JsonDocument.Parse(current.Body);
        var definition = document.RootElement;
        var results = new List<Redefinition>();
        foreach (var measure in measures)
        {
            var answer = await client.PutAsync(
                administrator,
                "/indicators/" + indicator,
                new
                {
                    nameZh = definition.GetProperty("nameZh").GetString(),
                    nameEn = definition.GetProperty("nameEn").GetString(),
                    unit = definition.GetProperty("unit").GetString(),
                    eventName = definition.GetProperty("eventName").GetString(),
                    measure,
                    filter = definition.GetProperty("filter").GetString(),
                    description = definition.GetProperty("description").GetString(),
                },
                cancellationToken);
            var recounted = 0;
            if (answer.Status == 200)
            {
                using var defined = JsonDocument.Parse(answer.Body);
                recounted = defined.RootElement.GetProperty("eventsRecounted").GetInt32();
            }

            results.Add(new Redefinition(indicator, measure, answer.Milliseconds, answer.Status, recounted));
        }

        return results;
    }
}
