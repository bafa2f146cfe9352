using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Security;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Modules.TrainingVouchers.Features.Shared;

/// <summary>Loading vouchers for a change, with the caller's visibility applied.</summary>
internal static class Vouchers
{
    /// <summary>
    /// The voucher, tracked for a change. Outside the caller's region, or (for institution staff) enrolled
    /// at another institution, it does not exist as far as the caller can tell: 404.
    /// </summary>
    public static async Task<Voucher> LoadAsync(TrainingVouchersDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var voucher = await db.Vouchers.FirstOrDefaultAsync(v => v.Id == id, cancellationToken)
            ?? throw VoucherProblems.NotFound(id);
        VoucherCallers.RequireOwnVoucher(db.Caller, voucher);
        return voucher;
    }

    /// <summary>
    /// Refuses a decision from the serving side: the issuing region pays the subsidy, so only its staff
    /// cancel, revoke and decide claims; the institution's region sees the voucher but does not decide it.
    /// </summary>
    public static void RequireHomeRegion(Caller caller, Voucher voucher)
    {
        if (!caller.Scope.Covers(voucher.RegionCode))
        {
            throw VoucherProblems.Refuse(
                403,
                VoucherProblems.NotIssuingRegion,
                $"培训券由 {voucher.RegionCode} 签发并支付补贴，只有签发地工作人员可以作出此决定。",
                $"Voucher issued (and paid for) by {voucher.RegionCode}: only that region's staff decide this.");
        }
    }

    /// <summary>The vouchers a caller may list: institution staff see those enrolled at their institution.</summary>
    public static IQueryable<Voucher> VisibleTo(this IQueryable<Voucher> vouchers, Caller caller) =>
        !VoucherCallers.IsInstitution(caller) ? vouchers
        : caller.Organisation is { } organisation ? vouchers.Where(v => v.InstitutionCode == organisation)
        : vouchers.Where(v => false); // an institution token without its institution sees nothing

    /// <summary>A 400 for one field, raised from a handler where the rule needs data a validator does not have.</summary>
    public static DomainException FieldError(string field, string chinese, string english) =>
        DomainException.ForField(field, chinese, english);
}
