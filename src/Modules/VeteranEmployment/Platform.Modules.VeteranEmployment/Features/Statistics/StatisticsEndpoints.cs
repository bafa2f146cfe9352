using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.VeteranEmployment.Domain;
using Platform.Modules.VeteranEmployment.Features.Shared;
using Platform.Modules.VeteranEmployment.Persistence;

namespace Platform.Modules.VeteranEmployment.Features.Statistics;

/// <summary>The query of VeteranEmployment_GetStatistics.</summary>
/// <param name="RegionCode">A county, city or province within the caller's region.</param>
/// <param name="On">The day of the status figures (default today).</param>
/// <param name="TrainedFrom">First day of the training period (default 1 January of the year of on).</param>
/// <param name="TrainedTo">Last day of the training period (default on).</param>
internal sealed record VeteranStatisticsQuery(string? RegionCode, DateOnly? On, DateOnly? TrainedFrom, DateOnly? TrainedTo);

/// <summary>Veterans in one status on the day.</summary>
/// <param name="Status">The status; null for veterans without a ledger entry yet.</param>
/// <param name="Veterans">How many.</param>
internal sealed record VeteranStatusCount(EmploymentStatus? Status, int Veterans);

/// <summary>The figures of one part (a category or a region).</summary>
/// <param name="Key">The category or the region code.</param>
/// <param name="Registered">Veterans registered on the day.</param>
/// <param name="Working">Of which employed or self-employed.</param>
/// <param name="InLabourForce">Of which seeking work, employed, self-employed or in training.</param>
/// <param name="EmploymentRatePercent">Working ÷ in labour force, percent, two decimals; null when nobody is.</param>
internal sealed record RateRow(string Key, int Registered, int Working, int InLabourForce, decimal? EmploymentRatePercent);

/// <summary>The program's figures for a region.</summary>
/// <param name="RegionCode">The region.</param>
/// <param name="On">The day of the status figures.</param>
/// <param name="Registered">Veterans registered in the region on the day (in the region they are registered in now).</param>
/// <param name="ByStatus">Their status on the day.</param>
/// <param name="Overall">The employment rate of the region.</param>
/// <param name="ByCategory">Per discharge category.</param>
/// <param name="ByRegion">Per city (per county for a city).</param>
/// <param name="TrainedFrom">First day of the training period.</param>
/// <param name="TrainedTo">Last day of the training period.</param>
/// <param name="VeteransTrained">Veterans who completed a training under a voucher in the period.</param>
/// <param name="VeteransCertified">Of which passed at least one.</param>
internal sealed record VeteranStatisticsResponse(
    string RegionCode, DateOnly On, int Registered, IReadOnlyList<VeteranStatusCount> ByStatus, RateRow Overall, IReadOnlyList<RateRow> ByCategory, IReadOnlyList<RateRow> ByRegion,
    DateOnly TrainedFrom, DateOnly TrainedTo, int VeteransTrained, int VeteransCertified);

internal sealed class VeteranStatisticsQueryValidator : AbstractValidator<VeteranStatisticsQuery>
{
    public VeteranStatisticsQueryValidator(RegionCatalog regions)
    {
        RuleFor(q => q.RegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(q => q.On).InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
        RuleFor(q => q.TrainedFrom).InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
        RuleFor(q => q.TrainedTo).InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay)
            .GreaterThanOrEqualTo(q => q.TrainedFrom).When(q => q.TrainedFrom is not null && q.TrainedTo is not null)
            .WithMessage(new LocalizedText("结束日期不能早于开始日期。", "The end day cannot be before the start day."));
    }
}

/// <summary>Veterans of a region grouped by region, category and their status on a day.</summary>
internal sealed record StatusGroup(string RegionCode, DischargeCategory Category, EmploymentStatus? Status, int Count);

/// <summary>
/// The queries behind the statistics (the benchmark explains these same queries). For today (or later:
/// no entry is dated after today) the veterans' current status is exact and read from the covering
/// statistics index alone; for a past day the status of each veteran is one seek into the ledger's
/// (veteran, effective on, recorded at, status) index.
/// </summary>
internal static class StatisticsQueries
{
    public static IQueryable<StatusGroup> StatusOn(VeteranEmploymentDbContext db, string regionCode, DateOnly on, DateOnly today) =>
        on >= today ? StatusToday(db, regionCode, on) : StatusOnPastDay(db, regionCode, on);

    public static IQueryable<StatusGroup> StatusToday(VeteranEmploymentDbContext db, string regionCode, DateOnly on)
    {
        var (low, high) = RegionCode.Range(regionCode);
        return db.Veterans.AsNoTracking()
            .Where(v => v.RegionCode.CompareTo(low) >= 0 && v.RegionCode.CompareTo(high) < 0 && v.RegisteredOn <= on)
            .GroupBy(v => new { v.RegionCode, v.Category, v.CurrentStatus })
            .Select(g => new StatusGroup(g.Key.RegionCode, g.Key.Category, g.Key.CurrentStatus, g.Count()));
    }

