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
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Shared;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Features.Mentors;

/// <summary>What registering and updating a mentor both carry.</summary>
internal interface IMentorDetails
{
    string? Name { get; }

    string? Organisation { get; }

    IReadOnlyList<Industry>? Industries { get; }

    string? RegionCode { get; }

    string? Expertise { get; }
}

/// <summary>The body of ReturnHomeEntrepreneurship_RegisterMentor.</summary>
/// <param name="Name">The name (1–50 characters).</param>
/// <param name="Organisation">The organisation the mentor works for (1–200 characters).</param>
/// <param name="Industries">The industries the mentor advises on (1–5).</param>
/// <param name="RegionCode">Where the mentor is based: any division of Sichuan or Chongqing (the pool is shared by both).</param>
/// <param name="Expertise">What the mentor helps with (1–500 characters).</param>
internal sealed record RegisterMentorRequest(string? Name, string? Organisation, IReadOnlyList<Industry>? Industries, string? RegionCode, string? Expertise) : IMentorDetails;

/// <summary>The body of ReturnHomeEntrepreneurship_UpdateMentor.</summary>
/// <param name="Name">The name (1–50 characters).</param>
/// <param name="Organisation">The organisation (1–200 characters).</param>
/// <param name="Industries">The industries the mentor advises on (1–5).</param>
/// <param name="RegionCode">Where the mentor is based (Sichuan or Chongqing).</param>
/// <param name="Expertise">What the mentor helps with (1–500 characters).</param>
/// <param name="Active">Whether the mentor takes founders now; inactive mentors are not matched.</param>
internal sealed record UpdateMentorRequest(string? Name, string? Organisation, IReadOnlyList<Industry>? Industries, string? RegionCode, string? Expertise, bool? Active) : IMentorDetails;

/// <summary>A mentor of the pool shared by Sichuan and Chongqing. The version is the ETag; send it as <c>If-Match</c> with a change.</summary>
/// <param name="Id">The mentor.</param>
/// <param name="Name">The name.</param>
/// <param name="Organisation">The organisation.</param>
/// <param name="Industries">The industries the mentor advises on.</param>
/// <param name="RegionCode">Where the mentor is based.</param>
/// <param name="Expertise">What the mentor helps with.</param>
/// <param name="Active">Whether the mentor takes founders now.</param>
/// <param name="Version">The version (ETag).</param>
internal sealed record MentorResponse(Guid Id, string Name, string Organisation, IReadOnlyList<Industry> Industries, string RegionCode, string Expertise, bool Active, int Version)
{
    public static MentorResponse From(Mentor m) => new(m.Id, m.Name, m.Organisation, m.IndustryList, m.RegionCode, m.Expertise, m.Active, m.Version);
}

/// <summary>The body of ReturnHomeEntrepreneurship_SearchMentors; filters combine with AND.</summary>
/// <param name="Industry">Only mentors advising on this industry.</param>
/// <param name="RegionCode">Only mentors based within this region (either province).</param>
/// <param name="Active">Only active (true) or inactive (false) mentors.</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
/// <param name="Limit">Page size, 1–200 (default 50).</param>
internal sealed record SearchMentorsRequest(Industry? Industry, string? RegionCode, bool? Active, string? Cursor, int? Limit);

/// <summary>A page of mentors, newest registration first.</summary>
/// <param name="Items">The mentors.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
internal sealed record MentorPage(IReadOnlyList<MentorResponse> Items, string? NextCursor);

/// <summary>The body of ReturnHomeEntrepreneurship_AddProject.</summary>
/// <param name="Title">The title (1–200 characters).</param>
/// <param name="Industry">The industry.</param>
/// <param name="RegionCode">Where the project is: any division of Sichuan or Chongqing.</param>
/// <param name="Investment">The investment needed, yuan (0–100,000,000,000, two decimals).</param>
/// <param name="Description">What the opportunity is (1–2,000 characters).</param>
internal sealed record AddProjectRequest(string? Title, Industry? Industry, string? RegionCode, decimal? Investment, string? Description);

