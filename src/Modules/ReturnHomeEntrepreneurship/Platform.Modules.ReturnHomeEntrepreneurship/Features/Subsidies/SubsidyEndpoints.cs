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
using Platform.BuildingBlocks.ReferenceData;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Shared;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Features.Subsidies;

/// <summary>A condition with its outcome.</summary>
/// <param name="Code">once_per_person, business_of_founder, business_operating, months_of_operation, founder_social_insurance or standard_in_force.</param>
/// <param name="Passed">Whether it holds.</param>
/// <param name="Reason">Why, in the request's language.</param>
internal sealed record StartupSubsidyConditionResponse(string Code, bool Passed, string Reason);

/// <summary>Whether a founder's business qualifies for the one-time start-up subsidy on a day.</summary>
/// <param name="EntrepreneurId">The founder.</param>
/// <param name="BusinessId">The business.</param>
/// <param name="OnDay">The day checked.</param>
/// <param name="Eligible">Whether every condition holds.</param>
/// <param name="Amount">The amount of the standard in force, yuan.</param>
/// <param name="Conditions">Each condition, explained.</param>
internal sealed record StartupSubsidyEligibilityResponse(Guid EntrepreneurId, Guid BusinessId, DateOnly OnDay, bool Eligible, decimal? Amount, IReadOnlyList<StartupSubsidyConditionResponse> Conditions);

/// <summary>The body of ReturnHomeEntrepreneurship_ApplyForStartupSubsidy.</summary>
/// <param name="EntrepreneurId">The founder.</param>
/// <param name="BusinessId">The founder's business.</param>
internal sealed record ApplyForSubsidyRequest(Guid? EntrepreneurId, Guid? BusinessId);

/// <summary>The body of ReturnHomeEntrepreneurship_DecideStartupSubsidy.</summary>
/// <param name="Approve">True to approve (the conditions are checked again), false to reject.</param>
/// <param name="Note">Why (required to reject; at most 500 characters).</param>
internal sealed record DecideSubsidyRequest(bool? Approve, string? Note);

/// <summary>The body of ReturnHomeEntrepreneurship_PayStartupSubsidy.</summary>
/// <param name="PaidOn">The day of payment (not before the decision, not in the future).</param>
/// <param name="PaymentReference">The treasury's payment reference (1–64 characters, unique).</param>
internal sealed record PaySubsidyRequest(DateOnly? PaidOn, string? PaymentReference);

/// <summary>A start-up subsidy. The version is the ETag.</summary>
/// <param name="Id">The subsidy.</param>
/// <param name="EntrepreneurId">The founder.</param>
/// <param name="BusinessId">The business.</param>
/// <param name="RegionCode">The business's county.</param>
/// <param name="Status">Applied, Approved, Rejected or Paid.</param>
/// <param name="Amount">Yuan.</param>
/// <param name="AppliedOn">The day of application.</param>
/// <param name="AppliedBy">The maker.</param>
/// <param name="DecidedBy">The checker.</param>
/// <param name="DecisionNote">The checker's note.</param>
/// <param name="PaidOn">The day of payment.</param>
/// <param name="PaymentReference">The payment reference.</param>
/// <param name="Conditions">The conditions as checked at the last step.</param>
/// <param name="Version">The version (ETag).</param>
internal sealed record StartupSubsidyResponse(
    Guid Id, Guid EntrepreneurId, Guid BusinessId, string RegionCode, SubsidyStatus Status, decimal Amount, DateOnly AppliedOn, string AppliedBy, string? DecidedBy,
    string? DecisionNote, DateOnly? PaidOn, string? PaymentReference, IReadOnlyList<StartupSubsidyConditionResponse> Conditions, int Version);

