using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.Bench.Veterans;
using Platform.BuildingBlocks.Messaging;
using Platform.Modules.Insights.Persistence.Seeding;
using Platform.Modules.TrainingVouchers.Contracts;

namespace Platform.Bench.Insights;

/// <summary>One catch-up: the backlog written, the host's time to deliver it, the checks, the profiles.</summary>
internal sealed class CatchUpResult
{
    public required int ConsumerBatchSize { get; init; }

    public required int Messages { get; init; }

    public required int ProfileMessages { get; init; }

    public required bool BothConsumers { get; init; }

    public required string Database { get; init; }

    public TimeSpan SetupTime { get; set; }

    public TimeSpan InsertTime { get; set; }

    public long RowsInserted { get; set; }

    public TimeSpan? Ready { get; set; }

    public TimeSpan? FirstDelivered { get; set; }

    /// <summary>From the host process's start to the last Insights delivery marked Delivered.</summary>
    public TimeSpan? AllDelivered { get; set; }

    public TimeSpan Waited { get; set; }

    public long DeliveredAtEnd { get; set; }

    public long VeteranDeliveredAtEnd { get; set; }

    public double HostCpuSeconds { get; set; }

    public double HostPeakMb { get; set; }

    public List<(double Seconds, long Handled)> Timeline { get; } = [];

    public List<string> Checks { get; } = [];

    public int Mismatches { get; set; }

    public RelayProfile? StartProfile { get; set; }

    public RelayProfile? EndProfile { get; set; }

    public HandlerPieces? Pieces { get; set; }

    public string? Size { get; set; }

    public string? Error { get; set; }

    /// <summary>The backlog the host had to deliver (the start profile's share already handled in the bench process).</summary>
    public long HostBacklog => Messages;
}

/// <summary>
/// The catch-up of a backlog in the training vouchers outbox: the host set up on a database of its own and stopped;
/// <c>--outbox</c> TrainingCompleted messages written as a publish writes them (a message row with the serialized payload,
/// one delivery row per subscribed consumer: <c>insights.training_completed</c>, and with <c>--both-consumers</c>
/// <c>veteran_employment.training_completed</c>); a few batches more handled first by the relay in the bench process
/// (profiled); then the host started with <c>Outbox__ConsumerBatchSize</c> and timed until every Insights delivery is
/// Delivered, polling the tables with SQL; the counters checked against the events; a last profile on the full tables.
/// </summary>
internal static class CatchUp
{
    public const string InsightsConsumer = "insights.training_completed";
    public const string VeteranConsumer = "veteran_employment.training_completed";

    private const int MainStream = 100;
    private const int StartProfileStream = 101;
    private const int EndProfileStream = 102;

