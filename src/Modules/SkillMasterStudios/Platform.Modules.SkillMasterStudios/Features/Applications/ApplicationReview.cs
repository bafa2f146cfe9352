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
using Platform.Modules.SkillMasterStudios.Contracts;
using Platform.Modules.SkillMasterStudios.Domain;
using Platform.Modules.SkillMasterStudios.Features.Shared;
using Platform.Modules.SkillMasterStudios.Persistence;

namespace Platform.Modules.SkillMasterStudios.Features.Applications;

/// <summary>The body of SkillMasterStudios_RecommendApplication.</summary>
/// <param name="Recommend">True to recommend the application for expert review; false to decline (it is rejected).</param>
/// <param name="Note">The city bureau's note; required when declining (1–500 characters).</param>
internal sealed record RecommendRequest(bool Recommend, string? Note);

/// <summary>The body of SkillMasterStudios_RecordExpertScore.</summary>
/// <param name="Score">0–100, at most one decimal.</param>
/// <param name="Comment">The expert's comment (1–1000 characters).</param>
/// <param name="ExpertOrganisationCode">The expert's organisation, when the token carries none (org claim); a token's own wins.</param>
internal sealed record ExpertScoreRequest(decimal Score, string? Comment, string? ExpertOrganisationCode);

/// <summary>The body of SkillMasterStudios_DecideApplication.</summary>
/// <param name="Approve">True to approve at the level applied for, false to reject.</param>
/// <param name="Reason">The reasons (1–500 characters), kept on the record and in the audit trail.</param>
/// <param name="StartsOn">First day of the term (default the decision day; a renewal continues the day after the current term ends, if later).</param>
internal sealed record DecideRequest(bool Approve, string? Reason, DateOnly? StartsOn);

internal sealed class RecommendRequestValidator : AbstractValidator<RecommendRequest>
{
    public RecommendRequestValidator()
    {
        RuleFor(r => r.Note).MaximumLength(500);
        RuleFor(r => r.Note).NotEmpty().When(r => !r.Recommend)
            .WithMessage(new LocalizedText("不予推荐时须说明理由。", "Say why when declining to recommend."));
    }
}

internal sealed class ExpertScoreRequestValidator : AbstractValidator<ExpertScoreRequest>
{
    public ExpertScoreRequestValidator()
    {
        RuleFor(r => r.Score).InclusiveBetween(0m, 100m).PrecisionScale(4, 1, ignoreTrailingZeros: true);
        RuleFor(r => r.Comment).NotEmpty().MaximumLength(1000);
        RuleFor(r => r.ExpertOrganisationCode).ValidCreditCode().When(r => r.ExpertOrganisationCode is not null);
    }
}

internal sealed class DecideRequestValidator : AbstractValidator<DecideRequest>
{
    public DecideRequestValidator()
    {
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(500);
        RuleFor(r => r.StartsOn).InclusiveBetween(ChinaCalendar.FirstDay, new DateOnly(2089, 12, 31));
    }
}

