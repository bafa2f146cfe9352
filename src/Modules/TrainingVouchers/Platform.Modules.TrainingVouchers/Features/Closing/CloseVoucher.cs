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

namespace Platform.Modules.TrainingVouchers.Features.Closing;

internal static class CloseVoucher
{
    public static void MapCloseVoucher(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/vouchers/{id:guid}/cancellation", CancelAsync)
            .WithName("TrainingVouchers_Cancel")
            .RequirePermission(TrainingVoucherPermissions.VouchersCancel)
            .WithSummary("Cancel an unused voucher at the holder's request")
            .WithDescription("Only before enrolment (409 otherwise). A cancelled voucher no longer counts towards the yearly quota.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);

        routes.MapPost("/vouchers/{id:guid}/revocation", RevokeAsync)
            .WithName("TrainingVouchers_Revoke")
            .RequirePermission(TrainingVoucherPermissions.VouchersRevoke)
            .WithSummary("Revoke a voucher for fraud")
            .WithDescription("By a reviewer, with the reason, at any point before payment; a claim already in a payment batch must be taken out first (409 vouchers.claim_already_batched). An open claim is rejected with the voucher.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);
    }

    private static async Task<Ok<VoucherResponse>> CancelAsync(
        Guid id, ReasonRequest request, HttpContext http, TrainingVouchersDbContext db, VoucherResults results, TimeProvider time, CancellationToken cancellationToken)
    {
        var voucher = await Vouchers.LoadAsync(db, id, cancellationToken);
        Vouchers.RequireHomeRegion(db.Caller, voucher);
        EntityTags.RequireMatch(http, voucher);
        voucher.Close(VoucherAction.Cancel, request.Reason!.Trim(), db.Caller.Subject, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return await results.OkAsync(http, voucher, cancellationToken);
    }

    private static async Task<Ok<VoucherResponse>> RevokeAsync(
        Guid id, ReasonRequest request, HttpContext http, TrainingVouchersDbContext db, VoucherResults results, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var voucher = await Vouchers.LoadAsync(db, id, cancellationToken);
        Vouchers.RequireHomeRegion(db.Caller, voucher);
        EntityTags.RequireMatch(http, voucher);
        var claim = voucher.CurrentClaimId is { } claimId
            ? await db.SettlementClaims.FirstOrDefaultAsync(c => c.Id == claimId, cancellationToken)
            : null;
        if (claim?.PaymentBatchId is { } batch && VoucherStateMachine.IsAllowed(voucher.Status, VoucherAction.Revoke))
        {
            throw VoucherProblems.Conflict(VoucherProblems.ClaimAlreadyBatched, $"补贴申请已列入支付批次 {batch}，请先移出再撤销。", $"The claim is in payment batch {batch}; take it out before revoking.");
        }

        voucher.Close(VoucherAction.Revoke, request.Reason!.Trim(), db.Caller.Subject, now);
        if (claim is { Status: ClaimStatus.Claimed or ClaimStatus.Approved })
        {
            claim.Status = ClaimStatus.Rejected;
            claim.RejectionReason = request.Reason.Trim();
            claim.DecidedBy = db.Caller.Subject;
            claim.DecidedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return await results.OkAsync(http, voucher, cancellationToken);
    }
}
