namespace Platform.BuildingBlocks.Security;

/// <summary>
/// A record that belongs to a region. Declaring it is all a module does: every query of the entity
/// is filtered to the caller's region and every write outside it is refused (403
/// <c>auth.region_forbidden</c>).
/// </summary>
public interface IRegionScoped
{
    /// <summary>The GB/T 2260 code of the region the record belongs to.</summary>
    string RegionCode { get; }
}
