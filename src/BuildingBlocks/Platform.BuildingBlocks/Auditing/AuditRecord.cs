namespace Platform.BuildingBlocks.Auditing;

/// <summary>What happened, as a module or the host reports it; who, when and the correlation id are added by the trail.</summary>
/// <param name="Action">The endpoint name of a command (<c>Platform_ReplayDeadLetter</c>) or <c>pii.read</c>.</param>
/// <param name="EntityType">The kind of record acted on.</param>
/// <param name="EntityId">Its identifier.</param>
/// <param name="Outcome">The HTTP status and, for refusals, the problem code (<c>422 vouchers.quota_exceeded</c>).</param>
public sealed record AuditRecord(string Action, string? EntityType, string? EntityId, string Outcome);
