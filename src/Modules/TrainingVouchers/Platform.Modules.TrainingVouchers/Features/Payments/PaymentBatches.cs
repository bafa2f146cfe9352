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
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.TrainingVouchers.Contracts;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Features.Shared;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Modules.TrainingVouchers.Features.Payments;

/// <summary>The body of TrainingVouchers_CreatePaymentBatch.</summary>
/// <param name="RegionCode">The paying region; every voucher in the batch was issued within it.</param>
/// <param name="Reference">The finance office's reference for the batch, unique in the region (1–64 characters).</param>
/// <param name="VoucherIds">The vouchers whose approved claims are paid, 1–1000.</param>
/// <param name="DeclaredCount">How many claims the preparer counted; must equal the number of vouchers.</param>
/// <param name="DeclaredTotal">The total the preparer computed, in yuan; must equal the sum of the approved claims.</param>
internal sealed record CreatePaymentBatchRequest(string? RegionCode, string? Reference, IReadOnlyList<Guid>? VoucherIds, int DeclaredCount, decimal DeclaredTotal);

/// <summary>The body of TrainingVouchers_ConfirmPaymentBatch.</summary>
/// <param name="PaidOn">The day the bank paid the batch; not in the future.</param>
internal sealed record ConfirmPaymentBatchRequest(DateOnly? PaidOn);

/// <summary>A claim in a payment batch.</summary>
/// <param name="VoucherId">The voucher.</param>
/// <param name="ClaimId">The claim.</param>
/// <param name="InstitutionCode">The institution paid.</param>
/// <param name="Amount">The amount, in yuan.</param>
internal sealed record PaymentLine(Guid VoucherId, Guid ClaimId, string InstitutionCode, decimal Amount);

/// <summary>A payment batch. Its version is its ETag.</summary>
/// <param name="Id">The batch.</param>
/// <param name="RegionCode">The paying region.</param>
/// <param name="Reference">The finance reference.</param>
/// <param name="DeclaredCount">The declared number of claims.</param>
/// <param name="DeclaredTotal">The declared total, in yuan.</param>
/// <param name="Status">Prepared, or Paid once confirmed.</param>
/// <param name="CreatedBy">Who prepared it.</param>
/// <param name="ConfirmedBy">Who confirmed the payment.</param>
/// <param name="PaidOn">The day it was paid.</param>
/// <param name="Lines">The claims paid.</param>
/// <param name="Version">The version (ETag).</param>
internal sealed record PaymentBatchResponse(
    Guid Id, string RegionCode, string Reference, int DeclaredCount, decimal DeclaredTotal, PaymentBatchStatus Status, string CreatedBy,
    string? ConfirmedBy, DateOnly? PaidOn, IReadOnlyList<PaymentLine> Lines, int Version);

internal sealed class CreatePaymentBatchValidator : AbstractValidator<CreatePaymentBatchRequest>
{
    public CreatePaymentBatchValidator(RegionCatalog regions)
    {
        RuleFor(r => r.RegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(r => r.Reference).NotEmpty().MaximumLength(64);
        RuleFor(r => r.VoucherIds).NotEmpty()
            .Must(v => v is null || v.Count <= PaymentBatches.MaxClaims)
            .WithMessage(new LocalizedText($"每个批次最多 {PaymentBatches.MaxClaims} 笔。", $"At most {PaymentBatches.MaxClaims} claims per batch."))
            .Must(v => v is null || v.Distinct().Count() == v.Count)
            .WithMessage(new LocalizedText("同一张培训券只能列出一次。", "List each voucher once."));
        RuleFor(r => r.DeclaredCount).GreaterThan(0);
        RuleFor(r => r.DeclaredTotal).GreaterThan(0m).PrecisionScale(12, 2, ignoreTrailingZeros: true);
    }
}

internal sealed class ConfirmPaymentBatchValidator : AbstractValidator<ConfirmPaymentBatchRequest>
{
    public ConfirmPaymentBatchValidator() => RuleFor(r => r.PaidOn).NotNull();
}

internal static class PaymentBatches
{
    public const int MaxClaims = 1000;
    public const string BatchAlreadyPaid = "vouchers.batch_already_paid";
    public const string ReferenceUsed = "vouchers.batch_reference_used";

