using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.Paging;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.SkillMasterStudios.Contracts;
using Platform.Modules.SkillMasterStudios.Domain;
using Platform.Modules.SkillMasterStudios.Features.Shared;
using Platform.Modules.SkillMasterStudios.Persistence;

namespace Platform.Modules.SkillMasterStudios.Features.Studios;

/// <summary>A payment of part of a grant.</summary>
/// <param name="Id">The tranche.</param>
/// <param name="Amount">Yuan paid.</param>
/// <param name="PaidOn">The day paid.</param>
/// <param name="Reference">The payment's reference.</param>
internal sealed record TrancheResponse(Guid Id, decimal Amount, DateOnly PaidOn, string Reference);

/// <summary>One accreditation of the studio.</summary>
/// <param name="Id">The accreditation.</param>
/// <param name="Kind">New, Upgrade or Renewal.</param>
/// <param name="Level">The level.</param>
/// <param name="StartsOn">First day of the term.</param>
/// <param name="EndsOn">Last day of the term.</param>
/// <param name="DecidedOn">The decision day.</param>
/// <param name="ApplicationId">The application approved.</param>
/// <param name="FundingGranted">The grant, yuan.</param>
/// <param name="FundingPaid">Paid so far, yuan.</param>
/// <param name="Tranches">The payments.</param>
/// <param name="Version">The version (send as If-Match when recording a tranche).</param>
internal sealed record AccreditationResponse(
    Guid Id, ApplicationKind Kind, StudioLevel Level, DateOnly StartsOn, DateOnly EndsOn, DateOnly DecidedOn, Guid ApplicationId, decimal FundingGranted,
    decimal FundingPaid, IReadOnlyList<TrancheResponse> Tranches, int Version);

/// <summary>A studio with its accreditation history. The version is the ETag.</summary>
/// <param name="Id">The studio.</param>
/// <param name="Name">Its name.</param>
/// <param name="HostCode">The host organisation.</param>
/// <param name="HostName">The host's name.</param>
/// <param name="LeadMasterId">The lead master.</param>
/// <param name="OccupationCode">The occupation.</param>
/// <param name="Field">The occupation field.</param>
/// <param name="RegionCode">The region.</param>
/// <param name="Level">The current level.</param>
/// <param name="Status">Active, Expired or Revoked.</param>
/// <param name="AccreditedOn">First day of the first accreditation.</param>
/// <param name="TermEndsOn">Last day of the current term.</param>
/// <param name="ConsecutiveUnqualified">Unqualified assessments in a row.</param>
/// <param name="ClosedAt">When revoked or expired.</param>
/// <param name="ClosingReason">Why.</param>
/// <param name="Accreditations">Every accreditation, oldest first.</param>
/// <param name="Version">The version (ETag).</param>
internal sealed record StudioResponse(
    Guid Id, string Name, string HostCode, string HostName, Guid LeadMasterId, string OccupationCode, CraftField Field, string RegionCode,
    StudioLevel Level, StudioStatus Status, DateOnly AccreditedOn, DateOnly TermEndsOn, int ConsecutiveUnqualified, DateTimeOffset? ClosedAt,
    string? ClosingReason, IReadOnlyList<AccreditationResponse> Accreditations, int Version);

/// <summary>The body of SkillMasterStudios_SearchStudios; filters combine with AND.</summary>
/// <param name="Level">Only this level.</param>
/// <param name="RegionCode">Only studios within this region.</param>
/// <param name="OccupationCode">Only this occupation.</param>
/// <param name="Field">Only this field.</param>
/// <param name="Status">Only this status.</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
/// <param name="Limit">Page size, 1–200 (default 50).</param>
internal sealed record SearchStudiosRequest(StudioLevel? Level, string? RegionCode, string? OccupationCode, CraftField? Field, StudioStatus? Status, string? Cursor, int? Limit);

/// <summary>A studio in a result list.</summary>
/// <param name="Id">The studio.</param>
/// <param name="Name">Its name.</param>
/// <param name="HostCode">The host.</param>
/// <param name="OccupationCode">The occupation.</param>
/// <param name="Field">The field.</param>
/// <param name="RegionCode">The region.</param>
/// <param name="Level">The level.</param>
/// <param name="Status">The status.</param>
/// <param name="AccreditedOn">First accredited.</param>
/// <param name="TermEndsOn">Current term's last day.</param>
internal sealed record StudioSummary(Guid Id, string Name, string HostCode, string OccupationCode, CraftField Field, string RegionCode, StudioLevel Level, StudioStatus Status, DateOnly AccreditedOn, DateOnly TermEndsOn);

