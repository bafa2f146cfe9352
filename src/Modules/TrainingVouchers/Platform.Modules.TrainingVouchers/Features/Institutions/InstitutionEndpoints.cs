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
using Platform.BuildingBlocks.Security;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Features.Shared;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Modules.TrainingVouchers.Features.Institutions;

/// <summary>An occupation and level an institution may train.</summary>
/// <param name="OccupationCode">The occupation.</param>
/// <param name="Level">The level.</param>
/// <param name="ValidFrom">First day of the licence.</param>
/// <param name="ValidTo">Last day; null while open-ended.</param>
internal sealed record LicenceDto(string OccupationCode, SkillLevel Level, DateOnly ValidFrom, DateOnly? ValidTo);

/// <summary>An approved training institution. Its version is its ETag.</summary>
/// <param name="CreditCode">Unified social credit code.</param>
/// <param name="Name">Name.</param>
/// <param name="RegionCode">Where it is.</param>
/// <param name="Status">Approved, Suspended or Revoked.</param>
/// <param name="StatusReason">Why it was suspended or revoked.</param>
/// <param name="StatusChangedAt">When the status last changed.</param>
/// <param name="Licences">What it may train.</param>
/// <param name="IsSample">True for seeded sample data.</param>
/// <param name="Version">The version (ETag).</param>
internal sealed record InstitutionResponse(string CreditCode, string Name, string RegionCode, InstitutionStatus Status, string? StatusReason, DateTimeOffset StatusChangedAt, IReadOnlyList<LicenceDto> Licences, bool IsSample, int Version)
{
    public static InstitutionResponse From(Institution i) => new(
        i.CreditCode, i.Name, i.RegionCode, i.Status, i.StatusReason, i.StatusChangedAt,
        i.Licences.OrderBy(l => l.OccupationCode).ThenBy(l => l.Level).Select(l => new LicenceDto(l.OccupationCode, l.Level, l.ValidFrom, l.ValidTo)).ToArray(),
        i.IsSample, i.Version);
}

/// <summary>The body of TrainingVouchers_RegisterInstitution.</summary>
/// <param name="CreditCode">Unified social credit code (GB 32100, checked).</param>
/// <param name="Name">Name (1–200 characters).</param>
/// <param name="RegionCode">Where it is (within the caller's region).</param>
/// <param name="Licences">What it may train; occupations and levels of the catalogue.</param>
internal sealed record RegisterInstitutionRequest(string? CreditCode, string? Name, string? RegionCode, IReadOnlyList<LicenceDto>? Licences);

/// <summary>The body of TrainingVouchers_SetInstitutionLicences: the complete new set of licences.</summary>
/// <param name="Licences">What it may train from now on.</param>
internal sealed record SetLicencesRequest(IReadOnlyList<LicenceDto>? Licences);

/// <summary>The body of TrainingVouchers_ChangeInstitutionStatus.</summary>
/// <param name="Status">The new status.</param>
/// <param name="Reason">Why; required to suspend or revoke (at most 500 characters).</param>
internal sealed record ChangeInstitutionStatusRequest(InstitutionStatus? Status, string? Reason);

internal sealed class LicenceValidator : AbstractValidator<LicenceDto>
{
    public LicenceValidator()
    {
        RuleFor(l => l.OccupationCode).NotEmpty().MaximumLength(20);
        RuleFor(l => l.Level).IsInEnum();
        RuleFor(l => l.ValidTo).GreaterThanOrEqualTo(l => l.ValidFrom).When(l => l.ValidTo is not null);
    }
}

internal sealed class RegisterInstitutionValidator : AbstractValidator<RegisterInstitutionRequest>
{
    public RegisterInstitutionValidator(RegionCatalog regions)
    {
        RuleFor(r => r.CreditCode).NotEmpty().ValidCreditCode();
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.RegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(r => r.Licences).NotNull().Must(l => l is null || l.Count <= 200);
        RuleForEach(r => r.Licences).SetValidator(new LicenceValidator());
    }
}

internal sealed class SetLicencesValidator : AbstractValidator<SetLicencesRequest>
{
    public SetLicencesValidator()
    {
        RuleFor(r => r.Licences).NotNull().Must(l => l is null || l.Count <= 200);
        RuleForEach(r => r.Licences).SetValidator(new LicenceValidator());
    }
}

