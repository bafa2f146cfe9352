using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Bench.Vouchers;
using Platform.Modules.SkillMasterStudios.Domain;
using Platform.Modules.SkillMasterStudios.Features.Studios;

namespace Platform.Bench.Studios;

/// <summary>Who a request is sent as: an operator of both provinces, or an operator of one city.</summary>
internal sealed record BenchCaller(string Name, string Region, string Token);

/// <summary>
/// A kind of search: how its filter is drawn, and as whom it is sent. A shape without a draw continues
/// the previous page of <see cref="PagesOf"/> with its <c>nextCursor</c>.
/// </summary>
internal sealed record SearchShape(string Name, BenchCaller Caller, Func<Random, SearchStudiosRequest>? Draw, string? PagesOf = null);

internal sealed record ShapeResult(SearchShape Shape, LatencySummary Latency, double AverageItems, SearchStudiosRequest Slowest, double SlowestMilliseconds);

internal sealed record SearchResult(int WarmUp, LatencySummary Overall, IReadOnlyList<ShapeResult> Shapes, IReadOnlyDictionary<string, int> Errors, string? FirstError, TimeSpan Elapsed, CpuUse? Cpu);

/// <summary>A timed GET: the first call after the host started, then the median and max of warm calls.</summary>
internal sealed record TimedCall(string Name, string Path, double ColdMilliseconds, LatencySummary Warm, string Facts, string? Error);

