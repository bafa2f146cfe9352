using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Time;
using Platform.Modules.TrainingVouchers.Domain;

namespace Platform.Bench.Vouchers;

/// <summary>The filters of one search, as the body of <c>POST /vouchers/search</c> carries them.</summary>
internal sealed record SearchFilter(
    VoucherStatus? Status = null,
    string? RegionCode = null,
    string? OccupationCode = null,
    SkillLevel? Level = null,
    TraineeGroup? Group = null,
    string? InstitutionCode = null,
    string? HolderIdNumber = null,
    DateOnly? IssuedFrom = null,
    DateOnly? IssuedTo = null,
    string? Cursor = null)
{
    public string ToJson()
    {
        var body = new Dictionary<string, object>(StringComparer.Ordinal);
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                body[name] = value;
            }
        }

        Add("status", Status?.ToString());
        Add("regionCode", RegionCode);
        Add("occupationCode", OccupationCode);
        Add("level", Level?.ToString());
        Add("group", Group?.ToString());
        Add("institutionCode", InstitutionCode);
        Add("holderIdNumber", HolderIdNumber);
        Add("issuedFrom", IssuedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("issuedTo", IssuedTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("cursor", Cursor);
        return JsonSerializer.Serialize(body);
    }

    /// <summary>The filter for a report: the identity number masked, the cursor shortened.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={value}");
            }
        }

        Add("status", Status);
        Add("regionCode", RegionCode);
        Add("occupationCode", OccupationCode);
        Add("level", Level);
        Add("group", Group);
        Add("institutionCode", InstitutionCode);
        Add("holderIdNumber", HolderIdNumber is null ? null : ResidentIdNumber.TryParse(HolderIdNumber, out var id) ? id.Masked : "?");
        Add("issuedFrom", IssuedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("issuedTo", IssuedTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("cursor", Cursor is null ? null : Cursor[..8] + "…");
        return string.Join(", ", parts);
    }
}

/// <summary>The filter mixes the search benchmark cycles through, in this order.</summary>
internal enum SearchMix
{
    CityStatus,
    NextPage,
    OccupationLevel,
    GroupRegion,
    Holder,
    MonthInCity,
    InstitutionStatus,
}

internal sealed record SearchMixResult(SearchMix Mix, string Name, LatencySummary Latency, double AverageItems, SearchFilter Slowest, double SlowestMilliseconds);

internal sealed record SearchResult(
    int WarmUp, LatencySummary Overall, IReadOnlyList<SearchMixResult> Mixes, IReadOnlyDictionary<string, int> Errors, string? FirstError,
    bool BudgetExceeded, TimeSpan Elapsed, CpuUse? Cpu);

internal sealed record CityStatistics(string Code, string Name, double ColdMilliseconds, double WarmMedianMilliseconds, double WarmMaxMilliseconds, int Issued, int Completed, string? Error);

internal sealed record IssueResult(
    int Concurrency, int WarmUpSeconds, int DurationSeconds, long Created, LatencySummary Latency, LatencySummary AllLatency, IReadOnlyDictionary<string, long> Failures,
    string? FirstFailure, IReadOnlyList<long> PerSecond, CpuUse? Cpu)
{
    public double CreatedPerSecond => Created / (double)DurationSeconds;
}

/// <summary>What the request mixes draw from: the generated people and the seeded reference data.</summary>
internal sealed record RequestInputs(Population People, RegionPlan Regions, Catalogue Catalogue, DateOnly LastDay, int Seed);

/// <summary>The three HTTP measurements: search latency, statistics, issue throughput.</summary>
internal static class HttpBenchmarks
{
    public static string MixName(SearchMix mix) => mix switch
    {
        SearchMix.CityStatus => "city + status",
        SearchMix.NextPage => "next page (cursor of city + status)",
        SearchMix.OccupationLevel => "occupation + level",
        SearchMix.GroupRegion => "group + region (county or city)",
        SearchMix.Holder => "holder identity number",
        SearchMix.MonthInCity => "issue month in a city",
        SearchMix.InstitutionStatus => "institution + status",
        _ => mix.ToString(),
    };

