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
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Insights.Contracts;
using Platform.Modules.Insights.Domain;
using Platform.Modules.Insights.Features.Shared;
using Platform.Modules.Insights.Persistence;

namespace Platform.Modules.Insights.Features.Targets;

/// <summary>A target. The version is the ETag.</summary>
/// <param name="Id">The target.</param>
/// <param name="IndicatorCode">The indicator.</param>
/// <param name="RegionCode">The region.</param>
/// <param name="FromYear">First year.</param>
/// <param name="ToYear">Last year.</param>
/// <param name="Kind">PeriodTotal or Cumulative.</param>
/// <param name="Value">The target value.</param>
/// <param name="Baseline">The level before the period (cumulative targets).</param>
/// <param name="Source">The document.</param>
/// <param name="Quote">The document's words.</param>
/// <param name="IsSeeded">Loaded from the seeds (an operator may still change it).</param>
/// <param name="UpdatedBy">Who set it last.</param>
/// <param name="Version">The version (ETag).</param>
internal sealed record TargetResponse(
    Guid Id, string IndicatorCode, string RegionCode, int FromYear, int ToYear, TargetKind Kind, decimal Value, decimal Baseline, string Source, string Quote, bool IsSeeded,
    string UpdatedBy, int Version)
{
    public static TargetResponse From(Target t) => new(t.Id, t.IndicatorCode, t.RegionCode, t.FromYear, t.ToYear, t.Kind, t.Value, t.Baseline, t.Source, t.Quote, t.IsSeeded, t.UpdatedBy, t.Version);
}

/// <summary>The body of Insights_SetTarget (new) and Insights_UpdateTarget (indicator, region and period stay).</summary>
/// <param name="IndicatorCode">The indicator (new targets only).</param>
/// <param name="RegionCode">The region, within the caller's (new targets only).</param>
/// <param name="FromYear">First year, 2000–2099 (new targets only).</param>
/// <param name="ToYear">Last year, not before the first, at most 10 years later (new targets only).</param>
/// <param name="Kind">PeriodTotal or Cumulative.</param>
/// <param name="Value">The target, 0–10^15.</param>
/// <param name="Baseline">The level before the period, for a cumulative target (default 0).</param>
/// <param name="Source">The document (1–300 characters).</param>
/// <param name="Quote">The document's words (at most 1,000 characters).</param>
internal sealed record SetTargetRequest(string? IndicatorCode, string? RegionCode, int? FromYear, int? ToYear, TargetKind? Kind, decimal? Value, decimal? Baseline, string? Source, string? Quote);

internal sealed class SetTargetValidator : AbstractValidator<SetTargetRequest>
{
    public SetTargetValidator(RegionCatalog regions)
    {
        RuleFor(r => r.Kind).NotNull().IsInEnum();
        RuleFor(r => r.Value).NotNull().InclusiveBetween(0m, 1_000_000_000_000_000m).PrecisionScale(18, 2, true);
        RuleFor(r => r.Baseline).InclusiveBetween(0m, 1_000_000_000_000_000m).PrecisionScale(18, 2, true);
        RuleFor(r => r.Source).NotEmpty().MaximumLength(300);
        RuleFor(r => r.Quote).MaximumLength(1000);
        RuleFor(r => r.RegionCode).KnownRegion(regions).When(r => r.RegionCode is not null);
        RuleFor(r => r.FromYear).InclusiveBetween(2000, 2099);
        RuleFor(r => r.ToYear).InclusiveBetween(2000, 2099).GreaterThanOrEqualTo(r => r.FromYear ?? 0).LessThanOrEqualTo(r => (r.FromYear ?? 0) + 10)
            .When(r => r.FromYear is not null && r.ToYear is not null)
            .WithMessage(new LocalizedText("结束年份不早于开始年份，跨度不超过 10 年。", "The last year is not before the first and at most 10 years later."));
    }
}

internal static class TargetEndpoints
{
    public static void MapTargetEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/targets", ListAsync)
            .WithName("Insights_ListTargets")
            .RequirePermission(InsightsPermissions.ProgressRead)
            .WithSummary("List targets within the caller's region, with their source documents");

