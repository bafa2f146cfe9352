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
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Features.Shared;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Modules.TrainingVouchers.Features.Catalogue;

/// <summary>An occupation of the catalogue.</summary>
/// <param name="Code">The catalogue code.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Field">Industry field.</param>
/// <param name="Levels">The levels training is offered at.</param>
/// <param name="EffectiveFrom">First day in the catalogue.</param>
/// <param name="EffectiveTo">Last day in the catalogue, if withdrawn.</param>
/// <param name="IsSample">True for the seeded sample data.</param>
internal sealed record OccupationResponse(string Code, string Name, string NameEn, OccupationField Field, IReadOnlyList<SkillLevel> Levels, DateOnly EffectiveFrom, DateOnly? EffectiveTo, bool IsSample);

/// <summary>A subsidy standard.</summary>
/// <param name="Id">The standard.</param>
/// <param name="OccupationCode">The occupation.</param>
/// <param name="Level">The level.</param>
/// <param name="RegionCode">The region it applies to, and everything within it without its own.</param>
/// <param name="EffectiveFrom">First day in force.</param>
/// <param name="EffectiveTo">Last day in force; null while open-ended.</param>
/// <param name="Amount">The standard amount in yuan.</param>
/// <param name="ShortageUpliftPercent">The shortage-occupation uplift in percent.</param>
/// <param name="FaceValue">The face value of a voucher under it, in yuan.</param>
/// <param name="IsSample">True for the seeded sample data.</param>
internal sealed record SubsidyStandardResponse(Guid Id, string OccupationCode, SkillLevel Level, string RegionCode, DateOnly EffectiveFrom, DateOnly? EffectiveTo, decimal Amount, decimal ShortageUpliftPercent, decimal FaceValue, bool IsSample)
{
    public static SubsidyStandardResponse From(SubsidyStandard s) =>
        new(s.Id, s.OccupationCode, s.Level, s.RegionCode, s.EffectiveFrom, s.EffectiveTo, s.Amount, s.ShortageUpliftPercent, s.FaceValue, s.IsSample);
}

/// <summary>The body of TrainingVouchers_SetSubsidyStandard: a new version of a standard.</summary>
/// <param name="OccupationCode">The occupation.</param>
/// <param name="Level">The level; the occupation must offer it.</param>
/// <param name="RegionCode">The region (within the caller's).</param>
/// <param name="EffectiveFrom">First day in force.</param>
/// <param name="EffectiveTo">Last day in force; omit for open-ended.</param>
/// <param name="Amount">The amount in yuan (0.01–100000).</param>
/// <param name="ShortageUpliftPercent">Uplift for a shortage occupation, 0–100 percent.</param>
internal sealed record SetSubsidyStandardRequest(string? OccupationCode, SkillLevel? Level, string? RegionCode, DateOnly? EffectiveFrom, DateOnly? EffectiveTo, decimal Amount, decimal ShortageUpliftPercent);

/// <summary>The program rules of a region for a period.</summary>
/// <param name="Id">The version.</param>
/// <param name="RegionCode">The region.</param>
/// <param name="EffectiveFrom">First day in force.</param>
/// <param name="EffectiveTo">Last day in force.</param>
/// <param name="YearlyQuota">Subsidised trainings per person per calendar year.</param>
/// <param name="ValidityDays">Days a voucher can be used to enrol, counting the day of issue.</param>
/// <param name="MinimumAge">Youngest working age.</param>
/// <param name="MaximumAge">Oldest working age.</param>
/// <param name="EligibleGroups">The groups eligible.</param>
/// <param name="AttendanceThresholdPercent">Attendance needed to complete, percent of scheduled hours.</param>
/// <param name="FailedSharePercent">Share of the face value paid for a failed assessment.</param>
/// <param name="CrossProvinceRecognition">Whether the region's vouchers may be used in the other province.</param>
/// <param name="IsSample">True for seeded defaults.</param>
internal sealed record ProgramRulesResponse(Guid Id, string RegionCode, DateOnly EffectiveFrom, DateOnly? EffectiveTo, int YearlyQuota, int ValidityDays, int MinimumAge, int MaximumAge, IReadOnlyList<TraineeGroup> EligibleGroups, decimal AttendanceThresholdPercent, decimal FailedSharePercent, bool CrossProvinceRecognition, bool IsSample)
{
    public static ProgramRulesResponse From(ProgramRules r) => new(
        r.Id, r.RegionCode, r.EffectiveFrom, r.EffectiveTo, r.YearlyQuota, r.ValidityDays, r.MinimumAge, r.MaximumAge, r.EligibleGroups.Members(),
        r.AttendanceThresholdPercent, r.FailedSharePercent, r.CrossProvinceRecognition, r.IsSample);
}

