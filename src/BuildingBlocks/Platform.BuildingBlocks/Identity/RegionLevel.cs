namespace Platform.BuildingBlocks.Identity;

/// <summary>The level of a GB/T 2260 administrative division.</summary>
public enum RegionLevel
{
    Province,
    Prefecture,
    County,
}
