using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.PersonalData;
using Platform.BuildingBlocks.ReferenceData;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.VeteranEmployment.Domain;
using Platform.Modules.VeteranEmployment.Features.Shared;
using Platform.Modules.VeteranEmployment.Persistence;

namespace Platform.Modules.VeteranEmployment.Features.Incentives;

/// <summary>One month of the calculation.</summary>
/// <param name="Month">The month (its first day).</param>
/// <param name="Counted">Whether it counts.</param>
/// <param name="YearlyAmount">The yearly amount of the standard applied, yuan.</param>
/// <param name="Reason">Why it counts or not.</param>
internal sealed record IncentiveMonthResponse(DateOnly Month, bool Counted, decimal YearlyAmount, string Reason);

/// <summary>One veteran's part of an incentive.</summary>
/// <param name="VeteranId">The veteran.</param>
/// <param name="IdentityNumber">Masked.</param>
/// <param name="Name">The name.</param>
/// <param name="Category">The discharge category (only SelfEmployedSoldier qualifies).</param>
/// <param name="Qualifies">Whether the veteran qualifies at all.</param>
/// <param name="Reason">Why not, when not.</param>
/// <param name="WindowStarts">The first month of the 36 counted from.</param>
/// <param name="MonthsCounted">Months counted in the year.</param>
/// <param name="Amount">The deduction for the year, yuan.</param>
/// <param name="Months">The twelve months, each with why it counts or not.</param>
internal sealed record VeteranIncentiveResponse(
    Guid VeteranId, string IdentityNumber, string Name, DischargeCategory Category, bool Qualifies, string? Reason, DateOnly? WindowStarts, int MonthsCounted,
    decimal Amount, IReadOnlyList<IncentiveMonthResponse> Months);

/// <summary>An incentive for a tax year, itemised per veteran and month so a tax officer can check it.</summary>
/// <param name="Kind">EmployerHiring or SelfEmployment.</param>
/// <param name="Year">The tax year.</param>
/// <param name="EmployerCode">The employer (hiring incentive).</param>
/// <param name="Total">The deduction for the year, yuan: the sum of the veterans' amounts.</param>
/// <param name="Veterans">Each veteran's part.</param>
/// <param name="Rule">How the amount is computed.</param>
internal sealed record IncentiveResponse(IncentiveKind Kind, int Year, string? EmployerCode, decimal Total, IReadOnlyList<VeteranIncentiveResponse> Veterans, string Rule);

/// <summary>An incentive standard.</summary>
/// <param name="Id">The standard.</param>
/// <param name="Kind">The incentive.</param>
/// <param name="RegionCode">The province (or city, county) it applies to.</param>
/// <param name="EffectiveFrom">First day.</param>
/// <param name="EffectiveTo">Last day.</param>
/// <param name="BaseAmount">The national amount per year.</param>
/// <param name="UpliftPercent">The uplift.</param>
/// <param name="YearlyAmount">The amount with the uplift.</param>
/// <param name="MaxMonths">Months counted at most from the first.</param>
/// <param name="Source">The document.</param>
/// <param name="IsSample">True for seeded samples.</param>
internal sealed record IncentiveStandardResponse(Guid Id, IncentiveKind Kind, string RegionCode, DateOnly EffectiveFrom, DateOnly? EffectiveTo, decimal BaseAmount, decimal UpliftPercent, decimal YearlyAmount, int MaxMonths, string Source, bool IsSample)
{
    public static IncentiveStandardResponse From(IncentiveStandard s) => new(s.Id, s.Kind, s.RegionCode, s.EffectiveFrom, s.EffectiveTo, s.BaseAmount, s.UpliftPercent, s.YearlyAmount, s.MaxMonths, s.Source, s.IsSample);
}

/// <summary>The body of VeteranEmployment_SetIncentiveStandard.</summary>
/// <param name="Kind">The incentive.</param>
/// <param name="RegionCode">The region (within the caller's).</param>
/// <param name="EffectiveFrom">First day.</param>
/// <param name="EffectiveTo">Last day; omit for open-ended.</param>
/// <param name="BaseAmount">The national amount per year, 0.01–1,000,000.</param>
/// <param name="UpliftPercent">The uplift: 0–50 for employers, 0–20 for self-employment.</param>
/// <param name="MaxMonths">Months counted at most, 1–120 (policy 36).</param>
/// <param name="Source">The document (1–200 characters).</param>
internal sealed record SetIncentiveStandardRequest(IncentiveKind? Kind, string? RegionCode, DateOnly? EffectiveFrom, DateOnly? EffectiveTo, decimal BaseAmount, decimal UpliftPercent, int MaxMonths, string? Source);