        routes.MapPost("/targets", SetAsync)
            .WithName("Insights_SetTarget")
            .RequirePermission(InsightsPermissions.TargetsWrite)
            .WithSummary("Add a target for an indicator, a region and a period")
            .WithDescription("One target per indicator, region and period (409 insights.target_exists; change it instead). Publishes TargetChanged.")
            .ProducesApiProblem(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        routes.MapPut("/targets/{id:guid}", UpdateAsync)
            .WithName("Insights_UpdateTarget")
            .RequirePermission(InsightsPermissions.TargetsWrite)
            .WithSummary("Change a target's value, baseline, kind or source")
            .WithDescription("Send the ETag as If-Match (412 when stale). Seeded targets may be changed too; the seeder never overwrites a change. Publishes TargetChanged.")
            .ProducesApiProblem(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);
    }

    /// <param name="regionCode">Only targets of this region exactly.</param>
    /// <param name="indicatorCode">Only this indicator.</param>
    private static async Task<Ok<TargetResponse[]>> ListAsync(string? regionCode, string? indicatorCode, InsightsDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Targets.AsNoTracking();
        if (regionCode is not null)
        {
            query = query.Where(t => t.RegionCode == regionCode);
        }

        if (indicatorCode is not null)
        {
            query = query.Where(t => t.IndicatorCode == indicatorCode);
        }

        var scope = db.Caller.Scope;
        var targets = await query.OrderBy(t => t.RegionCode).ThenBy(t => t.IndicatorCode).ThenBy(t => t.FromYear).Take(2000).ToListAsync(cancellationToken);
        return TypedResults.Ok(targets.Where(t => scope.Covers(t.RegionCode)).Select(TargetResponse.From).ToArray());
    }

    private static async Task<Created<TargetResponse>> SetAsync(SetTargetRequest request, HttpContext http, InsightsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.IndicatorCode is null || request.RegionCode is null || request.FromYear is null || request.ToYear is null)
        {
            throw DomainException.ForField(
                request.IndicatorCode is null ? "indicatorCode" : request.RegionCode is null ? "regionCode" : request.FromYear is null ? "fromYear" : "toYear",
                "新目标须给出指标、区域和起止年份。", "A new target needs the indicator, the region and both years.");
        }

        InsightsAccess.RequireRegion(db.Caller, request.RegionCode);
        if (!await db.Indicators.AnyAsync(i => i.Code == request.IndicatorCode, cancellationToken))
        {
            throw InsightsAccess.IndicatorMissing(request.IndicatorCode);
        }

        var target = new Target
        {
            Id = Guid.CreateVersion7(),
            IndicatorCode = request.IndicatorCode,
            RegionCode = request.RegionCode,
            FromYear = request.FromYear.Value,
            ToYear = request.ToYear.Value,
        };
        Apply(target, request, db.Caller.Subject, time.GetUtcNow());
        db.Targets.Add(target);
        db.Publish(new TargetChanged(target.IndicatorCode, target.RegionCode, target.FromYear, target.ToYear, target.Value, target.Source));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            throw new DomainException(409, InsightsAccess.TargetExists, new LocalizedText("该指标在此区域和期间已有目标，请修改它。", "The indicator already has a target for this region and period; change it instead."));
        }

        EntityTags.Set(http, target);
        return TypedResults.Created($"/api/insights/targets?regionCode={target.RegionCode}", TargetResponse.From(target));
    }

    private static async Task<Ok<TargetResponse>> UpdateAsync(Guid id, SetTargetRequest request, HttpContext http, InsightsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var target = await db.Targets.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (target is null || !db.Caller.Scope.Covers(target.RegionCode))
        {
            throw new DomainException(404, InsightsAccess.TargetNotFound, new LocalizedText($"未找到目标 {id}。", $"Target {id} was not found."));
        }

        EntityTags.RequireMatch(http, target);
        Apply(target, request, db.Caller.Subject, time.GetUtcNow());
        db.Publish(new TargetChanged(target.IndicatorCode, target.RegionCode, target.FromYear, target.ToYear, target.Value, target.Source));
        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(http, target);
        return TypedResults.Ok(TargetResponse.From(target));
    }

    private static void Apply(Target target, SetTargetRequest request, string subject, DateTimeOffset now)
    {
        target.Kind = request.Kind!.Value;
        target.Value = request.Value!.Value;
        target.Baseline = request.Baseline ?? 0m;
        target.Source = request.Source!.Trim();
        target.Quote = (request.Quote ?? "").Trim();
        target.UpdatedAt = now;
        target.UpdatedBy = subject;
    }
}
