using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.Paging;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.SkillMasterStudios.Domain;
using Platform.Modules.SkillMasterStudios.Features.Shared;
using Platform.Modules.SkillMasterStudios.Persistence;

namespace Platform.Modules.SkillMasterStudios.Features.Applications;

/// <summary>The body of SkillMasterStudios_SearchApplications; filters combine with AND.</summary>
/// <param name="Status">Only applications in this status.</param>
/// <param name="Kind">Only this kind.</param>
/// <param name="Level">Only this level applied for.</param>
/// <param name="RegionCode">Only applications within this region.</param>
/// <param name="HostCode">Only this host organisation.</param>
/// <param name="LeadMasterId">Only this lead master.</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
/// <param name="Limit">Page size, 1–200 (default 50).</param>
internal sealed record SearchApplicationsRequest(
    ApplicationStatus? Status, ApplicationKind? Kind, StudioLevel? Level, string? RegionCode, string? HostCode, Guid? LeadMasterId, string? Cursor, int? Limit);

/// <summary>An application in a result list.</summary>
/// <param name="Id">The application.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="StudioId">The studio, if any.</param>
/// <param name="StudioName">The studio's name.</param>
/// <param name="HostCode">The host.</param>
/// <param name="LeadMasterId">The lead master.</param>
/// <param name="RegionCode">The region.</param>
/// <param name="Level">The level applied for.</param>
/// <param name="Status">The status.</param>
/// <param name="CreatedAt">When created.</param>
internal sealed record ApplicationSummary(Guid Id, ApplicationKind Kind, Guid? StudioId, string StudioName, string HostCode, Guid LeadMasterId, string RegionCode, StudioLevel Level, ApplicationStatus Status, DateTimeOffset CreatedAt);

/// <summary>A page of applications, newest first.</summary>
/// <param name="Items">The applications.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
internal sealed record ApplicationPage(IReadOnlyList<ApplicationSummary> Items, string? NextCursor);

/// <summary>One rule's verdict.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Passed">Whether the application meets it.</param>
/// <param name="Code">The problem code submitting or approving would answer if it failed.</param>
/// <param name="Detail">Why, in the request's language.</param>
internal sealed record StudioRuleResult(StudioEligibilityRule Rule, bool Passed, string Code, string Detail);

/// <summary>Whether the application may go ahead today, with every rule's verdict.</summary>
/// <param name="Eligible">True when every rule passed.</param>
/// <param name="EvaluatedOn">The day the rules were applied (China Standard Time).</param>
/// <param name="FundingGranted">The grant an approval today would record, in yuan; null without a standard.</param>
/// <param name="Rules">Every rule, passed or not, in a fixed order.</param>
internal sealed record StudioEligibilityResponse(bool Eligible, DateOnly EvaluatedOn, decimal? FundingGranted, IReadOnlyList<StudioRuleResult> Rules);

internal sealed class SearchApplicationsValidator : AbstractValidator<SearchApplicationsRequest>
{
    public SearchApplicationsValidator(RegionCatalog regions)
    {
        RuleFor(r => r.Status).IsInEnum();
        RuleFor(r => r.Kind).IsInEnum();
        RuleFor(r => r.Level).IsInEnum();
        RuleFor(r => r.RegionCode).KnownRegion(regions).When(r => r.RegionCode is not null);
        RuleFor(r => r.HostCode).ValidCreditCode().When(r => r.HostCode is not null);
        RuleFor(r => r.Cursor).Must(c => c is null || InstantCursor.TryDecode(c, out _))
            .WithMessage(new LocalizedText("游标无效：请使用上一页返回的 nextCursor。", "Not a valid cursor: pass the nextCursor of the previous page."));
        RuleFor(r => r.Limit).InclusiveBetween(1, 200);
    }
}

