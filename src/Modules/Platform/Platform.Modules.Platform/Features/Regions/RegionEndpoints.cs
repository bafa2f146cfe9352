using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.Modules.Platform.Persistence;

namespace Platform.Modules.Platform.Features.Regions;

internal static class RegionEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public static void MapRegionEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/regions", ListRegionsAsync)
            .WithName("Platform_ListRegions")
            .WithSummary("List administrative divisions")
            .WithDescription("Sichuan and Chongqing divisions (GB/T 2260), ordered by code, optionally only the direct children of `parent` or one `level`. Cursor paging: pass the previous page's `nextCursor` as `after`.");

        routes.MapGet("/regions/{code}", GetRegionAsync)
            .WithName("Platform_GetRegion")
            .WithSummary("Get one administrative division")
            .ProducesApiProblem(StatusCodes.Status404NotFound);
    }

    /// <param name="parent">Only the direct children of this division code.</param>
    /// <param name="level">Only divisions of this level.</param>
    /// <param name="after">Cursor: the last code of the previous page.</param>
    /// <param name="limit">Page size, 1 to 500 (default 100).</param>
    /// <param name="db">The module's context.</param>
    /// <param name="catalog">The region reference data.</param>
    /// <param name="cancellationToken">Request abort.</param>
    private static async Task<Results<Ok<RegionPage>, ProblemHttpResult>> ListRegionsAsync(
        string? parent, RegionLevel? level, string? after, int? limit, PlatformDbContext db, RegionCatalog catalog, CancellationToken cancellationToken)
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

        var query = db.Regions.AsNoTracking();
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
            query = query.Where(r => string.Compare(r.Code, after) > 0);
        }

        var rows = await query.OrderBy(r => r.Code).Take(take + 1)
            .Select(r => new RegionResponse(r.Code, r.Name, r.NameEn, r.Level, r.ParentCode))
            .ToListAsync(cancellationToken);
        var next = rows.Count > take ? rows[take - 1].Code : null;
        return TypedResults.Ok(new RegionPage(rows.Take(take).ToArray(), next));
    }

    /// <param name="code">Six-digit division code, for example 510700.</param>
    /// <param name="db">The module's context.</param>
    /// <param name="cancellationToken">Request abort.</param>
    private static async Task<Results<Ok<RegionResponse>, ProblemHttpResult>> GetRegionAsync(string code, PlatformDbContext db, CancellationToken cancellationToken)
    {
        if (!RegionCode.IsWellFormed(code))
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["code"] = ["A division code is six digits, for example 510700."] });
        }

        var region = await db.Regions.AsNoTracking()
            .Where(r => r.Code == code)
            .Select(r => new RegionResponse(r.Code, r.Name, r.NameEn, r.Level, r.ParentCode))
            .FirstOrDefaultAsync(cancellationToken);
        return region is null
            ? ApiProblems.NotFound("platform.region_not_found", $"No division has the code {code}.")
            : TypedResults.Ok(region);
    }
}
