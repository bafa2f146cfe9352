using Platform.BuildingBlocks.Identity;

namespace Platform.Modules.Platform.Features.Regions;

/// <summary>An administrative division (GB/T 2260).</summary>
/// <param name="Code">Six-digit division code, for example <c>510700</c>.</param>
/// <param name="Name">Chinese name, for example 绵阳市.</param>
/// <param name="NameEn">English name where known.</param>
/// <param name="Level">Province, prefecture or county.</param>
/// <param name="ParentCode">The division it belongs to; none for a province.</param>
internal sealed record RegionResponse(string Code, string Name, string? NameEn, RegionLevel Level, string? ParentCode);

/// <summary>A page of regions ordered by code.</summary>
/// <param name="Items">The regions on this page.</param>
/// <param name="NextCursor">Pass as <c>after</c> for the next page; none on the last page.</param>
internal sealed record RegionPage(IReadOnlyList<RegionResponse> Items, string? NextCursor);
