using Platform.BuildingBlocks.Contracts;

namespace Platform.Modules.Insights.Contracts;

/// <summary>A policy target was set or changed (seeded targets are not announced).</summary>
/// <param name="IndicatorCode">The indicator, e.g. <c>subsidised_trainings</c>.</param>
/// <param name="RegionCode">The GB/T 2260 code of the region the target is for.</param>
/// <param name="FromYear">First year of the period.</param>
/// <param name="ToYear">Last year of the period.</param>
/// <param name="Value">The target value, in the indicator's unit.</param>
/// <param name="Source">The document it comes from.</param>
[IntegrationEventName(Name)]
public sealed record TargetChanged(string IndicatorCode, string RegionCode, int FromYear, int ToYear, decimal Value, string Source) : IntegrationEvent
{
    /// <summary>The stable event name.</summary>
    public const string Name = "insights.target_changed.v1";
}