/// <summary>The body of ReturnHomeEntrepreneurship_SearchStartupSubsidies.</summary>
/// <param name="RegionCode">Only within this region.</param>
/// <param name="Status">Only this status.</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
/// <param name="Limit">Page size, 1–200 (default 50).</param>
internal sealed record SearchSubsidiesRequest(string? RegionCode, SubsidyStatus? Status, string? Cursor, int? Limit);

/// <summary>A page of subsidies, newest application first.</summary>
/// <param name="Items">The subsidies (conditions omitted).</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
internal sealed record StartupSubsidyPage(IReadOnlyList<StartupSubsidyResponse> Items, string? NextCursor);

internal sealed class ApplyForSubsidyValidator : AbstractValidator<ApplyForSubsidyRequest>
{
    public ApplyForSubsidyValidator()
    {
        RuleFor(r => r.EntrepreneurId).NotEmpty();
        RuleFor(r => r.BusinessId).NotEmpty();
    }
}

internal sealed class DecideSubsidyValidator : AbstractValidator<DecideSubsidyRequest>
{
    public DecideSubsidyValidator()
    {
        RuleFor(r => r.Approve).NotNull();
        RuleFor(r => r.Note).NotEmpty().When(r => r.Approve == false);
        RuleFor(r => r.Note).MaximumLength(500);
    }
}

internal sealed class PaySubsidyValidator : AbstractValidator<PaySubsidyRequest>
{
    public PaySubsidyValidator()
    {
        RuleFor(r => r.PaidOn).NotNull().InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
        RuleFor(r => r.PaymentReference).NotEmpty().MaximumLength(64);
    }
}

internal sealed class SearchSubsidiesValidator : AbstractValidator<SearchSubsidiesRequest>
{
    public SearchSubsidiesValidator(RegionCatalog regions)
    {
        RuleFor(r => r.RegionCode).KnownRegion(regions).When(r => r.RegionCode is not null);
        RuleFor(r => r.Status).IsInEnum();
        RuleFor(r => r.Cursor).Must(c => c is null || InstantCursor.TryDecode(c, out _))
            .WithMessage(new LocalizedText("游标无效：请使用上一页返回的 nextCursor。", "Not a valid cursor: pass the nextCursor of the previous page."));
        RuleFor(r => r.Limit).InclusiveBetween(1, 200);
    }
}

