using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Localization;

namespace Platform.BuildingBlocks.Security;

/// <summary>The check every module makes before creating records or reading figures of a region.</summary>
public static class RegionChecks
{
    /// <summary>Refuses (403 with the module's <paramref name="code"/>) a region outside the caller's.</summary>
    public static void RequireWithin(this Caller caller, string regionCode, string code)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.Scope.Covers(regionCode))
        {
            throw new DomainException(
                403,
                code,
                new LocalizedText($"地区 {regionCode} 不在您的管辖范围（{caller.Scope.Code}）内。", $"Region {regionCode} is outside your region ({caller.Scope.Code})."));
        }
    }
}
