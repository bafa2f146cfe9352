using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Platform.IntegrationTests.Scoping;

/// <summary>
/// Lets a test stop one probe request between reading a case and saving it, so another request can
/// change the case meanwhile: a lost race on demand. A request is held when it names a hold the
/// test created in the <see cref="Header"/> header; any other request runs straight through.
/// </summary>
internal sealed class ProbeHolds
{
    public const string Header = "X-Scope-Probe-Hold";

    private readonly ConcurrentDictionary<string, ProbeHold> holds = new(StringComparer.Ordinal);

    public ProbeHold Create()
    {
        var hold = new ProbeHold(Guid.NewGuid().ToString("N"));
        holds[hold.Key] = hold;
        return hold;
    }

    /// <summary>Waits, once, until the test releases the hold the request names.</summary>
    public async Task PauseIfHeldAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (http.Request.Headers.TryGetValue(Header, out var key) && holds.TryRemove(key.ToString(), out var hold))
        {
            await hold.HoldAsync(cancellationToken);
        }
    }
}

/// <summary>One held request: the test waits for it to arrive, changes the record, then releases it.</summary>
internal sealed class ProbeHold(string key)
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Key { get; } = key;

    /// <summary>Completes when the held request has read the record and waits to save it.</summary>
    public Task Reached => reached.Task;

    public void Release() => released.TrySetResult();

    internal async Task HoldAsync(CancellationToken cancellationToken)
    {
        reached.TrySetResult();
        await released.Task.WaitAsync(cancellationToken);
    }
}
