using Platform.BuildingBlocks.Security;

namespace Platform.Modules.Insights;

/// <summary>The module's permissions and the roles holding them (administrators hold every permission).</summary>
internal static class InsightsPermissions
{
    public const string ProgressRead = "insights.progress.read";
    public const string TargetsWrite = "insights.targets.write";
    public const string IndicatorsWrite = "insights.indicators.write";
    public const string JourneyRead = "insights.journey.read";

    public static PermissionGrant[] Grants { get; } =
    [
        new(ProgressRead, "Read indicators, targets, progress, comparisons, exports and charts.", Roles.Operator, Roles.Reviewer, Roles.Auditor, Roles.Integrator),
        new(TargetsWrite, "Add and change targets of the caller's region.", Roles.Reviewer),
        new(IndicatorsWrite, "Define indicators and change how they count (rebuilds their counters)."),
        new(JourneyRead, "Read one person's journey across programs (audited).", Roles.Operator, Roles.Auditor),
    ];
}
