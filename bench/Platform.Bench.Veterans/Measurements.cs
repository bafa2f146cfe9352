using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Platform.Bench.Studios;
using Platform.Bench.Vouchers;
using Platform.Modules.VeteranEmployment.Domain;
using Platform.Modules.VeteranEmployment.Features.Ledger;

namespace Platform.Bench.Veterans;

/// <summary>
/// Kept-alive HTTP/1.1 to the host on 127.0.0.1 under <c>/api/veteran-employment</c>, as one bench caller
/// (an HS256 token of the studios benchmark's <see cref="StudioClient.Token"/>).
/// </summary>
internal sealed class VeteranClient(Uri baseUri, string token) : IDisposable
{
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
        Timeout = TimeSpan.FromMinutes(15),
    };

    public Task<Answer> GetAsync(string pathAndQuery, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/veteran-employment" + pathAndQuery), cancellationToken);

    public Task<Answer> PostCsvAsync(string path, string csv, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/veteran-employment" + path) { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        return SendAsync(request, cancellationToken);
    }

    public void Dispose() => http.Dispose();

    private async Task<Answer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
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

/// <summary>A statistics request: first call after the host started, then warm calls.</summary>
internal sealed record StatisticsCall(string Region, DateOnly On, double FirstMilliseconds, LatencySummary Warm, string Facts, string? Error);

/// <summary>Ledger reads of one form.</summary>
internal sealed record LedgerReads(string Form, LatencySummary Latency, double AverageEntries, int EmptyLedgers);

/// <summary>The import: rows sent, the host's answer, and time end to end.</summary>
internal sealed record ImportResult(int RowsSent, int Corrections, long CsvBytes, double Milliseconds, int Status, int Rows, int Applied, int Failed, string? FirstErrors);

/// <summary>The HTTP measurements: statistics per region and day, ledger reads, the CSV import.</summary>
internal static class Measurements
{
    public static async Task<IReadOnlyList<StatisticsCall>> StatisticsAsync(
        VeteranClient client, IEnumerable<(string Code, string Name)> regions, IEnumerable<DateOnly> days, int warmCalls, Action<string> progress, CancellationToken cancellationToken)
    {
        var calls = new List<StatisticsCall>();
        foreach (var day in days)
        {
            foreach (var (code, name) in regions)
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"/statistics?regionCode={code}&on={day:yyyy-MM-dd}");
                var first = await client.GetAsync(path, cancellationToken);
                var warm = new List<double>();
                string? error = first.Status == 200 ? null : Shorten(first);
                for (var i = 0; i < warmCalls && error is null; i++)
                {
                    var answer = await client.GetAsync(path, cancellationToken);
                    if (answer.Status == 200)
                    {
                        warm.Add(answer.Milliseconds);
                    }
                    else
                    {
                        error = Shorten(answer);
                    }
                }

                var call = new StatisticsCall($"{name} ({code})", day, first.Milliseconds, warm.Count == 0 ? LatencySummary.Empty : LatencySummary.Of(warm), first.Status == 200 ? StatisticsFacts(first.Body) : "", error);
                calls.Add(call);
                progress(string.Create(CultureInfo.InvariantCulture, $"statistics {call.Region} on {day:yyyy-MM-dd}: first {call.FirstMilliseconds:0} ms, warm median {call.Warm.P50:0} ms ({call.Facts}{(error is null ? "" : " error: " + error)})"));
            }
        }

        return calls;
    }

    /// <summary>
    /// Sequential ledger reads of random veterans on one connection, alternating today's ledger and
    /// <c>?on=</c> a random day between the veteran's discharge and today; the first <paramref name="warmUp"/> not measured.
    /// </summary>
    public static async Task<(IReadOnlyList<LedgerReads> Forms, LatencySummary Overall, CpuUse? Cpu, string? FirstError)> LedgerAsync(
        VeteranClient client, ServerProcess server, IReadOnlyList<RosterEntry> roster, int warmUp, int measured, int seed, DateOnly today, Action<string> progress, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var forms = new[] { "today", "on a past day" };
        var latencies = forms.Select(_ => new List<double>()).ToArray();
        var entries = new long[forms.Length];
        var empty = new int[forms.Length];
        string? firstError = null;
        var window = new CpuWindow(() => server.CpuTime, CpuWindow.OwnCpu);
        for (var i = 0; i < warmUp + measured; i++)
        {
            if (i == warmUp)
            {
                window.Begin();
            }

            var veteran = roster[random.Next(roster.Count)];
            var form = i % 2;
            var path = form == 0
                ? $"/veterans/{veteran.Id}/ledger"
                : string.Create(CultureInfo.InvariantCulture, $"/veterans/{veteran.Id}/ledger?on={veteran.DischargedOn.AddDays(random.Next(Math.Max(1, today.DayNumber - veteran.DischargedOn.DayNumber))):yyyy-MM-dd}");
            var answer = await client.GetAsync(path, cancellationToken);
            if (answer.Status != 200)
            {
                firstError ??= $"{path}: {Shorten(answer)}";
                continue;
            }

            if (i < warmUp)
            {
                continue;
            }

            latencies[form].Add(answer.Milliseconds);
            using var document = JsonDocument.Parse(answer.Body);
            var count = document.RootElement.GetProperty("entries").GetArrayLength();
            entries[form] += count;
            empty[form] += count == 0 ? 1 : 0;
            if ((i + 1) % 500 == 0)
            {
                progress($"ledger reads: {i + 1:N0} of {warmUp + measured:N0}");
            }
        }

        window.End();
        var all = latencies.SelectMany(l => l).ToArray();
        var results = forms.Select((f, i) => new LedgerReads(f, LatencySummary.Of(latencies[i]), latencies[i].Count == 0 ? 0 : (double)entries[i] / latencies[i].Count, empty[i])).ToArray();
        return (results, LatencySummary.Of(all), window.Result(all.Length), firstError);
    }

    /// <summary>
    /// A CSV of <paramref name="rows"/> valid ledger updates for random registered veterans (their clear
    /// identity numbers from the roster): a status of the walk effective between the veteran's last
    /// effective day and today; about 3 % correct the veteran's last entry on its own day instead.
    /// </summary>
    public static (string Csv, int Corrections) ImportCsv(IReadOnlyList<RosterEntry> roster, VeteranGenerator details, int rows, int seed, DateOnly today)
    {
        var random = new Random(seed);
        var csv = new StringBuilder(rows * 110);
        csv.AppendJoin(',', LedgerImport.Columns).Append('\n');
        var corrections = 0;
        var statuses = Enum.GetValues<EmploymentStatus>();
        for (var r = 0; r < rows; r++)
        {
            var veteran = roster[random.Next(roster.Count)];
            var correction = random.NextDouble() < 0.03;
            var day = correction ? veteran.LastDay : veteran.LastDay.AddDays(random.Next(Math.Max(1, today.DayNumber - veteran.LastDay.DayNumber + 1)));
            var status = details.NextStatus(statuses[random.Next(statuses.Length)]);
            string?[] fields = [veteran.IdentityNumber, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), status.ToString(), null, null, null, null, null, null, correction ? veteran.LastEntryId.ToString() : null, "批量导入 / bulk import"];
            details.ApplyDetails(status, veteran.County, (employer, position, months, insurance, business, businessCode) =>
            {
                fields[3] = employer;
                fields[4] = position;
                fields[5] = months?.ToString(CultureInfo.InvariantCulture);
                fields[6] = status == EmploymentStatus.Employed ? (insurance ? "true" : "false") : null;
                fields[7] = business;
                fields[8] = businessCode;
            });
            corrections += correction ? 1 : 0;
            csv.AppendJoin(',', fields.Select(f => f ?? "")).Append('\n');
        }

        return (csv.ToString(), corrections);
    }

    public static async Task<ImportResult> ImportAsync(VeteranClient client, string csv, int rows, int corrections, CancellationToken cancellationToken)
    {
        var answer = await client.PostCsvAsync("/ledger/imports", csv, cancellationToken);
        var bytes = Encoding.UTF8.GetByteCount(csv);
        if (answer.Status != 200)
        {
            return new ImportResult(rows, corrections, bytes, answer.Milliseconds, answer.Status, 0, 0, 0, Shorten(answer));
        }

        using var document = JsonDocument.Parse(answer.Body);
        var root = document.RootElement;
        var errors = root.GetProperty("errors").EnumerateArray().Take(3)
            .Select(e => $"line {e.GetProperty("line").GetInt32()} {e.GetProperty("field")}: {e.GetProperty("code").GetString()} {e.GetProperty("message").GetString()}").ToArray();
        return new ImportResult(
            rows, corrections, bytes, answer.Milliseconds, answer.Status, root.GetProperty("rows").GetInt32(), root.GetProperty("applied").GetInt32(), root.GetProperty("failed").GetInt32(),
            errors.Length == 0 ? null : string.Join("; ", errors));
    }

    private static string StatisticsFacts(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var overall = root.GetProperty("overall");
        var rate = overall.GetProperty("employmentRatePercent");
        return string.Create(CultureInfo.InvariantCulture, $"{root.GetProperty("registered").GetInt32():N0} registered, rate {(rate.ValueKind == JsonValueKind.Number ? rate.GetDecimal().ToString("0.00", CultureInfo.InvariantCulture) + " %" : "—")}, {root.GetProperty("byRegion").GetArrayLength()} regions, {root.GetProperty("veteransTrained").GetInt32():N0} trained this year");
    }

    private static string Shorten(Answer answer) => $"{answer.Status} {answer.Body[..Math.Min(300, answer.Body.Length)]}";
}
