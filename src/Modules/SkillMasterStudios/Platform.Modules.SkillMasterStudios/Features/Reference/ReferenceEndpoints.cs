using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.ReferenceData;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.SkillMasterStudios.Domain;
using Platform.Modules.SkillMasterStudios.Features.Shared;
using Platform.Modules.SkillMasterStudios.Persistence;

namespace Platform.Modules.SkillMasterStudios.Features.Reference;

/// <summary>The studio program rules of a region for a period.</summary>
/// <param name="Id">The version.</param>
/// <param name="RegionCode">The region; it applies to everything within without its own.</param>
/// <param name="EffectiveFrom">First day in force.</param>
/// <param name="EffectiveTo">Last day in force; null while open-ended.</param>
/// <param name="TermYears">Years of an accreditation term.</param>
/// <param name="MinimumAverageScore">Average expert score an approval needs.</param>
/// <param name="MinimumExperts">Experts who must have scored before a decision.</param>
/// <param name="UnqualifiedYearsBeforeRevocation">Unqualified assessments in a row that revoke the accreditation.</param>
/// <param name="ExcellentFrom">Lowest score graded excellent.</param>
/// <param name="QualifiedFrom">Lowest score graded qualified.</param>
/// <param name="ReportDueMonth">A year's report is due by this month of the next year…</param>
/// <param name="ReportDueDay">…and this day.</param>
/// <param name="LadderRequired">Whether levels are climbed in order.</param>
/// <param name="RenewalWindowDays">Days around the end of a term in which a renewal is accepted.</param>
/// <param name="IsSample">True for seeded defaults.</param>
internal sealed record StudioRulesResponse(
    Guid Id, string RegionCode, DateOnly EffectiveFrom, DateOnly? EffectiveTo, int TermYears, decimal MinimumAverageScore, int MinimumExperts,
    int UnqualifiedYearsBeforeRevocation, decimal ExcellentFrom, decimal QualifiedFrom, int ReportDueMonth, int ReportDueDay, bool LadderRequired,
    int RenewalWindowDays, bool IsSample)
{
    public static StudioRulesResponse From(StudioRules r) => new(
        r.Id, r.RegionCode, r.EffectiveFrom, r.EffectiveTo, r.TermYears, r.MinimumAverageScore, r.MinimumExperts, r.UnqualifiedYearsBeforeRevocation,
        r.ExcellentFrom, r.QualifiedFrom, r.ReportDueMonth, r.ReportDueDay, r.LadderRequired, r.RenewalWindowDays, r.IsSample);
}

/// <summary>The body of SkillMasterStudios_SetProgramRules: a new version of a region's rules.</summary>
/// <param name="RegionCode">The region (within the caller's).</param>
/// <param name="EffectiveFrom">First day in force.</param>
/// <param name="EffectiveTo">Last day in force; omit for open-ended.</param>
/// <param name="TermYears">1–10 (default 3).</param>
/// <param name="MinimumAverageScore">0–100 (default 80).</param>
/// <param name="MinimumExperts">1–15 (default 3).</param>
/// <param name="UnqualifiedYearsBeforeRevocation">1–5 (default 2).</param>
/// <param name="ExcellentFrom">0–100, above qualifiedFrom (default 90).</param>
/// <param name="QualifiedFrom">0–100 (default 60).</param>
/// <param name="ReportDueMonth">1–12 (default 3).</param>
/// <param name="ReportDueDay">1–31 (default 31; a day past the month's end means its last day).</param>
/// <param name="LadderRequired">Default true.</param>
/// <param name="RenewalWindowDays">0–365 (default 180).</param>
internal sealed record SetStudioRulesRequest(
    string? RegionCode, DateOnly? EffectiveFrom, DateOnly? EffectiveTo, int TermYears, decimal MinimumAverageScore, int MinimumExperts,
    int UnqualifiedYearsBeforeRevocation, decimal ExcellentFrom, decimal QualifiedFrom, int ReportDueMonth, int ReportDueDay, bool LadderRequired, int RenewalWindowDays);

