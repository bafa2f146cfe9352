using Platform.BuildingBlocks.Contracts;

namespace Platform.Modules.SkillMasterStudios.Contracts;

/// <summary>
/// An apprentice of a studio reached a skill level, as reported in the studio's annual report and
/// accepted when the bureau assessed it. Other modules (insights, a person's journey) use it without
/// reading this module.
/// </summary>
/// <param name="StudioId">The studio.</param>
/// <param name="ReportId">The annual report listing the apprentice.</param>
/// <param name="ApprenticeBlindIndex">The apprentice's identity number as a keyed hash (blind index).</param>
/// <param name="OccupationCode">The occupation.</param>
/// <param name="LevelReached">The skill level reached: <c>Level5</c> (初级) … <c>Level1</c> (高级技师).</param>
/// <param name="RegionCode">The GB/T 2260 code of the studio's region.</param>
/// <param name="Year">The report year.</param>
/// <param name="QualifiedOn">The day the level was certified.</param>
[IntegrationEventName(Name)]
public sealed record ApprenticeQualified(
    Guid StudioId,
    Guid ReportId,
    string ApprenticeBlindIndex,
    string OccupationCode,
    string LevelReached,
    string RegionCode,
    int Year,
    DateOnly QualifiedOn) : IntegrationEvent
{
    /// <summary>The stable event name.</summary>
    public const string Name = "skill_master_studios.apprentice_qualified.v1";
}
