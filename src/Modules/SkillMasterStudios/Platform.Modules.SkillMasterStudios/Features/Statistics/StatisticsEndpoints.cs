using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.SkillMasterStudios.Domain;
using Platform.Modules.SkillMasterStudios.Features.Shared;
using Platform.Modules.SkillMasterStudios.Persistence;

namespace Platform.Modules.SkillMasterStudios.Features.Statistics;

/// <summary>The query of SkillMasterStudios_GetStatistics.</summary>
/// <param name="RegionCode">A county, city or province code within the caller's region.</param>
/// <param name="Year">The year for accreditations, apprentices and funding (default this year).</param>
internal sealed record StatisticsQuery(string? RegionCode, int? Year);

/// <summary>Active studios of one level.</summary>
/// <param name="Level">The level.</param>
/// <param name="Studios">How many.</param>
internal sealed record LevelCount(StudioLevel Level, int Studios);

/// <summary>Active studios of one city (or county, when a city is asked about) by level.</summary>
/// <param name="RegionCode">The city's (or county's) code.</param>
/// <param name="Municipal">Municipal studios.</param>
/// <param name="Provincial">Provincial studios.</param>
/// <param name="National">National studios.</param>
internal sealed record RegionCount(string RegionCode, int Municipal, int Provincial, int National);

/// <summary>Active studios of one occupation field.</summary>
/// <param name="Field">The field.</param>
/// <param name="Studios">How many.</param>
internal sealed record FieldCount(CraftField Field, int Studios);

/// <summary>Accreditations decided in the year of one level and kind.</summary>
/// <param name="Level">The level.</param>
/// <param name="Kind">New, Upgrade or Renewal.</param>
/// <param name="Accreditations">How many.</param>
/// <param name="FundingGranted">Their grants, yuan.</param>
internal sealed record AccreditationCount(StudioLevel Level, ApplicationKind Kind, int Accreditations, decimal FundingGranted);

/// <summary>Apprentices who reached one level in the year.</summary>
/// <param name="Level">The level reached.</param>
/// <param name="Apprentices">How many.</param>
internal sealed record ApprenticeLevelCount(QualificationLevel Level, int Apprentices);

/// <summary>The program's figures for a region.</summary>
/// <param name="RegionCode">The region.</param>
/// <param name="Year">The year of the yearly figures.</param>
/// <param name="AsOf">The day the studio counts were read (they count active studios on that day).</param>
/// <param name="ActiveStudios">Active studios.</param>
/// <param name="ByLevel">Active studios per level.</param>
/// <param name="ByRegion">Active studios per city (per county for a city) and level.</param>
/// <param name="ByField">Active studios per occupation field.</param>
/// <param name="Accredited">Accreditations decided in the year per level and kind.</param>
/// <param name="ApprenticesReported">Apprentices listed in the year's reports.</param>
/// <param name="ApprenticesQualified">Of which reached a level in the year.</param>
/// <param name="ApprenticesByLevel">Those by level reached.</param>
/// <param name="FundingCommitted">Grants of the accreditations decided in the year, yuan.</param>
/// <param name="FundingPaid">Tranches paid in the year, yuan.</param>
internal sealed record StudioStatisticsResponse(
    string RegionCode, int Year, DateOnly AsOf, int ActiveStudios, IReadOnlyList<LevelCount> ByLevel, IReadOnlyList<RegionCount> ByRegion,
    IReadOnlyList<FieldCount> ByField, IReadOnlyList<AccreditationCount> Accredited, int ApprenticesReported, int ApprenticesQualified,
    IReadOnlyList<ApprenticeLevelCount> ApprenticesByLevel, decimal FundingCommitted, decimal FundingPaid);

internal sealed class StatisticsQueryValidator : AbstractValidator<StatisticsQuery>
{
    public StatisticsQueryValidator(RegionCatalog regions)
    {
        RuleFor(q => q.RegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(q => q.Year).InclusiveBetween(ChinaCalendar.FirstDay.Year, ChinaCalendar.LastDay.Year);
    }
}

/// <summary>Active studios grouped by region, level and field.</summary>
internal sealed record StudioGroup(string RegionCode, StudioLevel Level, CraftField Field, int Count);

/// <summary>Accreditations of a year grouped by level and kind.</summary>
internal sealed record AccreditationGroup(StudioLevel Level, ApplicationKind Kind, int Count, decimal Granted);

/// <summary>Apprentices of a year grouped by level reached.</summary>
internal sealed record ApprenticeGroup(QualificationLevel? Level, int Count);

/// <summary>
/// The queries behind the statistics (the benchmark explains these same queries). Each reads one range
/// of an index led by status or the year/day and followed by the region, so a city's figures never read
/// the table.
/// </summary>
internal static class StatisticsQueries
{
    public static IQueryable<StudioGroup> ActiveStudios(SkillMasterStudiosDbContext db, string regionCode)
    {
        var (low, high) = RegionCode.Range(regionCode);
        return db.Studios.AsNoTracking()
            .Where(s => s.Status == StudioStatus.Active && s.RegionCode.CompareTo(low) >= 0 && s.RegionCode.CompareTo(high) < 0)
            .GroupBy(s => new { s.RegionCode, s.Level, s.Field })
            .Select(g => new StudioGroup(g.Key.RegionCode, g.Key.Level, g.Key.Field, g.Count()));
    }