    public static void MapPaymentBatches(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/payment-batches", CreateAsync)
            .WithName("TrainingVouchers_CreatePaymentBatch")
            .RequirePermission(TrainingVoucherPermissions.PaymentsManage)
            .WithSummary("Prepare a payment batch of approved claims")
            .WithDescription("The declared count and total are checked against the claims (422 vouchers.batch_totals_mismatch, with both figures). Each voucher must have an approved claim not in another batch (409), issued within the paying region (422).")
            .ProducesApiProblem(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        routes.MapGet("/payment-batches/{id:guid}", GetAsync)
            .WithName("TrainingVouchers_GetPaymentBatch")
            .RequirePermission(TrainingVoucherPermissions.PaymentsManage)
            .WithSummary("Get a payment batch")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPost("/payment-batches/{id:guid}/confirmation", ConfirmAsync)
            .WithName("TrainingVouchers_ConfirmPaymentBatch")
            .RequirePermission(TrainingVoucherPermissions.PaymentsManage)
            .WithSummary("Confirm that a payment batch was paid")
            .WithDescription("By someone other than its preparer (403 vouchers.same_person_cannot_approve). Marks every claim and voucher paid and publishes SubsidyPaid for each. Honours If-Match.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);
    }

    private static async Task<Created<PaymentBatchResponse>> CreateAsync(
        CreatePaymentBatchRequest request, HttpContext http, TrainingVouchersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ids = request.VoucherIds!;
        var vouchers = await db.Vouchers.Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken);
        var claimIds = vouchers.Values.Where(v => v.CurrentClaimId is not null).Select(v => v.CurrentClaimId!.Value).ToArray();
        var claims = await db.SettlementClaims.Where(c => claimIds.Contains(c.Id)).ToDictionaryAsync(c => c.VoucherId, cancellationToken);
        var errors = new Dictionary<string, LocalizedText[]>(StringComparer.Ordinal);
        var status = StatusCodes.Status422UnprocessableEntity;
        var code = VoucherProblems.BatchMixesRegions;
        for (var i = 0; i < ids.Count; i++)
        {
            var field = $"voucherIds[{i}]";
            if (!vouchers.TryGetValue(ids[i], out var voucher))
            {
                errors[field] = [new LocalizedText($"{VoucherProblems.VoucherNotFound}: 未找到培训券。", $"{VoucherProblems.VoucherNotFound}: no such voucher.")];
                status = StatusCodes.Status404NotFound;
                code = VoucherProblems.VoucherNotFound;
            }
            else if (!RegionCode.IsWithin(voucher.RegionCode, request.RegionCode!))
            {
                errors[field] = [new LocalizedText($"{VoucherProblems.BatchMixesRegions}: 培训券由 {voucher.RegionCode} 签发，不属于付款地区。", $"{VoucherProblems.BatchMixesRegions}: issued by {voucher.RegionCode}, outside the paying region.")];
            }
            else if (voucher.Status != VoucherStatus.SettlementApproved || !claims.TryGetValue(voucher.Id, out var claim) || claim.Status != ClaimStatus.Approved)
            {
                errors[field] = [new LocalizedText($"{VoucherProblems.ClaimNotApproved}: 培训券状态为 {voucher.Status}，没有已审核的补贴申请。", $"{VoucherProblems.ClaimNotApproved}: the voucher is {voucher.Status}, with no approved claim.")];
                (status, code) = (StatusCodes.Status409Conflict, VoucherProblems.ClaimNotApproved);
            }
            else if (claim.PaymentBatchId is { } other)
            {
                errors[field] = [new LocalizedText($"{VoucherProblems.ClaimAlreadyBatched}: 已列入支付批次 {other}。", $"{VoucherProblems.ClaimAlreadyBatched}: already in payment batch {other}.")];
                (status, code) = (StatusCodes.Status409Conflict, VoucherProblems.ClaimAlreadyBatched);
            }
        }

        if (errors.Count > 0)
        {
            throw new DomainException(status, errors.Count == 1 ? code : "vouchers.batch_refused",
                new LocalizedText($"{errors.Count} 张培训券不能列入本批次。", $"{errors.Count} vouchers cannot be paid in this batch."), errors);
        }

        var total = claims.Values.Sum(c => c.Amount);
        if (request.DeclaredCount != ids.Count || request.DeclaredTotal != total)
        {
            throw VoucherProblems.Unprocessable(
                VoucherProblems.BatchTotalsMismatch,
                $"控制数不符：申报 {request.DeclaredCount} 笔、{request.DeclaredTotal:0.00} 元，实际 {ids.Count} 笔、{total:0.00} 元。",
                $"Control totals differ: declared {request.DeclaredCount} claims and {request.DeclaredTotal:0.00} yuan, actual {ids.Count} claims and {total:0.00} yuan.");
        }

        var reference = request.Reference!.Trim();
        if (await db.PaymentBatches.AnyAsync(b => b.RegionCode == request.RegionCode && b.Reference == reference, cancellationToken))
        {
            throw VoucherProblems.Conflict(ReferenceUsed, $"地区 {request.RegionCode} 已有编号为 {reference} 的支付批次。", $"Region {request.RegionCode} already has a payment batch {reference}.");
        }

        var batch = new PaymentBatch
        {
            Id = Guid.CreateVersion7(now),
            RegionCode = request.RegionCode!,
            Reference = reference,
            DeclaredCount = request.DeclaredCount,
            DeclaredTotal = request.DeclaredTotal,
            Status = PaymentBatchStatus.Prepared,
            CreatedBy = db.Caller.Subject,
            CreatedAt = now,
        };
        db.PaymentBatches.Add(batch);
        foreach (var claim in claims.Values)
        {
            claim.PaymentBatchId = batch.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(http, batch);
        return TypedResults.Created($"/api/training-vouchers/payment-batches/{batch.Id}", Response(batch, claims.Values));
    }

    private static async Task<Ok<PaymentBatchResponse>> GetAsync(Guid id, HttpContext http, TrainingVouchersDbContext db, CancellationToken cancellationToken)
    {
        var batch = await db.PaymentBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken) ?? throw NotFound(id);
        var claims = await db.SettlementClaims.AsNoTracking().IgnoreQueryFilters().Where(c => c.PaymentBatchId == id).ToListAsync(cancellationToken);
        EntityTags.Set(http, batch);
        return TypedResults.Ok(Response(batch, claims));
    }

    private static async Task<Ok<PaymentBatchResponse>> ConfirmAsync(
        Guid id, ConfirmPaymentBatchRequest request, HttpContext http, TrainingVouchersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var batch = await db.PaymentBatches.FirstOrDefaultAsync(b => b.Id == id, cancellationToken) ?? throw NotFound(id);
        EntityTags.RequireMatch(http, batch);
        if (batch.Status != PaymentBatchStatus.Prepared)
        {
            throw VoucherProblems.Conflict(BatchAlreadyPaid, $"支付批次 {batch.Reference} 已于 {batch.PaidOn:yyyy-MM-dd} 确认支付。", $"Payment batch {batch.Reference} was already confirmed paid on {batch.PaidOn:yyyy-MM-dd}.");
        }

        if (string.Equals(batch.CreatedBy, db.Caller.Subject, StringComparison.Ordinal))
        {
            throw VoucherProblems.Refuse(403, VoucherProblems.SamePersonCannotApprove, "支付批次的编制人不能确认支付（须由另一人确认）。", "The preparer of a payment batch cannot confirm it; someone else must.");
        }

        var paidOn = request.PaidOn!.Value;
        if (paidOn > ChinaCalendar.DayOf(now) || paidOn < ChinaCalendar.DayOf(batch.CreatedAt))
        {
            throw Vouchers.FieldError("paidOn", "支付日期须在批次编制之日至今天之间。", "The payment day must be between the day the batch was prepared and today.");
        }

        var claims = await db.SettlementClaims.Where(c => c.PaymentBatchId == id).ToListAsync(cancellationToken);
        var voucherIds = claims.Select(c => c.VoucherId).ToArray();
        var vouchers = await db.Vouchers.Where(v => voucherIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken);
        if (vouchers.Values.Any(v => v.Status != VoucherStatus.SettlementApproved))
        {
            // Read after a parallel confirmation committed: the batch's own version would refuse
            // this save anyway; say what happened rather than which voucher moved.
            throw VoucherProblems.Conflict(BatchAlreadyPaid, $"支付批次 {batch.Reference} 已被他人同时确认支付。", $"Payment batch {batch.Reference} was confirmed by someone else at the same moment.");
        }

        batch.Status = PaymentBatchStatus.Paid;
        batch.ConfirmedBy = db.Caller.Subject;
        batch.ConfirmedAt = now;
        batch.PaidOn = paidOn;
        foreach (var claim in claims)
        {
            var voucher = vouchers[claim.VoucherId];
            voucher.Apply(VoucherAction.Pay);
            voucher.PaidOn = paidOn;
            claim.Status = ClaimStatus.Paid;
            db.Publish(new SubsidyPaid(voucher.Id, voucher.Holder.BlindIndex, claim.InstitutionCode, claim.Amount, voucher.RegionCode, batch.Id, paidOn, voucher.Groups.Names()));
        }

        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(http, batch);
        return TypedResults.Ok(Response(batch, claims));
    }

    private static PaymentBatchResponse Response(PaymentBatch batch, IEnumerable<SettlementClaim> claims) => new(
        batch.Id, batch.RegionCode, batch.Reference, batch.DeclaredCount, batch.DeclaredTotal, batch.Status, batch.CreatedBy, batch.ConfirmedBy, batch.PaidOn,
        claims.OrderBy(c => c.VoucherId).Select(c => new PaymentLine(c.VoucherId, c.Id, c.InstitutionCode, c.Amount)).ToArray(), batch.Version);

    private static DomainException NotFound(Guid id) =>
        VoucherProblems.Refuse(404, VoucherProblems.BatchNotFound, $"未找到支付批次 {id}。", $"Payment batch {id} was not found.");
}