/// <summary>A project of the library shared by Sichuan and Chongqing.</summary>
/// <param name="Id">The project.</param>
/// <param name="Title">The title.</param>
/// <param name="Industry">The industry.</param>
/// <param name="RegionCode">Where it is.</param>
/// <param name="Investment">The investment needed, yuan.</param>
/// <param name="Description">What the opportunity is.</param>
/// <param name="Open">Whether a founder may still take it up; closed projects are not matched.</param>
internal sealed record ProjectResponse(Guid Id, string Title, Industry Industry, string RegionCode, decimal Investment, string Description, bool Open)
{
    public static ProjectResponse From(Project p) => new(p.Id, p.Title, p.Industry, p.RegionCode, p.Investment, p.Description, p.Open);
}

/// <summary>The body of ReturnHomeEntrepreneurship_SearchProjects; filters combine with AND.</summary>
/// <param name="Industry">Only this industry.</param>
/// <param name="RegionCode">Only projects within this region (either province).</param>
/// <param name="Open">Only open (true) or closed (false) projects.</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
/// <param name="Limit">Page size, 1–200 (default 50).</param>
internal sealed record SearchProjectsRequest(Industry? Industry, string? RegionCode, bool? Open, string? Cursor, int? Limit);

/// <summary>A page of projects, newest first.</summary>
/// <param name="Items">The projects.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
internal sealed record ProjectPage(IReadOnlyList<ProjectResponse> Items, string? NextCursor);

/// <summary>The query of ReturnHomeEntrepreneurship_MatchMentors and ReturnHomeEntrepreneurship_MatchProjects.</summary>
/// <param name="Limit">How many matches, 1–50 (default 10).</param>
internal sealed record EntrepreneurMatchQuery(int? Limit);

/// <summary>One part of a match score.</summary>
/// <param name="Factor">What it rewards: the founder's industries or nearness to the founder's home county.</param>
/// <param name="Points">The points it adds (zero when it did not match).</param>
/// <param name="Text">Why, in the language of the request.</param>
internal sealed record EntrepreneurshipMatchReason(MatchFactor Factor, int Points, string Text)
{
    public static IReadOnlyList<EntrepreneurshipMatchReason> From(MatchScore score) =>
        score.Reasons.Select(r => new EntrepreneurshipMatchReason(r.Factor, r.Points, r.Text.ToString())).ToArray();
}

/// <summary>A mentor matched to a founder, with the score explained.</summary>
/// <param name="Mentor">The mentor.</param>
/// <param name="Score">The total: an industry match weighs 60 (+5 for each further industry, at most +15); nearness adds 30 (same county), 20 (same city), 10 (same province) or 5 (the other province).</param>
/// <param name="Proximity">How near the mentor is to the founder's home county.</param>
/// <param name="MatchedIndustries">The founder's industries the mentor advises on.</param>
/// <param name="Reasons">Each part of the score.</param>
internal sealed record MentorMatchResponse(MentorResponse Mentor, int Score, MatchProximity Proximity, IReadOnlyList<Industry> MatchedIndustries, IReadOnlyList<EntrepreneurshipMatchReason> Reasons);

/// <summary>The best mentors for a founder, best first.</summary>
/// <param name="EntrepreneurId">The founder.</param>
/// <param name="HomeRegionCode">The founder's home county.</param>
/// <param name="Industries">The industries of the founder's businesses that were matched on (operating ones; all when none operates).</param>
/// <param name="Items">The matches, best first; ties go to the nearer, then the one matching more industries, then by name and id.</param>
internal sealed record MentorMatchList(Guid EntrepreneurId, string HomeRegionCode, IReadOnlyList<Industry> Industries, IReadOnlyList<MentorMatchResponse> Items);