    public static async Task<CatchUpResult> RunAsync(
        InsightsDatabase database, InsightsBenchState keys, int consumerBatchSize, InsightsBenchOptions options, string hostDll, DateOnly today, Action<string> progress,
        CancellationToken cancellationToken)
    {
        var profileMessages = options.ProfileBatches * consumerBatchSize;
        var result = new CatchUpResult
        {
            ConsumerBatchSize = consumerBatchSize,
            Messages = options.Outbox,
            ProfileMessages = profileMessages,
            BothConsumers = options.BothConsumers,
            Database = database.Description,
        };
        var environment = new Dictionary<string, string>(database.HostEnvironment.Concat(keys.KeyEnvironment), StringComparer.Ordinal);
        var readyTimeout = TimeSpan.FromSeconds(options.ReadyTimeoutSeconds);
        progress($"catch-up ×{consumerBatchSize}: setup, {database.Description}");
        await using (var setup = ServerProcess.Start(options.DotnetPath, new AppSpec("host", hostDll, "/health/ready", environment)))
        {
            result.SetupTime = await setup.WaitReadyAsync(readyTimeout, cancellationToken);
            await setup.StopAsync(TimeSpan.FromSeconds(15));
        }

        // The events: trainings completed over the last --outbox-days days, by the progress data's voucher model.
        var expected = new Expected();
        var geography = new Geography(Platform.BuildingBlocks.Identity.RegionCatalog.LoadEmbedded(), keys.Seed);
        var generator = new EventGenerator(
            new EventCalendar(today.AddDays(1 - options.OutboxDays), today), geography, new People(keys.Protector(), geography.Counties), keys.Seed, expected, new GenerationFacts())
        {
            TraineePool = Math.Max(1, (long)((options.Outbox + profileMessages) * 0.8)),
        };

        var written = Stopwatch.StartNew();
        var recordedAt = DateTimeOffset.UtcNow.AddMinutes(-30);
        result.RowsInserted = await WriteBacklogAsync(
            database, options, [(generator.RecentTrainings(profileMessages, StartProfileStream), false), (generator.RecentTrainings(options.Outbox, MainStream), options.BothConsumers)],
            recordedAt, progress, cancellationToken);
        written.Stop();
        result.InsertTime = written.Elapsed;
        var total = (long)options.Outbox + profileMessages;
        progress(string.Create(CultureInfo.InvariantCulture, $"catch-up ×{consumerBatchSize}: {total:N0} messages and {result.RowsInserted - total:N0} deliveries written in {written.Elapsed.TotalSeconds:0.0} s"));

        if (options.ProfileBatches > 0)
        {
            result.StartProfile = await RelayProfiler.RunAsync(database, consumerBatchSize, options.ProfileBatches, options.BothConsumers, "at the start", total, cancellationToken);
            progress(Describe(result.StartProfile, consumerBatchSize));
            result.Pieces = await RelayProfiler.PiecesAsync(database, consumerBatchSize, cancellationToken);
        }

        var handledBefore = await HandledAsync(database, cancellationToken);
        environment["Outbox__ConsumerBatchSize"] = consumerBatchSize.ToString(CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        await using (var server = ServerProcess.Start(options.DotnetPath, new AppSpec("host", hostDll, "/health/ready", environment)))
        {
            var ready = server.WaitReadyAsync(readyTimeout, cancellationToken);
            var timeout = TimeSpan.FromSeconds(options.CatchUpTimeoutSeconds);
            var lastReport = TimeSpan.Zero;
            while (true)
            {
                await Task.Delay(500, cancellationToken);
                if (ready.IsCompleted && result.Ready is null)
                {
                    result.Ready = await ready;
                }

                var handled = await HandledAsync(database, cancellationToken) - handledBefore;
                var elapsed = clock.Elapsed;
                result.Timeline.Add((elapsed.TotalSeconds, handled));
                if (handled > 0 && result.FirstDelivered is null)
                {
                    result.FirstDelivered = elapsed;
                }

                if (elapsed - lastReport > TimeSpan.FromSeconds(10))
                {
                    lastReport = elapsed;
                    progress(string.Create(CultureInfo.InvariantCulture, $"catch-up ×{consumerBatchSize}: {handled:N0} of {options.Outbox:N0} handled after {elapsed.TotalSeconds:0} s ({handled / Math.Max(0.001, elapsed.TotalSeconds):N0}/s since the start)"));
                }

                if (handled >= options.Outbox)
                {
                    // Handled (inbox committed); the relay marks the deliveries right after its transaction.
                    while (await DeliveredAsync(database, InsightsConsumer, cancellationToken) < total && clock.Elapsed < timeout)
                    {
                        await Task.Delay(100, cancellationToken);
                    }

                    result.AllDelivered = clock.Elapsed;
                    break;
                }

                if (elapsed > timeout)
                {
                    result.Error = string.Create(CultureInfo.InvariantCulture, $"not caught up within --catch-up-timeout {options.CatchUpTimeoutSeconds} s: {handled:N0} of {options.Outbox:N0} handled");
                    break;
                }
            }

            result.Waited = clock.Elapsed;
            result.HostCpuSeconds = server.CpuTime.TotalSeconds;
            result.HostPeakMb = server.ReadMemory().PeakRssMb;
            if (result.Ready is null && ready.IsCompleted)
            {
                result.Ready = await ready;
            }

            await server.StopAsync(TimeSpan.FromSeconds(30));
        }

        progress(result.AllDelivered is { } all
            ? string.Create(CultureInfo.InvariantCulture, $"catch-up ×{consumerBatchSize}: all {options.Outbox:N0} delivered {all.TotalSeconds:0.0} s after the host started ({options.Outbox / all.TotalSeconds:N0}/s)")
            : $"catch-up ×{consumerBatchSize}: {result.Error}");
        await VerifyAsync(database, result, expected, total, cancellationToken);
        if (options.ProfileBatches > 0 && result.AllDelivered is not null)
        {
            var more = await WriteBacklogAsync(database, options, [(generator.RecentTrainings(profileMessages, EndProfileStream), false)], DateTimeOffset.UtcNow.AddMinutes(-1), progress, cancellationToken);
            result.EndProfile = await RelayProfiler.RunAsync(database, consumerBatchSize, options.ProfileBatches, options.BothConsumers, "at the end", more / 2, cancellationToken);
            progress(Describe(result.EndProfile, consumerBatchSize));
        }

        result.Size = await database.SizeAsync([(InsightsDatabase.ProducerSchema, ["outbox_messages", "outbox_deliveries"]), (InsightsDatabase.InsightsSchema, ["counted_events", "counters", "inbox_records"])], cancellationToken);
        return result;
    }

    public static string Describe(RelayProfile profile, int batchSize) =>
        string.Create(CultureInfo.InvariantCulture,
            $"relay profile {profile.When} (×{batchSize}): {profile.Deliveries:N0} deliveries in {profile.Passes.Count} passes, {profile.WallMilliseconds:N0} ms ({profile.WallMilliseconds / Math.Max(1, profile.Passes.Count):N0} ms a pass); {string.Join("; ", profile.Steps.Take(4).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Category} {s.Milliseconds:N0} ms")))}");

    /// <summary>
    /// Writes the messages of each source with one delivery per subscribed consumer (the outbox interceptor's rows),
    /// the secondary indexes of the outbox tables dropped before and rebuilt after; returns the rows written.
    /// </summary>
    private static async Task<long> WriteBacklogAsync(
        InsightsDatabase database, InsightsBenchOptions options, IReadOnlyList<(IEnumerable<TrainingCompleted> Events, bool Veteran)> sources, DateTimeOffset recordedFrom,
        Action<string> progress, CancellationToken cancellationToken)
    {
        string[] tables = ["outbox_messages", "outbox_deliveries"];
        await using var db = database.Producer();
        var indexes = await database.BeforeLoadAsync(db, InsightsDatabase.ProducerSchema, tables, cancellationToken);
        var messages = new BulkWriter<OutboxMessage>(db, options.RowsPerInsert);
        var deliveries = new BulkWriter<OutboxDelivery>(db, options.RowsPerInsert);
        var name = IntegrationEventNames.Of<TrainingCompleted>();
        var at = recordedFrom;
        long rows = 0;
        foreach (var (events, veteran) in sources)
        {
            foreach (var chunk in events.Chunk(Math.Min(options.Batch, 20_000)))
            {
                var batch = new List<OutboxMessage>(chunk.Length);
                var batchDeliveries = new List<OutboxDelivery>(chunk.Length * 2);
                foreach (var generated in chunk)
                {
                    // Published in the order recorded: the event's id is made then (a version 7 GUID, as IntegrationEvent makes it).
                    at = at.AddTicks(10);
                    var e = generated with { EventId = Guid.CreateVersion7(at) };
                    batch.Add(new OutboxMessage { Id = e.EventId, EventName = name, Payload = IntegrationEventSerializer.Serialize(e), OccurredAt = e.OccurredAt, RecordedAt = at });
                    batchDeliveries.Add(Delivery(e.EventId, InsightsConsumer, at));
                    if (veteran)
                    {
                        batchDeliveries.Add(Delivery(e.EventId, VeteranConsumer, at));
                    }
                }

                await messages.WriteAsync(batch, cancellationToken);
                await deliveries.WriteAsync(batchDeliveries, cancellationToken);
                rows += batch.Count + batchDeliveries.Count;
            }
        }

        await database.AfterLoadAsync(db, InsightsDatabase.ProducerSchema, tables, indexes, _ => { }, cancellationToken);
        progress(string.Create(CultureInfo.InvariantCulture, $"catch-up: {rows:N0} outbox rows written"));
        return rows;

        static OutboxDelivery Delivery(Guid message, string consumer, DateTimeOffset at) => new()
        {
            Id = Guid.CreateVersion7(at),
            MessageId = message,
            Consumer = consumer,
            Status = DeliveryStatus.Pending,
            Attempts = 0,
            NextAttemptAt = at,
        };
    }

    /// <summary>Deliveries the Insights consumer has handled: its counted events, its own inbox (SQLite: the last rowid, cheap; PostgreSQL: a count).</summary>
    private static Task<long> HandledAsync(InsightsDatabase database, CancellationToken cancellationToken) =>
        database.ScalarAsync(
            InsightsDatabase.InsightsSchema,
            database.IsPostgres ? $"SELECT count(*) FROM {database.Table(InsightsDatabase.InsightsSchema, "counted_events")}" : "SELECT coalesce(max(rowid), 0) FROM counted_events",
            cancellationToken);

    private static Task<long> DeliveredAsync(InsightsDatabase database, string consumer, CancellationToken cancellationToken) =>
        database.ScalarAsync(
            InsightsDatabase.ProducerSchema,
            $"SELECT count(*) FROM {database.Table(InsightsDatabase.ProducerSchema, "outbox_deliveries")} WHERE \"Consumer\" = '{consumer}' AND \"Status\" = {(int)DeliveryStatus.Delivered}",
            cancellationToken);

    /// <summary>Every delivery delivered once, every event counted once, the counters equal to the events' tallies.</summary>
    private static async Task VerifyAsync(InsightsDatabase database, CatchUpResult result, Expected expected, long total, CancellationToken cancellationToken)
    {
        void Check(bool ok, string text)
        {
            result.Checks.Add(ok ? text : $"**{text}**");
            result.Mismatches += ok ? 0 : 1;
        }

        var deliveries = database.Table(InsightsDatabase.ProducerSchema, "outbox_deliveries");
        var delivered = await DeliveredAsync(database, InsightsConsumer, cancellationToken);
        result.DeliveredAtEnd = delivered;
        Check(delivered == total, string.Create(CultureInfo.InvariantCulture, $"{delivered:N0} of {total:N0} Insights deliveries Delivered"));
        var retried = await database.ScalarAsync(InsightsDatabase.ProducerSchema, $"SELECT count(*) FROM {deliveries} WHERE \"Consumer\" = '{InsightsConsumer}' AND (\"Attempts\" > 1 OR \"Status\" = {(int)DeliveryStatus.DeadLettered})", cancellationToken);
        Check(retried == 0, string.Create(CultureInfo.InvariantCulture, $"{retried:N0} Insights deliveries retried or dead-lettered"));
        if (result.BothConsumers)
        {
            result.VeteranDeliveredAtEnd = await DeliveredAsync(database, VeteranConsumer, cancellationToken);
            result.Checks.Add(string.Create(CultureInfo.InvariantCulture, $"{result.VeteranDeliveredAtEnd:N0} of {result.Messages:N0} veteran employment deliveries Delivered when Insights was done (a batch consumer too: the relay hands out the oldest due deliveries of both)"));
        }

        await using var db = database.Insights();
        var events = await db.Events.LongCountAsync(cancellationToken);
        Check(events == total, string.Create(CultureInfo.InvariantCulture, $"{events:N0} counted events for {total:N0} messages"));
        var inbox = await db.InboxRecords.LongCountAsync(r => r.Consumer == InsightsConsumer, cancellationToken);
        Check(inbox == 0, string.Create(CultureInfo.InvariantCulture, $"{inbox:N0} inbox records of {InsightsConsumer} (its counted events are its inbox)"));
        foreach (var indicator in new[] { SeedIndicators.SubsidisedTrainings, SeedIndicators.MigrantWorkerTrainings, SeedIndicators.VeteransTrained })
        {
            foreach (var province in new[] { "510000", "500000" })
            {
                var counted = await db.Counters.Where(c => c.IndicatorCode == indicator && c.RegionCode == province).SumAsync(c => c.Value, cancellationToken);
                var want = expected.Sum(indicator, province, 2000, 2099);
                Check(counted == want, string.Create(CultureInfo.InvariantCulture, $"{indicator} counted in {province}: {counted:N0}, events {want:N0}"));
            }
        }

        var counters = await db.Counters.LongCountAsync(cancellationToken);
        result.Checks.Add(string.Create(CultureInfo.InvariantCulture, $"{counters:N0} counter rows"));
    }
}