/// <summary>The body of TrainingVouchers_SetProgramRules: a new version of a region's rules.</summary>
/// <param name="RegionCode">The region (within the caller's).</param>
/// <param name="EffectiveFrom">First day in force.</param>
/// <param name="EffectiveTo">Last day in force; omit for open-ended.</param>
/// <param name="YearlyQuota">1–12 (policy: 3).</param>
/// <param name="ValidityDays">1–1095 (default 180).</param>
/// <param name="MinimumAge">14–30 (default 16).</param>
/// <param name="MaximumAge">40–75 (default 60).</param>
/// <param name="EligibleGroups">At least one group.</param>
/// <param name="AttendanceThresholdPercent">0–100 (default 80).</param>
/// <param name="FailedSharePercent">0–100 (default 0).</param>
/// <param name="CrossProvinceRecognition">Default true.</param>
internal sealed record SetProgramRulesRequest(string? RegionCode, DateOnly? EffectiveFrom, DateOnly? EffectiveTo, int YearlyQuota, int ValidityDays, int MinimumAge, int MaximumAge, IReadOnlyList<TraineeGroup>? EligibleGroups, decimal AttendanceThresholdPercent, decimal FailedSharePercent, bool CrossProvinceRecognition);

internal sealed class SetSubsidyStandardValidator : AbstractValidator<SetSubsidyStandardRequest>
{
    public SetSubsidyStandardValidator(RegionCatalog regions)
    {
        RuleFor(r => r.OccupationCode).NotEmpty().MaximumLength(20);
        RuleFor(r => r.Level).NotNull().IsInEnum();
        RuleFor(r => r.RegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(r => r.EffectiveFrom).NotNull();
        RuleFor(r => r.EffectiveTo).GreaterThanOrEqualTo(r => r.EffectiveFrom).When(r => r.EffectiveTo is not null && r.EffectiveFrom is not null);
        RuleFor(r => r.Amount).InclusiveBetween(0.01m, 100000m).PrecisionScale(12, 2, ignoreTrailingZeros: true);
        RuleFor(r => r.ShortageUpliftPercent).InclusiveBetween(0m, 100m).PrecisionScale(5, 2, ignoreTrailingZeros: true);
    }
}

internal sealed class SetProgramRulesValidator : AbstractValidator<SetProgramRulesRequest>
{
    public SetProgramRulesValidator(RegionCatalog regions)
    {
        RuleFor(r => r.RegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(r => r.EffectiveFrom).NotNull();
        RuleFor(r => r.EffectiveTo).GreaterThanOrEqualTo(r => r.EffectiveFrom).When(r => r.EffectiveTo is not null && r.EffectiveFrom is not null);
        RuleFor(r => r.YearlyQuota).InclusiveBetween(1, 12);
        RuleFor(r => r.ValidityDays).InclusiveBetween(1, 1095);
        RuleFor(r => r.MinimumAge).InclusiveBetween(14, 30);
        RuleFor(r => r.MaximumAge).InclusiveBetween(40, 75);
        RuleFor(r => r.EligibleGroups).NotEmpty();
        RuleForEach(r => r.EligibleGroups).IsInEnum();
        RuleFor(r => r.AttendanceThresholdPercent).InclusiveBetween(0m, 100m).PrecisionScale(5, 2, ignoreTrailingZeros: true);
        RuleFor(r => r.FailedSharePercent).InclusiveBetween(0m, 100m).PrecisionScale(5, 2, ignoreTrailingZeros: true);
    }
}

/// <summary>The occupation catalogue, subsidy standards and program rules.</summary>
internal static class CatalogueEndpoints
{
    public static void MapCatalogueEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/occupations", ListOccupationsAsync)
            .WithName("TrainingVouchers_ListOccupations")
            .RequirePermission(TrainingVoucherPermissions.ReferenceRead)
            .WithSummary("List the occupation catalogue")
            .WithDescription("Every occupation with the levels offered; filter by field.");

        routes.MapGet("/subsidy-standards", ListStandardsAsync)
            .WithName("TrainingVouchers_ListSubsidyStandards")
            .RequirePermission(TrainingVoucherPermissions.ReferenceRead)
            .WithSummary("List subsidy standards")
            .WithDescription("All versions of the standards, filtered by occupation, level and region (exact code). With inForceFor and on, only the standard that applies to that region on that day.");