/// <summary>A project matched to a founder, with the score explained.</summary>
/// <param name="Project">The project.</param>
/// <param name="Score">The total, weighed as for mentors.</param>
/// <param name="Proximity">How near the project is to the founder's home county.</param>
/// <param name="Reasons">Each part of the score.</param>
internal sealed record ProjectMatchResponse(ProjectResponse Project, int Score, MatchProximity Proximity, IReadOnlyList<EntrepreneurshipMatchReason> Reasons);

/// <summary>The best open projects for a founder, best first.</summary>
/// <param name="EntrepreneurId">The founder.</param>
/// <param name="HomeRegionCode">The founder's home county.</param>
/// <param name="Industries">The industries of the founder's businesses that were matched on.</param>
/// <param name="Items">The matches, best first.</param>
internal sealed record ProjectMatchList(Guid EntrepreneurId, string HomeRegionCode, IReadOnlyList<Industry> Industries, IReadOnlyList<ProjectMatchResponse> Items);

/// <summary>The body of ReturnHomeEntrepreneurship_RecordMentoringSession.</summary>
/// <param name="MentorId">The mentor.</param>
/// <param name="HeldOn">The day of the session (not in the future).</param>
/// <param name="Hours">How long, in hours (0.5–24, two decimals).</param>
/// <param name="Topic">What it was about (1–200 characters).</param>
/// <param name="Notes">Notes (up to 2,000 characters).</param>
internal sealed record RecordMentoringSessionRequest(Guid? MentorId, DateOnly? HeldOn, decimal? Hours, string? Topic, string? Notes);

/// <summary>A mentoring session.</summary>
/// <param name="Id">The session.</param>
/// <param name="EntrepreneurId">The founder.</param>
/// <param name="MentorId">The mentor.</param>
/// <param name="MentorName">The mentor's name.</param>
/// <param name="HeldOn">The day.</param>
/// <param name="Hours">How long, in hours.</param>
/// <param name="Topic">What it was about.</param>
/// <param name="Notes">Notes.</param>
internal sealed record MentoringSessionResponse(Guid Id, Guid EntrepreneurId, Guid MentorId, string MentorName, DateOnly HeldOn, decimal Hours, string Topic, string Notes);

/// <summary>A founder's mentoring sessions.</summary>
/// <param name="EntrepreneurId">The founder.</param>
/// <param name="Sessions">All sessions recorded.</param>
/// <param name="TotalHours">Their hours together.</param>
/// <param name="Items">The latest 500, latest first.</param>
internal sealed record MentoringSessionList(Guid EntrepreneurId, int Sessions, decimal TotalHours, IReadOnlyList<MentoringSessionResponse> Items);

internal sealed class MentorDetailsValidator : AbstractValidator<IMentorDetails>
{
    public MentorDetailsValidator(RegionCatalog regions)
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(50);
        RuleFor(r => r.Organisation).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Industries).NotEmpty();
        RuleFor(r => r.Industries).Must(i => i!.Count <= 5).When(r => r.Industries is not null)
            .WithMessage(new LocalizedText("最多填写 5 个行业。", "At most 5 industries."));
        RuleForEach(r => r.Industries).IsInEnum();
        RuleFor(r => r.RegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(r => r.Expertise).NotEmpty().MaximumLength(500);
    }
}

internal sealed class RegisterMentorValidator : AbstractValidator<RegisterMentorRequest>
{
    public RegisterMentorValidator(RegionCatalog regions) => Include(new MentorDetailsValidator(regions));
}

internal sealed class UpdateMentorValidator : AbstractValidator<UpdateMentorRequest>
{
    public UpdateMentorValidator(RegionCatalog regions)
    {
        RuleFor(r => r.Active).NotNull();
        Include(new MentorDetailsValidator(regions));
    }
}

