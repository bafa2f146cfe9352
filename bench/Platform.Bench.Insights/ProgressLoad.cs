using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Platform.Bench.Veterans;
using Platform.Modules.Insights.Domain;
using Platform.Modules.VeteranEmployment.Contracts;

namespace Platform.Bench.Insights;

/// <summary>How the load went.</summary>
internal sealed record LoadResult(
    long Events, long Counters, IReadOnlyDictionary<string, long> CountersByIndicator, TimeSpan Generating, TimeSpan Counting, TimeSpan Inserting, TimeSpan Indexing,
    TimeSpan Elapsed, double PeakWorkingSetMb, string Method, string AfterLoad);

/// <summary>
/// Fills <c>counted_events</c> with the generated events as the module keeps them (<see cref="EventFacts.From"/>) and
/// <c>counters</c> with what the module's own <see cref="CounterDeltas"/> makes of them: one event kind at a time, one
/// <see cref="CounterDeltas"/> per indicator counting that kind, fed batch by batch as the events are generated and
/// written; when the kind is done, its indicators' counters are written (in key order) and dropped, so memory holds at
/// most the counters of one kind's indicators. Generation and counting run on a thread of their own, one batch ahead
/// of the inserts.
/// </summary>
internal static class ProgressLoad
{
    public static readonly string[] Tables = ["counted_events", "counters"];

    private static readonly IReadOnlyDictionary<(string Indicator, string Person), (DateOnly Day, string Region)> NothingCounted =
        new Dictionary<(string, string), (DateOnly, string)>();

