namespace Platform.Modules.Platform.Persistence;

/// <summary>A command sent with an <c>Idempotency-Key</c>: in flight, or completed with the response to replay.</summary>
internal sealed class IdempotencyRecord
{
    /// <summary>Keys are per caller: two callers may use the same key.</summary>
    public string Subject { get; set; } = "";

    public string Key { get; set; } = "";

    /// <summary>SHA-256 of method, path, query and body; the same key with another request is refused.</summary>
    public string RequestHash { get; set; } = "";

    public bool Completed { get; set; }

    public int StatusCode { get; set; }

    public string? ContentType { get; set; }

    public byte[]? Body { get; set; }

    public string? Location { get; set; }

    public string? ETag { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
