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
using Platform.BuildingBlocks.Paging;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.PersonalData;
using Platform.BuildingBlocks.Security;
using Platform.Modules.SkillMasterStudios.Domain;
using Platform.Modules.SkillMasterStudios.Features.Shared;
using Platform.Modules.SkillMasterStudios.Persistence;

namespace Platform.Modules.SkillMasterStudios.Features.Masters;

/// <summary>The body of SkillMasterStudios_RegisterMaster.</summary>
/// <param name="IdentityNumber">The master's resident identity number; a person is registered once.</param>
/// <param name="Name">The master's name (1–50 characters).</param>
/// <param name="OccupationCode">The occupation of the qualification.</param>
/// <param name="QualificationLevel">The skill level held; leading a studio needs Level2 (技师) or Level1 (高级技师).</param>
/// <param name="Honours">Honours such as 中华技能大奖 or 全国技术能手 (at most 20, each up to 100 characters).</param>
/// <param name="EmployerCode">The employer's unified social credit code.</param>
/// <param name="RegionCode">The region the master works in.</param>
internal sealed record RegisterMasterRequest(string? IdentityNumber, string? Name, string? OccupationCode, QualificationLevel? QualificationLevel, IReadOnlyList<string>? Honours, string? EmployerCode, string? RegionCode) : IMasterDetails;

/// <summary>The body of SkillMasterStudios_UpdateMaster: the master's qualification, honours and employer (the person does not change).</summary>
/// <param name="Name">The master's name.</param>
/// <param name="OccupationCode">The occupation of the qualification.</param>
/// <param name="QualificationLevel">The skill level held.</param>
/// <param name="Honours">Honours (replaces the list).</param>
/// <param name="EmployerCode">The employer's unified social credit code.</param>
/// <param name="RegionCode">The region the master works in (within the caller's).</param>
internal sealed record UpdateMasterRequest(string? Name, string? OccupationCode, QualificationLevel? QualificationLevel, IReadOnlyList<string>? Honours, string? EmployerCode, string? RegionCode) : IMasterDetails;

/// <summary>A master craftsman. The version is the ETag; send it as <c>If-Match</c> with a change.</summary>
/// <param name="Id">The master.</param>
/// <param name="IdentityNumber">Masked unless the caller may read personal data (each unmasked read is audited).</param>
/// <param name="Name">The name.</param>
/// <param name="BirthDate">Derived from the identity number.</param>
/// <param name="OccupationCode">The occupation.</param>
/// <param name="QualificationLevel">The skill level held.</param>
/// <param name="QualifiedToLead">True at Level2 or Level1.</param>
/// <param name="Honours">Honours.</param>
/// <param name="EmployerCode">The employer.</param>
/// <param name="RegionCode">The region.</param>
/// <param name="ActiveStudioId">The active studio the master leads, if any.</param>
/// <param name="RegisteredAt">When registered.</param>
/// <param name="Version">The version (ETag).</param>
internal sealed record MasterResponse(
    Guid Id, string IdentityNumber, string Name, DateOnly BirthDate, string OccupationCode, QualificationLevel QualificationLevel, bool QualifiedToLead,
    IReadOnlyList<string> Honours, string EmployerCode, string RegionCode, Guid? ActiveStudioId, DateTimeOffset RegisteredAt, int Version)
{
    public static MasterResponse From(Master m, string identityNumber, Guid? activeStudio) => new(
        m.Id, identityNumber, m.Name, m.BirthDate, m.OccupationCode, m.QualificationLevel, m.IsQualifiedToLead, m.HonourList, m.EmployerCode, m.RegionCode,
        activeStudio, m.RegisteredAt, m.Version);
}

/// <summary>The body of SkillMasterStudios_SearchMasters; filters combine with AND.</summary>
/// <param name="RegionCode">Only masters within this region.</param>
/// <param name="OccupationCode">Only this occupation.</param>
/// <param name="QualificationLevel">Only this level.</param>
/// <param name="IdentityNumber">Only this person (matched through the blind index).</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
/// <param name="Limit">Page size, 1–200 (default 50).</param>
internal sealed record SearchMastersRequest(string? RegionCode, string? OccupationCode, QualificationLevel? QualificationLevel, string? IdentityNumber, string? Cursor, int? Limit);

/// <summary>A page of masters, newest registration first.</summary>
/// <param name="Items">The masters (identity numbers masked).</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
internal sealed record MasterPage(IReadOnlyList<MasterResponse> Items, string? NextCursor);

/// <summary>What registering and updating a master both carry.</summary>
internal interface IMasterDetails
{
    string? Name { get; }

    string? OccupationCode { get; }

    QualificationLevel? QualificationLevel { get; }

    IReadOnlyList<string>? Honours { get; }

    string? EmployerCode { get; }

    string? RegionCode { get; }
}

