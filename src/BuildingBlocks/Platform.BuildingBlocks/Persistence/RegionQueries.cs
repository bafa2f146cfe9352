using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Security;

namespace Platform.BuildingBlocks.Persistence;

/// <summary>Region filters of list queries, written so the indexes on the region column serve them.</summary>
public static class RegionQueries
{
    /// <summary>
    /// Records within <paramref name="regionCode"/>. A county is one code: an equality, so an index
    /// (region, order…) reads its page in order. A city or province is a prefix, deliberately not a
    /// range: its records are many, and walking the list's order index skipping other regions finds
    /// a page sooner than sorting them all.
    /// </summary>
    public static IQueryable<T> WithinRegion<T>(this IQueryable<T> query, string regionCode)
        where T : IRegionScoped
    {
        ArgumentNullException.ThrowIfNull(regionCode);
        if (RegionCode.LevelOf(regionCode) == RegionLevel.County)
        {
            return query.Where(e => e.RegionCode == regionCode);
        }

        var prefix = RegionCode.Prefix(regionCode);
        return query.Where(e => e.RegionCode.StartsWith(prefix));
    }
}
