namespace Platform.Modules.Platform.Persistence;

/// <summary>One link of the audit chain. Never updated or deleted; <see cref="Hash"/> covers every field and the previous hash.</summary>
internal sealed class AuditEntry
{
    /// <summary>Position in the chain, from 1 without gaps.</summary>
    public long Sequence { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public string Subject { get; set; } = "";

    public string Roles { get; set; } = "";

    public string Region { get; set; } = "";

    public string Action { get; set; } = "";

    public string? EntityType { get; set; }

    public string? EntityId { get; set; }

    public string Outcome { get; set; } = "";

    public string CorrelationId { get; set; } = "";

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";
}
