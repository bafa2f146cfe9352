using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Insights.Domain;
using Platform.Modules.Insights.Features.Shared;
using Platform.Modules.Insights.Persistence;

namespace Platform.Modules.Insights.Features.Indicators;

/// <summary>An indicator and how it is counted. The version is the ETag.</summary>
/// <param name="Code">The code.</param>
/// <param name="NameZh">Name in Chinese.</param>
/// <param name="NameEn">Name in English.</param>
/// <param name="Unit">Unit.</param>
/// <param name="EventName">The event counted; absent when the platform does not record the indicator.</param>
/// <param name="Measure">Count, Sum or DistinctPerson.</param>
/// <param name="Filter">Conditions on the event's attributes (<c>key=a|b</c>, <c>key~a</c>, <c>key!=a</c>, joined by <c>;</c>).</param>
/// <param name="Description">How it is counted, in words.</param>
/// <param name="IsSeeded">True for the indicators the plans in the seeds define.</param>
/// <param name="Version">The version; each change of the definition rebuilds the counters.</param>
internal sealed record IndicatorResponse(string Code, string NameZh, string NameEn, string Unit, string? EventName, IndicatorMeasure Measure, string Filter, string Description, bool IsSeeded, int Version)
{
    public static IndicatorResponse From(Indicator i) => new(i.Code, i.NameZh, i.NameEn, i.Unit, i.EventName, i.Measure, i.Filter, i.Description, i.IsSeeded, i.Version);
}

/// <summary>The body of Insights_DefineIndicator: a new indicator or a new definition of one (If-Match for an existing one).</summary>
/// <param name="NameZh">Name in Chinese (1–100 characters).</param>
/// <param name="NameEn">Name in English (1–200 characters).</param>
/// <param name="Unit">Unit (1–16 characters).</param>
/// <param name="EventName">One of the events the module counts (see the README), or omitted for an indicator the platform does not record.</param>
/// <param name="Measure">Count, Sum or DistinctPerson.</param>
/// <param name="Filter">Conditions on the event's attributes, or empty.</param>
/// <param name="Description">How it is counted (at most 1,000 characters).</param>
internal sealed record DefineIndicatorRequest(string? NameZh, string? NameEn, string? Unit, string? EventName, IndicatorMeasure? Measure, string? Filter, string? Description);

/// <summary>A definition saved, with how many kept events it was recounted from.</summary>
/// <param name="Indicator">The indicator.</param>
/// <param name="Rebuilt">Whether the counters were rebuilt (the counting changed).</param>
/// <param name="EventsRecounted">Events read for the rebuild.</param>
internal sealed record IndicatorDefinedResponse(IndicatorResponse Indicator, bool Rebuilt, int EventsRecounted);

internal sealed class DefineIndicatorValidator : AbstractValidator<DefineIndicatorRequest>
{
    public DefineIndicatorValidator()
    {
        RuleFor(r => r.NameZh).NotEmpty().MaximumLength(100);
        RuleFor(r => r.NameEn).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Unit).NotEmpty().MaximumLength(16);
        RuleFor(r => r.EventName).Must(e => e is null || EventFacts.Labels.ContainsKey(e))
            .WithMessage(new LocalizedText("不是本模块计数的事件。", "Not an event this module counts."));
        RuleFor(r => r.Measure).NotNull().IsInEnum();
        RuleFor(r => r.Filter).MaximumLength(500).Must(f => FactFilter.TryParse(f, out _, out _))
            .WithMessage(new LocalizedText("筛选条件格式为 key=a|b、key~a 或 key!=a，以分号分隔。", "A filter is key=a|b, key~a or key!=a, joined by semicolons."));
        RuleFor(r => r.Description).MaximumLength(1000);
    }
}

internal static class IndicatorEndpoints
{
    public static void MapIndicatorEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/indicators", ListAsync)
            .WithName("Insights_ListIndicators")
            .RequirePermission(InsightsPermissions.ProgressRead)
            .WithSummary("List the indicators and how each is counted");

        routes.MapGet("/indicators/{code}", GetAsync)
            .WithName("Insights_GetIndicator")
            .RequirePermission(InsightsPermissions.ProgressRead)
            .WithSummary("Get an indicator")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPut("/indicators/{code}", DefineAsync)
            .WithName("Insights_DefineIndicator")
            .RequirePermission(InsightsPermissions.IndicatorsWrite)
            .WithSummary("Define an indicator, or change how it is counted")
            .WithDescription("A change of the event, measure or filter rebuilds the indicator's counters from the events kept, in the same request. Changing an existing indicator needs its ETag as If-Match (412 when stale).")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);
    }

    private static async Task<Ok<IndicatorResponse[]>> ListAsync(InsightsDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Indicators.AsNoTracking().OrderBy(i => i.Code).ToListAsync(cancellationToken)).Select(IndicatorResponse.From).ToArray());

    private static async Task<Ok<IndicatorResponse>> GetAsync(string code, HttpContext http, InsightsDbContext db, CancellationToken cancellationToken)
    {
        var indicator = await db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, cancellationToken) ?? throw InsightsAccess.IndicatorMissing(code);
        EntityTags.Set(http, indicator);
        return TypedResults.Ok(IndicatorResponse.From(indicator));
    }

    private static async Task<Ok<IndicatorDefinedResponse>> DefineAsync(
        string code, DefineIndicatorRequest request, HttpContext http, InsightsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (code.Length is < 2 or > 64 || !code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
        {
            throw DomainException.ForField("code", "指标代码为 2–64 个小写字母、数字或下划线。", "An indicator code is 2–64 lower-case letters, digits or underscores.");
        }

        var indicator = await db.Indicators.FirstOrDefaultAsync(i => i.Code == code, cancellationToken);
        var changed = true;
        if (indicator is null)
        {
            indicator = new Indicator { Code = code };
            db.Indicators.Add(indicator);
        }
        else
        {
            EntityTags.RequireMatch(http, indicator);
            changed = indicator.EventName != request.EventName || indicator.Measure != request.Measure || indicator.Filter != (request.Filter ?? "").Trim();
        }

        indicator.NameZh = request.NameZh!.Trim();
        indicator.NameEn = request.NameEn!.Trim();
        indicator.Unit = request.Unit!.Trim();
        indicator.EventName = request.EventName;
        indicator.Measure = request.Measure!.Value;
        indicator.Filter = (request.Filter ?? "").Trim();
        indicator.Description = (request.Description ?? "").Trim();
        indicator.DefinedAt = time.GetUtcNow();
        var recounted = await CounterBook.InTurnAsync(
            db,
            async token =>
            {
                await db.SaveChangesAsync(token);
                return changed ? await CounterBook.RebuildAsync(db, indicator, token) : 0;
            },
            cancellationToken);
        EntityTags.Set(http, indicator);
        return TypedResults.Ok(new IndicatorDefinedResponse(IndicatorResponse.From(indicator), changed, recounted));
    }
}
