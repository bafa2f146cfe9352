using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.Platform.Persistence;

namespace Platform.IntegrationTests.Messaging;

/// <summary>
/// A view of a database that a host may "dispose" without dropping it, so several hosts (one after
/// another, or side by side) share one database. The test disposes the real one at its end.
/// </summary>
internal sealed class SharedTestDatabase(TestDatabase database) : TestDatabase
{
    public override DatabaseProvider Provider => database.Provider;

    public override IReadOnlyDictionary<string, string?> Settings => database.Settings;

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Starts hosts with the probe consumers subscribed, and reads the Platform module's outbox and inbox.</summary>
internal static class OutboxHarness
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Starts a real host over <paramref name="database"/> (which it does not drop) with consumers A and B on the Platform context.</summary>
    public static PlatformFactory StartHost(TestDatabase database, bool relayEnabled = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Outbox:RelayEnabled"] = relayEnabled ? "true" : "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new PlatformFactory(new SharedTestDatabase(database), all)
        {
            ConfigureTestServices = services =>
            {
                services.AddIntegrationEventHandler<ProbeHappened, ProbeHandlerA, PlatformDbContext>(ProbeConsumers.A);
                services.AddIntegrationEventHandler<ProbeHappened, ProbeHandlerB, PlatformDbContext>(ProbeConsumers.B);
            },
        };
        try
        {
            factory.StartServer();
        }
        catch
        {
            factory.Dispose();
            throw;
        }

        return factory;
    }

    public static OutboxRelay Relay(PlatformFactory host) =>
        host.Services.GetServices<IHostedService>().OfType<OutboxRelay>().Single();

    /// <summary>Publishes the events through the Platform context and commits them, as a module would.</summary>
    public static async Task PublishAsync(PlatformFactory host, params IEnumerable<ProbeHappened> events)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        foreach (var integrationEvent in events)
        {
            db.Publish(integrationEvent);
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<T> QueryAsync<T>(PlatformFactory host, Func<PlatformDbContext, CancellationToken, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await query(db, TestContext.Current.CancellationToken);
    }

    public static Task<List<OutboxDelivery>> DeliveriesAsync(PlatformFactory host, Guid? messageId = null) =>
        QueryAsync(host, (db, ct) => db.OutboxDeliveries.AsNoTracking()
            .Where(d => messageId == null || d.MessageId == messageId)
            .ToListAsync(ct));

    public static Task<List<InboxRecord>> InboxAsync(PlatformFactory host, Guid? messageId = null) =>
        QueryAsync(host, (db, ct) => db.InboxRecords.AsNoTracking()
            .Where(i => messageId == null || i.MessageId == messageId)
            .ToListAsync(ct));

    /// <summary>
    /// Polls <paramref name="probe"/> every 50 ms until <paramref name="done"/> holds, failing after
    /// <paramref name="timeout"/> with the last value and the host's outbox log lines.
    /// </summary>
    public static async Task<T> EventuallyAsync<T>(
        Func<Task<T>> probe, Func<T, bool> done, string what, PlatformFactory? logsOf = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                var logs = logsOf is null
                    ? ""
                    : string.Join(Environment.NewLine, logsOf.Logs.Lines.Where(l => l.Contains("Outbox", StringComparison.Ordinal)).TakeLast(20));
                Assert.Fail($"Timed out after {limit.TotalSeconds:0.#} s waiting for {what}.{Environment.NewLine}{logs}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public static Task<List<OutboxDelivery>> WaitForDeliveriesAsync(
        PlatformFactory host, Guid messageId, Func<List<OutboxDelivery>, bool> done, string what, TimeSpan? timeout = null) =>
        EventuallyAsync(() => DeliveriesAsync(host, messageId), done, what, host, timeout);
}