        routes.MapPost("/subsidy-standards", SetStandardAsync)
            .WithName("TrainingVouchers_SetSubsidyStandard")
            .RequirePermission(TrainingVoucherPermissions.ReferenceWrite)
            .WithSummary("Add a version of a subsidy standard")
            .WithDescription("An open-ended earlier version of the same occupation, level and region is closed the day before; other overlaps are refused (409 vouchers.standard_overlaps). Vouchers already issued keep their face value.")
            .ProducesApiProblem(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        routes.MapGet("/program-rules", GetRulesAsync)
            .WithName("TrainingVouchers_GetProgramRules")
            .RequirePermission(TrainingVoucherPermissions.ReferenceRead)
            .WithSummary("The program rules in force for a region on a day")
            .WithDescription("The region's own rules, else its city's, else its province's (quota, validity, working age, groups, attendance threshold, failed share, cross-province recognition).")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPost("/program-rules", SetRulesAsync)
            .WithName("TrainingVouchers_SetProgramRules")
            .RequirePermission(TrainingVoucherPermissions.ReferenceWrite)
            .WithSummary("Add a version of a region's program rules")
            .WithDescription("As for standards: an open-ended earlier version is closed the day before, other overlaps are refused (409 vouchers.rules_overlap).")
            .ProducesApiProblem(StatusCodes.Status409Conflict);
    }

    /// <param name="field">Only occupations of this field.</param>
    private static async Task<Ok<OccupationResponse[]>> ListOccupationsAsync(OccupationField? field, TrainingVouchersDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Occupations.AsNoTracking();
        if (field is { } wanted)
        {
            query = query.Where(o => o.Field == wanted);
        }

        var occupations = await query.OrderBy(o => o.Code).ToListAsync(cancellationToken);
        return TypedResults.Ok(occupations.Select(o => new OccupationResponse(o.Code, o.Name, o.NameEn, o.Field, o.LevelList, o.EffectiveFrom, o.EffectiveTo, o.IsSample)).ToArray());
    }

    /// <param name="occupationCode">Only this occupation.</param>
    /// <param name="level">Only this level.</param>
    /// <param name="regionCode">Only standards set for exactly this region.</param>
    /// <param name="inForceFor">With occupationCode and level: the standard applying to this region (its own or inherited).</param>
    /// <param name="on">The day for inForceFor (default today).</param>
    private static async Task<Results<Ok<SubsidyStandardResponse[]>, ProblemHttpResult>> ListStandardsAsync(
        string? occupationCode, SkillLevel? level, string? regionCode, string? inForceFor, DateOnly? on, TrainingVouchersDbContext db, ReferenceData referenceData, RegionCatalog regions, TimeProvider time, CancellationToken cancellationToken)
    {
        if (inForceFor is not null)
        {
            if (occupationCode is null || level is null || !regions.Contains(inForceFor))
            {
                return Platform.BuildingBlocks.Http.ApiProblems.Validation("inForceFor", new LocalizedText("inForceFor 须为已知行政区划代码，并同时给出 occupationCode 与 level。", "inForceFor must be a known division code, given with occupationCode and level."));
            }

            var standard = await referenceData.StandardInForceAsync(occupationCode, level.Value, inForceFor, on ?? ChinaCalendar.Today(time), cancellationToken);
            return TypedResults.Ok(standard is null ? [] : new[] { SubsidyStandardResponse.From(standard) });
        }

        var query = db.SubsidyStandards.AsNoTracking();
        if (occupationCode is not null)
        {
            query = query.Where(s => s.OccupationCode == occupationCode);
        }

        if (level is { } l)
        {
            query = query.Where(s => s.Level == l);
        }

        if (regionCode is not null)
        {
            query = query.Where(s => s.RegionCode == regionCode);
        }

        var standards = await query.OrderBy(s => s.OccupationCode).ThenBy(s => s.Level).ThenBy(s => s.RegionCode).ThenBy(s => s.EffectiveFrom).Take(5000).ToListAsync(cancellationToken);
        return TypedResults.Ok(standards.Select(SubsidyStandardResponse.From).ToArray());
    }