    public static async Task<LoadResult> RunAsync(
        InsightsDatabase database, EventGenerator generator, IReadOnlyList<Indicator> indicators, InsightsBenchOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var plan = EventGenerator.Plan(options.Events);
        generator.TraineePool = Math.Max(1, (long)(plan.First(p => p.Kind.Name == Platform.Modules.TrainingVouchers.Contracts.VoucherIssued.Name).Count * 0.7));
        var registered = plan.First(p => p.Kind.Name == VeteranRegistered.Name).Count;
        await using var db = database.Insights();
        var indexes = await database.BeforeLoadAsync(db, InsightsDatabase.InsightsSchema, Tables, cancellationToken);
        progress($"load: dropped {indexes.Count} secondary indexes of {string.Join(", ", Tables)}");
        var eventWriter = new BulkWriter<CountedEvent>(db, options.RowsPerInsert);
        var counterWriter = new BulkWriter<Counter>(db, options.RowsPerInsert);
        var countersByIndicator = new Dictionary<string, long>(StringComparer.Ordinal);
        var generating = new Stopwatch();
        var counting = new Stopwatch();
        var items = Channel.CreateBounded<LoadItem>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    foreach (var (kind, count) in plan)
                    {
                        var counted = indicators.Where(i => i.EventName == kind.Name).ToArray();
                        var deltas = counted.ToDictionary(i => i.Code, _ => new CounterDeltas(), StringComparer.Ordinal);
                        var batch = new List<CountedEvent>(options.Batch);
                        generating.Start();
                        foreach (var integrationEvent in generator.Generate(kind, count, registered))
                        {
                            batch.Add(EventFacts.From(integrationEvent, Received(integrationEvent)));
                            if (batch.Count == options.Batch)
                            {
                                generating.Stop();
                                Count(counted, deltas, batch, counting);
                                await items.Writer.WriteAsync(new LoadItem(kind.Label, batch, null, null), cancellationToken);
                                batch = new List<CountedEvent>(options.Batch);
                                generating.Start();
                            }
                        }

                        generating.Stop();
                        Count(counted, deltas, batch, counting);
                        await items.Writer.WriteAsync(new LoadItem(kind.Label, batch, null, null), cancellationToken);
                        foreach (var indicator in counted)
                        {
                            counting.Start();
                            var rows = deltas[indicator.Code].Changes
                                .Where(c => c.Value != 0m)
                                .OrderBy(c => c.Key.Region, StringComparer.Ordinal).ThenBy(c => c.Key.Day)
                                .Select(c => new Counter { IndicatorCode = indicator.Code, RegionCode = c.Key.Region, Day = c.Key.Day, Value = c.Value })
                                .ToList();
                            deltas.Remove(indicator.Code);
                            counting.Stop();
                            countersByIndicator[indicator.Code] = rows.Count;
                            foreach (var chunk in rows.Chunk(options.Batch))
                            {
                                await items.Writer.WriteAsync(new LoadItem(kind.Label, null, chunk, indicator.Code), cancellationToken);
                            }
                        }
                    }

                    items.Writer.Complete();
                }
                catch (Exception exception)
                {
                    items.Writer.Complete(exception);
                }
            },
            cancellationToken);

        var inserting = new Stopwatch();
        long events = 0;
        long counters = 0;
        var lastReport = TimeSpan.Zero;
        var peak = 0.0;
        await foreach (var item in items.Reader.ReadAllAsync(cancellationToken))
        {
            inserting.Start();
            if (item.Events is { } batch)
            {
                await eventWriter.WriteAsync(batch, cancellationToken);
                events += batch.Count;
            }
            else if (item.Counters is { } rows)
            {
                await counterWriter.WriteAsync(rows, cancellationToken);
                counters += rows.Length;
            }

            inserting.Stop();
            peak = Math.Max(peak, Environment.WorkingSet / 1048576.0);
            if (total.Elapsed - lastReport > TimeSpan.FromSeconds(10))
            {
                lastReport = total.Elapsed;
                progress(string.Create(CultureInfo.InvariantCulture,
                    $"load: {item.Kind}, {events:N0} of {options.Events:N0} events, {counters:N0} counters ({(events + counters) / Math.Max(0.001, inserting.Elapsed.TotalSeconds):N0} rows/s inserting; {generating.Elapsed.TotalSeconds:0.0} s generating, {counting.Elapsed.TotalSeconds:0.0} s counting, {inserting.Elapsed.TotalSeconds:0.0} s inserting; working set {peak:N0} MB)"));
            }
        }

        await producer;
        progress(string.Create(CultureInfo.InvariantCulture, $"load: {events:N0} events and {counters:N0} counters written in {inserting.Elapsed.TotalSeconds:0.0} s of inserting; rebuilding the indexes"));
        var indexing = Stopwatch.StartNew();
        var afterLoad = await database.AfterLoadAsync(db, InsightsDatabase.InsightsSchema, Tables, indexes, progress, cancellationToken);
        indexing.Stop();

        // The rows must read back through the model as the host reads them (ids, days, amounts, instants).
        await using var check = database.Insights();
        var storedEvents = await check.Events.LongCountAsync(cancellationToken);
        var storedCounters = await check.Counters.LongCountAsync(cancellationToken);
        var sample = await check.Events.AsNoTracking().OrderBy(e => e.EventId).FirstOrDefaultAsync(cancellationToken);
        if (storedEvents != events || storedCounters != counters || sample is null || sample.ReceivedAt.Year < 2021 || sample.RegionCode.Length != 6)
        {
            throw new BenchFailureException($"The data does not read back through EF as written: {storedEvents:N0} events and {storedCounters:N0} counters stored, {events:N0} and {counters:N0} written; first event {sample?.EventName} {sample?.Day} {sample?.RegionCode} {sample?.ReceivedAt:O}.");
        }

        progress(string.Create(CultureInfo.InvariantCulture, $"load: read back through EF: {storedEvents:N0} events, {storedCounters:N0} counters"));
        var method = database.IsPostgres
            ? "binary `COPY … FROM STDIN` through Npgsql on the provider context's connection, one COPY per batch"
            : string.Create(CultureInfo.InvariantCulture, $"prepared multi-row `INSERT … VALUES (…), (…)` ({options.RowsPerInsert} rows per statement at most) with parameters on the provider context's connection, one transaction per batch of {options.Batch:N0} rows; `journal_mode=OFF, synchronous=OFF`, 1 GB page cache on that connection, the journal back to WAL afterwards");
        total.Stop();
        return new LoadResult(
            events, counters, countersByIndicator, generating.Elapsed, counting.Elapsed, inserting.Elapsed, indexing.Elapsed, total.Elapsed, peak,
            method + "; secondary indexes dropped before and rebuilt after (definitions read from the catalogue); columns and value conversions from the context's EF model (the veterans benchmark's `BulkWriter`)",
            afterLoad);
    }

    /// <summary>When the module received the event: a few seconds after it occurred (the relay's delay).</summary>
    public static DateTimeOffset Received(Platform.BuildingBlocks.Contracts.IntegrationEvent integrationEvent) =>
        integrationEvent.OccurredAt.AddSeconds(2 + (integrationEvent.EventId.GetHashCode() & 31));

    private static void Count(Indicator[] indicators, Dictionary<string, CounterDeltas> deltas, List<CountedEvent> batch, Stopwatch counting)
    {
        counting.Start();
        foreach (var indicator in indicators)
        {
            deltas[indicator.Code].Add([indicator], batch, NothingCounted);
        }

        counting.Stop();
    }

    private sealed record LoadItem(string Kind, List<CountedEvent>? Events, Counter[]? Counters, string? Indicator);
}
