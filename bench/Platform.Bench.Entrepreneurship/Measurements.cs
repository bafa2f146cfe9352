using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Platform.Bench.Studios;
using Platform.Bench.Vouchers;

namespace Platform.Bench.Entrepreneurship;

/// <summary>
/// Kept-alive HTTP/1.1 to the host on 127.0.0.1 under <c>/api/return-home-entrepreneurship</c>, each request with
/// the bearer token of the caller it is sent as (HS256 tokens of the studios benchmark's <see cref="StudioClient.Token"/>).
/// </summary>
internal sealed class EntrepreneurshipClient(Uri baseUri) : IDisposable
{
    private const string Prefix = "/api/return-home-entrepreneurship";

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

    public Task<Answer> GetAsync(string token, string pathAndQuery, CancellationToken cancellationToken) =>
        SendAsync(token, new HttpRequestMessage(HttpMethod.Get, Prefix + pathAndQuery), cancellationToken);

    public Task<Answer> PostAsync(string token, string path, object body, CancellationToken cancellationToken) =>
        SendAsync(token, new HttpRequestMessage(HttpMethod.Post, Prefix + path) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") }, cancellationToken);

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

/// <summary>Bench tokens of role integrator (a bank's system: claims, loans, statistics) with a province's scope.</summary>
internal sealed class Callers
{
    private readonly Dictionary<string, string> tokens = new(StringComparer.Ordinal)
    {
        ["510000"] = StudioClient.Token("integrator", "510000"),
        ["500000"] = StudioClient.Token("integrator", "500000"),
    };

    public const string Role = "integrator";

    /// <summary>The token of the province <paramref name="regionCode"/> lies in.</summary>
    public string For(string regionCode) => tokens[EntrepreneurRegions.ProvinceOf(regionCode)];
}

/// <summary>One <c>POST /subsidy-claims</c>: the answer, its figures, and the host's CPU over it.</summary>
internal sealed record ClaimRun(
    string Label, string Region, DateOnly Month, int Status, double Milliseconds, int Lines, int OverdueLoans, decimal InterestDue, decimal BorrowerShare, decimal Subsidy,
    double HostCpuSeconds, Guid? Id, string? Error);

/// <summary>Reading a made claim back: a page of its lines and the CSV export.</summary>
internal sealed record ClaimReads(LatencySummary LinesPage, double CsvMilliseconds, long CsvBytes, int CsvLines, string? Error);

/// <summary>A statistics request: first call after the host started, then warm calls.</summary>
internal sealed record StatisticsCall(string Region, double FirstMilliseconds, LatencySummary Warm, string Facts, string? Error);

/// <summary>Loan reads of one form.</summary>
internal sealed record LoanReads(string Form, LatencySummary Latency, double AveragePeriods, string? FirstError);

/// <summary>The HTTP measurements: the bank's claim, statistics per region, a loan's schedule and interest subsidy.</summary>
internal static class Measurements
{
    /// <summary>
    /// The bank's claim for <paramref name="month"/> in <paramref name="region"/>, <paramref name="runs"/> times: the claim
    /// row is deleted with SQL before each run (a second claim of a bank, month and region is a 409).
    /// </summary>
    public static async Task<IReadOnlyList<ClaimRun>> ClaimsAsync(
        EntrepreneurshipClient client, Callers callers, EntrepreneurshipDatabase database, ServerProcess server, string bankCode, string region, DateOnly month, int runs,
        Action<string> progress, CancellationToken cancellationToken)
    {
        await database.DeleteClaimsAsync(bankCode, null, null, cancellationToken);
        var results = new List<ClaimRun>();
        for (var run = 1; run <= runs; run++)
        {
            if (run > 1)
            {
                await database.DeleteClaimsAsync(bankCode, month, region, cancellationToken);
            }

            var claim = await ClaimAsync(client, callers, server, run == 1 ? "first after start" : string.Create(CultureInfo.InvariantCulture, $"run {run}"), bankCode, region, month, cancellationToken);
            results.Add(claim);
            progress(Describe(claim));
            if (claim.Status != 201)
            {
                break;
            }
        }

        return results;
    }

    public static async Task<ClaimRun> ClaimAsync(
        EntrepreneurshipClient client, Callers callers, ServerProcess server, string label, string bankCode, string region, DateOnly month, CancellationToken cancellationToken)
    {
        var cpu = server.CpuTime;
        var body = new { bankCode, month = month.ToString("yyyy-MM", CultureInfo.InvariantCulture), regionCode = region };
        var answer = await client.PostAsync(callers.For(region), "/subsidy-claims", body, cancellationToken);
        var hostCpu = (server.CpuTime - cpu).TotalSeconds;
        if (answer.Status != 201)
        {
            return new ClaimRun(label, region, month, answer.Status, answer.Milliseconds, 0, 0, 0, 0, 0, hostCpu, null, Shorten(answer));
        }

        using var document = JsonDocument.Parse(answer.Body);
        var root = document.RootElement;
        return new ClaimRun(
            label, region, month, answer.Status, answer.Milliseconds, root.GetProperty("loans").GetInt32(), root.GetProperty("overdueLoans").GetInt32(),
            root.GetProperty("interestDue").GetDecimal(), root.GetProperty("borrowerShare").GetDecimal(), root.GetProperty("subsidy").GetDecimal(), hostCpu,
            root.GetProperty("id").GetGuid(), null);
    }

    /// <summary>A page of the claim's lines from the middle (five times) and the CSV export once.</summary>
    public static async Task<ClaimReads> ReadClaimAsync(EntrepreneurshipClient client, Callers callers, ClaimRun claim, CancellationToken cancellationToken)
    {
        var token = callers.For(claim.Region);
        var pages = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var page = await client.GetAsync(token, string.Create(CultureInfo.InvariantCulture, $"/subsidy-claims/{claim.Id}/lines?offset={claim.Lines / 2}&limit=1000"), cancellationToken);
            if (page.Status != 200)
            {
                return new ClaimReads(LatencySummary.Empty, 0, 0, 0, Shorten(page));
            }

            pages.Add(page.Milliseconds);
        }

        var csv = await client.GetAsync(token, $"/subsidy-claims/{claim.Id}/lines.csv", cancellationToken);
        return csv.Status != 200
            ? new ClaimReads(LatencySummary.Of(pages), csv.Milliseconds, 0, 0, Shorten(csv))
            : new ClaimReads(LatencySummary.Of(pages), csv.Milliseconds, Encoding.UTF8.GetByteCount(csv.Body), csv.Body.Count(c => c == '\n') - 1, null);
    }

    public static async Task<IReadOnlyList<StatisticsCall>> StatisticsAsync(
        EntrepreneurshipClient client, Callers callers, IEnumerable<(string Code, string Name)> regions, int warmCalls, Action<string> progress, CancellationToken cancellationToken)
    {
        var calls = new List<StatisticsCall>();
        foreach (var (code, name) in regions)
        {
            var token = callers.For(code);
            var path = $"/statistics?regionCode={code}";
            var first = await client.GetAsync(token, path, cancellationToken);
            var warm = new List<double>();
            string? error = first.Status == 200 ? null : Shorten(first);
            for (var i = 0; i < warmCalls && error is null; i++)
            {
                var answer = await client.GetAsync(token, path, cancellationToken);
                if (answer.Status == 200)
                {
                    warm.Add(answer.Milliseconds);
                }
                else
                {
                    error = Shorten(answer);
                }
            }

            var call = new StatisticsCall($"{name} ({code})", first.Milliseconds, warm.Count == 0 ? LatencySummary.Empty : LatencySummary.Of(warm), first.Status == 200 ? StatisticsFacts(first.Body) : "", error);
            calls.Add(call);
            progress(string.Create(CultureInfo.InvariantCulture, $"statistics {call.Region}: first {call.FirstMilliseconds:0} ms, warm p50 {call.Warm.P50:0} ms, p99 {call.Warm.P99:0} ms ({call.Facts}{(error is null ? "" : " error: " + error)})"));
        }

        return calls;
    }

    /// <summary>
    /// Sequential reads of random paid-out loans on one connection, alternating the repayment schedule and the
    /// interest subsidy over the contract's life; the first <paramref name="warmUp"/> not measured.
    /// </summary>
    public static async Task<(IReadOnlyList<LoanReads> Forms, CpuUse? Cpu)> LoanReadsAsync(
        EntrepreneurshipClient client, Callers callers, ServerProcess server, IReadOnlyList<RosterLoan> roster, int warmUp, int measured, int seed, Action<string> progress,
        CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var forms = new[] { "schedule", "interest subsidy over the contract" };
        var latencies = forms.Select(_ => new List<double>()).ToArray();
        var periods = new long[forms.Length];
        var errors = new string?[forms.Length];
        var window = new CpuWindow(() => server.CpuTime, CpuWindow.OwnCpu);
        var total = warmUp + (2 * measured);
        for (var i = 0; i < total; i++)
        {
            if (i == warmUp)
            {
                window.Begin();
            }

            var loan = roster[random.Next(roster.Count)];
            var form = i % 2;
            var path = form == 0
                ? $"/loans/{loan.Id}/schedule"
                : string.Create(CultureInfo.InvariantCulture, $"/loans/{loan.Id}/interest-subsidy?from={loan.DisbursedOn:yyyy-MM-dd}&to={loan.MaturityOn:yyyy-MM-dd}");
            var answer = await client.GetAsync(callers.For(loan.RegionCode), path, cancellationToken);
            if (answer.Status != 200)
            {
                errors[form] ??= $"{path}: {Shorten(answer)}";
                continue;
            }

            if (i < warmUp)
            {
                continue;
            }

            latencies[form].Add(answer.Milliseconds);
            using var document = JsonDocument.Parse(answer.Body);
            periods[form] += document.RootElement.GetProperty("periods").GetArrayLength();
            if ((i + 1) % 200 == 0)
            {
                progress($"loan reads: {i + 1:N0} of {total:N0}");
            }
        }

        window.End();
        var results = forms.Select((f, i) => new LoanReads(f, LatencySummary.Of(latencies[i]), latencies[i].Count == 0 ? 0 : (double)periods[i] / latencies[i].Count, errors[i])).ToArray();
        return (results, window.Result(latencies.Sum(l => l.Count)));
    }

    public static string Describe(ClaimRun claim) => claim.Error is null
        ? string.Create(CultureInfo.InvariantCulture, $"claim {claim.Region} {claim.Month:yyyy-MM} ({claim.Label}): {claim.Status} in {claim.Milliseconds / 1000:0.00} s, {claim.Lines:N0} lines ({claim.OverdueLoans:N0} overdue), interest {claim.InterestDue:N2}, borrowers {claim.BorrowerShare:N2}, subsidy {claim.Subsidy:N2} yuan, host CPU {claim.HostCpuSeconds:0.0} s")
        : string.Create(CultureInfo.InvariantCulture, $"claim {claim.Region} {claim.Month:yyyy-MM} ({claim.Label}): {claim.Error}");

    private static string StatisticsFacts(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        return string.Create(CultureInfo.InvariantCulture,
            $"{root.GetProperty("foundersCumulative").GetInt32():N0} founders, {root.GetProperty("businessesCumulative").GetInt32():N0} businesses, {root.GetProperty("jobsCreated").GetInt32():N0} jobs, {root.GetProperty("loansRunning").GetInt32():N0} loans running ({root.GetProperty("loansOverdue").GetInt32():N0} overdue), {root.GetProperty("loansOutstanding").GetDecimal() / 100_000_000m:0.00} 亿 outstanding, {root.GetProperty("loanAmountCumulative").GetDecimal() / 100_000_000m:0.00} 亿 paid out, {root.GetProperty("loansGranted").GetInt32():N0} granted this year, {root.GetProperty("regions").GetArrayLength()} rows");
    }

    private static string Shorten(Answer answer) => $"{answer.Status} {answer.Body[..Math.Min(300, answer.Body.Length)]}";
}