/// <summary>The query of the incentive calculations.</summary>
/// <param name="EmployerCode">The employer (hiring incentive).</param>
/// <param name="Year">The tax year.</param>
internal sealed record HiringIncentiveQuery(string? EmployerCode, int? Year);

internal sealed class HiringIncentiveQueryValidator : AbstractValidator<HiringIncentiveQuery>
{
    public HiringIncentiveQueryValidator()
    {
        RuleFor(q => q.EmployerCode).NotEmpty().ValidCreditCode();
        RuleFor(q => q.Year).NotNull().InclusiveBetween(2000, 2099);
    }
}

internal sealed class SetIncentiveStandardValidator : AbstractValidator<SetIncentiveStandardRequest>
{
    public SetIncentiveStandardValidator(RegionCatalog regions)
    {
        RuleFor(r => r.Kind).NotNull().IsInEnum();
        RuleFor(r => r.RegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(r => r.EffectiveFrom).NotNull().InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
        RuleFor(r => r.EffectiveTo).InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay)
            .GreaterThanOrEqualTo(r => r.EffectiveFrom).When(r => r.EffectiveTo is not null && r.EffectiveFrom is not null);
        RuleFor(r => r.BaseAmount).InclusiveBetween(0.01m, 1_000_000m).PrecisionScale(12, 2, ignoreTrailingZeros: true);
        RuleFor(r => r.UpliftPercent).GreaterThanOrEqualTo(0m).PrecisionScale(5, 2, ignoreTrailingZeros: true)
            .Must((r, u) => r.Kind is not { } kind || !Enum.IsDefined(kind) || u <= IncentiveStandard.MaxUplift(kind))
            .WithMessage(new LocalizedText("上浮比例超过政策上限：企业招用最多 50%，自主创业最多 20%。", "The uplift exceeds the policy's cap: 50 % for employers, 20 % for self-employment."));
        RuleFor(r => r.MaxMonths).InclusiveBetween(1, 120);
        RuleFor(r => r.Source).NotEmpty().MaximumLength(200);
    }
}

internal static class IncentiveEndpoints
{
    private const string Rule = "每个符合条件的月份计入（当月至少一天处于符合条件的就业/创业状态：企业招用须劳动合同 1 年以上并缴纳社会保险），自首个符合条件的月份起最多 36 个月；年度金额 = Σ(当月适用标准的年额 ÷ 12)，最后一次四舍五入到分。/ A month counts when the veteran is in a qualifying spell on at least one of its days (employer: labour contract of 12 months or more, social insurance paid), from the first qualifying month for at most 36 months; the year's amount is the sum of (the yearly amount in force that month ÷ 12), rounded once to the fen, half away from zero.";

    public static void MapIncentiveEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/incentives/hiring", HiringAsync)
            .WithName("VeteranEmployment_CalculateHiringIncentive")
            .RequirePermission(VeteranPermissions.IncentivesRead)
            .WithSummary("An employer's hiring incentive for a tax year, itemised per veteran and month")
            .WithDescription("Announcement 2023 No. 14: for each self-employed resettlement soldier the employer hired under a labour contract of at least one year with social insurance paid, (months worked in the year ÷ 12) × the regional standard (6,000 yuan a year, raised by up to 50 % by the province, as reference data with validity dates), for three years from the first month. Veterans the caller's region sees.")
            .ProducesApiProblem(StatusCodes.Status400BadRequest);

