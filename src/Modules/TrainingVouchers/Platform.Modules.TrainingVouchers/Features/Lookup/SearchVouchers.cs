using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.Paging;
using Platform.BuildingBlocks.PersonalData;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Features.Shared;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Modules.TrainingVouchers.Features.Lookup;

/// <summary>The body of TrainingVouchers_Search: every filter is optional and they combine with AND.</summary>
/// <param name="Status">Only vouchers in this status.</param>
/// <param name="RegionCode">Only vouchers issued within this region (a county, city or province code).</param>
/// <param name="OccupationCode">Only this occupation.</param>
/// <param name="Level">Only this level.</param>
/// <param name="Group">Only holders in this group.</param>
/// <param name="InstitutionCode">Only vouchers enrolled at this institution.</param>
/// <param name="HolderIdNumber">Only this holder's vouchers (matched through the blind index; the number is never stored in clear).</param>
/// <param name="IssuedFrom">Issued on or after this day.</param>
/// <param name="IssuedTo">Issued on or before this day.</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
/// <param name="Limit">Page size, 1–200 (default 50).</param>
internal sealed record SearchVouchersRequest(
    VoucherStatus? Status,
    string? RegionCode,
    string? OccupationCode,
    SkillLevel? Level,
    TraineeGroup? Group,
    string? InstitutionCode,
    string? HolderIdNumber,
    DateOnly? IssuedFrom,
    DateOnly? IssuedTo,
    string? Cursor,
    int? Limit);

/// <summary>A voucher in a result list.</summary>
/// <param name="Id">The voucher number.</param>
/// <param name="HolderIdNumber">The holder's identity number, always masked in lists.</param>
/// <param name="Groups">The holder's groups.</param>
/// <param name="OccupationCode">The occupation.</param>
/// <param name="Level">The level.</param>
/// <param name="RegionCode">The issuing region.</param>
/// <param name="Status">The status.</param>
/// <param name="FaceValue">The face value in yuan.</param>
/// <param name="IssuedOn">Day of issue.</param>
/// <param name="ExpiresOn">Last day to enrol.</param>
/// <param name="InstitutionCode">The institution enrolled at.</param>
internal sealed record VoucherSummary(
    Guid Id, string HolderIdNumber, IReadOnlyList<TraineeGroup> Groups, string OccupationCode, SkillLevel Level, string RegionCode,
    VoucherStatus Status, decimal FaceValue, DateOnly IssuedOn, DateOnly ExpiresOn, string? InstitutionCode);

/// <summary>A page of vouchers, newest first.</summary>
/// <param name="Items">The vouchers.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
internal sealed record VoucherPage(IReadOnlyList<VoucherSummary> Items, string? NextCursor);

internal sealed class SearchVouchersValidator : AbstractValidator<SearchVouchersRequest>
{
    public SearchVouchersValidator(RegionCatalog regions)
    {
        RuleFor(r => r.Status).IsInEnum();
        RuleFor(r => r.Level).IsInEnum();
        RuleFor(r => r.Group).IsInEnum();
        RuleFor(r => r.RegionCode).KnownRegion(regions).When(r => r.RegionCode is not null);
        RuleFor(r => r.OccupationCode).MaximumLength(20);
        RuleFor(r => r.InstitutionCode).ValidCreditCode().When(r => r.InstitutionCode is not null);
        RuleFor(r => r.HolderIdNumber).ValidResidentIdNumber().When(r => r.HolderIdNumber is not null);
        RuleFor(r => r.IssuedFrom).InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
        RuleFor(r => r.IssuedTo).InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
        RuleFor(r => r.IssuedTo).GreaterThanOrEqualTo(r => r.IssuedFrom).When(r => r.IssuedFrom is not null && r.IssuedTo is not null)
            .WithMessage(new LocalizedText("结束日期不能早于开始日期。", "The end day cannot be before the start day."));
        RuleFor(r => r.Cursor).Must(c => c is null || InstantCursor.TryDecode(c, out _))
            .WithMessage(new LocalizedText("游标无效：请使用上一页返回的 nextCursor。", "Not a valid cursor: pass the nextCursor of the previous page."));
        RuleFor(r => r.Limit).InclusiveBetween(1, SearchVouchers.MaxLimit);
    }
}

/// <summary>The columns a result row reads.</summary>
internal sealed record VoucherRow(
    Guid Id, string Ciphertext, TraineeGroups Groups, string OccupationCode, SkillLevel Level, string RegionCode,
    VoucherStatus Status, decimal FaceValue, DateOnly IssuedOn, DateOnly ExpiresOn, string? InstitutionCode, DateTimeOffset IssuedAt);

