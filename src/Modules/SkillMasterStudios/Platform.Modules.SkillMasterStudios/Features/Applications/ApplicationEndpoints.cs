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
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.SkillMasterStudios.Domain;
using Platform.Modules.SkillMasterStudios.Features.Shared;
using Platform.Modules.SkillMasterStudios.Persistence;

namespace Platform.Modules.SkillMasterStudios.Features.Applications;

/// <summary>
/// The body of SkillMasterStudios_CreateApplication. A new studio names everything; an upgrade or a
/// renewal names the studio, and its name, host, occupation, field and region are taken from it.
/// </summary>
/// <param name="Kind">New (default), Upgrade or Renewal.</param>
/// <param name="StudioId">For an upgrade or renewal: the studio.</param>
/// <param name="StudioName">For a new studio: its name (1–200 characters).</param>
/// <param name="HostCode">For a new studio: the host organisation's unified social credit code.</param>
/// <param name="HostName">For a new studio: the host organisation's name.</param>
/// <param name="LeadMasterId">The lead master (a registered master); for an upgrade or renewal, default the studio's.</param>
/// <param name="TeamSize">Team members besides the lead master, 0–200.</param>
/// <param name="OccupationCode">For a new studio: the occupation.</param>
/// <param name="Field">For a new studio: the occupation field.</param>
/// <param name="RegionCode">For a new studio: its region (within the caller's).</param>
/// <param name="Level">The level applied for.</param>
/// <param name="Plan">What the studio plans for the term (1–4000 characters).</param>
internal sealed record CreateApplicationRequest(
    ApplicationKind? Kind, Guid? StudioId, string? StudioName, string? HostCode, string? HostName, Guid? LeadMasterId, int TeamSize,
    string? OccupationCode, CraftField? Field, string? RegionCode, StudioLevel? Level, string? Plan);

/// <summary>The body of a step that may carry a note.</summary>
/// <param name="Note">A note for the record (at most 500 characters).</param>
internal sealed record NoteRequest(string? Note);

internal sealed class CreateApplicationValidator : AbstractValidator<CreateApplicationRequest>
{
    public CreateApplicationValidator(RegionCatalog regions)
    {
        RuleFor(r => r.Kind).IsInEnum();
        RuleFor(r => r.Level).NotNull().IsInEnum();
        RuleFor(r => r.TeamSize).InclusiveBetween(0, 200);
        RuleFor(r => r.Plan).NotEmpty().MaximumLength(4000);
        When(r => r.Kind is null or ApplicationKind.New, () =>
        {
            RuleFor(r => r.StudioId).Null().WithMessage(new LocalizedText("新建工作室的申请不能指明已有工作室。", "An application for a new studio names no existing studio."));
            RuleFor(r => r.StudioName).NotEmpty().MaximumLength(200);
            RuleFor(r => r.HostCode).NotEmpty().ValidCreditCode();
            RuleFor(r => r.HostName).NotEmpty().MaximumLength(200);
            RuleFor(r => r.LeadMasterId).NotNull().NotEqual(Guid.Empty);
            RuleFor(r => r.OccupationCode).NotEmpty().MaximumLength(20);
            RuleFor(r => r.Field).NotNull().IsInEnum();
            RuleFor(r => r.RegionCode).NotEmpty().KnownRegion(regions);
        }).Otherwise(() =>
        {
            RuleFor(r => r.StudioId).NotNull().NotEqual(Guid.Empty)
                .WithMessage(new LocalizedText("升级或续期申请须指明工作室。", "An upgrade or renewal names the studio."));
            RuleFor(r => r.LeadMasterId).NotEqual(Guid.Empty);
        });
    }
}

internal sealed class NoteRequestValidator : AbstractValidator<NoteRequest>
{
    public NoteRequestValidator() => RuleFor(r => r.Note).MaximumLength(500);
}

/// <summary>Creating, submitting and withdrawing applications (for the host organisation).</summary>
internal static class ApplicationEndpoints
{
    public static void MapApplicationEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/applications", CreateAsync)
            .WithName("SkillMasterStudios_CreateApplication")
            .RequirePermission(StudioPermissions.ApplicationsWrite)
            .WithSummary("Create a studio application (draft)")
            .WithDescription("For a new studio, an upgrade to a higher level or a renewal. The draft is not checked yet; SkillMasterStudios_CheckEligibility explains every rule, and submitting refuses with the first failed one.")
            .ProducesApiProblem(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        routes.MapPost("/applications/{id:guid}/submission", SubmitAsync)
            .WithName("SkillMasterStudios_SubmitApplication")
            .RequirePermission(StudioPermissions.ApplicationsWrite)
            .WithSummary("Submit an application to the city bureau")
            .WithDescription("Runs the eligibility rules and refuses with the first failed rule's code: studios.master_not_qualified, studios.level_ladder, studios.host_invalid (422), studios.master_leads_active_studio, studios.open_application_exists (409), and for renewals studios.renewal_outside_window and studios.renewal_needs_qualified_year.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);

        routes.MapPost("/applications/{id:guid}/withdrawal", WithdrawAsync)
            .WithName("SkillMasterStudios_WithdrawApplication")
            .RequirePermission(StudioPermissions.ApplicationsWrite)
            .WithSummary("Withdraw an application before it is decided")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);
    }