/// <summary>A page of studios, most recently accredited first.</summary>
/// <param name="Items">The studios.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
internal sealed record StudioPage(IReadOnlyList<StudioSummary> Items, string? NextCursor);

/// <summary>The body of SkillMasterStudios_RevokeStudio.</summary>
/// <param name="Reason">Why (1–500 characters).</param>
internal sealed record RevokeRequest(string? Reason);

internal sealed class SearchStudiosValidator : AbstractValidator<SearchStudiosRequest>
{
    public SearchStudiosValidator(RegionCatalog regions)
    {
        RuleFor(r => r.Level).IsInEnum();
        RuleFor(r => r.Field).IsInEnum();
        RuleFor(r => r.Status).IsInEnum();
        RuleFor(r => r.RegionCode).KnownRegion(regions).When(r => r.RegionCode is not null);
        RuleFor(r => r.OccupationCode).MaximumLength(20);
        RuleFor(r => r.Cursor).Must(c => c is null || InstantCursor.TryDecode(c, out _))
            .WithMessage(new LocalizedText("游标无效：请使用上一页返回的 nextCursor。", "Not a valid cursor: pass the nextCursor of the previous page."));
        RuleFor(r => r.Limit).InclusiveBetween(1, SearchStudios.MaxLimit);
    }
}

internal sealed class RevokeRequestValidator : AbstractValidator<RevokeRequest>
{
    public RevokeRequestValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(500);
}

/// <summary>The studio search's query (the benchmark explains this same query).</summary>
internal static class SearchStudios
{
    public const int MaxLimit = 200;

    /// <summary>
    /// The cursor orders by the accreditation day as an instant (start of the day in China) and id, so
    /// the shared <see cref="InstantCursor"/> serves it.
    /// </summary>
    internal static IQueryable<Studio> Filter(IQueryable<Studio> query, SearchStudiosRequest request)
    {
        if (request.Level is { } level)
        {
            query = query.Where(s => s.Level == level);
        }

        if (request.RegionCode is { } region)
        {
            query = query.WithinRegion(region);
        }

        if (request.OccupationCode is not null)
        {
            query = query.Where(s => s.OccupationCode == request.OccupationCode);
        }

        if (request.Field is { } field)
        {
            query = query.Where(s => s.Field == field);
        }

        if (request.Status is { } status)
        {
            query = query.Where(s => s.Status == status);
        }

        if (request.Cursor is not null && InstantCursor.TryDecode(request.Cursor, out var after))
        {
            var day = ChinaCalendar.DayOf(after.At);
            query = query.Where(s => s.AccreditedOn < day || (s.AccreditedOn == day && s.Id.CompareTo(after.Id) < 0));
        }

        return query;
    }

    internal static IQueryable<StudioSummary> Page(IQueryable<Studio> filtered, int take) =>
        filtered.OrderByDescending(s => s.AccreditedOn).ThenByDescending(s => s.Id).Take(take + 1)
            .Select(s => new StudioSummary(s.Id, s.Name, s.HostCode, s.OccupationCode, s.Field, s.RegionCode, s.Level, s.Status, s.AccreditedOn, s.TermEndsOn));
}

internal static class StudioEndpoints
{
    public static void MapStudioEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/studios/{id:guid}", GetAsync)
            .WithName("SkillMasterStudios_GetStudio")
            .RequirePermission(StudioPermissions.StudiosRead)
            .WithSummary("Get a studio with its accreditation history and funding")
            .WithDescription("Every accreditation (level, term, grant, tranches paid). Outside the caller's region: 404.")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPost("/studios/search", SearchAsync)
            .WithName("SkillMasterStudios_SearchStudios")
            .RequirePermission(StudioPermissions.StudiosRead)
            .WithSummary("Search studios")
            .WithDescription("By level, region, occupation, field and status; most recently accredited first with cursor paging. Changes nothing.");

