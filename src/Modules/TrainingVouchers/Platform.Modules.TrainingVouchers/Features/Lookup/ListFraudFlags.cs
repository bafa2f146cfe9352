using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Security;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Modules.TrainingVouchers.Features.Lookup;

/// <summary>A suspected fraud: a session reported for a holder who was in a session at another institution at the same time.</summary>
/// <param name="Id">The flag.</param>
/// <param name="VoucherId">The voucher the refused session was reported for.</param>
/// <param name="InstitutionCode">The institution that reported it.</param>
/// <param name="OtherVoucherId">The voucher of the session already recorded.</param>
/// <param name="OtherInstitutionCode">The institution of that session.</param>
/// <param name="ReportedStartsAt">Start of the refused session.</param>
/// <param name="ReportedEndsAt">End of the refused session.</param>
/// <param name="FlaggedAt">When it was flagged.</param>
internal sealed record FraudFlagResponse(Guid Id, Guid VoucherId, string InstitutionCode, Guid OtherVoucherId, string OtherInstitutionCode, DateTimeOffset ReportedStartsAt, DateTimeOffset ReportedEndsAt, DateTimeOffset FlaggedAt);

internal static class ListFraudFlags
{
    public static void MapListFraudFlags(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/fraud-flags", HandleAsync)
            .WithName("TrainingVouchers_ListFraudFlags")
            .RequirePermission(TrainingVoucherPermissions.VouchersRevoke)
            .WithSummary("List suspected attendance fraud for review")
            .WithDescription("Newest first, within the caller's region; optionally for one voucher. A reviewer investigates and may revoke the voucher.");

    /// <param name="voucherId">Only flags of this voucher.</param>
    /// <param name="limit">At most this many (1–500, default 100).</param>
    private static async Task<Ok<FraudFlagResponse[]>> HandleAsync(Guid? voucherId, int? limit, TrainingVouchersDbContext db, CancellationToken cancellationToken)
    {
        var query = db.FraudFlags.AsNoTracking();
        if (voucherId is { } id)
        {
            query = query.Where(f => f.VoucherId == id);
        }

        var flags = await query.OrderByDescending(f => f.FlaggedAt).Take(Math.Clamp(limit ?? 100, 1, 500)).ToListAsync(cancellationToken);
        return TypedResults.Ok(flags.Select(f => new FraudFlagResponse(f.Id, f.VoucherId, f.InstitutionCode, f.OtherVoucherId, f.OtherInstitutionCode, f.ReportedStartsAt, f.ReportedEndsAt, f.FlaggedAt)).ToArray());
    }
}
