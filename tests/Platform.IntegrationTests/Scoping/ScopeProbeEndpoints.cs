using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Security;

namespace Platform.IntegrationTests.Scoping;

/// <summary>The body of ScopeProbe_CreateCase.</summary>
internal sealed record CreateProbeCaseRequest(string? RegionCode, string? Title);

/// <summary>The body of ScopeProbe_MoveCase.</summary>
internal sealed record MoveProbeCaseRequest(string? RegionCode);

/// <summary>The body of ScopeProbe_RenameCase: the region the caller says the case is in, and its new title.</summary>
internal sealed record RenameProbeCaseRequest(string? RegionCode, string? Title);

/// <summary>A probe case as the API answers it; its version is also its ETag.</summary>
internal sealed record ProbeCaseResponse(Guid Id, string RegionCode, string Title, string Status, int Version)
{
    public static ProbeCaseResponse From(ProbeCase probeCase) =>
        new(probeCase.Id, probeCase.RegionCode, probeCase.Title, probeCase.Status, probeCase.Version);
}

/// <summary>A page of probe cases.</summary>
internal sealed record ProbeCasePage(IReadOnlyList<ProbeCaseResponse> Items);

/// <summary>
/// The probe's endpoints. None of them mentions the caller's region: the context filters what they
/// read and refuses what they write outside it.
/// </summary>
internal static class ScopeProbeEndpoints
{
    public const string CaseNotFound = "scope_probe.case_not_found";
    public const string AlreadyClosed = "scope_probe.already_closed";
    public const string IfMatchRequired = "scope_probe.if_match_required";
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    public const int MaxTitleLength = 200;

