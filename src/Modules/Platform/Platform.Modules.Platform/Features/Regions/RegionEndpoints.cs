using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.Security;

namespace Platform.Modules.Platform.Features.Regions;

internal static class RegionEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    private static readonly LocalizedText MalformedCode = new("行政区划代码为六位数字，例如 510700。", "A division code is six digits, for example 510700.");
    private static readonly LocalizedText MalformedCursor = new("游标是上一页返回的六位行政区划代码。", "The cursor is a six-digit division code from a previous page.");
    private static readonly LocalizedText LimitOutOfRange = new($"每页条数须在 1 到 {MaxLimit} 之间。", $"The page size is between 1 and {MaxLimit}.");

    public static void MapRegionEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/regions", ListRegionsAsync)
            .WithName("Platform_ListRegions")
            .RequirePermission(PlatformPermissions.RegionsRead)
            .WithSummary("List administrative divisions")
            .WithDescription("Sichuan and Chongqing divisions (GB/T 2260), ordered by code, optionally only the direct children of `parent` or one `level`. Cursor paging: pass the previous page's `nextCursor` as `after`.");

        routes.MapGet("/regions/{code}", GetRegionAsync)
            .WithName("Platform_GetRegion")
            .RequirePermission(PlatformPermissions.RegionsRead)
            .WithSummary("Get one administrative division")
            .ProducesApiProblem(StatusCodes.Status404NotFound);
    }

    /// <param name="parent">Only the direct children of this division code.</param>
    /// <param name="level">Only divisions of this level.</param>
    /// <param name="after">Cursor: the last code of the previous page.</param>
    /// <param name="limit">Page size, 1 to 500 (default 100).</param>
    /// <param name="directory">The region table.</param>
    /// <param name="catalog">The region reference data.</param>
    /// <param name="cancellationToken">Request abort.</param>
    private static async Task<Results<Ok<RegionPage>, ProblemHttpResult>> ListRegionsAsync(
        string? parent, RegionLevel? level, string? after, int? limit, RegionDirectory directory, RegionCatalog catalog, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, LocalizedText[]>();
        if (parent is not null && !catalog.Contains(parent))
        {
            errors["parent"] = [RegionCode.IsWellFormed(parent) ? UnknownCode(parent) : MalformedCode];
        }

        if (after is not null && !RegionCode.IsWellFormed(after))
        {
            errors["after"] = [MalformedCursor];
        }

        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            errors["limit"] = [LimitOutOfRange];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var snapshot = await directory.GetAsync(cancellationToken);
        IEnumerable<RegionResponse> query = snapshot.Ordered;
        if (parent is not null)
        {
            query = query.Where(r => r.ParentCode == parent);
        }

        if (level is { } wanted)
        {
            query = query.Where(r => r.Level == wanted);
        }

        if (after is not null)
        {
            query = query.Where(r => string.CompareOrdinal(r.Code, after) > 0);
        }

        var rows = query.Take(take + 1).ToList();
        var next = rows.Count > take ? rows[take - 1].Code : null;
        return TypedResults.Ok(new RegionPage(rows.Take(take).ToArray(), next));
    }

    private static LocalizedText UnknownCode(string code) => new($"“{code}”不是已知的行政区划代码。", $"'{code}' is not a known division code.");

    /// <param name="code">Six-digit division code, for example 510700.</param>
    /// <param name="directory">The region table.</param>
    /// <param name="cancellationToken">Request abort.</param>
    private static async Task<Results<Ok<RegionResponse>, ProblemHttpResult>> GetRegionAsync(string code, RegionDirectory directory, CancellationToken cancellationToken)
    {
        if (!RegionCode.IsWellFormed(code))
        {
            return ApiProblems.Validation("code", MalformedCode);
        }

        var region = (await directory.GetAsync(cancellationToken)).Find(code);
        return region is null
            ? ApiProblems.NotFound("platform.region_not_found", new LocalizedText($"没有代码为 {code} 的行政区划。", $"No division has the code {code}."))
            : TypedResults.Ok(region);
    }
}