        routes.MapPost("/studios/{id:guid}/revocation", RevokeAsync)
            .WithName("SkillMasterStudios_RevokeStudio")
            .RequirePermission(StudioPermissions.StudiosRevoke)
            .WithSummary("Revoke a studio's accreditation")
            .WithDescription("With the reason. The lead master may lead another studio afterwards; unpaid funding is no longer paid (tranches are refused). Publishes StudioRevoked.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);
    }

    private static async Task<Ok<StudioResponse>> GetAsync(Guid id, HttpContext http, SkillMasterStudiosDbContext db, CancellationToken cancellationToken)
    {
        var studio = await db.Studios.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw StudioProblems.NotFound(StudioProblems.StudioNotFound, "工作室", "Studio", id);
        return await PresentAsync(http, db, studio, cancellationToken);
    }

    private static async Task<Ok<StudioPage>> SearchAsync(SearchStudiosRequest request, SkillMasterStudiosDbContext db, CancellationToken cancellationToken)
    {
        var take = request.Limit ?? 50;
        var rows = await SearchStudios.Page(SearchStudios.Filter(db.Studios.AsNoTracking(), request), take).ToListAsync(cancellationToken);
        var next = rows.Count > take ? InstantCursor.Encode(ChinaCalendar.StartOf(rows[take - 1].AccreditedOn), rows[take - 1].Id) : null;
        return TypedResults.Ok(new StudioPage(rows.Take(take).ToArray(), next));
    }

    private static async Task<Ok<StudioResponse>> RevokeAsync(
        Guid id, RevokeRequest request, HttpContext http, SkillMasterStudiosDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var studio = await StudioAccess.StudioAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, studio);
        if (studio.Status != StudioStatus.Active)
        {
            throw StudioProblems.Conflict(StudioProblems.StudioNotActive, $"工作室状态为 {studio.Status}，不能撤销。", $"The studio is {studio.Status}; only an active studio can be revoked.");
        }

        var now = time.GetUtcNow();
        Revoke(db, studio, "Decision", request.Reason!.Trim(), db.Caller.Subject, now);
        await db.SaveChangesAsync(cancellationToken);
        return await PresentAsync(http, db, studio, cancellationToken);
    }

    /// <summary>Revokes <paramref name="studio"/> and publishes <see cref="StudioRevoked"/> in the same transaction.</summary>
    internal static void Revoke(SkillMasterStudiosDbContext db, Studio studio, string cause, string reason, string by, DateTimeOffset at)
    {
        studio.Close(StudioStatus.Revoked, reason, by, at);
        db.Publish(new StudioRevoked(studio.Id, studio.Level.ToString(), studio.RegionCode, ChinaCalendar.DayOf(at), cause, reason));
    }

    internal static async Task<Ok<StudioResponse>> PresentAsync(HttpContext http, SkillMasterStudiosDbContext db, Studio studio, CancellationToken cancellationToken)
    {
        var accreditations = await db.Accreditations.AsNoTracking().Where(a => a.StudioId == studio.Id).ToListAsync(cancellationToken);
        var tranches = await db.FundingTranches.AsNoTracking().Where(t => t.StudioId == studio.Id).ToListAsync(cancellationToken);
        var history = accreditations.OrderBy(a => a.StartsOn).ThenBy(a => a.Id)
            .Select(a => new AccreditationResponse(
                a.Id, a.Kind, a.Level, a.StartsOn, a.EndsOn, a.DecidedOn, a.ApplicationId, a.FundingGranted, a.FundingPaid,
                tranches.Where(t => t.AccreditationId == a.Id).OrderBy(t => t.PaidOn).ThenBy(t => t.Id).Select(t => new TrancheResponse(t.Id, t.Amount, t.PaidOn, t.Reference)).ToArray(),
                a.Version))
            .ToArray();
        EntityTags.Set(http, studio);
        return TypedResults.Ok(new StudioResponse(
            studio.Id, studio.Name, studio.HostCode, studio.HostName, studio.LeadMasterId, studio.OccupationCode, studio.Field, studio.RegionCode, studio.Level,
            studio.Status, studio.AccreditedOn, studio.TermEndsOn, studio.ConsecutiveUnqualified, studio.ClosedAt, studio.ClosingReason, history, studio.Version));
    }
}