/// <summary>A funding standard.</summary>
/// <param name="Id">The standard.</param>
/// <param name="Level">The level it funds.</param>
/// <param name="RegionCode">The region it applies to, and everything within it without its own.</param>
/// <param name="EffectiveFrom">First day in force (of the decision day).</param>
/// <param name="EffectiveTo">Last day in force; null while open-ended.</param>
/// <param name="Amount">The one-off grant in yuan.</param>
/// <param name="Source">Who pays, under which document.</param>
/// <param name="IsSample">True for seeded sample data.</param>
internal sealed record FundingStandardResponse(Guid Id, StudioLevel Level, string RegionCode, DateOnly EffectiveFrom, DateOnly? EffectiveTo, decimal Amount, string Source, bool IsSample)
{
    public static FundingStandardResponse From(FundingStandard s) => new(s.Id, s.Level, s.RegionCode, s.EffectiveFrom, s.EffectiveTo, s.Amount, s.Source, s.IsSample);
}

/// <summary>The body of SkillMasterStudios_SetFundingStandard: a new version of a level's grant in a region.</summary>
/// <param name="Level">The level.</param>
/// <param name="RegionCode">The region (within the caller's).</param>
/// <param name="EffectiveFrom">First day in force.</param>
/// <param name="EffectiveTo">Last day in force; omit for open-ended.</param>
/// <param name="Amount">The grant in yuan, 0–10,000,000.</param>
/// <param name="Source">Who pays and under which document (1–200 characters).</param>
internal sealed record SetFundingStandardRequest(StudioLevel? Level, string? RegionCode, DateOnly? EffectiveFrom, DateOnly? EffectiveTo, decimal Amount, string? Source);

internal sealed class SetStudioRulesValidator : AbstractValidator<SetStudioRulesRequest>
{
    public SetStudioRulesValidator(RegionCatalog regions)
    {
        RuleFor(r => r.RegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(r => r.EffectiveFrom).NotNull().InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
        RuleFor(r => r.EffectiveTo).InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay)
            .GreaterThanOrEqualTo(r => r.EffectiveFrom).When(r => r.EffectiveTo is not null && r.EffectiveFrom is not null);
        RuleFor(r => r.TermYears).InclusiveBetween(1, 10);
        RuleFor(r => r.MinimumAverageScore).InclusiveBetween(0m, 100m).PrecisionScale(5, 2, ignoreTrailingZeros: true);
        RuleFor(r => r.MinimumExperts).InclusiveBetween(1, 15);
        RuleFor(r => r.UnqualifiedYearsBeforeRevocation).InclusiveBetween(1, 5);
        RuleFor(r => r.QualifiedFrom).InclusiveBetween(0m, 100m).PrecisionScale(5, 2, ignoreTrailingZeros: true);
        RuleFor(r => r.ExcellentFrom).InclusiveBetween(0m, 100m).PrecisionScale(5, 2, ignoreTrailingZeros: true)
            .GreaterThan(r => r.QualifiedFrom).WithMessage(new LocalizedText("优秀分数线须高于合格分数线。", "The excellent threshold must be above the qualified one."));
        RuleFor(r => r.ReportDueMonth).InclusiveBetween(1, 12);
        RuleFor(r => r.ReportDueDay).InclusiveBetween(1, 31);
        RuleFor(r => r.RenewalWindowDays).InclusiveBetween(0, 365);
    }
}

internal sealed class SetFundingStandardValidator : AbstractValidator<SetFundingStandardRequest>
{
    public SetFundingStandardValidator(RegionCatalog regions)
    {
        RuleFor(r => r.Level).NotNull().IsInEnum();
        RuleFor(r => r.RegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(r => r.EffectiveFrom).NotNull().InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
        RuleFor(r => r.EffectiveTo).InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay)
            .GreaterThanOrEqualTo(r => r.EffectiveFrom).When(r => r.EffectiveTo is not null && r.EffectiveFrom is not null);
        RuleFor(r => r.Amount).InclusiveBetween(0m, 10_000_000m).PrecisionScale(12, 2, ignoreTrailingZeros: true);
        RuleFor(r => r.Source).NotEmpty().MaximumLength(200);
    }
}