    public static IQueryable<AccreditationGroup> Accreditations(SkillMasterStudiosDbContext db, string regionCode, int year)
    {
        var (low, high) = RegionCode.Range(regionCode);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        return db.Accreditations.AsNoTracking()
            .Where(a => a.DecidedOn >= first && a.DecidedOn <= last && a.RegionCode.CompareTo(low) >= 0 && a.RegionCode.CompareTo(high) < 0)
            .GroupBy(a => new { a.Level, a.Kind })
            .Select(g => new AccreditationGroup(g.Key.Level, g.Key.Kind, g.Count(), g.Sum(a => a.FundingGranted)));
    }

    public static IQueryable<ApprenticeGroup> Apprentices(SkillMasterStudiosDbContext db, string regionCode, int year)
    {
        var (low, high) = RegionCode.Range(regionCode);
        return db.Apprentices.AsNoTracking()
            .Where(a => a.Year == year && a.RegionCode.CompareTo(low) >= 0 && a.RegionCode.CompareTo(high) < 0)
            .GroupBy(a => a.LevelReached)
            .Select(g => new ApprenticeGroup(g.Key, g.Count()));
    }

    public static IQueryable<decimal> FundingPaid(SkillMasterStudiosDbContext db, string regionCode, int year)
    {
        var (low, high) = RegionCode.Range(regionCode);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        return db.FundingTranches.AsNoTracking()
            .Where(t => t.PaidOn >= first && t.PaidOn <= last && t.RegionCode.CompareTo(low) >= 0 && t.RegionCode.CompareTo(high) < 0)
            .Select(t => t.Amount);
    }
}

internal static class StatisticsEndpoints
{
    public static void MapStatisticsEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/statistics", HandleAsync)
            .WithName("SkillMasterStudios_GetStatistics")
            .RequirePermission(StudioPermissions.StatisticsRead)
            .WithSummary("The program's figures for a region")
            .WithDescription("Active studios by level, by city (by county for a city) and by occupation field; accreditations decided in the year by level and kind; apprentices reported and qualified in the year by level; funding committed (granted in the year) and paid (tranches in the year). A region outside the caller's: 403.")
            .ProducesApiProblem(StatusCodes.Status403Forbidden);

    private static async Task<Ok<StudioStatisticsResponse>> HandleAsync([AsParameters] StatisticsQuery query, SkillMasterStudiosDbContext db, TimeProvider time, RegionCatalog regions, CancellationToken cancellationToken)
    {
        var region = query.RegionCode!;
        StudioAccess.RequireRegion(db.Caller, region);
        var today = ChinaCalendar.Today(time);
        var year = query.Year ?? today.Year;
        var studios = await StatisticsQueries.ActiveStudios(db, region).ToListAsync(cancellationToken);
        var accreditations = await StatisticsQueries.Accreditations(db, region, year).ToListAsync(cancellationToken);
        var apprentices = await StatisticsQueries.Apprentices(db, region, year).ToListAsync(cancellationToken);
        var paid = await StatisticsQueries.FundingPaid(db, region, year).SumAsync(cancellationToken);

        // A province is broken down by city, a city by county, a county by itself.
        string RollUp(string code) => regions.BreakdownOf(code, region);
        var byRegion = studios.GroupBy(s => RollUp(s.RegionCode))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RegionCount(
                g.Key,
                g.Where(s => s.Level == StudioLevel.Municipal).Sum(s => s.Count),
                g.Where(s => s.Level == StudioLevel.Provincial).Sum(s => s.Count),
                g.Where(s => s.Level == StudioLevel.National).Sum(s => s.Count)))
            .ToArray();
        var reported = apprentices.Sum(a => a.Count);
        var qualified = apprentices.Where(a => a.Level is not null).Sum(a => a.Count);
        return TypedResults.Ok(new StudioStatisticsResponse(
            region,
            year,
            today,
            studios.Sum(s => s.Count),
            Enum.GetValues<StudioLevel>().Select(l => new LevelCount(l, studios.Where(s => s.Level == l).Sum(s => s.Count))).ToArray(),
            byRegion,
            studios.GroupBy(s => s.Field).OrderBy(g => g.Key).Select(g => new FieldCount(g.Key, g.Sum(s => s.Count))).ToArray(),
            accreditations.OrderBy(a => a.Level).ThenBy(a => a.Kind).Select(a => new AccreditationCount(a.Level, a.Kind, a.Count, a.Granted)).ToArray(),
            reported,
            qualified,
            apprentices.Where(a => a.Level is not null).OrderBy(a => a.Level).Select(a => new ApprenticeLevelCount(a.Level!.Value, a.Count)).ToArray(),
            accreditations.Sum(a => a.Granted),
            paid));
    }
}
