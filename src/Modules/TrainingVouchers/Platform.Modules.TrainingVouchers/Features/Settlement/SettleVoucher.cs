using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Security;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Features.Shared;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Modules.TrainingVouchers.Features.Settlement;

/// <summary>
/// Settlement: the institution claims the subsidy of a completed voucher; a reviewer who is not the
/// claimant approves or rejects it (maker-checker).
/// </summary>
internal static class SettleVoucher
{
    public static void MapSettleVoucher(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/vouchers/{id:guid}/settlement", ClaimAsync)
            .WithName("TrainingVouchers_ClaimSettlement")
            .RequirePermission(TrainingVoucherPermissions.SettlementClaim)
            .WithSummary("Claim the subsidy of a completed voucher")
            .WithDescription("The amount is the face value when the holder passed, the region's failed share of it otherwise; nothing to claim is refused (422 vouchers.nothing_to_settle).")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);

        routes.MapPost("/vouchers/{id:guid}/settlement/approval", ApproveAsync)
            .WithName("TrainingVouchers_ApproveSettlement")
            .RequirePermission(TrainingVoucherPermissions.SettlementDecide)
            .WithSummary("Approve a subsidy claim")
            .WithDescription("By a reviewer of the issuing region (it pays; 403 vouchers.not_issuing_region otherwise) who did not make the claim (403 vouchers.same_person_cannot_approve). Two reviewers approving at once: one succeeds, the other gets 409.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);

        routes.MapPost("/vouchers/{id:guid}/settlement/rejection", RejectAsync)
            .WithName("TrainingVouchers_RejectSettlement")
            .RequirePermission(TrainingVoucherPermissions.SettlementDecide)
            .WithSummary("Reject a subsidy claim")
            .WithDescription("With the reason; the voucher returns to completed so the institution may claim again.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);
    }

    private static async Task<Ok<VoucherResponse>> ClaimAsync(
        Guid id, HttpContext http, TrainingVouchersDbContext db, ReferenceData referenceData, VoucherResults results, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var voucher = await Vouchers.LoadAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, voucher);
        voucher.Apply(VoucherAction.ClaimSettlement);
        var rules = await referenceData.RulesInForceAsync(voucher.RegionCode, voucher.CompletedOn!.Value, cancellationToken);
        var share = voucher.Passed == true ? 100m : rules?.FailedSharePercent ?? 0m;
        var amount = Math.Round(voucher.FaceValue * share / 100m, 2, MidpointRounding.AwayFromZero);
        if (amount <= 0m)
        {
            throw VoucherProblems.Unprocessable(
                VoucherProblems.NothingToSettle,
                $"考核不合格，按地区政策补贴比例为 {share:0.##}%，无可申请的补贴。",
                $"The holder failed and the region pays {share:0.##}% for a failed assessment: nothing to claim.");
        }

        var claim = new SettlementClaim
        {
            Id = Guid.CreateVersion7(now),
            VoucherId = voucher.Id,
            RegionCode = voucher.RegionCode,
            ServingRegionCode = voucher.ServingRegionCode,
            InstitutionCode = voucher.InstitutionCode!,
            Amount = amount,
            Status = ClaimStatus.Claimed,
            ClaimedBy = db.Caller.Subject,
            ClaimedAt = now,
        };
        db.SettlementClaims.Add(claim);
        voucher.CurrentClaimId = claim.Id;
        voucher.SubsidyAmount = amount;
        await db.SaveChangesAsync(cancellationToken);
        return await results.OkAsync(http, voucher, cancellationToken);
    }

    private static async Task<Ok<VoucherResponse>> ApproveAsync(
        Guid id, HttpContext http, TrainingVouchersDbContext db, VoucherResults results, TimeProvider time, CancellationToken cancellationToken)
    {
        var (voucher, claim) = await LoadClaimAsync(db, id, http, VoucherAction.ApproveSettlement, cancellationToken);
        voucher.Apply(VoucherAction.ApproveSettlement);
        claim.Status = ClaimStatus.Approved;
        claim.DecidedBy = db.Caller.Subject;
        claim.DecidedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return await results.OkAsync(http, voucher, cancellationToken);
    }

    private static async Task<Ok<VoucherResponse>> RejectAsync(
        Guid id, ReasonRequest request, HttpContext http, TrainingVouchersDbContext db, VoucherResults results, TimeProvider time, CancellationToken cancellationToken)
    {
        var (voucher, claim) = await LoadClaimAsync(db, id, http, VoucherAction.RejectSettlement, cancellationToken);
        voucher.Apply(VoucherAction.RejectSettlement);
        voucher.CurrentClaimId = null;
        voucher.SubsidyAmount = null;
        claim.Status = ClaimStatus.Rejected;
        claim.RejectionReason = request.Reason!.Trim();
        claim.DecidedBy = db.Caller.Subject;
        claim.DecidedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return await results.OkAsync(http, voucher, cancellationToken);
    }

    private static async Task<(Voucher Voucher, SettlementClaim Claim)> LoadClaimAsync(
        TrainingVouchersDbContext db, Guid id, HttpContext http, VoucherAction action, CancellationToken cancellationToken)
    {
        var voucher = await Vouchers.LoadAsync(db, id, cancellationToken);
        Vouchers.RequireHomeRegion(db.Caller, voucher);
        EntityTags.RequireMatch(http, voucher);
        if (!VoucherStateMachine.IsAllowed(voucher.Status, action) || voucher.CurrentClaimId is not { } claimId)
        {
            throw VoucherStateMachine.RefusalOf(voucher.Status, action);
        }

        var claim = await db.SettlementClaims.FirstAsync(c => c.Id == claimId, cancellationToken);
        if (string.Equals(claim.ClaimedBy, db.Caller.Subject, StringComparison.Ordinal))
        {
            throw VoucherProblems.Refuse(
                403,
                VoucherProblems.SamePersonCannotApprove,
                "补贴申请人不能审核自己的申请（审核须由另一人完成）。",
                "The person who made the claim cannot decide it; another reviewer must.");
        }

        return (voucher, claim);
    }
}