    public static void MapScopeProbeEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/cases", CreateAsync)
            .WithName("ScopeProbe_CreateCase")
            .RequirePermission(ScopeProbePermissions.Write);
        routes.MapGet("/cases", ListAsync)
            .WithName("ScopeProbe_ListCases")
            .RequirePermission(ScopeProbePermissions.Read);
        routes.MapGet("/cases/{id:guid}", GetAsync)
            .WithName("ScopeProbe_GetCase")
            .RequirePermission(ScopeProbePermissions.Read);
        routes.MapPost("/cases/{id:guid}/close", CloseAsync)
            .WithName("ScopeProbe_CloseCase")
            .RequirePermission(ScopeProbePermissions.Write);
        routes.MapPut("/cases/{id:guid}/region", MoveAsync)
            .WithName("ScopeProbe_MoveCase")
            .RequirePermission(ScopeProbePermissions.Write);
        routes.MapPut("/cases/{id:guid}/title", RenameAsync)
            .WithName("ScopeProbe_RenameCase")
            .RequirePermission(ScopeProbePermissions.Write);
    }

    private static async Task<Results<Created<ProbeCaseResponse>, ProblemHttpResult>> CreateAsync(
        CreateProbeCaseRequest request, HttpContext http, ScopeProbeDbContext db, RegionCatalog regions, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        CheckRegion(request.RegionCode, regions, errors);
        if (string.IsNullOrWhiteSpace(request.Title))
        {
            errors["title"] = ["A title is required."];
        }
        else if (request.Title.Length > MaxTitleLength)
        {
            errors["title"] = [$"A title is at most {MaxTitleLength} characters."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var probeCase = new ProbeCase { Id = Guid.CreateVersion7(), RegionCode = request.RegionCode!, Title = request.Title!, Status = ProbeCase.Open };
        db.Cases.Add(probeCase);
        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(http, probeCase);
        return TypedResults.Created($"/api/scope-probe/cases/{probeCase.Id}", ProbeCaseResponse.From(probeCase));
    }

    private static async Task<Results<Ok<ProbeCasePage>, ProblemHttpResult>> ListAsync(int? limit, ScopeProbeDbContext db, CancellationToken cancellationToken)
    {
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["limit"] = [$"The page size is between 1 and {MaxLimit}."] });
        }

        var cases = await db.Cases.AsNoTracking()
            .OrderBy(c => c.RegionCode).ThenBy(c => c.Id)
            .Take(take)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ProbeCasePage(cases.Select(ProbeCaseResponse.From).ToArray()));
    }

    private static async Task<Results<Ok<ProbeCaseResponse>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, ScopeProbeDbContext db, CancellationToken cancellationToken)
    {
        var probeCase = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (probeCase is null)
        {
            return NotFound(id);
        }

        EntityTags.Set(http, probeCase);
        return TypedResults.Ok(ProbeCaseResponse.From(probeCase));
    }

    /// <summary>
    /// Closes an open case. The precondition is checked before the state rule, so a stale
    /// <c>If-Match</c> answers 412 whatever happened to the case since it was read.
    /// </summary>
    private static async Task<Results<Ok<ProbeCaseResponse>, ProblemHttpResult>> CloseAsync(
        Guid id, HttpContext http, ScopeProbeDbContext db, ProbeHolds holds, CancellationToken cancellationToken)
    {
        var probeCase = await db.Cases.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (probeCase is null)
        {
            return NotFound(id);
        }

        EntityTags.RequireMatch(http, probeCase);
        if (probeCase.Status != ProbeCase.Open)
        {
            throw DomainException.Conflict(AlreadyClosed, $"The case {id} is already closed.");
        }

        probeCase.Status = ProbeCase.Closed;
        db.Publish(new ProbeCaseClosed(probeCase.Id, probeCase.RegionCode));
        await holds.PauseIfHeldAsync(http, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(http, probeCase);
        return TypedResults.Ok(ProbeCaseResponse.From(probeCase));
    }

    private static async Task<Results<Ok<ProbeCaseResponse>, ProblemHttpResult>> MoveAsync(
        Guid id, MoveProbeCaseRequest request, HttpContext http, ScopeProbeDbContext db, RegionCatalog regions, ProbeHolds holds, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        CheckRegion(request.RegionCode, regions, errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var probeCase = await db.Cases.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (probeCase is null)
        {
            return NotFound(id);
        }

        EntityTags.RequireMatch(http, probeCase);
        probeCase.RegionCode = request.RegionCode!;
        await holds.PauseIfHeldAsync(http, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(http, probeCase);
        return TypedResults.Ok(ProbeCaseResponse.From(probeCase));
    }

    /// <summary>
    /// Renames a case without reading it first: the caller names the version (<c>If-Match</c>) and the
    /// region it read, and the update applies only if the stored case still matches. A module may write
    /// this way to save a round trip; region scoping must hold for it as for a read-then-write.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> RenameAsync(
        Guid id, RenameProbeCaseRequest request, HttpContext http, ScopeProbeDbContext db, RegionCatalog regions, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        CheckRegion(request.RegionCode, regions, errors);
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > MaxTitleLength)
        {
            errors["title"] = [$"A title is 1 to {MaxTitleLength} characters."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var tags = http.Request.GetTypedHeaders().IfMatch;
        if (tags is not [{ IsWeak: false } tag]
            || !int.TryParse(tag.Tag.AsSpan().Trim('"'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            return ApiProblems.Create(StatusCodes.Status428PreconditionRequired, IfMatchRequired, "A precondition is required.",
                "Send If-Match with the case's current ETag.");
        }

        var probeCase = new ProbeCase { Id = id, RegionCode = request.RegionCode!, Version = version };
        db.Cases.Attach(probeCase);
        probeCase.Title = request.Title!;
        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(http, probeCase);
        return TypedResults.NoContent();
    }

    private static void CheckRegion(string? code, RegionCatalog regions, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(code))
        {
            errors["regionCode"] = ["A region code is required."];
        }
        else if (!regions.Contains(code))
        {
            errors["regionCode"] = [RegionCode.IsWellFormed(code) ? $"'{code}' is not a known division code." : "A division code is six digits, for example 510703."];
        }
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        ApiProblems.NotFound(CaseNotFound, $"No case {id} is visible to the caller.");
}