    /// <summary>
    /// Sequential searches, one connection, cycling through the mixes; the first <paramref name="warmUp"/>
    /// are not measured. Every answer must be 200; others are counted and reported.
    /// </summary>
    public static async Task<SearchResult> SearchAsync(
        ApiClient client, ServerProcess server, RequestInputs inputs, int warmUp, int measured, TimeSpan budget, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(progress);
        var random = new Random(inputs.Seed + 3);
        var mixes = Enum.GetValues<SearchMix>();
        var latencies = mixes.ToDictionary(m => m, _ => new List<double>());
        var items = mixes.ToDictionary(m => m, _ => 0L);
        var slowest = new Dictionary<SearchMix, (SearchFilter Filter, double Ms)>();
        var errors = new Dictionary<string, int>(StringComparer.Ordinal);
        string? firstError = null;
        SearchFilter? lastCityStatus = null;
        string? lastCursor = null;
        var window = new CpuWindow(() => server.CpuTime, CpuWindow.OwnCpu);
        var clock = Stopwatch.StartNew();
        var measuredClock = new Stopwatch();
        var budgetExceeded = false;
        for (var i = 0; i < warmUp + measured; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i == warmUp)
            {
                window.Begin();
                measuredClock.Start();
                progress($"search warm-up done ({warmUp} requests in {clock.Elapsed.TotalSeconds:0} s); measuring {measured}");
            }

            if (measuredClock.Elapsed > budget)
            {
                budgetExceeded = true;
                progress($"search budget of {budget.TotalSeconds:0} s used up after {i - warmUp} measured requests");
                break;
            }

            var mix = mixes[i % mixes.Length];
            SearchFilter filter;
            if (mix == SearchMix.NextPage)
            {
                if (lastCityStatus is null || lastCursor is null)
                {
                    // The last city + status search had a single page: take a broader first page (not measured).
                    lastCityStatus = new SearchFilter(RegionCode: inputs.Regions.CityTable.Draw(random).Code);
                    var first = await client.PostAsync("/vouchers/search", lastCityStatus.ToJson(), idempotent: false, cancellationToken);
                    lastCursor = first.Status == 200 ? NextCursor(first.Body) : null;
                }

                filter = lastCityStatus with { Cursor = lastCursor };
            }
            else
            {
                filter = NextFilter(mix, inputs, random);
            }

            var answer = await client.PostAsync("/vouchers/search", filter.ToJson(), idempotent: false, cancellationToken);
            if (answer.Status != 200)
            {
                var key = $"{answer.Status} {answer.ProblemCode()}";
                errors[key] = errors.GetValueOrDefault(key) + 1;
                firstError ??= $"{MixName(mix)} ({filter.Describe()}): {answer.Status} {Shorten(answer.Body)}";
                continue;
            }

            if (mix == SearchMix.CityStatus)
            {
                lastCityStatus = filter;
                lastCursor = NextCursor(answer.Body);
            }

            if (i >= warmUp)
            {
                latencies[mix].Add(answer.Milliseconds);
                items[mix] += CountItems(answer.Body);
                if (!slowest.TryGetValue(mix, out var worst) || answer.Milliseconds > worst.Ms)
                {
                    slowest[mix] = (filter, answer.Milliseconds);
                }
            }

            if ((i + 1) % 500 == 0)
            {
                progress($"search {i + 1} of {warmUp + measured}");
            }
        }

