namespace Platform.BuildingBlocks.Security;

/// <summary>The claims a platform token carries.</summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";

    /// <summary>The caller's region: a GB/T 2260 code, or <see cref="RegionScope.AllRegions"/> for a cross-province scope.</summary>
    public const string Region = "region";

    /// <summary>
    /// The unified social credit code of the organisation the caller acts for (a training institution's
    /// staff); absent for bureau staff.
    /// </summary>
    public const string Organisation = "org";
}
