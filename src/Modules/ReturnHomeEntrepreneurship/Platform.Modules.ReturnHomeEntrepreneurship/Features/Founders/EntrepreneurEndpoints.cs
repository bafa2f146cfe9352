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
using Platform.BuildingBlocks.Time;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Shared;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Features.Founders;

/// <summary>What registering and updating a founder both carry.</summary>
internal interface IFounderDetails
{
    string? Name { get; }

    FounderCategory? Category { get; }

    string? FormerWorkplace { get; }

    DateOnly? ReturnedOn { get; }

    DateOnly? SocialInsuranceSince { get; }
}

/// <summary>The body of ReturnHomeEntrepreneurship_RegisterEntrepreneur.</summary>
/// <param name="IdentityNumber">The founder's resident identity number; a person is registered once in the whole platform.</param>
/// <param name="Name">The name (1–50 characters).</param>
/// <param name="Category">The founder's category; omit for a registered veteran, who is recognised as <c>Veteran</c>.</param>
/// <param name="FormerWorkplace">Where the person worked before coming home (1–200 characters), e.g. "广东省东莞市 电子厂".</param>
/// <param name="ReturnedOn">The day the person came home (not in the future).</param>
/// <param name="RegionCode">The home county (within the caller's region).</param>
/// <param name="SocialInsuranceSince">The first day the founder's own social insurance was paid, if it is.</param>
internal sealed record RegisterEntrepreneurRequest(
    string? IdentityNumber, string? Name, FounderCategory? Category, string? FormerWorkplace, DateOnly? ReturnedOn, string? RegionCode, DateOnly? SocialInsuranceSince) : IFounderDetails;

/// <summary>The body of ReturnHomeEntrepreneurship_UpdateEntrepreneur (the person and the home county do not change).</summary>
/// <param name="Name">The name.</param>
/// <param name="Category">The category (required).</param>
/// <param name="FormerWorkplace">Where the person worked before.</param>
/// <param name="ReturnedOn">The day of return.</param>
/// <param name="SocialInsuranceSince">The first day of the founder's own social insurance, if paid.</param>
internal sealed record UpdateEntrepreneurRequest(string? Name, FounderCategory? Category, string? FormerWorkplace, DateOnly? ReturnedOn, DateOnly? SocialInsuranceSince) : IFounderDetails;

/// <summary>A founder. The version is the ETag; send it as <c>If-Match</c> with a change.</summary>
/// <param name="Id">The founder's record.</param>
/// <param name="IdentityNumber">Masked unless the caller may read personal data (each unmasked read is audited).</param>
/// <param name="Name">The name.</param>
/// <param name="BirthDate">From the identity number.</param>
/// <param name="Category">The category.</param>
/// <param name="FormerWorkplace">Where the person worked before.</param>
/// <param name="ReturnedOn">The day of return.</param>
/// <param name="RegionCode">The home county.</param>
/// <param name="VeteranId">The veteran's record in the veteran registry, when the founder is a registered veteran.</param>
/// <param name="SocialInsuranceSince">The first day of the founder's own social insurance.</param>
/// <param name="RegisteredOn">The day of registration.</param>
/// <param name="Businesses">The founder's businesses.</param>
/// <param name="Version">The version (ETag).</param>
internal sealed record EntrepreneurResponse(
    Guid Id, string IdentityNumber, string Name, DateOnly BirthDate, FounderCategory Category, string FormerWorkplace, DateOnly ReturnedOn, string RegionCode,
    Guid? VeteranId, DateOnly? SocialInsuranceSince, DateOnly RegisteredOn, IReadOnlyList<BusinessSummary> Businesses, int Version);

/// <summary>The body of ReturnHomeEntrepreneurship_SearchEntrepreneurs; filters combine with AND.</summary>
/// <param name="RegionCode">Only founders whose home is within this region.</param>
/// <param name="Category">Only this category.</param>
/// <param name="IdentityNumber">Only this person (matched through the blind index).</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
/// <param name="Limit">Page size, 1–200 (default 50).</param>
internal sealed record SearchEntrepreneursRequest(string? RegionCode, FounderCategory? Category, string? IdentityNumber, string? Cursor, int? Limit);

