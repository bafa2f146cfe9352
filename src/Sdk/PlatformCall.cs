namespace Platform.Sdk;

/// <summary>
/// Per-call options for the generated clients, which have no parameters for them: an
/// <c>If-Match</c> precondition, a chosen <c>Idempotency-Key</c>, and the ETag and replay flag of the
/// response. Flows with the async call that runs inside it. Begin one scope per call: the scope's
/// key and precondition apply to every request sent inside it, and its ETag and replay flag are
/// those of the last response.
/// <code>
/// using (var call = PlatformCall.Begin(ifMatch: etag))
/// {
///     await api.TrainingVouchers.CancelAsync(id, new ReasonRequest { Reason = "持有人申请取消" });
///     newEtag = call.ResponseETag;
/// }
/// </code>
/// </summary>
public sealed class PlatformCall : IDisposable
{
    private static readonly AsyncLocal<PlatformCall?> Ambient = new();
    private readonly PlatformCall? outer;

    private PlatformCall(string? ifMatch, string? idempotencyKey)
    {
        IfMatch = ifMatch;
        IdempotencyKey = idempotencyKey;
        outer = Ambient.Value;
        Ambient.Value = this;
    }

    internal static PlatformCall? Current => Ambient.Value;

    /// <summary>The ETag the request requires the resource to still have.</summary>
    public string? IfMatch { get; }

    /// <summary>The idempotency key to send; one is generated per call when none is given.</summary>
    public string? IdempotencyKey { get; private set; }

    /// <summary>The ETag of the last response inside this scope.</summary>
    public string? ResponseETag { get; internal set; }

    /// <summary>Whether the platform replayed a stored response for the idempotency key.</summary>
    public bool Replayed { get; internal set; }

    public static PlatformCall Begin(string? ifMatch = null, string? idempotencyKey = null) => new(ifMatch, idempotencyKey);

    internal void RememberKey(string key) => IdempotencyKey ??= key;

    public void Dispose() => Ambient.Value = outer;
}
