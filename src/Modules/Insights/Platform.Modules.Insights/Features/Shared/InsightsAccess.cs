using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.Security;

namespace Platform.Modules.Insights.Features.Shared;

/// <summary>The stable problem codes of the module and the checks its features share.</summary>
internal static class InsightsAccess
{
    public const string RegionOutsideCaller = "insights.region_outside_caller"; // 403
    public const string IndicatorNotFound = "insights.indicator_not_found"; // 404
    public const string TargetNotFound = "insights.target_not_found"; // 404
    public const string TargetExists = "insights.target_exists"; // 409

    /// <summary>Refuses (403) a region outside the caller's.</summary>
    public static void RequireRegion(Caller caller, string regionCode) => caller.RequireWithin(regionCode, RegionOutsideCaller);

    public static DomainException IndicatorMissing(string code) =>
        new(404, IndicatorNotFound, new LocalizedText($"未找到指标 {code}。", $"Indicator {code} was not found."));
}