        routes.MapGet("/veterans/{id:guid}/incentives/self-employment", SelfEmploymentAsync)
            .WithName("VeteranEmployment_CalculateSelfEmploymentIncentive")
            .RequirePermission(VeteranPermissions.IncentivesRead)
            .WithSummary("A self-employed veteran's incentive for a tax year, itemised per month")
            .WithDescription("Announcement 2023 No. 14: up to 20,000 yuan a year (raised by up to 20 % by the province) for three years, counted in months of self-employment. Only for self-employed resettlement soldiers (422 veterans.not_self_employed_soldier).")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        routes.MapGet("/incentive-standards", ListStandardsAsync)
            .WithName("VeteranEmployment_ListIncentiveStandards")
            .RequirePermission(VeteranPermissions.ReferenceRead)
            .WithSummary("List incentive standards");

        routes.MapPost("/incentive-standards", SetStandardAsync)
            .WithName("VeteranEmployment_SetIncentiveStandard")
            .RequirePermission(VeteranPermissions.ReferenceWrite)
            .WithSummary("Add a version of a region's incentive standard")
            .WithDescription("An open-ended earlier version of the same kind and region is closed the day before; other overlaps are refused (409 veterans.incentive_standard_overlaps). The uplift is capped by policy (50 % employers, 20 % self-employment).")
            .ProducesApiProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<IncentiveResponse>> HiringAsync([AsParameters] HiringIncentiveQuery query, VeteranEmploymentDbContext db, IPersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        var employer = VeteranAccess.CreditCode(query.EmployerCode!);
        var year = query.Year!.Value;
        var hired = await db.Ledger.AsNoTracking()
            .Where(e => e.EmployerCode == employer && e.Status == EmploymentStatus.Employed && e.EffectiveOn <= new DateOnly(year, 12, 31))
            .Select(e => e.VeteranId).Distinct().ToListAsync(cancellationToken);
        var veterans = await db.Veterans.AsNoTracking().Where(v => hired.Contains(v.Id)).ToListAsync(cancellationToken);
        var ids = veterans.Select(v => v.Id).ToArray();
        var ledgers = (await db.Ledger.AsNoTracking().Where(e => ids.Contains(e.VeteranId)).ToListAsync(cancellationToken)).ToLookup(e => e.VeteranId);
        var standards = await StandardsAsync(db, IncentiveKind.EmployerHiring, cancellationToken);
        var region = UnifiedSocialCreditCode.Parse(employer).RegionCode;
        var today = ChinaCalendar.Today(time);
        var parts = veterans.OrderBy(v => v.Id).Select(v => Part(
            v, protector, today, year, region, standards,
            Domain.Ledger.Spells(ledgers[v.Id]).Where(s => s.Entry.Status == EmploymentStatus.Employed && s.Entry.EmployerCode == employer && s.Entry.ContractMonths >= 12 && s.Entry.SocialInsurance),
            "在本单位无 1 年以上劳动合同并缴纳社保的就业记录 / no employment here with a contract of 12 months or more and social insurance")).ToArray();
        return TypedResults.Ok(new IncentiveResponse(IncentiveKind.EmployerHiring, year, employer, parts.Sum(p => p.Amount), parts, Rule));
    }

    /// <param name="year">The tax year.</param>
    private static async Task<Ok<IncentiveResponse>> SelfEmploymentAsync(Guid id, int? year, VeteranEmploymentDbContext db, IPersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        if (year is not (>= 2000 and <= 2099))
        {
            throw VeteranAccess.FieldError("year", "请给出 2000–2099 之间的纳税年度。", "Give a tax year from 2000 to 2099.");
        }

        var veteran = await db.Veterans.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken) ?? throw VeteranProblems.VeteranMissing(id);
        if (veteran.Category != DischargeCategory.SelfEmployedSoldier)
        {
            throw VeteranProblems.Unprocessable(VeteranProblems.NotSelfEmployedSoldier, "该政策仅适用于自主就业退役士兵。", "The incentive is only for self-employed resettlement soldiers.");
        }