/// <summary>A founder in a result list.</summary>
/// <param name="Id">The record.</param>
/// <param name="IdentityNumber">Always masked.</param>
/// <param name="Name">The name.</param>
/// <param name="Category">The category.</param>
/// <param name="RegionCode">The home county.</param>
/// <param name="ReturnedOn">The day of return.</param>
/// <param name="IsVeteran">Whether the founder is a registered veteran.</param>
internal sealed record EntrepreneurSummary(Guid Id, string IdentityNumber, string Name, FounderCategory Category, string RegionCode, DateOnly ReturnedOn, bool IsVeteran);

/// <summary>A page of founders, newest registration first.</summary>
/// <param name="Items">The founders.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
internal sealed record EntrepreneurPage(IReadOnlyList<EntrepreneurSummary> Items, string? NextCursor);

internal sealed class FounderDetailsValidator : AbstractValidator<IFounderDetails>
{
    public FounderDetailsValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(50);
        RuleFor(r => r.Category).IsInEnum();
        RuleFor(r => r.FormerWorkplace).NotEmpty().MaximumLength(200);
        RuleFor(r => r.ReturnedOn).NotNull().InclusiveBetween(new DateOnly(1980, 1, 1), ChinaCalendar.LastDay);
        RuleFor(r => r.SocialInsuranceSince).InclusiveBetween(new DateOnly(1990, 1, 1), ChinaCalendar.LastDay);
    }
}

internal sealed class RegisterEntrepreneurValidator : AbstractValidator<RegisterEntrepreneurRequest>
{
    public RegisterEntrepreneurValidator(RegionCatalog regions)
    {
        RuleFor(r => r.IdentityNumber).NotEmpty().ValidResidentIdNumber();
        RuleFor(r => r.RegionCode).NotEmpty().KnownRegion(regions);
        Include(new FounderDetailsValidator());
    }
}

internal sealed class UpdateEntrepreneurValidator : AbstractValidator<UpdateEntrepreneurRequest>
{
    public UpdateEntrepreneurValidator()
    {
        RuleFor(r => r.Category).NotNull();
        Include(new FounderDetailsValidator());
    }
}

internal sealed class SearchEntrepreneursValidator : AbstractValidator<SearchEntrepreneursRequest>
{
    public SearchEntrepreneursValidator(RegionCatalog regions)
    {
        RuleFor(r => r.RegionCode).KnownRegion(regions).When(r => r.RegionCode is not null);
        RuleFor(r => r.Category).IsInEnum();
        RuleFor(r => r.IdentityNumber).ValidResidentIdNumber().When(r => r.IdentityNumber is not null);
        RuleFor(r => r.Cursor).Must(c => c is null || InstantCursor.TryDecode(c, out _))
            .WithMessage(new LocalizedText("游标无效：请使用上一页返回的 nextCursor。", "Not a valid cursor: pass the nextCursor of the previous page."));
        RuleFor(r => r.Limit).InclusiveBetween(1, 200);
    }
}

internal static class EntrepreneurEndpoints
{
    public static void MapEntrepreneurEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/entrepreneurs", RegisterAsync)
            .WithName("ReturnHomeEntrepreneurship_RegisterEntrepreneur")
            .RequirePermission(EntrepreneurshipPermissions.FoundersWrite)
            .WithSummary("Register a person who came home to start a business")
            .WithDescription("A person is registered once in the whole platform (409 entrepreneurship.entrepreneur_exists, found through the identity number's blind index in any region). A registered veteran is recognised from the veteran registry: the record links to the veteran and the category defaults to Veteran.")
            .ProducesApiProblem(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);

