using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Modules;
using Platform.BuildingBlocks.Persistence;
using Platform.Modules.Insights;
using Platform.Modules.Insights.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Contracts;
using Platform.Modules.TrainingVouchers.Contracts;
using Platform.Modules.VeteranEmployment.Contracts;

namespace Platform.Bench.Insights;

/// <summary>Where the relay's time went in one category of work, over the profiled passes.</summary>
internal sealed record ProfileStep(string Category, int Commands, double Milliseconds, long Rows);

/// <summary>A profile of some relay passes: per pass the deliveries and the wall time, and the SQL time by category.</summary>
internal sealed record RelayProfile(string When, long PendingBefore, IReadOnlyList<(int Deliveries, double Milliseconds)> Passes, IReadOnlyList<ProfileStep> Steps)
{
    public double WallMilliseconds => Passes.Sum(p => p.Milliseconds);

    public int Deliveries => Passes.Sum(p => p.Deliveries);

    /// <summary>What no EF command accounts for: the handler's prepared SQLite statements, JSON, the handler's own work, EF's SQL generation, GC.</summary>
    public double OtherMilliseconds => WallMilliseconds - Steps.Sum(s => s.Milliseconds);
}

/// <summary>The handler's own CPU work on one batch, measured apart (best of three): JSON, <c>EventFacts</c>, <c>CounterDeltas</c>.</summary>
internal sealed record HandlerPieces(int Events, double DeserializeMilliseconds, double FactsMilliseconds, double DeltasMilliseconds);

/// <summary>
/// Runs the host's own <see cref="OutboxRelay"/> in the bench process, wired as the host wires it for this case: the
/// Insights module's services (its context and its eleven batch consumers, <see cref="InsightsModule.AddServices"/>), the
/// producing module's context as a module database, the options of the <c>Outbox</c> section, and stand-ins (that are
/// never handed work) for the host's other consumers (batch or single-delivery) so the relay queries for them as the host
/// does. Every EF command, connection opening and transaction is timed through EF's DiagnosticListener and filed by what
/// its SQL does.
/// </summary>
internal static class RelayProfiler
{
    /// <summary>The other consumers the host registers (VeteranEmploymentModule, ReturnHomeEntrepreneurshipModule), and whether each takes batches.</summary>
    private static readonly (string EventName, string Consumer, bool Batches)[] HostOtherConsumers =
    [
        (TrainingCompleted.Name, "veteran_employment.training_completed", true),
        (BusinessRegistered.Name, "veteran_employment.business_registered", false),
        (VeteranRegistered.Name, "return_home_entrepreneurship.veteran_registered", false),
    ];

