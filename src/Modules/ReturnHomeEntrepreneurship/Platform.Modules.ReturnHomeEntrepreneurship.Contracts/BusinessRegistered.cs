using Platform.BuildingBlocks.Contracts;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Contracts;

/// <summary>
/// A returnee founder's business was registered with the bureau. The veteran employment module records a
/// veteran founder as self-employed from it; insights count businesses per region.
/// </summary>
/// <param name="BusinessId">The business's record.</param>
/// <param name="EntrepreneurId">The founder's record.</param>
/// <param name="FounderBlindIndex">The founder's identity number as a keyed hash (blind index).</param>
/// <param name="FounderCategory">The founder's category (<c>ReturningMigrantWorker</c>, <c>CollegeGraduate</c>, <c>Veteran</c>, …).</param>
/// <param name="CreditCode">The business's unified social credit code (18 characters, upper case).</param>
/// <param name="BusinessName">The business's registered name.</param>
/// <param name="Industry">The industry (GB/T 4754 section as a name, <c>Agriculture</c>, <c>Manufacturing</c>, …).</param>
/// <param name="RegionCode">The GB/T 2260 code of the county where the business operates.</param>
/// <param name="RegisteredOn">The day the business was registered with market regulation (营业执照).</param>
/// <param name="ParkId">The return-home park or incubator hosting it, if any.</param>
[IntegrationEventName(Name)]
public sealed record BusinessRegistered(
    Guid BusinessId,
    Guid EntrepreneurId,
    string FounderBlindIndex,
    string FounderCategory,
    string CreditCode,
    string BusinessName,
    string Industry,
    string RegionCode,
    DateOnly RegisteredOn,
    Guid? ParkId) : IntegrationEvent
{
    /// <summary>The stable event name.</summary>
    public const string Name = "return_home_entrepreneurship.business_registered.v1";
}
