namespace Platform.BuildingBlocks.Identity;

/// <summary>An administrative division from the region reference data.</summary>
/// <param name="Code">Six-digit GB/T 2260 code.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="NameEn">English name where known.</param>
/// <param name="Level">Province, prefecture or county.</param>
/// <param name="ParentCode">The enclosing division; null for a province.</param>
public sealed record Region(string Code, string Name, string? NameEn, RegionLevel Level, string? ParentCode);