internal sealed class SearchMentorsValidator : AbstractValidator<SearchMentorsRequest>
{
    public SearchMentorsValidator(RegionCatalog regions)
    {
        RuleFor(r => r.Industry).IsInEnum();
        RuleFor(r => r.RegionCode).KnownRegion(regions).When(r => r.RegionCode is not null);
        RuleFor(r => r.Cursor).Must(c => c is null || InstantCursor.TryDecode(c, out _)).WithMessage(MentorEndpoints.BadCursor);
        RuleFor(r => r.Limit).InclusiveBetween(1, 200);
    }
}

internal sealed class AddProjectValidator : AbstractValidator<AddProjectRequest>
{
    public AddProjectValidator(RegionCatalog regions)
    {
        RuleFor(r => r.Title).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Industry).NotNull().IsInEnum();
        RuleFor(r => r.RegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(r => r.Investment).NotNull().InclusiveBetween(0m, 100_000_000_000m).PrecisionScale(14, 2, true);
        RuleFor(r => r.Description).NotEmpty().MaximumLength(2000);
    }
}

internal sealed class SearchProjectsValidator : AbstractValidator<SearchProjectsRequest>
{
    public SearchProjectsValidator(RegionCatalog regions)
    {
        RuleFor(r => r.Industry).IsInEnum();
        RuleFor(r => r.RegionCode).KnownRegion(regions).When(r => r.RegionCode is not null);
        RuleFor(r => r.Cursor).Must(c => c is null || InstantCursor.TryDecode(c, out _)).WithMessage(MentorEndpoints.BadCursor);
        RuleFor(r => r.Limit).InclusiveBetween(1, 200);
    }
}

internal sealed class EntrepreneurMatchQueryValidator : AbstractValidator<EntrepreneurMatchQuery>
{
    public EntrepreneurMatchQueryValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, 50);
}

internal sealed class RecordMentoringSessionValidator : AbstractValidator<RecordMentoringSessionRequest>
{
    public RecordMentoringSessionValidator()
    {
        RuleFor(r => r.MentorId).NotEmpty();
        RuleFor(r => r.HeldOn).NotNull().InclusiveBetween(new DateOnly(1990, 1, 1), ChinaCalendar.LastDay);
        RuleFor(r => r.Hours).NotNull().InclusiveBetween(0.5m, 24m).PrecisionScale(4, 2, true);
        RuleFor(r => r.Topic).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Notes).MaximumLength(2000);
    }
}

internal static class MentorEndpoints
{
    internal static readonly LocalizedText BadCursor = new("游标无效：请使用上一页返回的 nextCursor。", "Not a valid cursor: pass the nextCursor of the previous page.");

    private const int SessionsListed = 500;

    public static void MapMentorEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/mentors", RegisterMentorAsync)
            .WithName("ReturnHomeEntrepreneurship_RegisterMentor")
            .RequirePermission(EntrepreneurshipPermissions.MentorsWrite)
            .WithSummary("Add a mentor to the pool shared by Sichuan and Chongqing")
            .WithDescription("The mentor may be based anywhere in either province, whatever the caller's region; every operator of both provinces sees the pool.");