internal static class SearchVouchers
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static void MapSearchVouchers(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/vouchers/search", HandleAsync)
            .WithName("TrainingVouchers_Search")
            .RequirePermission(TrainingVoucherPermissions.VouchersRead)
            .WithSummary("Search vouchers")
            .WithDescription("Filters by status, region, occupation, level, group, institution, holder (identity number, matched by blind index) and issue days; newest first with cursor paging. A POST so an identity number never appears in a URL or an access log. Changes nothing.");

    /// <summary>The request's filters and cursor applied to <paramref name="query"/> (the benchmark explains this same query).</summary>
    internal static IQueryable<Voucher> Filter(IQueryable<Voucher> query, SearchVouchersRequest request, IPersonalDataProtector protector)
    {
        if (request.Status is { } status)
        {
            query = query.Where(v => v.Status == status);
        }

        if (request.RegionCode is { } region)
        {
            // A county is one code: the (region, issued at, id) index reads its page in order. A city
            // or province is a prefix, deliberately not a range: its vouchers are many, and walking the
            // (issued at, id) order and skipping other regions finds a page sooner than sorting them all.
            if (RegionCode.LevelOf(region) == RegionLevel.County)
            {
                query = query.Where(v => v.RegionCode == region);
            }
            else
            {
                var prefix = RegionCode.Prefix(region);
                query = query.Where(v => v.RegionCode.StartsWith(prefix));
            }
        }

        if (request.OccupationCode is not null)
        {
            query = query.Where(v => v.OccupationCode == request.OccupationCode);
        }

        if (request.Level is { } level)
        {
            query = query.Where(v => v.Level == level);
        }

        if (request.Group is { } group)
        {
            var flag = group.Flag();
            query = query.Where(v => (v.Groups & flag) == flag);
        }

        if (request.InstitutionCode is not null)
        {
            query = query.Where(v => v.InstitutionCode == request.InstitutionCode);
        }

        if (request.HolderIdNumber is not null)
        {
            var blindIndex = protector.BlindIndexForLookup(PersonalDataKind.ResidentId, request.HolderIdNumber);
            query = query.Where(v => v.Holder.BlindIndex == blindIndex);
        }

        // Issue days are also bounds on the issue instant, so the (issued at, id) order index serves
        // them as a range instead of walking every later voucher.
        if (request.IssuedFrom is { } from)
        {
            var fromAt = ChinaCalendar.StartOf(from);
            query = query.Where(v => v.IssuedOn >= from && v.IssuedAt >= fromAt);
        }

        if (request.IssuedTo is { } to)
        {
            var beforeAt = ChinaCalendar.StartOf(to.AddDays(1));
            query = query.Where(v => v.IssuedOn <= to && v.IssuedAt < beforeAt);
        }

        if (request.Cursor is not null && InstantCursor.TryDecode(request.Cursor, out var after))
        {
            query = query.Where(v => v.IssuedAt < after.At || (v.IssuedAt == after.At && v.Id.CompareTo(after.Id) < 0));
        }

        return query;
    }

    /// <summary>One page, newest first, with one row more to tell whether another page follows.</summary>
    internal static IQueryable<VoucherRow> Page(IQueryable<Voucher> filtered, int take) =>
        filtered
            .OrderByDescending(v => v.IssuedAt).ThenByDescending(v => v.Id)
            .Take(take + 1)
            .Select(v => new VoucherRow(v.Id, v.Holder.Ciphertext, v.Groups, v.OccupationCode, v.Level, v.RegionCode, v.Status, v.FaceValue, v.IssuedOn, v.ExpiresOn, v.InstitutionCode, v.IssuedAt));

    private static async Task<Ok<VoucherPage>> HandleAsync(SearchVouchersRequest request, TrainingVouchersDbContext db, IPersonalDataProtector protector, CancellationToken cancellationToken)
    {
        var take = request.Limit ?? DefaultLimit;
        var rows = await Page(Filter(db.Vouchers.AsNoTracking().VisibleTo(db.Caller), request, protector), take).ToListAsync(cancellationToken);
        var items = rows.Take(take)
            .Select(v => new VoucherSummary(
                v.Id, PersonalDataMasking.MaskResidentId(protector.Decrypt(PersonalDataKind.ResidentId, v.Ciphertext)), v.Groups.Members(), v.OccupationCode, v.Level,
                v.RegionCode, v.Status, v.FaceValue, v.IssuedOn, v.ExpiresOn, v.InstitutionCode))
            .ToArray();
        var next = rows.Count > take ? InstantCursor.Encode(rows[take - 1].IssuedAt, rows[take - 1].Id) : null;
        return TypedResults.Ok(new VoucherPage(items, next));
    }
}
