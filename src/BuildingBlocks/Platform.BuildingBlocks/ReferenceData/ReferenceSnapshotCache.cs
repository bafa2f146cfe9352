using Microsoft.Extensions.DependencyInjection;

namespace Platform.BuildingBlocks.ReferenceData;

/// <summary>
/// Reference data read on every request and changed rarely (rules, standards, catalogues), served from
/// an in-memory snapshot of its tables: reloaded after this instance changes them (<see cref="Invalidate"/>)
/// and at most <see cref="MaxAge"/> after another instance did. One load runs at a time; readers in the
/// meantime wait for it rather than each reading the tables.
/// </summary>
/// <typeparam name="TSnapshot">What a load produces.</typeparam>
public abstract class ReferenceSnapshotCache<TSnapshot>(IServiceScopeFactory scopes, TimeProvider time)
    where TSnapshot : class
{
    /// <summary>How stale a snapshot may be when another instance changed the data.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim loading = new(1, 1);
    private (TSnapshot Value, DateTimeOffset LoadedAt)? current;

    /// <summary>Drops the snapshot after this instance changed reference data; the next read reloads it.</summary>
    public void Invalidate() => current = null;

    /// <summary>Reads the tables into a snapshot, within a fresh scope.</summary>
    protected abstract Task<TSnapshot> LoadAsync(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>The current snapshot, loading it when there is none or it is older than <see cref="MaxAge"/>.</summary>
    protected async Task<TSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } fresh)
        {
            return fresh;
        }

        await loading.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } loaded)
            {
                return loaded;
            }

            await using var scope = scopes.CreateAsyncScope();
            var loadedAt = time.GetUtcNow();
            var snapshot = await LoadAsync(scope.ServiceProvider, cancellationToken);
            current = (snapshot, loadedAt);
            return snapshot;
        }
        finally
        {
            loading.Release();
        }
    }

    private TSnapshot? Fresh() =>
        current is { } snapshot && time.GetUtcNow() - snapshot.LoadedAt < MaxAge ? snapshot.Value : null;
}