        var ledger = await db.Ledger.AsNoTracking().Where(e => e.VeteranId == id).ToListAsync(cancellationToken);
        var standards = await StandardsAsync(db, IncentiveKind.SelfEmployment, cancellationToken);
        var part = Part(
            veteran, protector, ChinaCalendar.Today(time), year.Value, veteran.RegionCode, standards,
            Domain.Ledger.Spells(ledger).Where(s => s.Entry.Status == EmploymentStatus.SelfEmployed),
            "没有自主创业记录 / no self-employment recorded");
        return TypedResults.Ok(new IncentiveResponse(IncentiveKind.SelfEmployment, year.Value, null, part.Amount, [part], Rule));
    }

    private static VeteranIncentiveResponse Part(
        Veteran veteran, IPersonalDataProtector protector, DateOnly today, int year, string region, IReadOnlyList<IncentiveStandard> standards,
        IEnumerable<(LedgerEntry Entry, DateOnly From, DateOnly? To)> spells, string noSpell)
    {
        var masked = PersonalDataMasking.MaskResidentId(protector.Decrypt(PersonalDataKind.ResidentId, veteran.Person.Ciphertext));
        if (veteran.Category != DischargeCategory.SelfEmployedSoldier)
        {
            return new VeteranIncentiveResponse(veteran.Id, masked, veteran.Name, veteran.Category, false, "仅自主就业退役士兵适用 / only self-employed resettlement soldiers qualify", null, 0, 0m, []);
        }

        var qualifying = spells.Select(s => (s.From, s.To)).ToArray();
        if (qualifying.Length == 0)
        {
            return new VeteranIncentiveResponse(veteran.Id, masked, veteran.Name, veteran.Category, false, noSpell, null, 0, 0m, []);
        }

        var result = IncentiveCalculator.ForYear(veteran.Id, qualifying, year, day => RegionalRules.InForce(standards, region, day), today);
        return new VeteranIncentiveResponse(
            veteran.Id, masked, veteran.Name, veteran.Category, true, null, result.WindowStarts, result.MonthsCounted, result.Amount,
            result.Months.Select(m => new IncentiveMonthResponse(m.Month, m.Counted, m.YearlyAmount, m.Reason)).ToArray());
    }

    private static async Task<List<IncentiveStandard>> StandardsAsync(VeteranEmploymentDbContext db, IncentiveKind kind, CancellationToken cancellationToken) =>
        await db.IncentiveStandards.AsNoTracking().Where(s => s.Kind == kind).ToListAsync(cancellationToken);

    /// <param name="kind">Only this incentive.</param>
    /// <param name="regionCode">Only standards set for exactly this region.</param>
    private static async Task<Ok<IncentiveStandardResponse[]>> ListStandardsAsync(IncentiveKind? kind, string? regionCode, VeteranEmploymentDbContext db, CancellationToken cancellationToken)
    {
        var query = db.IncentiveStandards.AsNoTracking();
        if (kind is { } k)
        {
            query = query.Where(s => s.Kind == k);
        }

        if (regionCode is not null)
        {
            query = query.Where(s => s.RegionCode == regionCode);
        }

        var standards = await query.OrderBy(s => s.RegionCode).ThenBy(s => s.Kind).ThenBy(s => s.EffectiveFrom).Take(1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(standards.Select(IncentiveStandardResponse.From).ToArray());
    }

    private static async Task<Created<IncentiveStandardResponse>> SetStandardAsync(SetIncentiveStandardRequest request, VeteranEmploymentDbContext db, CancellationToken cancellationToken)
    {
        VeteranAccess.RequireRegion(db.Caller, request.RegionCode!);
        var sameKey = await db.IncentiveStandards.Where(s => s.Kind == request.Kind && s.RegionCode == request.RegionCode).ToListAsync(cancellationToken);
        var from = request.EffectiveFrom!.Value;
        if (RegionalRules.Supersede(sameKey, from, request.EffectiveTo, VeteranProblems.StandardOverlaps) is { } superseded)
        {
            superseded.EffectiveTo = from.AddDays(-1);
        }

        var standard = new IncentiveStandard
        {
            Id = Guid.CreateVersion7(),
            Kind = request.Kind!.Value,
            RegionCode = request.RegionCode!,
            EffectiveFrom = from,
            EffectiveTo = request.EffectiveTo,
            BaseAmount = request.BaseAmount,
            UpliftPercent = request.UpliftPercent,
            MaxMonths = request.MaxMonths,
            Source = request.Source!.Trim(),
        };
        db.IncentiveStandards.Add(standard);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/veteran-employment/incentive-standards?regionCode={standard.RegionCode}", IncentiveStandardResponse.From(standard));
    }
}
