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

namespace Platform.Modules.VeteranEmployment.Features.Needs;

/// <summary>The body of VeteranEmployment_RecordTrainingNeed: one survey answer.</summary>
/// <param name="SurveyedOn">The day of the survey (default today; not in the future).</param>
/// <param name="Occupations">Occupation codes the veteran wants to train in (1–5).</param>
/// <param name="PreferredForm">The preferred form of training.</param>
/// <param name="Note">A note (at most 500 characters).</param>
internal sealed record TrainingNeedRequest(DateOnly? SurveyedOn, IReadOnlyList<string>? Occupations, TrainingForm? PreferredForm, string? Note);

/// <summary>A recorded survey answer.</summary>
/// <param name="Id">The answer.</param>
/// <param name="VeteranId">The veteran.</param>
/// <param name="SurveyedOn">The day.</param>
/// <param name="Occupations">Occupations wanted.</param>
/// <param name="PreferredForm">Preferred form.</param>
/// <param name="Note">The note.</param>
internal sealed record TrainingNeedResponse(Guid Id, Guid VeteranId, DateOnly SurveyedOn, IReadOnlyList<string> Occupations, TrainingForm PreferredForm, string Note);

/// <summary>Veterans wanting one occupation in one county.</summary>
/// <param name="RegionCode">The county.</param>
/// <param name="OccupationCode">The occupation.</param>
/// <param name="Veterans">Veterans whose latest answer names it.</param>
internal sealed record NeedCount(string RegionCode, string OccupationCode, int Veterans);

/// <summary>Veterans preferring one form of training.</summary>
/// <param name="Form">The form.</param>
/// <param name="Veterans">How many (latest answers).</param>
internal sealed record FormCount(TrainingForm Form, int Veterans);

/// <summary>Training needs of a region: each veteran's latest answer counts once.</summary>
/// <param name="RegionCode">The region.</param>
/// <param name="Surveyed">Veterans with an answer.</param>
/// <param name="ByCountyAndOccupation">Per county and occupation.</param>
/// <param name="ByForm">Per preferred form.</param>
internal sealed record TrainingNeedSummary(string RegionCode, int Surveyed, IReadOnlyList<NeedCount> ByCountyAndOccupation, IReadOnlyList<FormCount> ByForm);

internal sealed class TrainingNeedRequestValidator : AbstractValidator<TrainingNeedRequest>
{
    public TrainingNeedRequestValidator()
    {
        RuleFor(r => r.SurveyedOn).InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
        RuleFor(r => r.Occupations).NotEmpty().Must(o => o is null || (o.Count <= 5 && o.All(x => !string.IsNullOrWhiteSpace(x) && x.Length <= 20 && !x.Contains('\n', StringComparison.Ordinal))))
            .WithMessage(new LocalizedText("请列出 1–5 个职业代码（每个不超过 20 个字符）。", "List 1–5 occupation codes (each up to 20 characters)."));
        RuleFor(r => r.PreferredForm).NotNull().IsInEnum();
        RuleFor(r => r.Note).MaximumLength(500);
    }
}

internal static class TrainingNeedEndpoints
{
    public static void MapTrainingNeedEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/veterans/{id:guid}/training-needs", RecordAsync)
            .WithName("VeteranEmployment_RecordTrainingNeed")
            .RequirePermission(VeteranPermissions.VeteransWrite)
            .WithSummary("Record a veteran's answer to the training-needs survey")
            .WithDescription("Answers are kept; the latest counts in the summary.")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/training-needs/summary", SummaryAsync)
            .WithName("VeteranEmployment_SummariseTrainingNeeds")
            .RequirePermission(VeteranPermissions.StatisticsRead)
            .WithSummary("Training needs of a region per county and occupation")
            .WithDescription("Each veteran's latest answer counts once, in the county the veteran is registered in now. A region outside the caller's: 403.")
            .ProducesApiProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Created<TrainingNeedResponse>> RecordAsync(Guid id, TrainingNeedRequest request, VeteranEmploymentDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var veteran = await VeteranAccess.VeteranAsync(db, id, cancellationToken);
        var now = time.GetUtcNow();
        var day = request.SurveyedOn ?? ChinaCalendar.DayOf(now);
        if (day > ChinaCalendar.DayOf(now))
        {
            throw VeteranAccess.FieldError("surveyedOn", "调查日期不能晚于今天。", "The survey day cannot be after today.");
        }

        var need = new TrainingNeed
        {
            Id = Guid.CreateVersion7(now),
            VeteranId = veteran.Id,
            SurveyedOn = day,
            Occupations = Veteran.Join(request.Occupations!),
            PreferredForm = request.PreferredForm!.Value,
            Note = request.Note?.Trim() ?? "",
            RecordedAt = now,
            RecordedBy = db.Caller.Subject,
        };
        db.TrainingNeeds.Add(need);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/veteran-employment/veterans/{id}", new TrainingNeedResponse(need.Id, need.VeteranId, need.SurveyedOn, Veteran.Split(need.Occupations), need.PreferredForm, need.Note));
    }

    /// <param name="regionCode">A county, city or province within the caller's region.</param>
    private static async Task<Results<Ok<TrainingNeedSummary>, ProblemHttpResult>> SummaryAsync(string? regionCode, VeteranEmploymentDbContext db, RegionCatalog regions, CancellationToken cancellationToken)
    {
        if (regionCode is null || !regions.Contains(regionCode))
        {
            return ApiProblems.Validation("regionCode", new LocalizedText("请给出已知的行政区划代码。", "Give a known division code."));
        }

        VeteranAccess.RequireRegion(db.Caller, regionCode);
        var (low, high) = RegionCode.Range(regionCode);
        var answers = await (
                from need in db.TrainingNeeds.AsNoTracking()
                join veteran in db.Veterans.AsNoTracking() on need.VeteranId equals veteran.Id
                where veteran.RegionCode.CompareTo(low) >= 0 && veteran.RegionCode.CompareTo(high) < 0
                select new { need.VeteranId, need.SurveyedOn, need.RecordedAt, need.Occupations, need.PreferredForm, veteran.RegionCode })
            .ToListAsync(cancellationToken);
        var latest = answers.GroupBy(a => a.VeteranId).Select(g => g.OrderByDescending(a => a.SurveyedOn).ThenByDescending(a => a.RecordedAt).First()).ToArray();
        var byOccupation = latest
            .SelectMany(a => Veteran.Split(a.Occupations).Select(o => (a.RegionCode, Occupation: o)))
            .GroupBy(x => x)
            .OrderBy(g => g.Key.RegionCode, StringComparer.Ordinal).ThenByDescending(g => g.Count()).ThenBy(g => g.Key.Occupation, StringComparer.Ordinal)
            .Select(g => new NeedCount(g.Key.RegionCode, g.Key.Occupation, g.Count()))
            .ToArray();
        var byForm = latest.GroupBy(a => a.PreferredForm).OrderBy(g => g.Key).Select(g => new FormCount(g.Key, g.Count())).ToArray();
        return TypedResults.Ok(new TrainingNeedSummary(regionCode, latest.Length, byOccupation, byForm));
    }
}