internal sealed class MasterDetailsValidator : AbstractValidator<IMasterDetails>
{
    public MasterDetailsValidator(RegionCatalog regions)
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(50);
        RuleFor(r => r.OccupationCode).NotEmpty().MaximumLength(20);
        RuleFor(r => r.QualificationLevel).NotNull().IsInEnum();
        RuleFor(r => r.Honours).Must(h => h is null || (h.Count <= 20 && h.All(x => !string.IsNullOrWhiteSpace(x) && x.Length <= 100 && !x.Contains('\n', StringComparison.Ordinal))))
            .WithMessage(new LocalizedText("荣誉最多 20 项，每项 1–100 个字符且不含换行。", "At most 20 honours, each 1–100 characters without line breaks."));
        RuleFor(r => r.EmployerCode).NotEmpty().ValidCreditCode();
        RuleFor(r => r.RegionCode).NotEmpty().KnownRegion(regions);
    }
}

internal sealed class RegisterMasterValidator : AbstractValidator<RegisterMasterRequest>
{
    public RegisterMasterValidator(RegionCatalog regions)
    {
        RuleFor(r => r.IdentityNumber).NotEmpty().ValidResidentIdNumber();
        Include(new MasterDetailsValidator(regions));
    }
}

internal sealed class UpdateMasterValidator : AbstractValidator<UpdateMasterRequest>
{
    public UpdateMasterValidator(RegionCatalog regions) => Include(new MasterDetailsValidator(regions));
}

internal sealed class SearchMastersValidator : AbstractValidator<SearchMastersRequest>
{
    public SearchMastersValidator(RegionCatalog regions)
    {
        RuleFor(r => r.RegionCode).KnownRegion(regions).When(r => r.RegionCode is not null);
        RuleFor(r => r.OccupationCode).MaximumLength(20);
        RuleFor(r => r.QualificationLevel).IsInEnum();
        RuleFor(r => r.IdentityNumber).ValidResidentIdNumber().When(r => r.IdentityNumber is not null);
        RuleFor(r => r.Cursor).Must(c => c is null || InstantCursor.TryDecode(c, out _))
            .WithMessage(new LocalizedText("游标无效：请使用上一页返回的 nextCursor。", "Not a valid cursor: pass the nextCursor of the previous page."));
        RuleFor(r => r.Limit).InclusiveBetween(1, 200);
    }
}

internal static class MasterEndpoints
{
    public static void MapMasterEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/masters", RegisterAsync)
            .WithName("SkillMasterStudios_RegisterMaster")
            .RequirePermission(StudioPermissions.MastersWrite)
            .WithSummary("Register a master craftsman")
            .WithDescription("A person is registered once (409 studios.master_exists, found through the identity number's blind index in any region). The birth date comes from the identity number.")
            .ProducesApiProblem(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);

        routes.MapGet("/masters/{id:guid}", GetAsync)
            .WithName("SkillMasterStudios_GetMaster")
            .RequirePermission(StudioPermissions.MastersRead)
            .WithSummary("Get a master")
            .WithDescription("With the active studio the master leads. Outside the caller's region: 404.")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPut("/masters/{id:guid}", UpdateAsync)
            .WithName("SkillMasterStudios_UpdateMaster")
            .RequirePermission(StudioPermissions.MastersWrite)
            .WithSummary("Update a master's qualification, honours and employer")
            .WithDescription("Send the ETag as If-Match (412 when stale). Studios already accredited are not re-examined; the next application is.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);

        routes.MapPost("/masters/search", SearchAsync)
            .WithName("SkillMasterStudios_SearchMasters")
            .RequirePermission(StudioPermissions.MastersRead)
            .WithSummary("Search masters")
            .WithDescription("By region, occupation, level and identity number (blind index); newest first with cursor paging. Identity numbers are masked. A POST so an identity number never appears in a URL.");
    }

    private static async Task<Created<MasterResponse>> RegisterAsync(
        RegisterMasterRequest request, HttpContext http, SkillMasterStudiosDbContext db, IPersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        StudioAccess.RequireRegion(db.Caller, request.RegionCode!);
        var idNumber = ResidentIdNumber.Parse(request.IdentityNumber!);
        var person = protector.Protect(PersonalDataKind.ResidentId, idNumber.Value);

        // One record per person in the whole platform: the check looks past the region filter and
        // answers only that the person exists, not where.
        if (await db.Masters.IgnoreQueryFilters().AnyAsync(m => m.Person.BlindIndex == person.BlindIndex, cancellationToken))
        {
            throw Exists();
        }

        var now = time.GetUtcNow();
        var master = new Master
        {
            Id = Guid.CreateVersion7(now),
            Person = EncryptedPersonalData.From(person),
            Name = request.Name!.Trim(),
            BirthDate = idNumber.BirthDate,
            OccupationCode = request.OccupationCode!.Trim(),
            QualificationLevel = request.QualificationLevel!.Value,
            Honours = Master.JoinHonours(request.Honours ?? []),
            EmployerCode = StudioAccess.CreditCode(request.EmployerCode!),
            RegionCode = request.RegionCode!,
            RegisteredAt = now,
            RegisteredBy = db.Caller.Subject,
        };
        db.Masters.Add(master);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            throw Exists();
        }