        window.End();
        var all = latencies.Values.SelectMany(l => l).ToArray();
        var results = mixes
            .Where(m => latencies[m].Count > 0)
            .Select(m => new SearchMixResult(m, MixName(m), LatencySummary.Of(latencies[m]), (double)items[m] / latencies[m].Count, slowest[m].Filter, slowest[m].Ms))
            .ToArray();
        return new SearchResult(warmUp, LatencySummary.Of(all), results, errors, firstError, budgetExceeded, measuredClock.Elapsed, window.Result(all.Length));
    }

    /// <summary>A realistic filter of the mix, drawn from the generated data.</summary>
    public static SearchFilter NextFilter(SearchMix mix, RequestInputs inputs, Random random)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(random);
        var regions = inputs.Regions;
        var catalogue = inputs.Catalogue;
        switch (mix)
        {
            case SearchMix.CityStatus:
                return new SearchFilter(
                    Status: Pick(random, (VoucherStatus.Issued, 0.15), (VoucherStatus.Enrolled, 0.15), (VoucherStatus.Completed, 0.15), (VoucherStatus.SettlementClaimed, 0.10),
                        (VoucherStatus.SettlementApproved, 0.10), (VoucherStatus.Paid, 0.20), (VoucherStatus.Expired, 0.10), (VoucherStatus.Cancelled, 0.05)),
                    RegionCode: regions.CityTable.Draw(random).Code);
            case SearchMix.OccupationLevel:
                var training = catalogue.AllTrainings.Draw(random);
                return new SearchFilter(OccupationCode: training.OccupationCode, Level: training.Level);
            case SearchMix.GroupRegion:
                var city = regions.CityTable.Draw(random);
                return new SearchFilter(
                    Group: Pick(random, (TraineeGroup.MigrantWorkers, 0.4), (TraineeGroup.RuralLabour, 0.2), (TraineeGroup.CollegeGraduates, 0.1), (TraineeGroup.RegisteredUnemployed, 0.1),
                        (TraineeGroup.PovertyAlleviatedLabour, 0.1), (TraineeGroup.Veterans, 0.05), (TraineeGroup.Returnees, 0.05)),
                    RegionCode: random.NextDouble() < 0.5 ? city.Code : city.CountyTable.Draw(random));
            case SearchMix.Holder:
                return new SearchFilter(HolderIdNumber: inputs.People.IdNumbers[random.Next(inputs.People.Count)]);
            case SearchMix.MonthInCity:
                var months = ((inputs.LastDay.Year - VoucherPlanner.FirstDay.Year) * 12) + inputs.LastDay.Month;
                var from = VoucherPlanner.FirstDay.AddMonths(random.Next(months));
                var to = from.AddMonths(1).AddDays(-1);
                return new SearchFilter(RegionCode: regions.CityTable.Draw(random).Code, IssuedFrom: from, IssuedTo: to < inputs.LastDay ? to : inputs.LastDay);
            case SearchMix.InstitutionStatus:
                var institution = catalogue.Institutions[random.Next(catalogue.Institutions.Count)];
                return new SearchFilter(
                    InstitutionCode: institution.CreditCode,
                    Status: Pick(random, (VoucherStatus.Enrolled, 0.4), (VoucherStatus.Completed, 0.2), (VoucherStatus.SettlementClaimed, 0.2), (VoucherStatus.Paid, 0.2)));
            default:
                throw new ArgumentOutOfRangeException(nameof(mix), mix, "The next page is built from the previous answer.");
        }
    }

    /// <summary>Per city: the first call after the host started (cold), then <paramref name="warmCalls"/> more.</summary>
    public static async Task<IReadOnlyList<CityStatistics>> StatisticsAsync(
        ApiClient client, RegionPlan regions, int warmCalls, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(progress);
        var results = new List<CityStatistics>();
        foreach (var city in regions.Cities)
        {
            var path = $"/statistics?regionCode={city.Code}&from=2025-01-01&to=2025-12-31";
            var cold = await client.GetAsync(path, cancellationToken);
            if (cold.Status != 200)
            {
                results.Add(new CityStatistics(city.Code, city.Name, cold.Milliseconds, double.NaN, double.NaN, 0, 0, $"{cold.Status} {Shorten(cold.Body)}"));
                continue;
            }

            var warm = new List<double>();
            string? error = null;
            for (var i = 0; i < warmCalls; i++)
            {
                var answer = await client.GetAsync(path, cancellationToken);
                if (answer.Status != 200)
                {
                    error ??= $"{answer.Status} {Shorten(answer.Body)}";
                    continue;
                }

                warm.Add(answer.Milliseconds);
            }

            using var document = JsonDocument.Parse(cold.Body);
            var issued = document.RootElement.GetProperty("issued").GetInt32();
            var completed = document.RootElement.GetProperty("completed").GetInt32();
            var summary = LatencySummary.Of(warm);
            results.Add(new CityStatistics(city.Code, city.Name, cold.Milliseconds, summary.P50, summary.Max, issued, completed, error));
            progress($"statistics {city.Name}: cold {cold.Milliseconds:0} ms, warm median {summary.P50:0} ms ({issued:N0} vouchers issued in 2025)");
        }

        return results;
    }

    /// <summary>
    /// Closed loop: <paramref name="concurrency"/> workers, each issuing to a new eligible person as soon as
    /// its previous answer is read. 201s completed inside the measured window count.
    /// </summary>
    public static async Task<IssueResult> IssueAsync(
        ApiClient client, ServerProcess server, RequestInputs inputs, int concurrency, TimeSpan warmUp, TimeSpan duration, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(progress);
        var taken = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        foreach (var id in inputs.People.IdNumbers)
        {
            taken.TryAdd(id, 0);
        }

        var today = ChinaCalendar.DayOf(DateTimeOffset.UtcNow);
        var seconds = (int)Math.Ceiling((warmUp + duration).TotalSeconds) + 1;
        var start = Stopwatch.GetTimestamp();
        var from = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var to = from + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var window = new CpuWindow(() => server.CpuTime, CpuWindow.OwnCpu);
        // A new random start each run: a reused database already holds the people an earlier run issued to.
        var runSeed = Random.Shared.Next();
        var workers = Enumerable.Range(0, concurrency).Select(w => new IssueWorker(inputs, taken, today, seconds, HashCode.Combine(runSeed, w))).ToArray();
        var tasks = workers.Select(w => Task.Run(() => w.RunAsync(client, start, from, to, cancellationToken), CancellationToken.None)).ToArray();
        var marking = Task.Run(
            async () =>
            {
                await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), from) is { Ticks: > 0 } wait ? wait : TimeSpan.Zero, cancellationToken);
                window.Begin();
                progress($"issue warm-up done; measuring {duration.TotalSeconds:0} s");
                await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), to) is { Ticks: > 0 } rest ? rest : TimeSpan.Zero, cancellationToken);
                window.End();
            },
            CancellationToken.None);
        await Task.WhenAll(tasks);
        await marking;

        var failures = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var worker in workers)
        {
            foreach (var (key, count) in worker.Failures)
            {
                failures[key] = failures.GetValueOrDefault(key) + count;
            }
        }

        var created = workers.Sum(w => w.Latencies.Count);
        var perSecond = Enumerable.Range(0, seconds).Select(s => workers.Sum(w => w.PerSecond[s])).ToArray();
        return new IssueResult(
            concurrency, (int)warmUp.TotalSeconds, (int)duration.TotalSeconds, created, LatencySummary.Of(workers.SelectMany(w => w.Latencies)),
            LatencySummary.Of(workers.SelectMany(w => w.AllLatencies)), failures, workers.Select(w => w.FirstFailure).FirstOrDefault(f => f is not null),
            perSecond, window.Result(created));
    }

    private static T Pick<T>(Random random, params (T Item, double Weight)[] choices)
    {
        var target = random.NextDouble() * choices.Sum(c => c.Weight);
        foreach (var (item, weight) in choices)
        {
            target -= weight;
            if (target < 0)
            {
                return item;
            }
        }

        return choices[^1].Item;
    }

    private static string? NextCursor(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("nextCursor", out var cursor) && cursor.ValueKind == JsonValueKind.String ? cursor.GetString() : null;
    }

    private static int CountItems(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("items").GetArrayLength();
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>One closed-loop issuing worker with its own random source and counters.</summary>
    private sealed class IssueWorker(RequestInputs inputs, ConcurrentDictionary<string, byte> taken, DateOnly today, int seconds, int seed)
    {
        private readonly Random random = new(seed);

        public List<double> Latencies { get; } = new(8192);

        public List<double> AllLatencies { get; } = new(8192);

        public Dictionary<string, long> Failures { get; } = new(StringComparer.Ordinal);

        public long[] PerSecond { get; } = new long[seconds];

        public string? FirstFailure { get; private set; }

        public async Task RunAsync(ApiClient client, long start, long from, long to, CancellationToken cancellationToken)
        {
            while (Stopwatch.GetTimestamp() < to)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var body = NextBody();
                int status;
                string key;
                ApiAnswer answer = default;
                try
                {
                    answer = await client.PostAsync("/vouchers", body, idempotent: true, cancellationToken);
                    status = answer.Status;
                    key = status == 201 ? "" : $"{status} {answer.ProblemCode()}";
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    status = 0;
                    key = $"transport: {exception.GetType().Name}: {exception.Message}";
                }

                var done = Stopwatch.GetTimestamp();
                var second = (done - start) / Stopwatch.Frequency;
                if (status == 201 && second < PerSecond.Length)
                {
                    PerSecond[second]++;
                }

                if (done < from || done >= to)
                {
                    continue;
                }

                if (status != 0)
                {
                    AllLatencies.Add(answer.Milliseconds);
                }

                if (status == 201)
                {
                    Latencies.Add(answer.Milliseconds);
                }
                else
                {
                    Failures[key] = Failures.GetValueOrDefault(key) + 1;
                    FirstFailure ??= status == 0 ? key : $"{key}: {Shorten(answer.Body)}";
                }
            }
        }

        /// <summary>A new person aged 20–50, registered in a county of the five cities, a migrant worker with evidence.</summary>
        private string NextBody()
        {
            var regions = inputs.Regions;
            var county = regions.Counties[random.Next(regions.Counties.Count)];
            string id;
            do
            {
                var birth = today.AddYears(-random.Next(20, 50)).AddDays(-random.Next(0, 365));
                id = IdentityNumbers.Make(county, birth, random.Next(1000));
            }
            while (!taken.TryAdd(id, 0));

            var training = inputs.Catalogue.AllTrainings.Draw(random);
            return JsonSerializer.Serialize(new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["identityNumber"] = id,
                ["groups"] = new[] { new Dictionary<string, string>(StringComparer.Ordinal) { ["group"] = "MigrantWorkers", ["evidence"] = $"外出务工证明 WG{random.Next(100_000, 1_000_000)}" } },
                ["occupationCode"] = training.OccupationCode,
                ["level"] = training.Level.ToString(),
                ["regionCode"] = county,
            });
        }
    }
}