        routes.MapGet("/entrepreneurs/{id:guid}", GetAsync)
            .WithName("ReturnHomeEntrepreneurship_GetEntrepreneur")
            .RequirePermission(EntrepreneurshipPermissions.FoundersRead)
            .WithSummary("Get a founder with their businesses")
            .WithDescription("Outside the caller's region: 404.")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPut("/entrepreneurs/{id:guid}", UpdateAsync)
            .WithName("ReturnHomeEntrepreneurship_UpdateEntrepreneur")
            .RequirePermission(EntrepreneurshipPermissions.FoundersWrite)
            .WithSummary("Update a founder's record")
            .WithDescription("Send the ETag as If-Match (412 when stale).")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);

        routes.MapPost("/entrepreneurs/search", SearchAsync)
            .WithName("ReturnHomeEntrepreneurship_SearchEntrepreneurs")
            .RequirePermission(EntrepreneurshipPermissions.FoundersRead)
            .WithSummary("Search founders")
            .WithDescription("By home region, category and identity number (blind index); newest registration first with cursor paging. Identity numbers masked. A POST so an identity number never appears in a URL.");
    }

    private static async Task<Created<EntrepreneurResponse>> RegisterAsync(
        RegisterEntrepreneurRequest request, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, IPersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        EntrepreneurshipAccess.RequireRegion(db.Caller, request.RegionCode!);
        var now = time.GetUtcNow();
        var today = ChinaCalendar.DayOf(now);
        RequireDays(request, today);
        var idNumber = ResidentIdNumber.Parse(request.IdentityNumber!);
        var person = protector.Protect(PersonalDataKind.ResidentId, idNumber.Value);
        if (await db.Entrepreneurs.IgnoreQueryFilters().AnyAsync(e => e.Person.BlindIndex == person.BlindIndex, cancellationToken))
        {
            throw Exists();
        }

        var veteran = await db.KnownVeterans.AsNoTracking().FirstOrDefaultAsync(v => v.PersonBlindIndex == person.BlindIndex, cancellationToken);
        if (request.Category is null && veteran is null)
        {
            throw EntrepreneurshipAccess.FieldError("category", "请填写创业人员类别（仅已登记的退役军人可省略）。", "Give the category (only a registered veteran may omit it).");
        }

        var founder = new Entrepreneur
        {
            Id = Guid.CreateVersion7(now),
            Person = EncryptedPersonalData.From(person),
            BirthDate = idNumber.BirthDate,
            RegionCode = request.RegionCode!,
            VeteranId = veteran?.VeteranId,
            RegisteredOn = today,
            RegisteredAt = now,
            RegisteredBy = db.Caller.Subject,
        };
        Apply(founder, request, request.Category ?? FounderCategory.Veteran);
        db.Entrepreneurs.Add(founder);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            throw Exists();
        }

        EntityTags.Set(http, founder);
        return TypedResults.Created($"/api/return-home-entrepreneurship/entrepreneurs/{founder.Id}", Present(founder, idNumber.Masked, []));
    }

    private static async Task<Ok<EntrepreneurResponse>> GetAsync(Guid id, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, PersonalDataPresenter presenter, CancellationToken cancellationToken)
    {
        var founder = await db.Entrepreneurs.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw EntrepreneurshipProblems.NotFound(EntrepreneurshipProblems.EntrepreneurNotFound, "创业人员", "Entrepreneur", id);
        return await PresentAsync(http, db, presenter, founder, cancellationToken);
    }

    private static async Task<Ok<EntrepreneurResponse>> UpdateAsync(
        Guid id, UpdateEntrepreneurRequest request, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, PersonalDataPresenter presenter, TimeProvider time, CancellationToken cancellationToken)
    {
        var founder = await EntrepreneurshipAccess.EntrepreneurAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, founder);
        var now = time.GetUtcNow();
        RequireDays(request, ChinaCalendar.DayOf(now));
        Apply(founder, request, request.Category!.Value);
        founder.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return await PresentAsync(http, db, presenter, founder, cancellationToken);
    }

    private static async Task<Ok<EntrepreneurPage>> SearchAsync(SearchEntrepreneursRequest request, ReturnHomeEntrepreneurshipDbContext db, IPersonalDataProtector protector, CancellationToken cancellationToken)
    {
        var query = db.Entrepreneurs.AsNoTracking();
        if (request.RegionCode is { } region)
        {
            query = query.WithinRegion(region);
        }

        if (request.Category is { } category)
        {
            query = query.Where(e => e.Category == category);
        }

        if (request.IdentityNumber is not null)
        {
            var blindIndex = protector.BlindIndexForLookup(PersonalDataKind.ResidentId, request.IdentityNumber);
            query = query.Where(e => e.Person.BlindIndex == blindIndex);
        }

        if (request.Cursor is not null && InstantCursor.TryDecode(request.Cursor, out var after))
        {
            query = query.Where(e => e.RegisteredAt < after.At || (e.RegisteredAt == after.At && e.Id.CompareTo(after.Id) < 0));
        }

        var take = request.Limit ?? 50;
        var rows = await query.OrderByDescending(e => e.RegisteredAt).ThenByDescending(e => e.Id).Take(take + 1)
            .Select(e => new { e.Id, e.Person.Ciphertext, e.Name, e.Category, e.RegionCode, e.ReturnedOn, e.VeteranId, e.RegisteredAt })
            .ToListAsync(cancellationToken);
        var items = rows.Take(take)
            .Select(e => new EntrepreneurSummary(e.Id, PersonalDataMasking.MaskResidentId(protector.Decrypt(PersonalDataKind.ResidentId, e.Ciphertext)), e.Name, e.Category, e.RegionCode, e.ReturnedOn, e.VeteranId is not null))
            .ToArray();
        var next = rows.Count > take ? InstantCursor.Encode(rows[take - 1].RegisteredAt, rows[take - 1].Id) : null;
        return TypedResults.Ok(new EntrepreneurPage(items, next));
    }

    private static void RequireDays(IFounderDetails details, DateOnly today)
    {
        EntrepreneurshipAccess.NotAfterToday(details.ReturnedOn!.Value, today, "returnedOn");
        if (details.SocialInsuranceSince is { } since)
        {
            EntrepreneurshipAccess.NotAfterToday(since, today, "socialInsuranceSince");
        }
    }

    private static void Apply(Entrepreneur founder, IFounderDetails details, FounderCategory category)
    {
        founder.Name = details.Name!.Trim();
        founder.Category = category;
        founder.FormerWorkplace = details.FormerWorkplace!.Trim();
        founder.ReturnedOn = details.ReturnedOn!.Value;
        founder.SocialInsuranceSince = details.SocialInsuranceSince;
    }

    private static async Task<Ok<EntrepreneurResponse>> PresentAsync(
        HttpContext http, ReturnHomeEntrepreneurshipDbContext db, PersonalDataPresenter presenter, Entrepreneur founder, CancellationToken cancellationToken)
    {
        var businesses = await db.Businesses.AsNoTracking().IgnoreQueryFilters().Where(b => b.EntrepreneurId == founder.Id).OrderBy(b => b.RegisteredOn)
            .ToListAsync(cancellationToken);
        var identity = await presenter.PresentAsync(PersonalDataKind.ResidentId, founder.Person.Ciphertext, "return_home_entrepreneurship.entrepreneur", founder.Id.ToString(), cancellationToken);
        EntityTags.Set(http, founder);
        return TypedResults.Ok(Present(founder, identity, businesses.Select(BusinessSummary.From).ToArray()));
    }

    private static EntrepreneurResponse Present(Entrepreneur e, string identityNumber, IReadOnlyList<BusinessSummary> businesses) => new(
        e.Id, identityNumber, e.Name, e.BirthDate, e.Category, e.FormerWorkplace, e.ReturnedOn, e.RegionCode, e.VeteranId, e.SocialInsuranceSince, e.RegisteredOn, businesses, e.Version);

    private static DomainException Exists() =>
        EntrepreneurshipProblems.Conflict(EntrepreneurshipProblems.EntrepreneurExists, "此人已登记为返乡创业人员。", "This person is already registered as an entrepreneur.");
}
