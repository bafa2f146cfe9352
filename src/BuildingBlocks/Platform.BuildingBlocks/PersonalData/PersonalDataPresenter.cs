using Platform.BuildingBlocks.Auditing;
using Platform.BuildingBlocks.Security;

namespace Platform.BuildingBlocks.PersonalData;

/// <summary>
/// Turns a stored ciphertext into what a response may show: the value itself for a caller holding
/// <c>pii.read</c> (and that read is audited), the masked form for everyone else.
/// </summary>
public sealed class PersonalDataPresenter(IPersonalDataProtector protector, CallerAccessor callers, IAuditTrail? trail = null)
{
    public async Task<string> PresentAsync(PersonalDataKind kind, string ciphertext, string entityType, string entityId, CancellationToken cancellationToken)
    {
        var value = protector.Decrypt(kind, ciphertext);
        if (!callers.HasPermission(Permissions.PersonalDataRead))
        {
            return kind == PersonalDataKind.ResidentId ? PersonalDataMasking.MaskResidentId(value) : PersonalDataMasking.MaskPhone(value);
        }

        if (trail is not null)
        {
            await trail.RecordAsync(new AuditRecord("pii.read", entityType, entityId, kind.ToString()), cancellationToken);
        }

        return value;
    }
}