/// <summary>The bureau's and the experts' steps: recommendation, expert scores, decision.</summary>
internal static class ApplicationReview
{
    public static void MapApplicationReview(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/applications/{id:guid}/recommendation", RecommendAsync)
            .WithName("SkillMasterStudios_RecommendApplication")
            .RequirePermission(StudioPermissions.ApplicationsRecommend)
            .WithSummary("Recommend (or decline) a submitted application as the city bureau")
            .WithDescription("By staff of the studio's city, its province or the whole platform; county staff get 403 studios.decision_level_too_low. Declining rejects the application with the note.")
            .ProducesApiProblem(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);

        routes.MapPost("/applications/{id:guid}/scores", ScoreAsync)
            .WithName("SkillMasterStudios_RecordExpertScore")
            .RequirePermission(StudioPermissions.ApplicationsScore)
            .WithSummary("Record an expert's score of a recommended application")
            .WithDescription("Each expert scores once (409 studios.already_scored). An expert of the host organisation or of the lead master's employer may not score (403 studios.expert_conflict); neither may the staff member who recommended it. The first score puts the application under review; experts scoring at the same moment are all recorded.")
            .ProducesApiProblem(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        routes.MapPost("/applications/{id:guid}/decision", DecideAsync)
            .WithName("SkillMasterStudios_DecideApplication")
            .RequirePermission(StudioPermissions.ApplicationsDecide)
            .WithSummary("Approve or reject an application")
            .WithDescription("Municipal studios are decided by city (or higher) staff, provincial ones by provincial staff, national ones by the ministry (unrestricted region); otherwise 403 studios.decision_level_too_low. Whoever recommended or scored it cannot decide (403 studios.same_person_cannot_decide). Approval needs the rules' number of experts and average score (422 studios.not_enough_experts, studios.score_below_minimum) and the eligibility rules again; it creates the studio (or raises its level, or renews its term) and an accreditation funded under the standard in force on the decision day. Two reviewers deciding at once: one succeeds, the other gets 409.")
            .ProducesApiProblem(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<Ok<ApplicationResponse>> RecommendAsync(
        Guid id, RecommendRequest request, HttpContext http, SkillMasterStudiosDbContext db, ApplicationResults results, TimeProvider time, CancellationToken cancellationToken)
    {
        var application = await StudioAccess.ApplicationAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, application);
        RequireAuthority(db.Caller, RegionLevel.Prefecture, "推荐", "recommend");
        var now = time.GetUtcNow();
        application.Apply(request.Recommend ? ApplicationAction.Recommend : ApplicationAction.DeclineToRecommend);
        application.RecommendedAt = now;
        application.RecommendedBy = db.Caller.Subject;
        application.RecommendationNote = request.Note?.Trim();
        if (!request.Recommend)
        {
            application.DecidedAt = now;
            application.DecidedBy = db.Caller.Subject;
            application.DecisionReason = request.Note!.Trim();
        }

        await db.SaveChangesAsync(cancellationToken);
        return await results.OkAsync(http, application, cancellationToken);
    }

    private static async Task<Ok<ApplicationResponse>> ScoreAsync(
        Guid id, ExpertScoreRequest request, HttpContext http, SkillMasterStudiosDbContext db, ApplicationResults results, TimeProvider time, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var application = await ScoreOnceAsync(id, request, db, time, cancellationToken);
                return await results.OkAsync(http, application, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // Another expert's first score moved the application between the read and the save:
                // read it again; now under review, the score goes in without touching it. (A decision
                // that won instead makes the next attempt answer 409 invalid_transition.)
                db.ChangeTracker.Clear();
            }
        }
    }

    private static async Task<StudioApplication> ScoreOnceAsync(Guid id, ExpertScoreRequest request, SkillMasterStudiosDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var application = await StudioAccess.ApplicationAsync(db, id, cancellationToken);
        ApplicationStateMachine.Next(application.Status, ApplicationAction.Score);
        var caller = db.Caller;
        var organisation = StudioAccess.Organisation(caller) ?? (request.ExpertOrganisationCode is { } named ? StudioAccess.CreditCode(named) : null)
            ?? throw StudioProblems.Refuse(403, StudioProblems.ExpertOrganisationUnknown, "请给出专家所在单位的统一社会信用代码。", "Give the expert's organisation (unified social credit code).");
        var employer = await db.Masters.IgnoreQueryFilters().Where(m => m.Id == application.LeadMasterId).Select(m => m.EmployerCode).FirstOrDefaultAsync(cancellationToken);
        if (string.Equals(organisation, application.HostCode, StringComparison.Ordinal) || string.Equals(organisation, employer, StringComparison.Ordinal))
        {
            throw StudioProblems.Refuse(403, StudioProblems.ExpertConflict, "专家不能评审本单位（依托单位或领办人所在单位）的申请。", "An expert may not score an application of their own organisation (the host or the lead master's employer).");
        }

        if (string.Equals(caller.Subject, application.RecommendedBy, StringComparison.Ordinal))
        {
            throw StudioProblems.Refuse(403, StudioProblems.ExpertConflict, "推荐该申请的工作人员不能担任评审专家。", "The staff member who recommended the application may not score it.");
        }

        if (await db.ExpertScores.AnyAsync(s => s.ApplicationId == id && s.Expert == caller.Subject, cancellationToken))
        {
            throw AlreadyScored();
        }

        var now = time.GetUtcNow();
        db.ExpertScores.Add(new ExpertScore
        {
            Id = Guid.CreateVersion7(now),
            ApplicationId = application.Id,
            RegionCode = application.RegionCode,
            Expert = caller.Subject,
            ExpertOrganisation = organisation,
            Score = request.Score,
            Comment = request.Comment!.Trim(),
            ScoredAt = now,
        });

        // Only the first score moves the application; later ones leave it (and its version) alone so
        // experts scoring at the same time do not conflict with each other.
        if (application.Status == ApplicationStatus.Recommended)
        {
            application.Apply(ApplicationAction.Score);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            throw AlreadyScored();
        }

        return application;
    }

    private static async Task<Ok<ApplicationResponse>> DecideAsync(
        Guid id, DecideRequest request, HttpContext http, SkillMasterStudiosDbContext db, EligibilityReader eligibility, ApplicationResults results, TimeProvider time, CancellationToken cancellationToken)
    {
        var application = await StudioAccess.ApplicationAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, application);
        ApplicationStateMachine.Next(application.Status, request.Approve ? ApplicationAction.Approve : ApplicationAction.Reject);
        var caller = db.Caller;
        RequireAuthority(caller, application.Level switch
        {
            StudioLevel.Municipal => RegionLevel.Prefecture,
            StudioLevel.Provincial => RegionLevel.Province,
            _ => null,
        }, "决定", "decide");
        var scores = await db.ExpertScores.AsNoTracking().Where(s => s.ApplicationId == id).ToListAsync(cancellationToken);
        if (string.Equals(caller.Subject, application.RecommendedBy, StringComparison.Ordinal) || scores.Any(s => s.Expert == caller.Subject))
        {
            throw StudioProblems.Refuse(403, StudioProblems.SamePersonCannotDecide, "推荐或评审该申请的人员不能作出决定。", "Whoever recommended or scored an application cannot decide it.");
        }

        var now = time.GetUtcNow();
        var day = ChinaCalendar.DayOf(now);
        application.Apply(request.Approve ? ApplicationAction.Approve : ApplicationAction.Reject);
        application.DecidedAt = now;
        application.DecidedBy = caller.Subject;
        application.DecisionReason = request.Reason!.Trim();
        if (request.Approve)
        {
            await ApproveAsync(application, request, scores, day, db, eligibility, now, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            throw StudioProblems.Conflict(
                StudioProblems.ConcurrentAccreditation,
                "领办人同时获批了另一个工作室，请重新检查资格。",
                "Another studio led by the same master was approved at the same moment; check eligibility again.");
        }

        return await results.OkAsync(http, application, cancellationToken);
    }

    private static async Task ApproveAsync(
        StudioApplication application, DecideRequest request, IReadOnlyList<ExpertScore> scores, DateOnly day, SkillMasterStudiosDbContext db,
        EligibilityReader eligibility, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (verdict, facts, master) = await eligibility.EvaluateAsync(application, day, cancellationToken);
        var rules = facts.Rules;
        if (rules is not null)
        {
            if (scores.Count < rules.MinimumExperts)
            {
                throw StudioProblems.Unprocessable(StudioProblems.NotEnoughExperts, $"已有 {scores.Count} 位专家评分，批准须至少 {rules.MinimumExperts} 位。", $"{scores.Count} experts have scored; approval needs at least {rules.MinimumExperts}.");
            }

            var average = ApplicationResponse.AverageOf(scores)!.Value;
            if (average < rules.MinimumAverageScore)
            {
                throw StudioProblems.Unprocessable(StudioProblems.ScoreBelowMinimum, $"专家平均分 {average} 低于批准所需的 {rules.MinimumAverageScore}。", $"The experts' average {average} is below the {rules.MinimumAverageScore} approval needs.");
            }
        }

        if (verdict.Refusal() is { } refusal)
        {
            throw refusal;
        }

        var standard = facts.Standard!;
        var studio = application.StudioId is { } studioId ? await StudioAccess.StudioAsync(db, studioId, cancellationToken) : null;
        var startsOn = request.StartsOn ?? (application.Kind == ApplicationKind.Renewal && studio is not null && studio.TermEndsOn >= day ? studio.TermEndsOn.AddDays(1) : day);
        var endsOn = startsOn.AddYears(rules!.TermYears).AddDays(-1);
        var previousLevel = studio?.Level;
        if (studio is null)
        {
            studio = new Studio
            {
                Id = Guid.CreateVersion7(now),
                Name = application.StudioName,
                HostCode = application.HostCode,
                HostName = application.HostName,
                OccupationCode = application.OccupationCode,
                Field = application.Field,
                RegionCode = application.RegionCode,
                AccreditedOn = startsOn,
            };
            db.Studios.Add(studio);
            application.StudioId = studio.Id;
        }

        var accreditation = new Accreditation
        {
            Id = Guid.CreateVersion7(now),
            StudioId = studio.Id,
            ApplicationId = application.Id,
            Kind = application.Kind,
            Level = application.Level,
            RegionCode = studio.RegionCode,
            StartsOn = startsOn,
            EndsOn = endsOn,
            DecidedOn = day,
            DecidedBy = application.DecidedBy!,
            FundingStandardId = standard.Id,
            FundingGranted = standard.Amount,
        };
        db.Accreditations.Add(accreditation);
        studio.LeadMasterId = master.Id;
        studio.ActiveLeadSlot = master.Id;
        studio.Level = application.Level;
        studio.Status = StudioStatus.Active;
        studio.CurrentAccreditationId = accreditation.Id;
        studio.TermEndsOn = endsOn;
        studio.ClosedAt = null;
        studio.ClosedBy = null;
        studio.ClosingReason = null;
        studio.UpdatedAt = now;
        application.AccreditationId = accreditation.Id;
        db.Publish(new StudioAccredited(
            studio.Id, accreditation.Id, application.Kind.ToString(), application.Level.ToString(), previousLevel?.ToString(), studio.HostCode,
            master.Person.BlindIndex, studio.OccupationCode, studio.Field.ToString(), studio.RegionCode, startsOn, endsOn, accreditation.FundingGranted));
    }

    /// <summary>
    /// Refuses a caller whose region is narrower than <paramref name="needed"/>: a city bureau (or higher)
    /// recommends and decides municipal studios, a province provincial ones, the ministry (an
    /// unrestricted caller, <paramref name="needed"/> null) national ones.
    /// </summary>
    private static void RequireAuthority(Caller caller, RegionLevel? needed, string chineseAct, string englishAct)
    {
        if (caller.Scope.IsUnrestricted)
        {
            return;
        }

        var level = caller.Scope.Code is { } code && RegionCode.IsWellFormed(code) ? RegionCode.LevelOf(code) : (RegionLevel?)null;
        var enough = needed is { } wanted && level is { } held && held <= wanted;
        if (!enough)
        {
            var who = needed switch
            {
                RegionLevel.Prefecture => ("市级及以上", "city or higher"),
                RegionLevel.Province => ("省级及以上", "provincial or higher"),
                _ => ("国家（部）级", "the ministry's (unrestricted)"),
            };
            throw StudioProblems.Refuse(403, StudioProblems.DecisionLevelTooLow, $"须由{who.Item1}工作人员{chineseAct}。", $"Only {who.Item2} staff may {englishAct} this.");
        }
    }

    private static DomainException AlreadyScored() =>
        StudioProblems.Conflict(StudioProblems.AlreadyScored, "您已为该申请评分，每位专家只能评分一次。", "You have already scored this application; each expert scores once.");
}
