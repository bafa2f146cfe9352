using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.ReferenceData;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Shared;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Features.Reference;

/// <summary>A version of a region's guaranteed-loan rules.</summary>
/// <param name="Id">The version.</param>
/// <param name="RegionCode">The region (and everything within it).</param>
/// <param name="EffectiveFrom">First day.</param>
/// <param name="EffectiveTo">Last day; absent while open-ended.</param>
/// <param name="IndividualCap">An individual's cap, yuan.</param>
/// <param name="PartnershipUpliftPercent">Partners: the sum of their caps plus this percent.</param>
/// <param name="EnterpriseCap">A small or micro enterprise's cap, yuan.</param>
/// <param name="IndividualMaxTermMonths">Longest individual term.</param>
/// <param name="EnterpriseMaxTermMonths">Longest enterprise term.</param>
/// <param name="RateCapMarginBp">Contract rate at most LPR plus this (basis points).</param>
/// <param name="BorrowerMarginBp">The borrower bears up to LPR plus this (basis points, policy −150).</param>
/// <param name="MaxLoans">Loans per person in total.</param>
/// <param name="SubsidisedMonths">First periods subsidised.</param>
/// <param name="Source">The document.</param>
/// <param name="IsSample">True for seeded samples.</param>
internal sealed record LoanRuleResponse(
    Guid Id, string RegionCode, DateOnly EffectiveFrom, DateOnly? EffectiveTo, decimal IndividualCap, decimal PartnershipUpliftPercent, decimal EnterpriseCap,
    int IndividualMaxTermMonths, int EnterpriseMaxTermMonths, int RateCapMarginBp, int BorrowerMarginBp, int MaxLoans, int SubsidisedMonths, string Source, bool IsSample)
{
    public static LoanRuleResponse From(LoanRule r) => new(
        r.Id, r.RegionCode, r.EffectiveFrom, r.EffectiveTo, r.IndividualCap, r.PartnershipUpliftPercent, r.EnterpriseCap, r.IndividualMaxTermMonths, r.EnterpriseMaxTermMonths,
        r.RateCapMarginBp, r.BorrowerMarginBp, r.MaxLoans, r.SubsidisedMonths, r.Source, r.IsSample);
}

/// <summary>The body of ReturnHomeEntrepreneurship_SetLoanRule: a new version from a day (an open-ended earlier version is closed the day before).</summary>
/// <param name="RegionCode">The region (within the caller's).</param>
/// <param name="EffectiveFrom">First day.</param>
/// <param name="EffectiveTo">Last day; omit for open-ended.</param>
/// <param name="IndividualCap">1,000–10,000,000 yuan.</param>
/// <param name="PartnershipUpliftPercent">0–100.</param>
/// <param name="EnterpriseCap">1,000–100,000,000 yuan.</param>
/// <param name="IndividualMaxTermMonths">1–120.</param>
/// <param name="EnterpriseMaxTermMonths">1–120.</param>
/// <param name="RateCapMarginBp">0–1,000.</param>
/// <param name="BorrowerMarginBp">−1,000–0.</param>
/// <param name="MaxLoans">1–10.</param>
/// <param name="SubsidisedMonths">0–120.</param>
/// <param name="Source">The document (1–200 characters).</param>
internal sealed record SetLoanRuleRequest(
    string? RegionCode, DateOnly? EffectiveFrom, DateOnly? EffectiveTo, decimal? IndividualCap, decimal? PartnershipUpliftPercent, decimal? EnterpriseCap,
    int? IndividualMaxTermMonths, int? EnterpriseMaxTermMonths, int? RateCapMarginBp, int? BorrowerMarginBp, int? MaxLoans, int? SubsidisedMonths, string? Source);

/// <summary>A version of a region's start-up subsidy.</summary>
/// <param name="Id">The version.</param>
/// <param name="RegionCode">The region.</param>
/// <param name="EffectiveFrom">First day.</param>
/// <param name="EffectiveTo">Last day.</param>
/// <param name="Amount">Yuan.</param>
/// <param name="MinMonthsOperating">Months the business must have operated.</param>
/// <param name="RequiresSocialInsurance">Whether the founder must be insured.</param>
/// <param name="Source">The document.</param>
/// <param name="IsSample">True for seeded samples.</param>
internal sealed record StartupSubsidyStandardResponse(
    Guid Id, string RegionCode, DateOnly EffectiveFrom, DateOnly? EffectiveTo, decimal Amount, int MinMonthsOperating, bool RequiresSocialInsurance, string Source, bool IsSample)
{
    public static StartupSubsidyStandardResponse From(StartupSubsidyStandard s) =>
        new(s.Id, s.RegionCode, s.EffectiveFrom, s.EffectiveTo, s.Amount, s.MinMonthsOperating, s.RequiresSocialInsurance, s.Source, s.IsSample);
}

