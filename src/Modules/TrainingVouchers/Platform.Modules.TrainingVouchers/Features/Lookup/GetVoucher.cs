using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Security;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Features.Shared;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Modules.TrainingVouchers.Features.Lookup;

internal static class GetVoucher
{
    public static void MapGetVoucher(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/vouchers/{id:guid}", HandleAsync)
            .WithName("TrainingVouchers_Get")
            .RequirePermission(TrainingVoucherPermissions.VouchersRead)
            .WithSummary("Get a voucher")
            .WithDescription("The voucher with its ETag. The holder's identity number is masked unless the caller holds pii.read (the read is then audited). Outside the caller's region, or enrolled at another institution for institution staff: 404.")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

    private static async Task<Ok<VoucherResponse>> HandleAsync(Guid id, HttpContext http, TrainingVouchersDbContext db, VoucherResults results, CancellationToken cancellationToken)
    {
        var voucher = await db.Vouchers.AsNoTracking().VisibleTo(db.Caller).FirstOrDefaultAsync(v => v.Id == id, cancellationToken)
            ?? throw VoucherProblems.NotFound(id);
        return await results.OkAsync(http, voucher, cancellationToken);
    }
}
