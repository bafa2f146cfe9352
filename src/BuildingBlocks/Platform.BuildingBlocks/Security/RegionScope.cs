using Platform.BuildingBlocks.Identity;

namespace Platform.BuildingBlocks.Security;

/// <summary>
/// Which records a caller may see and change: those whose region lies within the caller's region.
/// </summary>
public sealed record RegionScope
{
    /// <summary>The claim value of a cross-province scope (Sichuan and Chongqing together).</summary>
    public const string AllRegions = "*";

    private RegionScope(string? code, string? prefix, bool unrestricted)
    {
        Code = code;
        Prefix = prefix;
        IsUnrestricted = unrestricted;
    }

    /// <summary>Every region: a cross-province caller, or the platform itself (background work).</summary>
    public static RegionScope Unrestricted { get; } = new(AllRegions, null, unrestricted: true);

    /// <summary>No region at all: a request without a valid caller.</summary>
    public static RegionScope Nothing { get; } = new(null, null, unrestricted: false);

    public string? Code { get; }

    /// <summary>The non-zero prefix records must start with; null when unrestricted or nothing.</summary>
    public string? Prefix { get; }

    public bool IsUnrestricted { get; }

    public static RegionScope Of(string regionCode) => new(regionCode, RegionCode.Prefix(regionCode), unrestricted: false);

    /// <summary>Parses a region claim; null when it is neither a known division nor the cross-province scope.</summary>
    public static RegionScope? FromClaim(string? claim, RegionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (claim == AllRegions)
        {
            return Unrestricted;
        }

        return claim is not null && catalog.Contains(claim) ? Of(claim) : null;
    }

    public bool Covers(string? regionCode) =>
        IsUnrestricted || (Prefix is not null && regionCode is not null && regionCode.StartsWith(Prefix, StringComparison.Ordinal));
}