/// <summary>The HTTP measurements: search shapes, statistics per region, the overdue list.</summary>
internal static class Measurements
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string ToJson(SearchStudiosRequest request) => JsonSerializer.Serialize(request, Json);

    /// <summary>The filter for the report, cursor shortened.</summary>
    public static string Describe(SearchStudiosRequest r)
    {
        var parts = new[]
        {
            r.Level is null ? null : $"level={r.Level}",
            r.RegionCode is null ? null : $"regionCode={r.RegionCode}",
            r.OccupationCode is null ? null : $"occupationCode={r.OccupationCode}",
            r.Field is null ? null : $"field={r.Field}",
            r.Status is null ? null : $"status={r.Status}",
            r.Cursor is null ? null : $"cursor={r.Cursor[..Math.Min(8, r.Cursor.Length)]}…",
        };
        var text = string.Join(", ", parts.Where(p => p is not null));
        return text.Length == 0 ? "no filter" : text;
    }

    /// <summary>The shapes of the issue, as an operator of both provinces, then a subset as an operator of <paramref name="city"/>.</summary>
    public static IReadOnlyList<SearchShape> Shapes(StudioRegions regions, BenchCaller all, BenchCaller cityCaller, StudioCity city)
    {
        var sichuanCities = new WeightedTable<StudioCity>(regions.Cities.Where(c => !c.Code.EndsWith("0000", StringComparison.Ordinal)).Select(c => (c, c.Weight)));
        var occupations = Crafts.AllOccupations.ToArray();
        var fields = Enum.GetValues<CraftField>();
        static StudioLevel Level(Random r) => r.NextDouble() switch { < 0.4 => StudioLevel.Municipal, < 0.8 => StudioLevel.Provincial, _ => StudioLevel.National };
        SearchStudiosRequest Request(StudioLevel? level = null, string? region = null, string? occupation = null, CraftField? field = null, StudioStatus? status = null) =>
            new(level, region, occupation, field, status, Cursor: null, Limit: null);

        return
        [
            new("no filter", all, _ => Request()),
            new("level", all, r => Request(level: Level(r))),
            new("county", all, r => Request(region: regions.DrawCounty(r))),
            new("city (prefix)", all, r => Request(region: sichuanCities.Draw(r).Code)),
            new("province", all, r => Request(region: r.NextDouble() < 0.7 ? "510000" : "500000")),
            new("occupation", all, r => Request(occupation: occupations[r.Next(occupations.Length)])),
            new("field", all, r => Request(field: fields[r.Next(fields.Length)])),
            new("level + city", all, r => Request(level: Level(r), region: sichuanCities.Draw(r).Code)),
            new("active + city", all, r => Request(region: sichuanCities.Draw(r).Code, status: StudioStatus.Active)),
            new("later page (cursor of city)", all, null, PagesOf: "city (prefix)"),
            new($"{city.Name} operator: no filter", cityCaller, _ => Request()),
            new($"{city.Name} operator: level", cityCaller, r => Request(level: Level(r))),
            new($"{city.Name} operator: county", cityCaller, r => Request(region: city.CountyTable.Draw(r))),
            new($"{city.Name} operator: field", cityCaller, r => Request(field: fields[r.Next(fields.Length)])),
            new($"{city.Name} operator: later page", cityCaller, null, PagesOf: $"{city.Name} operator: no filter"),
        ];
    }

    /// <summary>
    /// Sequential searches on one connection, cycling through the shapes; the first <paramref name="warmUp"/> are
    /// not measured. A "later page" follows the cursor of the last answer of the shape it pages, up to ten pages deep.
    /// </summary>
    public static async Task<SearchResult> SearchAsync(
        StudioClient client, ServerProcess server, IReadOnlyList<SearchShape> shapes, int warmUp, int perShape, int seed, Action<string> progress, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var latencies = shapes.Select(_ => new List<double>()).ToArray();
        var items = new long[shapes.Count];
        var slowest = new (SearchStudiosRequest? Request, double Ms)[shapes.Count];
        var pages = new Dictionary<string, (SearchStudiosRequest Request, string? Cursor, int Depth)>(StringComparer.Ordinal);
        var errors = new Dictionary<string, int>(StringComparer.Ordinal);
        string? firstError = null;
        var window = new CpuWindow(() => server.CpuTime, CpuWindow.OwnCpu);
        var measuredClock = new Stopwatch();
        var total = warmUp + (perShape * shapes.Count);
        for (var i = 0; i < total; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i == warmUp)
            {
                window.Begin();
                measuredClock.Start();
                progress($"search: {warmUp} warm-up requests done; measuring {perShape} per shape × {shapes.Count} shapes");
            }

            var index = i % shapes.Count;
            var shape = shapes[index];
            SearchStudiosRequest request;
            if (shape.Draw is { } draw)
            {
                request = draw(random);
            }
            else
            {
                if (!pages.TryGetValue(shape.PagesOf!, out var last) || last.Cursor is null || last.Depth >= 10)
                {
                    // Nothing to continue: fresh first pages of the paged shape (not measured) until one has a next page.
                    var paged = shapes.First(s => s.Name == shape.PagesOf).Draw!;
                    for (var attempt = 0; attempt < 50 && (attempt == 0 || last.Cursor is null); attempt++)
                    {
                        var first = paged(random);
                        var answer = await client.PostAsync(shape.Caller.Token, "/studios/search", ToJson(first), cancellationToken);
                        last = (first, answer.Status == 200 ? StudioClient.Property(answer.Body, "nextCursor") : null, 1);
                    }

                    if (last.Cursor is null)
                    {
                        pages.Remove(shape.PagesOf!);
                        continue;
                    }
                }

                request = last.Request with { Cursor = last.Cursor };
                pages[shape.PagesOf!] = last;
            }

            var result = await client.PostAsync(shape.Caller.Token, "/studios/search", ToJson(request), cancellationToken);
            if (result.Status != 200)
            {
                var key = $"{result.Status} {StudioClient.Property(result.Body, "code") ?? "(no problem code)"}";
                errors[key] = errors.GetValueOrDefault(key) + 1;
                firstError ??= $"{shape.Name} ({Describe(request)}): {result.Status} {result.Body[..Math.Min(300, result.Body.Length)]}";
                continue;
            }

            // Remember where a paged shape's answer ends, so the next "later page" continues it.
            if (shapes.Any(s => s.PagesOf == shape.Name) || shape.Draw is null)
            {
                var owner = shape.PagesOf ?? shape.Name;
                var depth = shape.Draw is null ? pages[owner].Depth + 1 : 1;
                pages[owner] = (request with { Cursor = null }, StudioClient.Property(result.Body, "nextCursor"), depth);
            }

            if (i >= warmUp)
            {
                latencies[index].Add(result.Milliseconds);
                items[index] += StudioClient.Items(result.Body);
                if (slowest[index].Request is null || result.Milliseconds > slowest[index].Ms)
                {
                    slowest[index] = (request, result.Milliseconds);
                }
            }

            if ((i + 1) % 1000 == 0)
            {
                progress($"search: {i + 1:N0} of {total:N0} requests");
            }
        }

        window.End();
        var all = latencies.SelectMany(l => l).ToArray();
        var shapeResults = shapes
            .Select((shape, s) => (shape, s))
            .Where(x => latencies[x.s].Count > 0)
            .Select(x => new ShapeResult(x.shape, LatencySummary.Of(latencies[x.s]), (double)items[x.s] / latencies[x.s].Count, slowest[x.s].Request!, slowest[x.s].Ms))
            .ToArray();
        return new SearchResult(warmUp, LatencySummary.Of(all), shapeResults, errors, firstError, measuredClock.Elapsed, window.Result(all.Length));
    }

    /// <summary>The statistics of each region for <paramref name="year"/>: cold, then <paramref name="warmCalls"/> more.</summary>
    public static async Task<IReadOnlyList<TimedCall>> StatisticsAsync(
        StudioClient client, BenchCaller caller, IEnumerable<(string Code, string Name)> regions, int year, int warmCalls, Action<string> progress, CancellationToken cancellationToken)
    {
        var results = new List<TimedCall>();
        foreach (var (code, name) in regions)
        {
            var call = await TimeAsync(client, caller, $"{name} ({code})", string.Create(CultureInfo.InvariantCulture, $"/statistics?regionCode={code}&year={year}"), warmCalls, body =>
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                return string.Create(CultureInfo.InvariantCulture, $"{root.GetProperty("activeStudios").GetInt32():N0} active studios, {root.GetProperty("apprenticesReported").GetInt32():N0} apprentices reported, {root.GetProperty("accredited").GetArrayLength()} accreditation groups");
            }, cancellationToken);
            results.Add(call);
            progress($"statistics {call.Name}: cold {call.ColdMilliseconds:0} ms, warm median {call.Warm.P50:0} ms ({call.Facts})");
        }

        return results;
    }

    /// <summary>The overdue list of a region: the first page, then the page after it.</summary>
    public static async Task<IReadOnlyList<TimedCall>> OverdueAsync(
        StudioClient client, BenchCaller caller, string regionCode, int warmCalls, Action<string> progress, CancellationToken cancellationToken)
    {
        var path = $"/annual-reports/overdue?regionCode={regionCode}";
        string? cursor = null;
        var first = await TimeAsync(client, caller, $"first page ({regionCode})", path, warmCalls, body =>
        {
            cursor = StudioClient.Property(body, "nextCursor");
            using var document = JsonDocument.Parse(body);
            return string.Create(CultureInfo.InvariantCulture, $"year {document.RootElement.GetProperty("year").GetInt32()}, {StudioClient.Items(body)} studios on the page, {(cursor is null ? "last page" : "more pages")}");
        }, cancellationToken);
        progress($"overdue {first.Name}: cold {first.ColdMilliseconds:0} ms, warm median {first.Warm.P50:0} ms ({first.Facts})");
        if (cursor is null)
        {
            return [first];
        }

        var next = await TimeAsync(client, caller, $"second page ({regionCode}, cursor)", $"{path}&cursor={cursor}", warmCalls, body => $"{StudioClient.Items(body)} studios on the page", cancellationToken);
        progress($"overdue {next.Name}: warm median {next.Warm.P50:0} ms");
        return [first, next];
    }

    private static async Task<TimedCall> TimeAsync(
        StudioClient client, BenchCaller caller, string name, string path, int warmCalls, Func<string, string> facts, CancellationToken cancellationToken)
    {
        var cold = await client.GetAsync(caller.Token, path, cancellationToken);
        if (cold.Status != 200)
        {
            return new TimedCall(name, path, cold.Milliseconds, LatencySummary.Empty, "", $"{cold.Status} {cold.Body[..Math.Min(300, cold.Body.Length)]}");
        }

        var warm = new List<double>();
        string? error = null;
        for (var i = 0; i < warmCalls; i++)
        {
            var answer = await client.GetAsync(caller.Token, path, cancellationToken);
            if (answer.Status == 200)
            {
                warm.Add(answer.Milliseconds);
            }
            else
            {
                error ??= $"{answer.Status} {answer.Body[..Math.Min(300, answer.Body.Length)]}";
            }
        }

        return new TimedCall(name, path, cold.Milliseconds, LatencySummary.Of(warm), facts(cold.Body), error);
    }
}
