using Platform.BuildingBlocks.Contracts;

namespace Platform.Modules.VeteranEmployment.Contracts;

/// <summary>
/// A discharged veteran was registered where they resettle. Other modules use it to recognise a veteran
/// without retyping (a returnee founder who is a veteran) and to count veterans per region.
/// </summary>
/// <param name="VeteranId">The veteran's record.</param>
/// <param name="PersonBlindIndex">The veteran's identity number as a keyed hash (blind index).</param>
/// <param name="Category"><c>SelfEmployedSoldier</c> (自主就业退役士兵), <c>Officer</c> (退役军官) or <c>Other</c>.</param>
/// <param name="RegionCode">The GB/T 2260 code of the resettlement region.</param>
/// <param name="DischargedOn">The day of discharge.</param>
/// <param name="RegisteredOn">The day of registration (China Standard Time).</param>
[IntegrationEventName(Name)]
public sealed record VeteranRegistered(
    Guid VeteranId,
    string PersonBlindIndex,
    string Category,
    string RegionCode,
    DateOnly DischargedOn,
    DateOnly RegisteredOn) : IntegrationEvent
{
    /// <summary>The stable event name.</summary>
    public const string Name = "veteran_employment.veteran_registered.v1";
}
