using Platform.BuildingBlocks.Contracts;

namespace Platform.Modules.SkillMasterStudios.Contracts;

/// <summary>
/// A studio was accredited at a level: a new studio, an upgrade to a higher level or a renewal for a
/// new term. Other modules (insights) count studios per level and region from it.
/// </summary>
/// <param name="StudioId">The studio.</param>
/// <param name="AccreditationId">The accreditation (one per level and term).</param>
/// <param name="Kind">Why: <c>New</c>, <c>Upgrade</c> or <c>Renewal</c>.</param>
/// <param name="Level">The level accredited: <c>Municipal</c>, <c>Provincial</c> or <c>National</c>.</param>
/// <param name="PreviousLevel">The level held before an upgrade; null for a new studio.</param>
/// <param name="HostCode">The host organisation's unified social credit code.</param>
/// <param name="LeadMasterBlindIndex">The lead master's identity number as a keyed hash (blind index).</param>
/// <param name="OccupationCode">The studio's occupation.</param>
/// <param name="Field">The studio's occupation field.</param>
/// <param name="RegionCode">The GB/T 2260 code of the studio's region.</param>
/// <param name="StartsOn">First day of the term.</param>
/// <param name="EndsOn">Last day of the term.</param>
/// <param name="FundingGranted">The grant in yuan under the funding standard in force on the decision day.</param>
[IntegrationEventName(Name)]
public sealed record StudioAccredited(
    Guid StudioId,
    Guid AccreditationId,
    string Kind,
    string Level,
    string? PreviousLevel,
    string HostCode,
    string LeadMasterBlindIndex,
    string OccupationCode,
    string Field,
    string RegionCode,
    DateOnly StartsOn,
    DateOnly EndsOn,
    decimal FundingGranted) : IntegrationEvent
{
    /// <summary>The stable event name.</summary>
    public const string Name = "skill_master_studios.studio_accredited.v1";
}