    private static async Task<Created<ApplicationResponse>> CreateAsync(
        CreateApplicationRequest request, HttpContext http, SkillMasterStudiosDbContext db, ApplicationResults results, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var kind = request.Kind ?? ApplicationKind.New;
        var application = new StudioApplication
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            Level = request.Level!.Value,
            TeamSize = request.TeamSize,
            Plan = request.Plan!.Trim(),
            Status = ApplicationStatus.Draft,
            CreatedAt = now,
            CreatedBy = db.Caller.Subject,
        };
        if (kind == ApplicationKind.New)
        {
            StudioAccess.RequireRegion(db.Caller, request.RegionCode!);
            application.StudioName = request.StudioName!.Trim();
            application.HostCode = StudioAccess.CreditCode(request.HostCode!);
            application.HostName = request.HostName!.Trim();
            application.LeadMasterId = request.LeadMasterId!.Value;
            application.OccupationCode = request.OccupationCode!.Trim();
            application.Field = request.Field!.Value;
            application.RegionCode = request.RegionCode!;
        }
        else
        {
            var studio = await db.Studios.AsNoTracking().FirstOrDefaultAsync(s => s.Id == request.StudioId, cancellationToken)
                ?? throw StudioProblems.Unprocessable(StudioProblems.StudioNotFound, $"未找到工作室 {request.StudioId}。", $"Studio {request.StudioId} was not found.");
            application.StudioId = studio.Id;
            application.StudioName = studio.Name;
            application.HostCode = studio.HostCode;
            application.HostName = studio.HostName;
            application.LeadMasterId = request.LeadMasterId ?? studio.LeadMasterId;
            application.OccupationCode = studio.OccupationCode;
            application.Field = studio.Field;
            application.RegionCode = studio.RegionCode;
        }

        if (!await db.Masters.IgnoreQueryFilters().AnyAsync(m => m.Id == application.LeadMasterId, cancellationToken))
        {
            throw StudioProblems.Unprocessable(StudioProblems.MasterNotFound, $"领办人 {application.LeadMasterId} 未登记为技能大师。", $"Lead master {application.LeadMasterId} is not a registered master.");
        }

        db.Applications.Add(application);
        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(http, application);
        return TypedResults.Created($"/api/skill-master-studios/applications/{application.Id}", await results.ResponseAsync(application, cancellationToken));
    }

    private static async Task<Ok<ApplicationResponse>> SubmitAsync(
        Guid id, HttpContext http, SkillMasterStudiosDbContext db, EligibilityReader eligibility, ApplicationResults results, TimeProvider time, CancellationToken cancellationToken)
    {
        var application = await StudioAccess.ApplicationAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, application);
        ApplicationStateMachine.Next(application.Status, ApplicationAction.Submit);
        var now = time.GetUtcNow();
        var (verdict, _, _) = await eligibility.EvaluateAsync(application, ChinaCalendar.DayOf(now), cancellationToken);
        if (verdict.Refusal() is { } refusal)
        {
            throw refusal;
        }

        application.Apply(ApplicationAction.Submit);
        application.SubmittedAt = now;
        application.SubmittedBy = db.Caller.Subject;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // Another application of the same master or studio was submitted between the check and the save.
            throw StudioProblems.Conflict(
                StudioProblems.OpenApplicationExists,
                "同一领办人或工作室的另一份申请同时提交，本申请未提交。",
                "Another application for the same master or studio was submitted at the same moment; this one was not submitted.");
        }
        return await results.OkAsync(http, application, cancellationToken);
    }

    private static async Task<Ok<ApplicationResponse>> WithdrawAsync(
        Guid id, NoteRequest request, HttpContext http, SkillMasterStudiosDbContext db, ApplicationResults results, TimeProvider time, CancellationToken cancellationToken)
    {
        var application = await StudioAccess.ApplicationAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, application);
        application.Apply(ApplicationAction.Withdraw);
        application.DecidedAt = time.GetUtcNow();
        application.DecidedBy = db.Caller.Subject;
        application.DecisionReason = string.IsNullOrWhiteSpace(request.Note) ? "申请人撤回 / withdrawn by the applicant" : request.Note.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return await results.OkAsync(http, application, cancellationToken);
    }
}