internal static class SubsidyEndpoints
{
    public static void MapSubsidyEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/businesses/{businessId:guid}/startup-subsidy/eligibility", EligibilityAsync)
            .WithName("ReturnHomeEntrepreneurship_CheckStartupSubsidyEligibility")
            .RequirePermission(EntrepreneurshipPermissions.FoundersRead)
            .WithSummary("Check the start-up subsidy's conditions for a business's founder, each explained")
            .WithDescription("Once per person, the business founded by the applicant and operating, months of operation, the founder's social insurance, a standard in force; on a day (default today).")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPost("/startup-subsidies", ApplyAsync)
            .WithName("ReturnHomeEntrepreneurship_ApplyForStartupSubsidy")
            .RequirePermission(EntrepreneurshipPermissions.SubsidiesApply)
            .WithSummary("Apply for the one-time start-up subsidy (the maker)")
            .WithDescription("Refused with the first failed condition: 409 entrepreneurship.subsidy_once_per_person, otherwise 422 entrepreneurship.subsidy_not_eligible naming the condition. The amount is the standard in force for the business's region today.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        routes.MapGet("/startup-subsidies/{id:guid}", GetAsync)
            .WithName("ReturnHomeEntrepreneurship_GetStartupSubsidy")
            .RequirePermission(EntrepreneurshipPermissions.FoundersRead)
            .WithSummary("Get a start-up subsidy with its conditions as they stand today")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPost("/startup-subsidies/search", SearchAsync)
            .WithName("ReturnHomeEntrepreneurship_SearchStartupSubsidies")
            .RequirePermission(EntrepreneurshipPermissions.FoundersRead)
            .WithSummary("Search start-up subsidies by region and status");

        routes.MapPost("/startup-subsidies/{id:guid}/decision", DecideAsync)
            .WithName("ReturnHomeEntrepreneurship_DecideStartupSubsidy")
            .RequirePermission(EntrepreneurshipPermissions.SubsidiesDecide)
            .WithSummary("Approve or reject a start-up subsidy (the checker)")
            .WithDescription("The officer who applied cannot decide (403 entrepreneurship.maker_cannot_check). Approval checks the conditions again. Send the ETag as If-Match; two checkers at once: one wins, the other gets 409.")
            .ProducesApiProblem(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);

        routes.MapPost("/startup-subsidies/{id:guid}/payment", PayAsync)
            .WithName("ReturnHomeEntrepreneurship_PayStartupSubsidy")
            .RequirePermission(EntrepreneurshipPermissions.SubsidiesPay)
            .WithSummary("Record the payment of an approved start-up subsidy")
            .WithDescription("The payment reference is unique (409 entrepreneurship.payment_reference_used).")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);
    }

    /// <param name="onDay">The day to check on (default today).</param>
    private static async Task<Ok<StartupSubsidyEligibilityResponse>> EligibilityAsync(
        Guid businessId, DateOnly? onDay, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var business = await EntrepreneurshipAccess.BusinessAsync(db, businessId, cancellationToken);
        var founder = await db.Entrepreneurs.IgnoreQueryFilters().FirstAsync(e => e.Id == business.EntrepreneurId, cancellationToken);
        var day = onDay ?? ChinaCalendar.Today(time);
        var (conditions, amount) = await CheckAsync(db, founder, business, day, null, cancellationToken);
        return TypedResults.Ok(new StartupSubsidyEligibilityResponse(founder.Id, business.Id, day, conditions.All(c => c.Passed), amount, Present(conditions)));
    }

    private static async Task<Created<StartupSubsidyResponse>> ApplyAsync(
        ApplyForSubsidyRequest request, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var founder = await EntrepreneurshipAccess.EntrepreneurAsync(db, request.EntrepreneurId!.Value, cancellationToken);
        var business = await EntrepreneurshipAccess.BusinessAsync(db, request.BusinessId!.Value, cancellationToken);
        var now = time.GetUtcNow();
        var today = ChinaCalendar.DayOf(now);
        var (conditions, amount) = await CheckAsync(db, founder, business, today, null, cancellationToken);
        RequireAll(conditions);
        var standard = RegionalRules.InForce(await db.SubsidyStandards.AsNoTracking().ToListAsync(cancellationToken), business.RegionCode, today)!;
        var subsidy = new StartupSubsidy
        {
            Id = Guid.CreateVersion7(now),
            EntrepreneurId = founder.Id,
            BusinessId = business.Id,
            PersonSlot = founder.Person.BlindIndex,
            RegionCode = business.RegionCode,
            AppliedOn = today,
            Status = SubsidyStatus.Applied,
            Amount = amount!.Value,
            StandardId = standard.Id,
            AppliedAt = now,
            AppliedBy = db.Caller.Subject,
        };
        db.StartupSubsidies.Add(subsidy);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            throw OncePerPerson();
        }

        EntityTags.Set(http, subsidy);
        return TypedResults.Created($"/api/return-home-entrepreneurship/startup-subsidies/{subsidy.Id}", Present(subsidy, conditions));
    }

    private static async Task<Ok<StartupSubsidyResponse>> GetAsync(Guid id, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var subsidy = await SubsidyAsync(db, id, cancellationToken);
        var conditions = await ConditionsOfAsync(db, subsidy, ChinaCalendar.Today(time), cancellationToken);
        EntityTags.Set(http, subsidy);
        return TypedResults.Ok(Present(subsidy, conditions));
    }

    private static async Task<Ok<StartupSubsidyPage>> SearchAsync(SearchSubsidiesRequest request, ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        var query = db.StartupSubsidies.AsNoTracking();
        if (request.RegionCode is { } region)
        {
            query = query.WithinRegion(region);
        }

        if (request.Status is { } status)
        {
            query = query.Where(s => s.Status == status);
        }

        if (request.Cursor is not null && InstantCursor.TryDecode(request.Cursor, out var after))
        {
            query = query.Where(s => s.AppliedAt < after.At || (s.AppliedAt == after.At && s.Id.CompareTo(after.Id) < 0));
        }

        var take = request.Limit ?? 50;
        var rows = await query.OrderByDescending(s => s.AppliedAt).ThenByDescending(s => s.Id).Take(take + 1).ToListAsync(cancellationToken);
        var next = rows.Count > take ? InstantCursor.Encode(rows[take - 1].AppliedAt, rows[take - 1].Id) : null;
        return TypedResults.Ok(new StartupSubsidyPage(rows.Take(take).Select(s => Present(s, [])).ToArray(), next));
    }

    private static async Task<Ok<StartupSubsidyResponse>> DecideAsync(
        Guid id, DecideSubsidyRequest request, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var subsidy = await SubsidyAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, subsidy);
        if (string.Equals(subsidy.AppliedBy, db.Caller.Subject, StringComparison.Ordinal))
        {
            throw EntrepreneurshipProblems.Refuse(
                403, EntrepreneurshipProblems.MakerCannotCheck, "申请人（经办）不能审核自己经办的补贴。", "The officer who applied (the maker) cannot decide it (the checker must be someone else).");
        }

        RequireStatus(subsidy, SubsidyStatus.Applied);
        var now = time.GetUtcNow();
        var today = ChinaCalendar.DayOf(now);
        IReadOnlyList<SubsidyCondition> conditions = [];
        if (request.Approve == true)
        {
            conditions = await ConditionsOfAsync(db, subsidy, today, cancellationToken);
            RequireAll(conditions);
            subsidy.Status = SubsidyStatus.Approved;
        }
        else
        {
            subsidy.Status = SubsidyStatus.Rejected;
            subsidy.PersonSlot = null;
        }

        subsidy.DecidedAt = now;
        subsidy.DecidedBy = db.Caller.Subject;
        subsidy.DecisionNote = request.Note?.Trim();
        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(http, subsidy);
        return TypedResults.Ok(Present(subsidy, conditions));
    }

    private static async Task<Ok<StartupSubsidyResponse>> PayAsync(
        Guid id, PaySubsidyRequest request, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var subsidy = await SubsidyAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, subsidy);
        RequireStatus(subsidy, SubsidyStatus.Approved);
        var paidOn = request.PaidOn!.Value;
        EntrepreneurshipAccess.NotAfterToday(paidOn, ChinaCalendar.Today(time), "paidOn");
        if (paidOn < ChinaCalendar.DayOf(subsidy.DecidedAt!.Value))
        {
            throw EntrepreneurshipAccess.FieldError("paidOn", "支付日期不能早于审核日期。", "The payment cannot be before the approval.");
        }

        var reference = request.PaymentReference!.Trim();
        if (await db.StartupSubsidies.IgnoreQueryFilters().AnyAsync(s => s.PaymentReference == reference, cancellationToken))
        {
            throw ReferenceUsed(reference);
        }

        subsidy.Status = SubsidyStatus.Paid;
        subsidy.PaidOn = paidOn;
        subsidy.PaymentReference = reference;
        subsidy.PaidBy = db.Caller.Subject;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            throw ReferenceUsed(reference);
        }

        EntityTags.Set(http, subsidy);
        return TypedResults.Ok(Present(subsidy, []));
    }

    private static async Task<StartupSubsidy> SubsidyAsync(ReturnHomeEntrepreneurshipDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.StartupSubsidies.FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
        ?? throw EntrepreneurshipProblems.NotFound(EntrepreneurshipProblems.SubsidyNotFound, "一次性创业补贴", "Start-up subsidy", id);

    private static async Task<IReadOnlyList<SubsidyCondition>> ConditionsOfAsync(ReturnHomeEntrepreneurshipDbContext db, StartupSubsidy subsidy, DateOnly day, CancellationToken cancellationToken)
    {
        var founder = await db.Entrepreneurs.IgnoreQueryFilters().AsNoTracking().FirstAsync(e => e.Id == subsidy.EntrepreneurId, cancellationToken);
        var business = await db.Businesses.IgnoreQueryFilters().AsNoTracking().FirstAsync(b => b.Id == subsidy.BusinessId, cancellationToken);
        return (await CheckAsync(db, founder, business, day, subsidy.Id, cancellationToken)).Conditions;
    }

    /// <summary>The conditions on <paramref name="day"/>; <paramref name="self"/> is the subsidy being decided, which does not count against "once per person".</summary>
    private static async Task<(IReadOnlyList<SubsidyCondition> Conditions, decimal? Amount)> CheckAsync(
        ReturnHomeEntrepreneurshipDbContext db, Entrepreneur founder, Business business, DateOnly day, Guid? self, CancellationToken cancellationToken)
    {
        var granted = await db.StartupSubsidies.IgnoreQueryFilters()
            .AnyAsync(s => s.PersonSlot == founder.Person.BlindIndex && s.Id != self, cancellationToken);
        var standards = await db.SubsidyStandards.AsNoTracking().ToListAsync(cancellationToken);
        var conditions = SubsidyEligibility.Check(founder, business, granted, standards, day);
        return (conditions, RegionalRules.InForce(standards, business.RegionCode, day)?.Amount);
    }

    private static void RequireAll(IReadOnlyList<SubsidyCondition> conditions)
    {
        if (conditions.FirstOrDefault(c => !c.Passed) is not { } failed)
        {
            return;
        }

        if (failed.Code == "once_per_person")
        {
            throw OncePerPerson();
        }

        throw new DomainException(422, EntrepreneurshipProblems.SubsidyNotEligible, new LocalizedText(
            $"不符合条件（{failed.Code}）：{failed.Reason.Chinese}", $"A condition is not met ({failed.Code}): {failed.Reason.English}"));
    }

    private static void RequireStatus(StartupSubsidy subsidy, SubsidyStatus expected)
    {
        if (subsidy.Status != expected)
        {
            throw EntrepreneurshipProblems.Conflict(
                EntrepreneurshipProblems.InvalidTransition, $"补贴当前状态为 {subsidy.Status}，应为 {expected}。", $"The subsidy is {subsidy.Status}; this needs {expected}.");
        }
    }

    private static StartupSubsidyConditionResponse[] Present(IEnumerable<SubsidyCondition> conditions) =>
        conditions.Select(c => new StartupSubsidyConditionResponse(c.Code, c.Passed, c.Reason.ToString())).ToArray();

    private static StartupSubsidyResponse Present(StartupSubsidy s, IEnumerable<SubsidyCondition> conditions) => new(
        s.Id, s.EntrepreneurId, s.BusinessId, s.RegionCode, s.Status, s.Amount, s.AppliedOn, s.AppliedBy, s.DecidedBy, s.DecisionNote, s.PaidOn, s.PaymentReference,
        Present(conditions), s.Version);

    private static DomainException OncePerPerson() =>
        EntrepreneurshipProblems.Conflict(EntrepreneurshipProblems.SubsidyOncePerPerson, "一次性创业补贴每人限一次，此人已申请或领取。", "The start-up subsidy is once per person; this person already applied or received it.");

    private static DomainException ReferenceUsed(string reference) =>
        EntrepreneurshipProblems.Conflict(EntrepreneurshipProblems.PaymentReferenceUsed, $"支付流水号 {reference} 已使用。", $"The payment reference {reference} is already used.");
}
