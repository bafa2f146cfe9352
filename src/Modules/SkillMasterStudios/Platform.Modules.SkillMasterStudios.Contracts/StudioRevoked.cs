using Platform.BuildingBlocks.Contracts;

namespace Platform.Modules.SkillMasterStudios.Contracts;

/// <summary>A studio lost its accreditation: revoked by a bureau, for fraud, or after consecutive unqualified years.</summary>
/// <param name="StudioId">The studio.</param>
/// <param name="Level">The level it held.</param>
/// <param name="RegionCode">The GB/T 2260 code of the studio's region.</param>
/// <param name="RevokedOn">The day of revocation (China Standard Time).</param>
/// <param name="Cause"><c>Decision</c> (a bureau's), <c>Fraud</c> (found at assessment) or <c>UnqualifiedYears</c> (automatic).</param>
/// <param name="Reason">The reason recorded.</param>
[IntegrationEventName(Name)]
public sealed record StudioRevoked(
    Guid StudioId,
    string Level,
    string RegionCode,
    DateOnly RevokedOn,
    string Cause,
    string Reason) : IntegrationEvent
{
    /// <summary>The stable event name.</summary>
    public const string Name = "skill_master_studios.studio_revoked.v1";
}
