namespace Platform.BuildingBlocks.Messaging;

/// <summary>Wakes this instance's relay when a commit here wrote outbox rows; other instances poll.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim semaphore = new(0, 1);

    public void Notify()
    {
        if (semaphore.CurrentCount == 0)
        {
            try
            {
                semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose() => semaphore.Dispose();
}
