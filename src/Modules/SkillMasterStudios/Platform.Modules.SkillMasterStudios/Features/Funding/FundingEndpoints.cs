using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.SkillMasterStudios.Domain;
using Platform.Modules.SkillMasterStudios.Features.Shared;
using Platform.Modules.SkillMasterStudios.Features.Studios;
using Platform.Modules.SkillMasterStudios.Persistence;

namespace Platform.Modules.SkillMasterStudios.Features.Funding;

/// <summary>The body of SkillMasterStudios_RecordFundingTranche.</summary>
/// <param name="Amount">Yuan paid, more than 0 (to the fen).</param>
/// <param name="PaidOn">The day paid: not before the decision, not after today.</param>
/// <param name="Reference">The payment's reference (treasury voucher or batch number), unique per accreditation (1–64 characters).</param>
internal sealed record RecordTrancheRequest(decimal Amount, DateOnly? PaidOn, string? Reference);

internal sealed class RecordTrancheValidator : AbstractValidator<RecordTrancheRequest>
{
    public RecordTrancheValidator()
    {
        RuleFor(r => r.Amount).GreaterThan(0m).LessThanOrEqualTo(10_000_000m).PrecisionScale(12, 2, ignoreTrailingZeros: true);
        RuleFor(r => r.PaidOn).NotNull().InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
        RuleFor(r => r.Reference).NotEmpty().MaximumLength(64);
    }
}

internal static class FundingEndpoints
{
    public static void MapFundingEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/accreditations/{id:guid}/tranches", RecordTrancheAsync)
            .WithName("SkillMasterStudios_RecordFundingTranche")
            .RequirePermission(StudioPermissions.FundingManage)
            .WithSummary("Record the payment of a tranche of an accreditation's grant")
            .WithDescription("The tranches of an accreditation never add up to more than its grant (422 studios.tranche_exceeds_grant); a reference is used once per accreditation (409 studios.tranche_reference_used); nothing is paid to a revoked studio (409 studios.studio_not_active). Answers the studio with its funding. Two tranches recorded at once: one succeeds, the other gets 409.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

    private static async Task<Created<StudioResponse>> RecordTrancheAsync(
        Guid id, RecordTrancheRequest request, HttpContext http, SkillMasterStudiosDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var accreditation = await db.Accreditations.FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw StudioProblems.NotFound(StudioProblems.AccreditationNotFound, "认定记录", "Accreditation", id);
        var studio = await StudioAccess.StudioAsync(db, accreditation.StudioId, cancellationToken);
        if (studio.Status == StudioStatus.Revoked)
        {
            throw StudioProblems.Conflict(StudioProblems.StudioNotActive, "工作室已被撤销，不再拨付资助经费。", "The studio was revoked; no more funding is paid.");
        }

        var now = time.GetUtcNow();
        var paidOn = request.PaidOn!.Value;
        if (paidOn > ChinaCalendar.DayOf(now))
        {
            throw StudioAccess.FieldError("paidOn", "拨付日期不能晚于今天。", "The payment day cannot be after today.");
        }

        if (paidOn < accreditation.DecidedOn)
        {
            throw StudioProblems.Unprocessable(StudioProblems.TrancheBeforeAccreditation, $"拨付日期早于认定日期 {accreditation.DecidedOn:yyyy-MM-dd}。", $"The payment day is before the accreditation was decided ({accreditation.DecidedOn:yyyy-MM-dd}).");
        }

        if (accreditation.FundingPaid + request.Amount > accreditation.FundingGranted)
        {
            throw StudioProblems.Unprocessable(
                StudioProblems.TrancheExceedsGrant,
                $"已拨付 {accreditation.FundingPaid:0.00} 元，本次 {request.Amount:0.00} 元将超过资助总额 {accreditation.FundingGranted:0.00} 元。",
                $"{accreditation.FundingPaid:0.00} yuan paid; {request.Amount:0.00} more would exceed the grant of {accreditation.FundingGranted:0.00} yuan.");
        }

        var reference = request.Reference!.Trim();
        if (await db.FundingTranches.AnyAsync(t => t.AccreditationId == id && t.Reference == reference, cancellationToken))
        {
            throw ReferenceUsed(reference);
        }

        db.FundingTranches.Add(new FundingTranche
        {
            Id = Guid.CreateVersion7(now),
            AccreditationId = accreditation.Id,
            StudioId = studio.Id,
            RegionCode = accreditation.RegionCode,
            Amount = request.Amount,
            PaidOn = paidOn,
            Reference = reference,
            RecordedBy = db.Caller.Subject,
            RecordedAt = now,
        });

        // The accreditation's version guards the control total: two tranches recorded at once cannot
        // both pass the check, the second save fails on the version and answers 409.
        accreditation.FundingPaid += request.Amount;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            throw ReferenceUsed(reference);
        }

        var response = await StudioEndpoints.PresentAsync(http, db, studio, cancellationToken);
        return TypedResults.Created($"/api/skill-master-studios/studios/{studio.Id}", response.Value!);
    }

    private static DomainException ReferenceUsed(string reference) =>
        StudioProblems.Conflict(StudioProblems.TrancheReferenceUsed, $"拨付凭证号 {reference} 已登记。", $"Payment reference {reference} is already recorded.");
}