    private static async Task<Created<SubsidyStandardResponse>> SetStandardAsync(SetSubsidyStandardRequest request, TrainingVouchersDbContext db, ReferenceData referenceData, CancellationToken cancellationToken)
    {
        VoucherCallers.RequireRegion(db.Caller, request.RegionCode!);
        var occupation = await db.Occupations.AsNoTracking().FirstOrDefaultAsync(o => o.Code == request.OccupationCode, cancellationToken);
        if (occupation is null || !occupation.LevelList.Contains(request.Level!.Value))
        {
            throw VoucherProblems.Unprocessable(VoucherProblems.OccupationNotFound, $"职业目录中没有职业 {request.OccupationCode} 的 {request.Level} 等级。", $"The catalogue has no occupation {request.OccupationCode} at {request.Level}.");
        }

        var sameKey = await db.SubsidyStandards
            .Where(s => s.OccupationCode == request.OccupationCode && s.Level == request.Level && s.RegionCode == request.RegionCode)
            .ToListAsync(cancellationToken);
        var from = request.EffectiveFrom!.Value;
        if (RegionalRules.Supersede(sameKey, from, request.EffectiveTo, VoucherProblems.StandardOverlaps) is { } superseded)
        {
            superseded.EffectiveTo = from.AddDays(-1);
        }

        var standard = new SubsidyStandard
        {
            Id = Guid.CreateVersion7(),
            OccupationCode = request.OccupationCode!,
            Level = request.Level.Value,
            RegionCode = request.RegionCode!,
            EffectiveFrom = from,
            EffectiveTo = request.EffectiveTo,
            Amount = request.Amount,
            ShortageUpliftPercent = request.ShortageUpliftPercent,
        };
        db.SubsidyStandards.Add(standard);
        await db.SaveChangesAsync(cancellationToken);
        referenceData.Invalidate();
        return TypedResults.Created($"/api/training-vouchers/subsidy-standards?occupationCode={standard.OccupationCode}", SubsidyStandardResponse.From(standard));
    }

    /// <param name="regionCode">The region asked about.</param>
    /// <param name="on">The day (default today).</param>
    private static async Task<Results<Ok<ProgramRulesResponse>, ProblemHttpResult>> GetRulesAsync(
        string? regionCode, DateOnly? on, ReferenceData referenceData, RegionCatalog regions, TimeProvider time, CancellationToken cancellationToken)
    {
        if (regionCode is null || !regions.Contains(regionCode))
        {
            return Platform.BuildingBlocks.Http.ApiProblems.Validation("regionCode", new LocalizedText("请给出已知的行政区划代码。", "Give a known division code."));
        }

        var day = on ?? ChinaCalendar.Today(time);
        var rules = await referenceData.RulesInForceAsync(regionCode, day, cancellationToken);
        return rules is null
            ? Platform.BuildingBlocks.Http.ApiProblems.NotFound(VoucherProblems.NoProgramRules, new LocalizedText($"地区 {regionCode} 在 {day:yyyy-MM-dd} 没有生效的培训券政策。", $"Region {regionCode} has no program rules in force on {day:yyyy-MM-dd}."))
            : TypedResults.Ok(ProgramRulesResponse.From(rules));
    }

    private static async Task<Created<ProgramRulesResponse>> SetRulesAsync(SetProgramRulesRequest request, TrainingVouchersDbContext db, ReferenceData referenceData, CancellationToken cancellationToken)
    {
        VoucherCallers.RequireRegion(db.Caller, request.RegionCode!);
        if (request.MinimumAge > request.MaximumAge)
        {
            throw Vouchers.FieldError("maximumAge", "最高年龄不能小于最低年龄。", "The maximum age cannot be below the minimum age.");
        }

        var sameKey = await db.ProgramRules.Where(r => r.RegionCode == request.RegionCode).ToListAsync(cancellationToken);
        var from = request.EffectiveFrom!.Value;
        if (RegionalRules.Supersede(sameKey, from, request.EffectiveTo, VoucherProblems.RulesOverlap) is { } superseded)
        {
            superseded.EffectiveTo = from.AddDays(-1);
        }

        var rules = new ProgramRules
        {
            Id = Guid.CreateVersion7(),
            RegionCode = request.RegionCode!,
            EffectiveFrom = from,
            EffectiveTo = request.EffectiveTo,
            YearlyQuota = request.YearlyQuota,
            ValidityDays = request.ValidityDays,
            MinimumAge = request.MinimumAge,
            MaximumAge = request.MaximumAge,
            EligibleGroups = TraineeGroupSets.Of(request.EligibleGroups!),
            AttendanceThresholdPercent = request.AttendanceThresholdPercent,
            FailedSharePercent = request.FailedSharePercent,
            CrossProvinceRecognition = request.CrossProvinceRecognition,
        };
        db.ProgramRules.Add(rules);
        await db.SaveChangesAsync(cancellationToken);
        referenceData.Invalidate();
        return TypedResults.Created($"/api/training-vouchers/program-rules?regionCode={rules.RegionCode}", ProgramRulesResponse.From(rules));
    }
}
