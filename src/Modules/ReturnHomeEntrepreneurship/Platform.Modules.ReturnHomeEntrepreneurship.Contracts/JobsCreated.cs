using Platform.BuildingBlocks.Contracts;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Contracts;

/// <summary>
/// The jobs a returnee's business creates changed: an employee with social insurance started (+1), left
/// or stopped being insured (−1). Jobs created are the employees with social insurance paid.
/// </summary>
/// <param name="BusinessId">The business.</param>
/// <param name="CreditCode">The business's credit code.</param>
/// <param name="RegionCode">The county where the business operates.</param>
/// <param name="OnDay">The day the change takes effect.</param>
/// <param name="Change">+1 for a job created, −1 for one ended.</param>
/// <param name="JobsNow">The business's jobs created after the change.</param>
[IntegrationEventName(Name)]
public sealed record JobsCreated(
    Guid BusinessId,
    string CreditCode,
    string RegionCode,
    DateOnly OnDay,
    int Change,
    int JobsNow) : IntegrationEvent
{
    /// <summary>The stable event name.</summary>
    public const string Name = "return_home_entrepreneurship.jobs_created.v1";
}
