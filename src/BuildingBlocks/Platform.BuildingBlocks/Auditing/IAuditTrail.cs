namespace Platform.BuildingBlocks.Auditing;

/// <summary>
/// The append-only, hash-chained record of every state-changing command and every unmasked read of
/// personal data. Held by the Platform module; every module writes to it through this interface.
/// </summary>
public interface IAuditTrail
{
    Task RecordAsync(AuditRecord record, CancellationToken cancellationToken);
}
