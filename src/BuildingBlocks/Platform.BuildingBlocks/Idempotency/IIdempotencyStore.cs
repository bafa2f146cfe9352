namespace Platform.BuildingBlocks.Idempotency;

/// <summary>Where idempotency keys and their first responses are kept (the Platform module's database).</summary>
public interface IIdempotencyStore
{
    /// <summary>Claims the key for this request, or says why it cannot: replay, reused with another request, or still in flight.</summary>
    Task<IdempotencyStart> BeginAsync(string subject, string key, string requestHash, CancellationToken cancellationToken);

    Task CompleteAsync(string subject, string key, IdempotentResponse response, CancellationToken cancellationToken);

    /// <summary>Releases the key of a request that failed on the server, so a retry runs again.</summary>
    Task AbandonAsync(string subject, string key, CancellationToken cancellationToken);
}

/// <summary>What happened when a key was claimed.</summary>
public enum IdempotencyOutcome
{
    Started,
    Replay,
    KeyReused,
    InFlight,
}

public sealed record IdempotencyStart(IdempotencyOutcome Outcome, IdempotentResponse? Response = null);

/// <summary>The first response to a keyed request, replayed to its retries.</summary>
public sealed record IdempotentResponse(int StatusCode, string? ContentType, byte[] Body, string? Location, string? ETag);
