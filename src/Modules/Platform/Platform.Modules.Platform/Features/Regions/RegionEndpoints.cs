using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Security;

namespace Platform.Modules.Platform.Features.Regions;

internal static class RegionEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

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
        var errors = new Dictionary<string, string[]>();
        if (parent is not null && !catalog.Contains(parent))
        {
            errors["parent"] = [RegionCode.IsWellFormed(parent) ? $"'{parent}' is not a known division code." : "A division code is six digits, for example 510700."];
        }

        if (after is not null && !RegionCode.IsWellFormed(after))
        {
            errors["after"] = ["The cursor is a six-digit division code from a previous page."];
        }

        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"The page size is between 1 and {MaxLimit}."];
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

    /// <param name="code">Six-digit division code, for example 510700.</param>
    /// <param name="directory">The region table.</param>
    /// <param name="cancellationToken">Request abort.</param>
    private static async Task<Results<Ok<RegionResponse>, ProblemHttpResult>> GetRegionAsync(string code, RegionDirectory directory, CancellationToken cancellationToken)
    {
        if (!RegionCode.IsWellFormed(code))
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["code"] = ["A division code is six digits, for example 510700."] });
        }

        var region = (await directory.GetAsync(cancellationToken)).Find(code);
        return region is null
            ? ApiProblems.NotFound("platform.region_not_found", $"No division has the code {code}.")
            : TypedResults.Ok(region);
    }
}