/// <summary>Program rules and funding standards.</summary>
internal static class ReferenceEndpoints
{
    public static void MapReferenceEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/program-rules", GetRulesAsync)
            .WithName("SkillMasterStudios_GetProgramRules")
            .RequirePermission(StudioPermissions.ReferenceRead)
            .WithSummary("The studio rules in force for a region on a day")
            .WithDescription("The region's own rules, else its city's, else its province's: term, expert minimums, assessment grades, revocation after unqualified years, report due day, level ladder.")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPost("/program-rules", SetRulesAsync)
            .WithName("SkillMasterStudios_SetProgramRules")
            .RequirePermission(StudioPermissions.ReferenceWrite)
            .WithSummary("Add a version of a region's studio rules")
            .WithDescription("An open-ended earlier version of the same region is closed the day before; other overlaps are refused (409 studios.rules_overlap).")
            .ProducesApiProblem(StatusCodes.Status409Conflict);

        routes.MapGet("/funding-standards", ListStandardsAsync)
            .WithName("SkillMasterStudios_ListFundingStandards")
            .RequirePermission(StudioPermissions.ReferenceRead)
            .WithSummary("List funding standards")
            .WithDescription("All versions, filtered by level and region (exact code). With inForceFor (and level), only the standard that applies to that region on the day given by on.");