internal sealed class ChangeInstitutionStatusValidator : AbstractValidator<ChangeInstitutionStatusRequest>
{
    public ChangeInstitutionStatusValidator()
    {
        RuleFor(r => r.Status).NotNull().IsInEnum();
        RuleFor(r => r.Reason).NotEmpty().When(r => r.Status is InstitutionStatus.Suspended or InstitutionStatus.Revoked)
            .WithMessage(new LocalizedText("暂停或撤销须说明原因。", "Suspending or revoking needs a reason."));
        RuleFor(r => r.Reason).MaximumLength(500);
    }
}

/// <summary>The list of approved training institutions (public information: readable by every role).</summary>
internal static class InstitutionEndpoints
{
    public static void MapInstitutionEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/institutions", ListAsync)
            .WithName("TrainingVouchers_ListInstitutions")
            .RequirePermission(TrainingVoucherPermissions.ReferenceRead)
            .WithSummary("List training institutions")
            .WithDescription("Filtered by region (within), status and the occupation they are licensed for.");

        routes.MapGet("/institutions/{creditCode}", GetAsync)
            .WithName("TrainingVouchers_GetInstitution")
            .RequirePermission(TrainingVoucherPermissions.ReferenceRead)
            .WithSummary("Get a training institution")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPost("/institutions", RegisterAsync)
            .WithName("TrainingVouchers_RegisterInstitution")
            .RequirePermission(TrainingVoucherPermissions.InstitutionsManage)
            .WithSummary("Register an approved training institution")
            .ProducesApiProblem(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        routes.MapPut("/institutions/{creditCode}/licences", SetLicencesAsync)
            .WithName("TrainingVouchers_SetInstitutionLicences")
            .RequirePermission(TrainingVoucherPermissions.InstitutionsManage)
            .WithSummary("Replace an institution's licences")
            .WithDescription("Vouchers already enrolled keep their enrolment. Honours If-Match.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);

        routes.MapPost("/institutions/{creditCode}/status", ChangeStatusAsync)
            .WithName("TrainingVouchers_ChangeInstitutionStatus")
            .RequirePermission(TrainingVoucherPermissions.InstitutionsManage)
            .WithSummary("Approve, suspend or revoke an institution")
            .WithDescription("A suspended or revoked institution can enrol nobody; holders already enrolled finish their course. A revoked institution cannot be approved again (409). Honours If-Match.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);
    }

    /// <param name="regionCode">Only institutions within this region.</param>
    /// <param name="status">Only this status.</param>
    /// <param name="occupationCode">Only institutions licensed for this occupation.</param>
    private static async Task<Ok<InstitutionResponse[]>> ListAsync(string? regionCode, InstitutionStatus? status, string? occupationCode, TrainingVouchersDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Institutions.AsNoTracking().Include(i => i.Licences).AsQueryable();
        if (!string.IsNullOrEmpty(regionCode) && RegionCode.IsWellFormed(regionCode))
        {
            var (low, high) = RegionCode.Range(regionCode);
            query = query.Where(i => string.Compare(i.RegionCode, low) >= 0 && string.Compare(i.RegionCode, high) < 0);
        }

        if (status is { } wanted)
        {
            query = query.Where(i => i.Status == wanted);
        }

        if (occupationCode is not null)
        {
            query = query.Where(i => i.Licences.Any(l => l.OccupationCode == occupationCode));
        }

        var institutions = await query.OrderBy(i => i.RegionCode).ThenBy(i => i.CreditCode).Take(1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(institutions.Select(InstitutionResponse.From).ToArray());
    }

    private static async Task<Ok<InstitutionResponse>> GetAsync(string creditCode, HttpContext http, TrainingVouchersDbContext db, CancellationToken cancellationToken)
    {
        var institution = await LoadAsync(db, creditCode, tracked: false, cancellationToken);
        EntityTags.Set(http, institution);
        return TypedResults.Ok(InstitutionResponse.From(institution));
    }

    private static async Task<Created<InstitutionResponse>> RegisterAsync(RegisterInstitutionRequest request, HttpContext http, TrainingVouchersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var code = UnifiedSocialCreditCode.Parse(request.CreditCode!).Value;
        VoucherCallers.RequireRegion(db.Caller, request.RegionCode!);
        if (await db.Institutions.AnyAsync(i => i.CreditCode == code, cancellationToken))
        {
            throw VoucherProblems.Conflict(VoucherProblems.InstitutionExists, $"统一社会信用代码为 {code} 的机构已登记。", $"An institution with credit code {code} is already registered.");
        }

        var institution = new Institution
        {
            CreditCode = code,
            Name = request.Name!.Trim(),
            RegionCode = request.RegionCode!,
            Status = InstitutionStatus.Approved,
            StatusChangedAt = time.GetUtcNow(),
            Licences = await LicencesAsync(db, code, request.Licences!, cancellationToken),
        };
        db.Institutions.Add(institution);
        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(http, institution);
        return TypedResults.Created($"/api/training-vouchers/institutions/{code}", InstitutionResponse.From(institution));
    }

    private static async Task<Ok<InstitutionResponse>> SetLicencesAsync(string creditCode, SetLicencesRequest request, HttpContext http, TrainingVouchersDbContext db, CancellationToken cancellationToken)
    {
        var institution = await LoadAsync(db, creditCode, tracked: true, cancellationToken);
        EntityTags.RequireMatch(http, institution);
        VoucherCallers.RequireRegion(db.Caller, institution.RegionCode);
        db.InstitutionLicences.RemoveRange(institution.Licences);
        institution.Licences = await LicencesAsync(db, institution.CreditCode, request.Licences!, cancellationToken);
        db.Entry(institution).Property(i => i.Version).IsModified = true;
        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(http, institution);
        return TypedResults.Ok(InstitutionResponse.From(institution));
    }

    private static async Task<Ok<InstitutionResponse>> ChangeStatusAsync(string creditCode, ChangeInstitutionStatusRequest request, HttpContext http, TrainingVouchersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var institution = await LoadAsync(db, creditCode, tracked: true, cancellationToken);
        EntityTags.RequireMatch(http, institution);
        VoucherCallers.RequireRegion(db.Caller, institution.RegionCode);
        if (institution.Status == InstitutionStatus.Revoked && request.Status != InstitutionStatus.Revoked)
        {
            throw VoucherProblems.Conflict(VoucherProblems.InvalidTransition, "已撤销的机构不能恢复；请重新登记审批。", "A revoked institution cannot be restored; it must apply again.");
        }

        institution.Status = request.Status!.Value;
        institution.StatusReason = request.Status == InstitutionStatus.Approved ? null : request.Reason!.Trim();
        institution.StatusChangedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(http, institution);
        return TypedResults.Ok(InstitutionResponse.From(institution));
    }

    private static async Task<Institution> LoadAsync(TrainingVouchersDbContext db, string creditCode, bool tracked, CancellationToken cancellationToken)
    {
        var code = creditCode.Trim().ToUpperInvariant();
        var query = tracked ? db.Institutions : db.Institutions.AsNoTracking();
        return await query.Include(i => i.Licences).FirstOrDefaultAsync(i => i.CreditCode == code, cancellationToken)
            ?? throw VoucherProblems.Refuse(404, VoucherProblems.InstitutionNotFound, $"未找到机构 {code}。", $"Institution {code} was not found.");
    }

    private static async Task<List<InstitutionLicence>> LicencesAsync(TrainingVouchersDbContext db, string institutionCode, IReadOnlyList<LicenceDto> licences, CancellationToken cancellationToken)
    {
        var codes = licences.Select(l => l.OccupationCode).Distinct().ToArray();
        var occupations = await db.Occupations.AsNoTracking().Where(o => codes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, cancellationToken);
        var errors = new Dictionary<string, LocalizedText[]>(StringComparer.Ordinal);
        for (var i = 0; i < licences.Count; i++)
        {
            if (!occupations.TryGetValue(licences[i].OccupationCode, out var occupation) || !occupation.LevelList.Contains(licences[i].Level))
            {
                errors[$"licences[{i}]"] = [new LocalizedText($"职业目录中没有职业 {licences[i].OccupationCode} 的 {licences[i].Level} 等级。", $"The catalogue has no occupation {licences[i].OccupationCode} at {licences[i].Level}.")];
            }
        }

        if (errors.Count > 0)
        {
            throw new DomainException(StatusCodes.Status422UnprocessableEntity, VoucherProblems.OccupationNotFound, new LocalizedText("部分许可的职业或等级不在目录中。", "Some licences name an occupation or level not in the catalogue."), errors);
        }

        return licences.Select(l => new InstitutionLicence
        {
            Id = Guid.CreateVersion7(),
            InstitutionCode = institutionCode,
            OccupationCode = l.OccupationCode,
            Level = l.Level,
            ValidFrom = l.ValidFrom,
            ValidTo = l.ValidTo,
        }).ToList();
    }
}