        EntityTags.Set(http, master);
        return TypedResults.Created($"/api/skill-master-studios/masters/{master.Id}", MasterResponse.From(master, idNumber.Masked, null));
    }

    private static async Task<Ok<MasterResponse>> GetAsync(Guid id, HttpContext http, SkillMasterStudiosDbContext db, PersonalDataPresenter presenter, CancellationToken cancellationToken)
    {
        var master = await StudioAccess.MasterAsync(db, id, cancellationToken);
        return await PresentAsync(http, db, presenter, master, cancellationToken);
    }

    private static async Task<Ok<MasterResponse>> UpdateAsync(
        Guid id, UpdateMasterRequest request, HttpContext http, SkillMasterStudiosDbContext db, PersonalDataPresenter presenter, TimeProvider time, CancellationToken cancellationToken)
    {
        var master = await StudioAccess.MasterAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, master);
        StudioAccess.RequireRegion(db.Caller, request.RegionCode!);
        master.Name = request.Name!.Trim();
        master.OccupationCode = request.OccupationCode!.Trim();
        master.QualificationLevel = request.QualificationLevel!.Value;
        master.Honours = Master.JoinHonours(request.Honours ?? []);
        master.EmployerCode = StudioAccess.CreditCode(request.EmployerCode!);
        master.RegionCode = request.RegionCode!;
        master.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return await PresentAsync(http, db, presenter, master, cancellationToken);
    }

    private static async Task<Ok<MasterPage>> SearchAsync(SearchMastersRequest request, SkillMasterStudiosDbContext db, IPersonalDataProtector protector, CancellationToken cancellationToken)
    {
        var query = db.Masters.AsNoTracking();
        if (request.RegionCode is { } region)
        {
            query = query.WithinRegion(region);
        }

        if (request.OccupationCode is not null)
        {
            query = query.Where(m => m.OccupationCode == request.OccupationCode);
        }

        if (request.QualificationLevel is { } level)
        {
            query = query.Where(m => m.QualificationLevel == level);
        }

        if (request.IdentityNumber is not null)
        {
            var blindIndex = protector.BlindIndexForLookup(PersonalDataKind.ResidentId, request.IdentityNumber);
            query = query.Where(m => m.Person.BlindIndex == blindIndex);
        }

        if (request.Cursor is not null && InstantCursor.TryDecode(request.Cursor, out var after))
        {
            query = query.Where(m => m.RegisteredAt < after.At || (m.RegisteredAt == after.At && m.Id.CompareTo(after.Id) < 0));
        }

        var take = request.Limit ?? 50;
        var rows = await query.OrderByDescending(m => m.RegisteredAt).ThenByDescending(m => m.Id).Take(take + 1).ToListAsync(cancellationToken);
        var ids = rows.Take(take).Select(m => m.Id).ToArray();
        var leading = await db.Studios.AsNoTracking()
            .Where(s => s.ActiveLeadSlot != null && ids.Contains(s.LeadMasterId))
            .Select(s => new { s.LeadMasterId, s.Id })
            .ToDictionaryAsync(s => s.LeadMasterId, s => s.Id, cancellationToken);
        var items = rows.Take(take)
            .Select(m => MasterResponse.From(m, PersonalDataMasking.MaskResidentId(protector.Decrypt(PersonalDataKind.ResidentId, m.Person.Ciphertext)), leading.TryGetValue(m.Id, out var s) ? s : null))
            .ToArray();
        var next = rows.Count > take ? InstantCursor.Encode(rows[take - 1].RegisteredAt, rows[take - 1].Id) : null;
        return TypedResults.Ok(new MasterPage(items, next));
    }

    private static async Task<Ok<MasterResponse>> PresentAsync(HttpContext http, SkillMasterStudiosDbContext db, PersonalDataPresenter presenter, Master master, CancellationToken cancellationToken)
    {
        var activeStudio = await db.Studios.AsNoTracking()
            .Where(s => s.ActiveLeadSlot == master.Id)
            .Select(s => (Guid?)s.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var identityNumber = await presenter.PresentAsync(PersonalDataKind.ResidentId, master.Person.Ciphertext, "skill_master_studios.master", master.Id.ToString(), cancellationToken);
        EntityTags.Set(http, master);
        return TypedResults.Ok(MasterResponse.From(master, identityNumber, activeStudio));
    }

    private static Platform.BuildingBlocks.Http.DomainException Exists() =>
        StudioProblems.Conflict(StudioProblems.MasterExists, "此人已登记为技能大师。", "This person is already registered as a master.");
}