/// <summary>The body of ReturnHomeEntrepreneurship_SetStartupSubsidyStandard.</summary>
/// <param name="RegionCode">The region (within the caller's).</param>
/// <param name="EffectiveFrom">First day.</param>
/// <param name="EffectiveTo">Last day; omit for open-ended.</param>
/// <param name="Amount">0.01–1,000,000 yuan.</param>
/// <param name="MinMonthsOperating">0–120 (default condition 12).</param>
/// <param name="RequiresSocialInsurance">Whether the founder must be insured (default condition yes).</param>
/// <param name="Source">The document (1–200 characters).</param>
internal sealed record SetStartupSubsidyStandardRequest(string? RegionCode, DateOnly? EffectiveFrom, DateOnly? EffectiveTo, decimal? Amount, int? MinMonthsOperating, bool? RequiresSocialInsurance, string? Source);

/// <summary>A one-year LPR publication.</summary>
/// <param name="EffectiveFrom">The day it applies from.</param>
/// <param name="OneYearPercent">Percent a year.</param>
internal sealed record LoanPrimeRateResponse(DateOnly EffectiveFrom, decimal OneYearPercent);

/// <summary>The body of ReturnHomeEntrepreneurship_PublishPrimeRate.</summary>
/// <param name="EffectiveFrom">The publication day (unique).</param>
/// <param name="OneYearPercent">0.01–20 percent a year.</param>
internal sealed record PublishPrimeRateRequest(DateOnly? EffectiveFrom, decimal? OneYearPercent);

internal sealed class SetLoanRuleValidator : AbstractValidator<SetLoanRuleRequest>
{
    public SetLoanRuleValidator(RegionCatalog regions)
    {
        RuleFor(r => r.RegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(r => r.EffectiveFrom).NotNull().InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
        RuleFor(r => r.EffectiveTo).GreaterThanOrEqualTo(r => r.EffectiveFrom).LessThanOrEqualTo(ChinaCalendar.LastDay).When(r => r.EffectiveTo is not null && r.EffectiveFrom is not null);
        RuleFor(r => r.IndividualCap).NotNull().InclusiveBetween(1_000m, 10_000_000m).PrecisionScale(14, 2, true);
        RuleFor(r => r.PartnershipUpliftPercent).NotNull().InclusiveBetween(0m, 100m).PrecisionScale(5, 2, true);
        RuleFor(r => r.EnterpriseCap).NotNull().InclusiveBetween(1_000m, 100_000_000m).PrecisionScale(14, 2, true);
        RuleFor(r => r.IndividualMaxTermMonths).NotNull().InclusiveBetween(1, 120);
        RuleFor(r => r.EnterpriseMaxTermMonths).NotNull().InclusiveBetween(1, 120);
        RuleFor(r => r.RateCapMarginBp).NotNull().InclusiveBetween(0, 1000);
        RuleFor(r => r.BorrowerMarginBp).NotNull().InclusiveBetween(-1000, 0);
        RuleFor(r => r.MaxLoans).NotNull().InclusiveBetween(1, 10);
        RuleFor(r => r.SubsidisedMonths).NotNull().InclusiveBetween(0, 120);
        RuleFor(r => r.Source).NotEmpty().MaximumLength(200);
    }
}

internal sealed class SetStartupSubsidyStandardValidator : AbstractValidator<SetStartupSubsidyStandardRequest>
{
    public SetStartupSubsidyStandardValidator(RegionCatalog regions)
    {
        RuleFor(r => r.RegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(r => r.EffectiveFrom).NotNull().InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
        RuleFor(r => r.EffectiveTo).GreaterThanOrEqualTo(r => r.EffectiveFrom).LessThanOrEqualTo(ChinaCalendar.LastDay).When(r => r.EffectiveTo is not null && r.EffectiveFrom is not null);
        RuleFor(r => r.Amount).NotNull().InclusiveBetween(0.01m, 1_000_000m).PrecisionScale(12, 2, true);
        RuleFor(r => r.MinMonthsOperating).InclusiveBetween(0, 120);
        RuleFor(r => r.Source).NotEmpty().MaximumLength(200);
    }
}

internal sealed class PublishPrimeRateValidator : AbstractValidator<PublishPrimeRateRequest>
{
    public PublishPrimeRateValidator()
    {
        RuleFor(r => r.EffectiveFrom).NotNull().InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
        RuleFor(r => r.OneYearPercent).NotNull().InclusiveBetween(0.01m, 20m).PrecisionScale(7, 4, true);
    }
}

internal static class ReferenceEndpoints
{
    public static void MapReferenceEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/loan-rules", ListRulesAsync)
            .WithName("ReturnHomeEntrepreneurship_ListLoanRules")
            .RequirePermission(EntrepreneurshipPermissions.ReferenceRead)
            .WithSummary("List guaranteed-loan rules (caps, terms, rate margins, repeat borrowing, months subsidised)");