        routes.MapGet("/mentors/{id:guid}", GetMentorAsync)
            .WithName("ReturnHomeEntrepreneurship_GetMentor")
            .RequirePermission(EntrepreneurshipPermissions.MentorsRead)
            .WithSummary("Get a mentor")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPut("/mentors/{id:guid}", UpdateMentorAsync)
            .WithName("ReturnHomeEntrepreneurship_UpdateMentor")
            .RequirePermission(EntrepreneurshipPermissions.MentorsWrite)
            .WithSummary("Update a mentor, or take them out of (or back into) matching")
            .WithDescription("Send the ETag as If-Match (412 when stale). An inactive mentor keeps the sessions recorded but is not matched.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);

        routes.MapPost("/mentors/search", SearchMentorsAsync)
            .WithName("ReturnHomeEntrepreneurship_SearchMentors")
            .RequirePermission(EntrepreneurshipPermissions.MentorsRead)
            .WithSummary("Search the mentor pool")
            .WithDescription("By industry, region (either province, whatever the caller's) and whether active; newest first with cursor paging.");

        routes.MapPost("/projects", AddProjectAsync)
            .WithName("ReturnHomeEntrepreneurship_AddProject")
            .RequirePermission(EntrepreneurshipPermissions.MentorsWrite)
            .WithSummary("Add a project to the library shared by Sichuan and Chongqing")
            .WithDescription("The project may be anywhere in either province, whatever the caller's region.");

        routes.MapGet("/projects/{id:guid}", GetProjectAsync)
            .WithName("ReturnHomeEntrepreneurship_GetProject")
            .RequirePermission(EntrepreneurshipPermissions.MentorsRead)
            .WithSummary("Get a project")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPost("/projects/search", SearchProjectsAsync)
            .WithName("ReturnHomeEntrepreneurship_SearchProjects")
            .RequirePermission(EntrepreneurshipPermissions.MentorsRead)
            .WithSummary("Search the project library")
            .WithDescription("By industry, region (either province) and whether open; newest first with cursor paging.");

        routes.MapPost("/projects/{id:guid}/close", CloseProjectAsync)
            .WithName("ReturnHomeEntrepreneurship_CloseProject")
            .RequirePermission(EntrepreneurshipPermissions.MentorsWrite)
            .WithSummary("Close a project")
            .WithDescription("A closed project is no longer matched. Closing a closed project changes nothing.")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/entrepreneurs/{id:guid}/mentor-matches", MatchMentorsAsync)
            .WithName("ReturnHomeEntrepreneurship_MatchMentors")
            .RequirePermission(EntrepreneurshipPermissions.MentorsRead)
            .WithSummary("The active mentors that suit a founder best, with the score explained")
            .WithDescription("Industry weighs most (the industries of the founder's businesses), then nearness to the founder's home county: same county, same city, same province, then the other province, which still counts (the pool is shared by Sichuan and Chongqing). Founder outside the caller's region: 404.")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/entrepreneurs/{id:guid}/project-matches", MatchProjectsAsync)
            .WithName("ReturnHomeEntrepreneurship_MatchProjects")
            .RequirePermission(EntrepreneurshipPermissions.MentorsRead)
            .WithSummary("The open projects that suit a founder best, with the score explained")
            .WithDescription("Weighed as mentor matches: the project's industry against the founder's businesses', then nearness. Founder outside the caller's region: 404.")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPost("/entrepreneurs/{id:guid}/mentoring-sessions", RecordSessionAsync)
            .WithName("ReturnHomeEntrepreneurship_RecordMentoringSession")
            .RequirePermission(EntrepreneurshipPermissions.MentorsWrite)
            .WithSummary("Record a mentoring session a founder had")
            .WithDescription("The mentor may be from either province. Founder outside the caller's region or unknown mentor: 404.")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/entrepreneurs/{id:guid}/mentoring-sessions", ListSessionsAsync)
            .WithName("ReturnHomeEntrepreneurship_ListMentoringSessions")
            .RequirePermission(EntrepreneurshipPermissions.MentorsRead)
            .WithSummary("A founder's mentoring sessions")
            .WithDescription("Latest first, with the count and hours of all. Founder outside the caller's region: 404.")
            .ProducesApiProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Created<MentorResponse>> RegisterMentorAsync(
        RegisterMentorRequest request, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var mentor = new Mentor { Id = Guid.CreateVersion7(now), Active = true, RecordedAt = now, RecordedBy = db.Caller.Subject };
        Apply(mentor, request);
        db.Mentors.Add(mentor);
        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(http, mentor);
        return TypedResults.Created($"/api/return-home-entrepreneurship/mentors/{mentor.Id}", MentorResponse.From(mentor));
    }

    private static async Task<Ok<MentorResponse>> GetMentorAsync(Guid id, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        var mentor = await db.Mentors.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken) ?? throw MentorNotFound(id);
        EntityTags.Set(http, mentor);
        return TypedResults.Ok(MentorResponse.From(mentor));
    }