internal static class ApplicationQueries
{
    public static void MapApplicationQueries(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/applications/{id:guid}", GetAsync)
            .WithName("SkillMasterStudios_GetApplication")
            .RequirePermission(StudioPermissions.ApplicationsRead)
            .WithSummary("Get an application with its expert scores")
            .WithDescription("Outside the caller's region: 404.")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/applications/{id:guid}/eligibility", CheckEligibilityAsync)
            .WithName("SkillMasterStudios_CheckEligibility")
            .RequirePermission(StudioPermissions.ApplicationsRead)
            .WithSummary("Explain whether an application may go ahead")
            .WithDescription("Every rule (program rules in force, master's qualification, one active studio per master, no other application in process, host organisation, studio standing, level ladder, renewal window and last assessment, funding standard) with passed or failed and the reason. Changes nothing.")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPost("/applications/search", SearchAsync)
            .WithName("SkillMasterStudios_SearchApplications")
            .RequirePermission(StudioPermissions.ApplicationsRead)
            .WithSummary("Search applications")
            .WithDescription("By status, kind, level, region, host and lead master; newest first with cursor paging. Changes nothing.");
    }

    private static async Task<Ok<ApplicationResponse>> GetAsync(Guid id, HttpContext http, SkillMasterStudiosDbContext db, ApplicationResults results, CancellationToken cancellationToken)
    {
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw StudioProblems.NotFound(StudioProblems.ApplicationNotFound, "申请", "Application", id);
        return await results.OkAsync(http, application, cancellationToken);
    }

    private static async Task<Ok<StudioEligibilityResponse>> CheckEligibilityAsync(Guid id, SkillMasterStudiosDbContext db, EligibilityReader eligibility, TimeProvider time, CancellationToken cancellationToken)
    {
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw StudioProblems.NotFound(StudioProblems.ApplicationNotFound, "申请", "Application", id);
        var day = ChinaCalendar.Today(time);
        var (verdict, facts, _) = await eligibility.EvaluateAsync(application, day, cancellationToken);
        return TypedResults.Ok(new StudioEligibilityResponse(
            verdict.Eligible,
            day,
            facts.Standard?.Amount,
            verdict.Outcomes.Select(o => new StudioRuleResult(o.Rule, o.Passed, o.Code, o.Detail.ToString())).ToArray()));
    }

    private static async Task<Ok<ApplicationPage>> SearchAsync(SearchApplicationsRequest request, SkillMasterStudiosDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Applications.AsNoTracking();
        if (request.Status is { } status)
        {
            query = query.Where(a => a.Status == status);
        }

        if (request.Kind is { } kind)
        {
            query = query.Where(a => a.Kind == kind);
        }

        if (request.Level is { } level)
        {
            query = query.Where(a => a.Level == level);
        }

        if (request.RegionCode is { } region)
        {
            query = query.WithinRegion(region);
        }

        if (request.HostCode is not null)
        {
            var host = StudioAccess.CreditCode(request.HostCode);
            query = query.Where(a => a.HostCode == host);
        }

        if (request.LeadMasterId is { } master)
        {
            query = query.Where(a => a.LeadMasterId == master);
        }

        if (request.Cursor is not null && InstantCursor.TryDecode(request.Cursor, out var after))
        {
            query = query.Where(a => a.CreatedAt < after.At || (a.CreatedAt == after.At && a.Id.CompareTo(after.Id) < 0));
        }

        var take = request.Limit ?? 50;
        var rows = await query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(take + 1)
            .Select(a => new ApplicationSummary(a.Id, a.Kind, a.StudioId, a.StudioName, a.HostCode, a.LeadMasterId, a.RegionCode, a.Level, a.Status, a.CreatedAt))
            .ToListAsync(cancellationToken);
        var next = rows.Count > take ? InstantCursor.Encode(rows[take - 1].CreatedAt, rows[take - 1].Id) : null;
        return TypedResults.Ok(new ApplicationPage(rows.Take(take).ToArray(), next));
    }
}