    public static IQueryable<StatusGroup> StatusOnPastDay(VeteranEmploymentDbContext db, string regionCode, DateOnly on)
    {
        var (low, high) = RegionCode.Range(regionCode);
        return db.Veterans.AsNoTracking()
            .Where(v => v.RegionCode.CompareTo(low) >= 0 && v.RegionCode.CompareTo(high) < 0 && v.RegisteredOn <= on)
            .Select(v => new
            {
                v.RegionCode,
                v.Category,
                Status = db.Ledger.Where(e => e.VeteranId == v.Id && e.EffectiveOn <= on)
                    .OrderByDescending(e => e.EffectiveOn).ThenByDescending(e => e.RecordedAt)
                    .Select(e => (EmploymentStatus?)e.Status)
                    .FirstOrDefault(),
            })
            .GroupBy(x => new { x.RegionCode, x.Category, x.Status })
            .Select(g => new StatusGroup(g.Key.RegionCode, g.Key.Category, g.Key.Status, g.Count()));
    }

    public static IQueryable<(Guid VeteranId, bool Passed)> Trained(VeteranEmploymentDbContext db, string regionCode, DateOnly first, DateOnly last)
    {
        var (low, high) = RegionCode.Range(regionCode);
        return from record in db.TrainingRecords.AsNoTracking()
               join veteran in db.Veterans.AsNoTracking() on record.VeteranId equals veteran.Id
               where record.CompletedOn >= first && record.CompletedOn <= last && veteran.RegionCode.CompareTo(low) >= 0 && veteran.RegionCode.CompareTo(high) < 0
               select new ValueTuple<Guid, bool>(record.VeteranId, record.Passed);
    }
}

internal static class StatisticsEndpoints
{
    public static void MapStatisticsEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/statistics", HandleAsync)
            .WithName("VeteranEmployment_GetStatistics")
            .RequirePermission(VeteranPermissions.StatisticsRead)
            .WithSummary("Registered veterans, their status and employment rate on a day, and veterans trained in a period")
            .WithDescription("The status on any past day comes from the ledger (back-dated corrections included). Employment rate = employed or self-employed ÷ in the labour force (seeking work, employed, self-employed, in training); veterans in education, not seeking work, or without an entry yet are outside it. By discharge category and by city (by county for a city). A region outside the caller's: 403.")
            .ProducesApiProblem(StatusCodes.Status403Forbidden);

    private static async Task<Ok<VeteranStatisticsResponse>> HandleAsync([AsParameters] VeteranStatisticsQuery query, VeteranEmploymentDbContext db, TimeProvider time, RegionCatalog regions, CancellationToken cancellationToken)
    {
        var region = query.RegionCode!;
        VeteranAccess.RequireRegion(db.Caller, region);
        var today = ChinaCalendar.Today(time);
        var on = query.On ?? today;
        var from = query.TrainedFrom ?? new DateOnly(on.Year, 1, 1);
        var to = query.TrainedTo ?? on;
        var groups = await StatisticsQueries.StatusOn(db, region, on, today).ToListAsync(cancellationToken);
        var trained = await StatisticsQueries.Trained(db, region, from, to).ToListAsync(cancellationToken);
        string RollUp(string code) => regions.BreakdownOf(code, region);
        return TypedResults.Ok(new VeteranStatisticsResponse(
            region,
            on,
            groups.Sum(g => g.Count),
            groups.GroupBy(g => g.Status).OrderBy(g => g.Key is null ? -1 : (int)g.Key).Select(g => new VeteranStatusCount(g.Key, g.Sum(x => x.Count))).ToArray(),
            Rate(region, groups),
            groups.GroupBy(g => g.Category).OrderBy(g => g.Key).Select(g => Rate(g.Key.ToString(), g)).ToArray(),
            groups.GroupBy(g => RollUp(g.RegionCode)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Rate(g.Key, g)).ToArray(),
            from,
            to,
            trained.Select(t => t.VeteranId).Distinct().Count(),
            trained.Where(t => t.Passed).Select(t => t.VeteranId).Distinct().Count()));
    }

    private static RateRow Rate(string key, IEnumerable<StatusGroup> groups)
    {
        var list = groups.ToList();
        var working = list.Where(g => g.Status is { } s && s.IsWorking()).Sum(g => g.Count);
        var labour = list.Where(g => g.Status is { } s && !s.IsOutsideLabourForce()).Sum(g => g.Count);
        return new RateRow(key, list.Sum(g => g.Count), working, labour, labour == 0 ? null : Math.Round(100m * working / labour, 2, MidpointRounding.AwayFromZero));
    }
}