    private static async Task<Ok<MentorResponse>> UpdateMentorAsync(
        Guid id, UpdateMentorRequest request, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var mentor = await db.Mentors.FirstOrDefaultAsync(m => m.Id == id, cancellationToken) ?? throw MentorNotFound(id);
        EntityTags.RequireMatch(http, mentor);
        Apply(mentor, request);
        mentor.Active = request.Active!.Value;
        mentor.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(http, mentor);
        return TypedResults.Ok(MentorResponse.From(mentor));
    }

    private static async Task<Ok<MentorPage>> SearchMentorsAsync(SearchMentorsRequest request, ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Mentors.AsNoTracking();
        if (request.Industry is { } industry)
        {
            // Industries are stored one name per line; no industry's name is part of another's.
            var name = industry.ToString();
            query = query.Where(m => m.Industries.Contains(name));
        }

        if (request.RegionCode is { } region)
        {
            if (RegionCode.LevelOf(region) == RegionLevel.County)
            {
                query = query.Where(m => m.RegionCode == region);
            }
            else
            {
                var prefix = RegionCode.Prefix(region);
                query = query.Where(m => m.RegionCode.StartsWith(prefix));
            }
        }

        if (request.Active is { } active)
        {
            query = query.Where(m => m.Active == active);
        }

        if (request.Cursor is not null && InstantCursor.TryDecode(request.Cursor, out var after))
        {
            query = query.Where(m => m.RecordedAt < after.At || (m.RecordedAt == after.At && m.Id.CompareTo(after.Id) < 0));
        }

        var take = request.Limit ?? 50;
        var rows = await query.OrderByDescending(m => m.RecordedAt).ThenByDescending(m => m.Id).Take(take + 1).ToListAsync(cancellationToken);
        var next = rows.Count > take ? InstantCursor.Encode(rows[take - 1].RecordedAt, rows[take - 1].Id) : null;
        return TypedResults.Ok(new MentorPage(rows.Take(take).Select(MentorResponse.From).ToArray(), next));
    }

    private static async Task<Created<ProjectResponse>> AddProjectAsync(AddProjectRequest request, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var project = new Project
        {
            Id = Guid.CreateVersion7(now),
            Title = request.Title!.Trim(),
            Industry = request.Industry!.Value,
            RegionCode = request.RegionCode!,
            Investment = request.Investment!.Value,
            Description = request.Description!.Trim(),
            Open = true,
            RecordedAt = now,
            RecordedBy = db.Caller.Subject,
        };
        db.Projects.Add(project);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/return-home-entrepreneurship/projects/{project.Id}", ProjectResponse.From(project));
    }

    private static async Task<Ok<ProjectResponse>> GetProjectAsync(Guid id, ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw ProjectNotFound(id);
        return TypedResults.Ok(ProjectResponse.From(project));
    }

    private static async Task<Ok<ProjectPage>> SearchProjectsAsync(SearchProjectsRequest request, ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Projects.AsNoTracking();
        if (request.Industry is { } industry)
        {
            query = query.Where(p => p.Industry == industry);
        }

        if (request.RegionCode is { } region)
        {
            if (RegionCode.LevelOf(region) == RegionLevel.County)
            {
                query = query.Where(p => p.RegionCode == region);
            }
            else
            {
                var prefix = RegionCode.Prefix(region);
                query = query.Where(p => p.RegionCode.StartsWith(prefix));
            }
        }

        if (request.Open is { } open)
        {
            query = query.Where(p => p.Open == open);
        }

        if (request.Cursor is not null && InstantCursor.TryDecode(request.Cursor, out var after))
        {
            query = query.Where(p => p.RecordedAt < after.At || (p.RecordedAt == after.At && p.Id.CompareTo(after.Id) < 0));
        }

        var take = request.Limit ?? 50;
        var rows = await query.OrderByDescending(p => p.RecordedAt).ThenByDescending(p => p.Id).Take(take + 1).ToListAsync(cancellationToken);
        var next = rows.Count > take ? InstantCursor.Encode(rows[take - 1].RecordedAt, rows[take - 1].Id) : null;
        return TypedResults.Ok(new ProjectPage(rows.Take(take).Select(ProjectResponse.From).ToArray(), next));
    }