        routes.MapPost("/loan-rules", SetRuleAsync)
            .WithName("ReturnHomeEntrepreneurship_SetLoanRule")
            .RequirePermission(EntrepreneurshipPermissions.ReferenceWrite)
            .WithSummary("Add a version of a region's guaranteed-loan rules")
            .WithDescription("An open-ended earlier version is closed the day before; any other overlap is 409 entrepreneurship.rule_overlaps. Loans keep the contract they were signed under.")
            .ProducesApiProblem(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);

        routes.MapGet("/startup-subsidy-standards", ListStandardsAsync)
            .WithName("ReturnHomeEntrepreneurship_ListStartupSubsidyStandards")
            .RequirePermission(EntrepreneurshipPermissions.ReferenceRead)
            .WithSummary("List one-time start-up subsidy standards");

        routes.MapPost("/startup-subsidy-standards", SetStandardAsync)
            .WithName("ReturnHomeEntrepreneurship_SetStartupSubsidyStandard")
            .RequirePermission(EntrepreneurshipPermissions.ReferenceWrite)
            .WithSummary("Add a version of a region's start-up subsidy standard")
            .ProducesApiProblem(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);

        routes.MapGet("/prime-rates", ListRatesAsync)
            .WithName("ReturnHomeEntrepreneurship_ListPrimeRates")
            .RequirePermission(EntrepreneurshipPermissions.ReferenceRead)
            .WithSummary("List the one-year loan prime rates (LPR) published");

        routes.MapPost("/prime-rates", PublishRateAsync)
            .WithName("ReturnHomeEntrepreneurship_PublishPrimeRate")
            .RequirePermission(EntrepreneurshipPermissions.ReferenceWrite)
            .WithSummary("Record a one-year LPR publication")
            .WithDescription("One per day (409 entrepreneurship.rule_overlaps).")
            .ProducesApiProblem(StatusCodes.Status409Conflict);
    }