        routes.MapPost("/funding-standards", SetStandardAsync)
            .WithName("SkillMasterStudios_SetFundingStandard")
            .RequirePermission(StudioPermissions.ReferenceWrite)
            .WithSummary("Add a version of a funding standard")
            .WithDescription("An open-ended earlier version of the same level and region is closed the day before; other overlaps are refused (409 studios.funding_standard_overlaps). Accreditations already granted keep their amount.")
            .ProducesApiProblem(StatusCodes.Status409Conflict);
    }

    /// <param name="regionCode">The region asked about.</param>
    /// <param name="on">The day (default today).</param>
    private static async Task<Results<Ok<StudioRulesResponse>, ProblemHttpResult>> GetRulesAsync(
        string? regionCode, DateOnly? on, ReferenceData referenceData, RegionCatalog regions, TimeProvider time, CancellationToken cancellationToken)
    {
        if (regionCode is null || !regions.Contains(regionCode))
        {
            return ApiProblems.Validation("regionCode", new LocalizedText("请给出已知的行政区划代码。", "Give a known division code."));
        }

        var day = on ?? ChinaCalendar.Today(time);
        var rules = await referenceData.RulesInForceAsync(regionCode, day, cancellationToken);
        return rules is null
            ? ApiProblems.NotFound(StudioProblems.NoProgramRules, new LocalizedText($"地区 {regionCode} 在 {day:yyyy-MM-dd} 没有生效的工作室管理规则。", $"Region {regionCode} has no studio rules in force on {day:yyyy-MM-dd}."))
            : TypedResults.Ok(StudioRulesResponse.From(rules));
    }

    private static async Task<Created<StudioRulesResponse>> SetRulesAsync(SetStudioRulesRequest request, SkillMasterStudiosDbContext db, ReferenceData referenceData, CancellationToken cancellationToken)
    {
        StudioAccess.RequireRegion(db.Caller, request.RegionCode!);
        var sameKey = await db.Rules.Where(r => r.RegionCode == request.RegionCode).ToListAsync(cancellationToken);
        var from = request.EffectiveFrom!.Value;
        if (RegionalRules.Supersede(sameKey, from, request.EffectiveTo, StudioProblems.RulesOverlap) is { } superseded)
        {
            superseded.EffectiveTo = from.AddDays(-1);
        }

        var rules = new StudioRules
        {
            Id = Guid.CreateVersion7(),
            RegionCode = request.RegionCode!,
            EffectiveFrom = from,
            EffectiveTo = request.EffectiveTo,
            TermYears = request.TermYears,
            MinimumAverageScore = request.MinimumAverageScore,
            MinimumExperts = request.MinimumExperts,
            UnqualifiedYearsBeforeRevocation = request.UnqualifiedYearsBeforeRevocation,
            ExcellentFrom = request.ExcellentFrom,
            QualifiedFrom = request.QualifiedFrom,
            ReportDueMonth = request.ReportDueMonth,
            ReportDueDay = request.ReportDueDay,
            LadderRequired = request.LadderRequired,
            RenewalWindowDays = request.RenewalWindowDays,
        };
        db.Rules.Add(rules);
        await db.SaveChangesAsync(cancellationToken);
        referenceData.Invalidate();
        return TypedResults.Created($"/api/skill-master-studios/program-rules?regionCode={rules.RegionCode}", StudioRulesResponse.From(rules));
    }

    /// <param name="level">Only this level.</param>
    /// <param name="regionCode">Only standards set for exactly this region.</param>
    /// <param name="inForceFor">With level: the standard applying to this region (its own or inherited).</param>
    /// <param name="on">The day for inForceFor (default today).</param>
    private static async Task<Results<Ok<FundingStandardResponse[]>, ProblemHttpResult>> ListStandardsAsync(
        StudioLevel? level, string? regionCode, string? inForceFor, DateOnly? on, SkillMasterStudiosDbContext db, ReferenceData referenceData, RegionCatalog regions, TimeProvider time, CancellationToken cancellationToken)
    {
        if (inForceFor is not null)
        {
            if (level is null || !regions.Contains(inForceFor))
            {
                return ApiProblems.Validation("inForceFor", new LocalizedText("inForceFor 须为已知行政区划代码，并同时给出 level。", "inForceFor must be a known division code, given with level."));
            }

            var standard = await referenceData.StandardInForceAsync(level.Value, inForceFor, on ?? ChinaCalendar.Today(time), cancellationToken);
            return TypedResults.Ok(standard is null ? [] : new[] { FundingStandardResponse.From(standard) });
        }

        var query = db.FundingStandards.AsNoTracking();
        if (level is { } l)
        {
            query = query.Where(s => s.Level == l);
        }

        if (regionCode is not null)
        {
            query = query.Where(s => s.RegionCode == regionCode);
        }

        var standards = await query.OrderBy(s => s.RegionCode).ThenBy(s => s.Level).ThenBy(s => s.EffectiveFrom).Take(5000).ToListAsync(cancellationToken);
        return TypedResults.Ok(standards.Select(FundingStandardResponse.From).ToArray());
    }

    private static async Task<Created<FundingStandardResponse>> SetStandardAsync(SetFundingStandardRequest request, SkillMasterStudiosDbContext db, ReferenceData referenceData, CancellationToken cancellationToken)
    {
        StudioAccess.RequireRegion(db.Caller, request.RegionCode!);
        var sameKey = await db.FundingStandards.Where(s => s.Level == request.Level && s.RegionCode == request.RegionCode).ToListAsync(cancellationToken);
        var from = request.EffectiveFrom!.Value;
        if (RegionalRules.Supersede(sameKey, from, request.EffectiveTo, StudioProblems.StandardOverlaps) is { } superseded)
        {
            superseded.EffectiveTo = from.AddDays(-1);
        }

        var standard = new FundingStandard
        {
            Id = Guid.CreateVersion7(),
            Level = request.Level!.Value,
            RegionCode = request.RegionCode!,
            EffectiveFrom = from,
            EffectiveTo = request.EffectiveTo,
            Amount = request.Amount,
            Source = request.Source!.Trim(),
        };
        db.FundingStandards.Add(standard);
        await db.SaveChangesAsync(cancellationToken);
        referenceData.Invalidate();
        return TypedResults.Created($"/api/skill-master-studios/funding-standards?regionCode={standard.RegionCode}", FundingStandardResponse.From(standard));
    }
}
