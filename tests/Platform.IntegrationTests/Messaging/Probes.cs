using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Contracts;
using Platform.BuildingBlocks.Messaging;

namespace Platform.IntegrationTests.Messaging;

/// <summary>The test event. Its label starts with the id of the <see cref="ProbeRun"/> that published it.</summary>
[IntegrationEventName(ProbeHappened.Name)]
public sealed record ProbeHappened(string Label) : IntegrationEvent
{
    public const string Name = "tests.probe_happened.v1";
}

/// <summary>An event no consumer subscribes to.</summary>
[IntegrationEventName(ProbeIgnored.Name)]
public sealed record ProbeIgnored(string Label) : IntegrationEvent
{
    public const string Name = "tests.probe_ignored.v1";
}

/// <summary>The consumer names the probe handlers subscribe under.</summary>
internal static class ProbeConsumers
{
    public const string A = "tests.consumer_a";

    public const string B = "tests.consumer_b";

    public static readonly string[] All = [A, B];
}

/// <summary>
/// What one test's handlers did. Handlers find their run through the event label, so tests running
/// in parallel (each on its own database) never see each other's invocations.
/// </summary>
internal sealed class ProbeRun : IDisposable
{
    private static readonly ConcurrentDictionary<string, ProbeRun> Runs = new(StringComparer.Ordinal);

    private readonly ConcurrentQueue<(string Consumer, Guid EventId)> handled = new();
    private readonly ConcurrentDictionary<string, int> handledByInstance = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Consumer, Guid EventId)> failed = new();
    private readonly ConcurrentDictionary<string, bool> failing = new(StringComparer.Ordinal);
    private volatile ProbeGate? gate;

    private ProbeRun() => Id = Guid.NewGuid().ToString("N");

    public string Id { get; }

    public static ProbeRun Start()
    {
        var run = new ProbeRun();
        Runs[run.Id] = run;
        return run;
    }

    public static ProbeRun? Find(string label)
    {
        var separator = label.IndexOf(':', StringComparison.Ordinal);
        return separator > 0 && Runs.TryGetValue(label[..separator], out var run) ? run : null;
    }

    public ProbeHappened NewEvent(string name) => new($"{Id}:{name}");

    /// <summary>Makes <paramref name="consumer"/>'s handler throw (or stop throwing) for this run's events.</summary>
    public void SetFailing(string consumer, bool fail) => failing[consumer] = fail;

    /// <summary>Holds the next handling dispatched by relay <paramref name="instance"/> until the gate is released.</summary>
    public ProbeGate HoldNextHandlingIn(string instance) => gate = new ProbeGate(instance);

    public async Task HandleAsync(string consumer, ProbeHappened integrationEvent, string instance, CancellationToken cancellationToken)
    {
        if (gate is { } held && held.TryEnter(instance))
        {
            await held.WaitForReleaseAsync(cancellationToken);
        }

        if (failing.TryGetValue(consumer, out var fail) && fail)
        {
            failed.Enqueue((consumer, integrationEvent.EventId));
            throw new InvalidOperationException($"Probe consumer {consumer} is set to fail.");
        }

        handled.Enqueue((consumer, integrationEvent.EventId));
        handledByInstance.AddOrUpdate(instance, 1, static (_, count) => count + 1);
    }

    public IReadOnlyList<(string Consumer, Guid EventId)> Handled => handled.ToArray();

    /// <summary>How many handlings each relay instance dispatched.</summary>
    public IReadOnlyDictionary<string, int> HandledByInstance => new Dictionary<string, int>(handledByInstance, StringComparer.Ordinal);

    public int HandledCount(string consumer, Guid eventId) => handled.Count(h => h.Consumer == consumer && h.EventId == eventId);

    public int FailedCount(string consumer, Guid eventId) => failed.Count(f => f.Consumer == consumer && f.EventId == eventId);

    public int FailureCount => failed.Count;

    public void Dispose() => Runs.TryRemove(Id, out _);
}

/// <summary>Stops one handling in one relay instance until the test lets it go.</summary>
internal sealed class ProbeGate(string instance)
{
    private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int used;

    /// <summary>Completes when a handling is being held.</summary>
    public Task Entered => entered.Task;

    public bool TryEnter(string candidate)
    {
        if (candidate != instance || Interlocked.Exchange(ref used, 1) != 0)
        {
            return false;
        }

        entered.SetResult();
        return true;
    }

    public Task WaitForReleaseAsync(CancellationToken cancellationToken) => released.Task.WaitAsync(cancellationToken);

    public void Release() => released.TrySetResult();
}

/// <summary>Records the delivery in the run the event belongs to; throws when the run says so.</summary>
internal abstract class ProbeHandler(string consumer, IServiceProvider services) : IIntegrationEventHandler<ProbeHappened>
{
    public async Task HandleAsync(ProbeHappened integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var run = ProbeRun.Find(integrationEvent.Label)
            ?? throw new InvalidOperationException($"No probe run for '{integrationEvent.Label}'.");
        var relay = services.GetServices<IHostedService>().OfType<OutboxRelay>().SingleOrDefault();
        await run.HandleAsync(consumer, integrationEvent, relay?.InstanceId ?? "no relay", cancellationToken);
    }
}

internal sealed class ProbeHandlerA(IServiceProvider services) : ProbeHandler(ProbeConsumers.A, services);

internal sealed class ProbeHandlerB(IServiceProvider services) : ProbeHandler(ProbeConsumers.B, services);