    /// <param name="regionCode">Only versions set for exactly this region.</param>
    private static async Task<Ok<LoanRuleResponse[]>> ListRulesAsync(string? regionCode, ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        var query = db.LoanRules.AsNoTracking();
        if (regionCode is not null)
        {
            query = query.Where(r => r.RegionCode == regionCode);
        }

        var rules = await query.OrderBy(r => r.RegionCode).ThenBy(r => r.EffectiveFrom).Take(1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(rules.Select(LoanRuleResponse.From).ToArray());
    }

    private static async Task<Created<LoanRuleResponse>> SetRuleAsync(SetLoanRuleRequest request, ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        EntrepreneurshipAccess.RequireRegion(db.Caller, request.RegionCode!);
        var from = request.EffectiveFrom!.Value;
        var sameKey = await db.LoanRules.Where(r => r.RegionCode == request.RegionCode).ToListAsync(cancellationToken);
        if (RegionalRules.Supersede(sameKey, from, request.EffectiveTo, EntrepreneurshipProblems.RuleOverlaps) is { } superseded)
        {
            superseded.EffectiveTo = from.AddDays(-1);
        }

        var rule = new LoanRule
        {
            Id = Guid.CreateVersion7(),
            RegionCode = request.RegionCode!,
            EffectiveFrom = from,
            EffectiveTo = request.EffectiveTo,
            IndividualCap = request.IndividualCap!.Value,
            PartnershipUpliftPercent = request.PartnershipUpliftPercent!.Value,
            EnterpriseCap = request.EnterpriseCap!.Value,
            IndividualMaxTermMonths = request.IndividualMaxTermMonths!.Value,
            EnterpriseMaxTermMonths = request.EnterpriseMaxTermMonths!.Value,
            RateCapMarginBp = request.RateCapMarginBp!.Value,
            BorrowerMarginBp = request.BorrowerMarginBp!.Value,
            MaxLoans = request.MaxLoans!.Value,
            SubsidisedMonths = request.SubsidisedMonths!.Value,
            Source = request.Source!.Trim(),
        };
        db.LoanRules.Add(rule);
        await SaveUniqueAsync(db, cancellationToken);
        return TypedResults.Created($"/api/return-home-entrepreneurship/loan-rules?regionCode={rule.RegionCode}", LoanRuleResponse.From(rule));
    }

    /// <param name="regionCode">Only versions set for exactly this region.</param>
    private static async Task<Ok<StartupSubsidyStandardResponse[]>> ListStandardsAsync(string? regionCode, ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        var query = db.SubsidyStandards.AsNoTracking();
        if (regionCode is not null)
        {
            query = query.Where(s => s.RegionCode == regionCode);
        }

        var standards = await query.OrderBy(s => s.RegionCode).ThenBy(s => s.EffectiveFrom).Take(1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(standards.Select(StartupSubsidyStandardResponse.From).ToArray());
    }

    private static async Task<Created<StartupSubsidyStandardResponse>> SetStandardAsync(SetStartupSubsidyStandardRequest request, ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        EntrepreneurshipAccess.RequireRegion(db.Caller, request.RegionCode!);
        var from = request.EffectiveFrom!.Value;
        var sameKey = await db.SubsidyStandards.Where(s => s.RegionCode == request.RegionCode).ToListAsync(cancellationToken);
        if (RegionalRules.Supersede(sameKey, from, request.EffectiveTo, EntrepreneurshipProblems.RuleOverlaps) is { } superseded)
        {
            superseded.EffectiveTo = from.AddDays(-1);
        }

        var standard = new StartupSubsidyStandard
        {
            Id = Guid.CreateVersion7(),
            RegionCode = request.RegionCode!,
            EffectiveFrom = from,
            EffectiveTo = request.EffectiveTo,
            Amount = request.Amount!.Value,
            MinMonthsOperating = request.MinMonthsOperating ?? 12,
            RequiresSocialInsurance = request.RequiresSocialInsurance ?? true,
            Source = request.Source!.Trim(),
        };
        db.SubsidyStandards.Add(standard);
        await SaveUniqueAsync(db, cancellationToken);
        return TypedResults.Created($"/api/return-home-entrepreneurship/startup-subsidy-standards?regionCode={standard.RegionCode}", StartupSubsidyStandardResponse.From(standard));
    }

    private static async Task<Ok<LoanPrimeRateResponse[]>> ListRatesAsync(ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        var rates = await db.PrimeRates.AsNoTracking().OrderBy(r => r.EffectiveFrom).Take(1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(rates.Select(r => new LoanPrimeRateResponse(r.EffectiveFrom, r.OneYearPercent)).ToArray());
    }

    private static async Task<Created<LoanPrimeRateResponse>> PublishRateAsync(PublishPrimeRateRequest request, ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        var from = request.EffectiveFrom!.Value;
        if (await db.PrimeRates.AnyAsync(r => r.EffectiveFrom == from, cancellationToken))
        {
            throw Overlap(from);
        }

        db.PrimeRates.Add(new PrimeRate { Id = Guid.CreateVersion7(), EffectiveFrom = from, OneYearPercent = request.OneYearPercent!.Value });
        await SaveUniqueAsync(db, cancellationToken);
        return TypedResults.Created("/api/return-home-entrepreneurship/prime-rates", new LoanPrimeRateResponse(from, request.OneYearPercent.Value));
    }

    private static async Task SaveUniqueAsync(ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            throw EntrepreneurshipProblems.Conflict(EntrepreneurshipProblems.RuleOverlaps, "同一区域同一日期已有版本。", "A version from that day already exists for the region.");
        }
    }

    private static DomainException Overlap(DateOnly day) => EntrepreneurshipProblems.Conflict(
        EntrepreneurshipProblems.RuleOverlaps, $"{day:yyyy-MM-dd} 已有报价利率。", $"A rate is already recorded for {day:yyyy-MM-dd}.");
}
