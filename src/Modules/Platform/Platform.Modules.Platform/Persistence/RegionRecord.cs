using Platform.BuildingBlocks.Identity;

namespace Platform.Modules.Platform.Persistence;

/// <summary>An administrative division as stored: GB/T 2260 code, names, level and parent.</summary>
internal sealed class RegionRecord
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string? NameEn { get; set; }

    public RegionLevel Level { get; set; }

    public string? ParentCode { get; set; }
}
