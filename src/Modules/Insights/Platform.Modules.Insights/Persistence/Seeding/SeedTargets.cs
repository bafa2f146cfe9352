using Platform.Modules.Insights.Domain;

namespace Platform.Modules.Insights.Persistence.Seeding;

/// <summary>The targets of the plans in ../shared/seeds (000, 001, 004) where an indicator matches what the platform records.</summary>
internal static class SeedTargets
{
    public static IReadOnlyList<Target> All() => [];
}