    private static async Task<Ok<ProjectResponse>> CloseProjectAsync(Guid id, ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw ProjectNotFound(id);
        if (project.Open)
        {
            project.Open = false;
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(ProjectResponse.From(project));
    }

    private static async Task<Ok<MentorMatchList>> MatchMentorsAsync(
        Guid id, [AsParameters] EntrepreneurMatchQuery query, ReturnHomeEntrepreneurshipDbContext db, RegionCatalog regions, CancellationToken cancellationToken)
    {
        var profile = await ProfileAsync(db, id, cancellationToken);

        // Only what scoring needs is read for the whole active pool; the winners are then read in full.
        var pool = await db.Mentors.AsNoTracking().Where(m => m.Active)
            .Select(m => new { m.Id, m.Name, m.Industries, m.RegionCode })
            .ToListAsync(cancellationToken);
        var best = MentorMatching.Top(
            pool, m => new MatchCandidate(m.Id, m.Name, Mentor.Split(m.Industries), m.RegionCode), profile, regions, query.Limit ?? 10);
        var ids = best.Select(b => b.Candidate.Id).ToArray();
        var mentors = await db.Mentors.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var items = best.Where(b => mentors.ContainsKey(b.Candidate.Id))
            .Select(b => new MentorMatchResponse(
                MentorResponse.From(mentors[b.Candidate.Id]), b.Score.Points, b.Score.Proximity, b.Score.MatchedIndustries, EntrepreneurshipMatchReason.From(b.Score)))
            .ToArray();
        return TypedResults.Ok(new MentorMatchList(id, profile.HomeRegionCode, profile.Industries.ToArray(), items));
    }

    private static async Task<Ok<ProjectMatchList>> MatchProjectsAsync(
        Guid id, [AsParameters] EntrepreneurMatchQuery query, ReturnHomeEntrepreneurshipDbContext db, RegionCatalog regions, CancellationToken cancellationToken)
    {
        var profile = await ProfileAsync(db, id, cancellationToken);
        var pool = await db.Projects.AsNoTracking().Where(p => p.Open)
            .Select(p => new { p.Id, p.Title, p.Industry, p.RegionCode })
            .ToListAsync(cancellationToken);
        var best = MentorMatching.Top(pool, p => new MatchCandidate(p.Id, p.Title, [p.Industry], p.RegionCode), profile, regions, query.Limit ?? 10);
        var ids = best.Select(b => b.Candidate.Id).ToArray();
        var projects = await db.Projects.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var items = best.Where(b => projects.ContainsKey(b.Candidate.Id))
            .Select(b => new ProjectMatchResponse(ProjectResponse.From(projects[b.Candidate.Id]), b.Score.Points, b.Score.Proximity, EntrepreneurshipMatchReason.From(b.Score)))
            .ToArray();
        return TypedResults.Ok(new ProjectMatchList(id, profile.HomeRegionCode, profile.Industries.ToArray(), items));
    }

    private static async Task<Created<MentoringSessionResponse>> RecordSessionAsync(
        Guid id, RecordMentoringSessionRequest request, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var founder = await FounderAsync(db, id, cancellationToken);
        var now = time.GetUtcNow();
        EntrepreneurshipAccess.NotAfterToday(request.HeldOn!.Value, ChinaCalendar.DayOf(now), "heldOn");
        var mentorId = request.MentorId!.Value;
        var mentor = await db.Mentors.AsNoTracking().Where(m => m.Id == mentorId).Select(m => new { m.Id, m.Name }).FirstOrDefaultAsync(cancellationToken)
            ?? throw MentorNotFound(mentorId);
        var session = new MentoringSession
        {
            Id = Guid.CreateVersion7(now),
            MentorId = mentor.Id,
            EntrepreneurId = founder.Id,
            HeldOn = request.HeldOn.Value,
            Hours = request.Hours!.Value,
            Topic = request.Topic!.Trim(),
            Notes = request.Notes?.Trim() ?? "",
            RecordedAt = now,
            RecordedBy = db.Caller.Subject,
        };
        db.MentoringSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/return-home-entrepreneurship/entrepreneurs/{founder.Id}/mentoring-sessions", Present(session, mentor.Name));
    }

    private static async Task<Ok<MentoringSessionList>> ListSessionsAsync(Guid id, ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        var founder = await FounderAsync(db, id, cancellationToken);
        var all = db.MentoringSessions.AsNoTracking().Where(s => s.EntrepreneurId == founder.Id);
        var totals = await all.GroupBy(s => 1).Select(g => new { Count = g.Count(), Hours = g.Sum(s => s.Hours) }).FirstOrDefaultAsync(cancellationToken);
        var sessions = await all.OrderByDescending(s => s.HeldOn).ThenByDescending(s => s.Id).Take(SessionsListed).ToListAsync(cancellationToken);
        var mentorIds = sessions.Select(s => s.MentorId).Distinct().ToArray();
        var names = await db.Mentors.AsNoTracking().Where(m => mentorIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken);
        return TypedResults.Ok(new MentoringSessionList(
            founder.Id, totals?.Count ?? 0, totals?.Hours ?? 0m, sessions.Select(s => Present(s, names.GetValueOrDefault(s.MentorId, ""))).ToArray()));
    }

    /// <summary>The founder's home county and the industries of their businesses (operating ones; all when none operates).</summary>
    private static async Task<MatchProfile> ProfileAsync(ReturnHomeEntrepreneurshipDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var founder = await FounderAsync(db, id, cancellationToken);

        // A founder's business may operate outside the caller's region; only its industry is read, for scoring.
        var businesses = await db.Businesses.IgnoreQueryFilters().AsNoTracking().Where(b => b.EntrepreneurId == founder.Id)
            .Select(b => new { b.Industry, b.Status }).ToListAsync(cancellationToken);
        var operating = businesses.Where(b => b.Status == BusinessStatus.Operating).ToArray();
        var industries = (operating.Length > 0 ? operating : [.. businesses]).Select(b => b.Industry).Distinct().Order().ToArray();
        return new MatchProfile(founder.RegionCode, industries);
    }

    /// <summary>The founder, not tracked; 404 outside the caller's region.</summary>
    private static async Task<Entrepreneur> FounderAsync(ReturnHomeEntrepreneurshipDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Entrepreneurs.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
        ?? throw EntrepreneurshipProblems.NotFound(EntrepreneurshipProblems.EntrepreneurNotFound, "创业人员", "Entrepreneur", id);

    private static void Apply(Mentor mentor, IMentorDetails details)
    {
        mentor.Name = details.Name!.Trim();
        mentor.Organisation = details.Organisation!.Trim();
        mentor.Industries = Mentor.Join(details.Industries!);
        mentor.RegionCode = details.RegionCode!;
        mentor.Expertise = details.Expertise!.Trim();
    }

    private static MentoringSessionResponse Present(MentoringSession s, string mentorName) =>
        new(s.Id, s.EntrepreneurId, s.MentorId, mentorName, s.HeldOn, s.Hours, s.Topic, s.Notes);

    private static DomainException MentorNotFound(Guid id) => EntrepreneurshipProblems.NotFound(EntrepreneurshipProblems.MentorNotFound, "创业导师", "Mentor", id);

    private static DomainException ProjectNotFound(Guid id) => EntrepreneurshipProblems.NotFound(EntrepreneurshipProblems.ProjectNotFound, "项目", "Project", id);
}