    public static async Task<RelayProfile> RunAsync(
        InsightsDatabase database, int consumerBatchSize, int passes, bool veteranDeliveriesPending, string when, long pendingBefore, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(database.Configuration.Append(new("Outbox:ConsumerBatchSize", consumerBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .Build();
        var environment = new BenchHostEnvironment(database.Folder);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConfiguration>(configuration);
        new InsightsModule().AddServices(services, new ModuleContext(configuration, environment, "Insights", HostRunMode.Serve));
        services.AddModuleDbContext<ProducerOutboxContext, ProducerOutboxContextSqlite, ProducerOutboxContextPostgreSql, ProducerOutboxContextPostgreSql>(
            new ModuleContext(configuration, environment, ProducerOutboxContext.Module, HostRunMode.Serve));

        // The veteran module's real consumer is not here: with its deliveries pending, a stand-in would take them.
        foreach (var (eventName, consumer, batches) in HostOtherConsumers.Where(c => !(veteranDeliveriesPending && c.EventName == TrainingCompleted.Name)))
        {
            services.AddSingleton(new IntegrationEventSubscription(
                eventName,
                consumer,
                (_, _, _, _) => throw new InvalidOperationException($"{consumer} is a stand-in of the bench."),
                batches ? (_, _, _) => throw new InvalidOperationException($"{consumer} is a stand-in of the bench.") : null));
        }

        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.SectionName));
        services.AddSingleton<OutboxRelay>();
        await using var provider = services.BuildServiceProvider();
        var relay = provider.GetRequiredService<OutboxRelay>();
        using var timings = new SqlTimings();
        var done = new List<(int, double)>();
        for (var pass = 0; pass < passes; pass++)
        {
            var started = Stopwatch.GetTimestamp();
            var handled = await relay.RunOnceAsync(cancellationToken);
            done.Add((handled, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            if (handled == 0)
            {
                break;
            }
        }

        return new RelayProfile(when, pendingBefore, done, timings.Steps());
    }

    /// <summary>
    /// The pure CPU parts of handling one batch of <paramref name="batchSize"/> payloads of the outbox, apart from the relay:
    /// deserializing them (<see cref="IntegrationEventSerializer"/>), <see cref="EventFacts.From"/>, and
    /// <see cref="CounterDeltas.Add"/> for the indicators counting the event; best of three.
    /// </summary>
    public static async Task<HandlerPieces> PiecesAsync(InsightsDatabase database, int batchSize, CancellationToken cancellationToken)
    {
        List<string> payloads;
        await using (var producer = database.Producer())
        {
            payloads = await producer.OutboxMessages.AsNoTracking().OrderBy(m => m.RecordedAt).Take(batchSize).Select(m => m.Payload).ToListAsync(cancellationToken);
        }

        List<Indicator> indicators;
        await using (var insights = database.Insights())
        {
            indicators = await insights.Indicators.AsNoTracking().Where(i => i.EventName == TrainingCompleted.Name).ToListAsync(cancellationToken);
        }

        var (deserialize, facts, deltas) = (double.MaxValue, double.MaxValue, double.MaxValue);
        var now = DateTimeOffset.UtcNow;
        for (var run = 0; run < 3; run++)
        {
            var started = Stopwatch.GetTimestamp();
            var events = payloads.Select(IntegrationEventSerializer.Deserialize<TrainingCompleted>).ToList();
            deserialize = Math.Min(deserialize, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            started = Stopwatch.GetTimestamp();
            var counted = events.Select(e => EventFacts.From(e, now)).ToList();
            facts = Math.Min(facts, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            started = Stopwatch.GetTimestamp();
            var changes = new CounterDeltas();
            changes.Add(indicators, counted, new Dictionary<(string, string), (DateOnly, string)>());
            deltas = Math.Min(deltas, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return new HandlerPieces(payloads.Count, deserialize, facts, deltas);
    }

    public const string SaveChangesOwnWork = "EF SaveChanges' own work (change detection, command building; its SQL counted above)";

    /// <summary>What a command does, from its SQL (first statement).</summary>
    public static string Classify(string sql, long rows)
    {
        // Unquoted, so SQLite's "counters" and PostgreSQL's insights.counters read alike.
        var text = sql.TrimStart().Replace("\"", "", StringComparison.Ordinal);
        var set = text.IndexOf("SET", StringComparison.Ordinal);
        var where = text.IndexOf("WHERE", StringComparison.Ordinal);
        bool Has(string part) => text.Contains(part, StringComparison.Ordinal);
        if (text.StartsWith("UPDATE", StringComparison.Ordinal) && Has("outbox_deliveries"))
        {
            var assignments = set >= 0 && where > set ? text[set..where] : text;
            return assignments.Contains("Status", StringComparison.Ordinal) ? "relay: mark delivered (or record the outcome)" : "relay: claim (lease update)";
        }

        if (text.StartsWith("SELECT", StringComparison.Ordinal) && Has("outbox_deliveries") && Has("outbox_messages"))
        {
            return "relay: read claimed deliveries with their payloads";
        }

        if (text.StartsWith("SELECT", StringComparison.Ordinal) && Has("outbox_deliveries"))
        {
            return rows > 0 ? "relay: due deliveries of a consumer (found some)" : "relay: due deliveries of a consumer (none: scans for other consumers)";
        }

        if (Has("inbox_records"))
        {
            return text.StartsWith("INSERT", StringComparison.Ordinal) ? "inbox: insert records" : "inbox: handled-already check";
        }

        if (text.StartsWith("SELECT", StringComparison.Ordinal))
        {
            return Has("counted_events") ? "handler: earlier events of the batch's people"
                : Has("counters") ? "handler: stored counters of the batch's days and regions"
                : Has("indicators") ? "handler: indicators of the events"
                : "other query";
        }

        if (text.StartsWith("INSERT", StringComparison.Ordinal) && Has("counted_events"))
        {
            return "handler: insert counted events (new ones returned)";
        }

        if (Has("counters"))
        {
            return "handler: insert / update counters";
        }

        return "other: " + string.Concat(text.Take(40)).ReplaceLineEndings(" ");
    }

    /// <summary>Listens to EF's DiagnosticListener: each command from executing to its reader's disposal, connection openings, transactions.</summary>
    private sealed class SqlTimings : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly object gate = new();
        private readonly IDisposable all;
        private readonly List<IDisposable> subscriptions = [];
        private readonly Dictionary<Guid, (string Sql, long Started)> open = [];
        private readonly Dictionary<string, (int Commands, double Milliseconds, long Rows)> steps = new(StringComparer.Ordinal);

        // The relay runs one unit of work at a time: one SaveChanges open at most.
        private long saveStarted;
        private double sqlDuringSave;

        public SqlTimings() => all = DiagnosticListener.AllListeners.Subscribe(this);

        public IReadOnlyList<ProfileStep> Steps()
        {
            lock (gate)
            {
                return steps.Select(s => new ProfileStep(s.Key, s.Value.Commands, s.Value.Milliseconds, s.Value.Rows)).OrderByDescending(s => s.Milliseconds).ToArray();
            }
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (gate)
                {
                    subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            lock (gate)
            {
                switch (value.Value)
                {
                    case CommandExecutedEventData executed when value.Key == RelationalEventId.CommandExecuted.Name:
                        if (executed.Result is not System.Data.Common.DbDataReader && open.Remove(executed.CommandId, out var command))
                        {
                            Add(Classify(command.Sql, 0), Stopwatch.GetElapsedTime(command.Started).TotalMilliseconds, executed.Result is int affected ? affected : 0);
                        }

                        break;
                    case DataReaderDisposingEventData disposing when value.Key == RelationalEventId.DataReaderDisposing.Name:
                        if (open.Remove(disposing.CommandId, out var reader))
                        {
                            // ReadCount counts the calls to Read, the last one (false) included.
                            var rows = Math.Max(0, disposing.ReadCount - 1);
                            Add(Classify(reader.Sql, rows), Stopwatch.GetElapsedTime(reader.Started).TotalMilliseconds, rows);
                        }

                        break;
                    case CommandErrorEventData failed when value.Key == RelationalEventId.CommandError.Name:
                        open.Remove(failed.CommandId);
                        Add("failed commands", failed.Duration.TotalMilliseconds, 0);
                        break;
                    case CommandEventData executing when value.Key == RelationalEventId.CommandExecuting.Name:
                        open[executing.CommandId] = (executing.Command.CommandText, Stopwatch.GetTimestamp());
                        break;
                    case TransactionEndEventData transaction when value.Key == RelationalEventId.TransactionCommitted.Name:
                        Add("transaction: commit", transaction.Duration.TotalMilliseconds, 0);
                        break;
                    case TransactionEndEventData transaction when value.Key == RelationalEventId.TransactionStarted.Name:
                        Add("transaction: begin", transaction.Duration.TotalMilliseconds, 0);
                        break;
                    case ConnectionEndEventData connection when value.Key == RelationalEventId.ConnectionOpened.Name:
                        Add("connection: open", connection.Duration.TotalMilliseconds, 0);
                        break;
                    case DbContextEventData when value.Key == CoreEventId.SaveChangesStarting.Name:
                        saveStarted = Stopwatch.GetTimestamp();
                        sqlDuringSave = 0;
                        break;
                    case SaveChangesCompletedEventData saved when value.Key == CoreEventId.SaveChangesCompleted.Name && saveStarted != 0:
                        Add(SaveChangesOwnWork, Stopwatch.GetElapsedTime(saveStarted).TotalMilliseconds - sqlDuringSave, saved.EntitiesSavedCount);
                        saveStarted = 0;
                        break;
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            all.Dispose();
            lock (gate)
            {
                foreach (var subscription in subscriptions)
                {
                    subscription.Dispose();
                }
            }
        }

        private void Add(string category, double milliseconds, long rows)
        {
            if (saveStarted != 0 && category != SaveChangesOwnWork)
            {
                sqlDuringSave += milliseconds;
            }

            var (commands, total, read) = steps.GetValueOrDefault(category);
            steps[category] = (commands + 1, total + milliseconds, read + rows);
        }
    }

    private sealed class BenchHostEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "Platform.Bench.Insights";

        public string ContentRootPath { get; set; } = contentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
