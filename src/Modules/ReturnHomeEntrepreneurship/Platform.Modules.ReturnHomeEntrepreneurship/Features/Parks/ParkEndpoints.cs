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
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Shared;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Features.Parks;

/// <summary>What registering and updating a park both carry.</summary>
internal interface IParkDetails
{
    string? Name { get; }

    ParkLevel? Level { get; }

    string? Operator { get; }

    int? Capacity { get; }
}

/// <summary>The body of ReturnHomeEntrepreneurship_RegisterPark.</summary>
/// <param name="Name">The name (1–200 characters), e.g. "乐山市市中区返乡创业园".</param>
/// <param name="Kind">A return-home entrepreneurship park or an incubation base.</param>
/// <param name="Level">The level it is recognised at.</param>
/// <param name="RegionCode">The county (or city) where it is (within the caller's region).</param>
/// <param name="Operator">Who runs it (1–200 characters).</param>
/// <param name="Capacity">The businesses it can host at once (1–10,000).</param>
/// <param name="RecognisedOn">The day it was recognised (not in the future).</param>
internal sealed record RegisterParkRequest(string? Name, ParkKind? Kind, ParkLevel? Level, string? RegionCode, string? Operator, int? Capacity, DateOnly? RecognisedOn) : IParkDetails;

/// <summary>The body of ReturnHomeEntrepreneurship_UpdatePark (the kind, region and recognition day do not change).</summary>
/// <param name="Name">The name (1–200 characters).</param>
/// <param name="Level">The level it is recognised at now.</param>
/// <param name="Operator">Who runs it (1–200 characters).</param>
/// <param name="Capacity">The businesses it can host at once (1–10,000; not below the tenants it hosts now).</param>
internal sealed record UpdateParkRequest(string? Name, ParkLevel? Level, string? Operator, int? Capacity) : IParkDetails;

/// <summary>A park or incubator. The version is the ETag; send it as <c>If-Match</c> with a change.</summary>
/// <param name="Id">The park.</param>
/// <param name="Name">The name.</param>
/// <param name="Kind">Park or incubator.</param>
/// <param name="Level">The level it is recognised at.</param>
/// <param name="RegionCode">Where it is.</param>
/// <param name="Operator">Who runs it.</param>
/// <param name="Capacity">The businesses it can host at once.</param>
/// <param name="Tenants">The businesses it hosts now.</param>
/// <param name="FreePlaces">Places left: capacity minus tenants.</param>
/// <param name="RecognisedOn">The day it was recognised.</param>
/// <param name="Version">The version (ETag); every admission and departure moves it on.</param>
internal sealed record ParkResponse(
    Guid Id, string Name, ParkKind Kind, ParkLevel Level, string RegionCode, string Operator, int Capacity, int Tenants, int FreePlaces, DateOnly RecognisedOn, int Version)
{
    public static ParkResponse From(Park p) =>
        new(p.Id, p.Name, p.Kind, p.Level, p.RegionCode, p.Operator, p.Capacity, p.Tenants, Math.Max(0, p.Capacity - p.Tenants), p.RecognisedOn, p.Version);
}

/// <summary>The body of ReturnHomeEntrepreneurship_SearchParks; filters combine with AND.</summary>
/// <param name="RegionCode">Only parks within this region.</param>
/// <param name="Kind">Only this kind.</param>
/// <param name="Level">Only this level.</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
/// <param name="Limit">Page size, 1–200 (default 50).</param>
internal sealed record SearchParksRequest(string? RegionCode, ParkKind? Kind, ParkLevel? Level, string? Cursor, int? Limit);

/// <summary>A page of parks, newest registration first.</summary>
/// <param name="Items">The parks.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
internal sealed record ParkPage(IReadOnlyList<ParkResponse> Items, string? NextCursor);

/// <summary>The query of ReturnHomeEntrepreneurship_ListParkTenants.</summary>
/// <param name="Current">True: only the businesses hosted now; false: only past stays; omitted: both.</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
/// <param name="Limit">Page size, 1–200 (default 50).</param>
internal sealed record ParkTenantsQuery(bool? Current, string? Cursor, int? Limit);

/// <summary>A business's stay in a park.</summary>
/// <param name="TenancyId">The stay.</param>
/// <param name="BusinessId">The business.</param>
/// <param name="BusinessName">Its name; null when the business operates outside the caller's region.</param>
/// <param name="CreditCode">Its credit code; null when the business operates outside the caller's region.</param>
/// <param name="Industry">Its industry; null when the business operates outside the caller's region.</param>
/// <param name="From">The day it moved in.</param>
/// <param name="To">The day it left; null while it is a tenant.</param>
/// <param name="Current">Whether it is a tenant now.</param>
internal sealed record ParkTenantResponse(Guid TenancyId, Guid BusinessId, string? BusinessName, string? CreditCode, Industry? Industry, DateOnly From, DateOnly? To, bool Current);

/// <summary>A page of a park's tenants, latest move-in first.</summary>
/// <param name="ParkId">The park.</param>
/// <param name="Capacity">Its capacity.</param>
/// <param name="Tenants">The businesses it hosts now.</param>
/// <param name="Items">The stays of this page.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
internal sealed record ParkTenantPage(Guid ParkId, int Capacity, int Tenants, IReadOnlyList<ParkTenantResponse> Items, string? NextCursor);

/// <summary>The body of ReturnHomeEntrepreneurship_AdmitParkTenant.</summary>
/// <param name="BusinessId">The business moving in (operating, not a tenant of any park).</param>
/// <param name="From">The day it moves in (not in the future, not before the business was registered; default today).</param>
internal sealed record AdmitParkTenantRequest(Guid? BusinessId, DateOnly? From);

/// <summary>The body of ReturnHomeEntrepreneurship_ReleaseParkTenant.</summary>
/// <param name="To">The day it leaves (not in the future, not before it moved in; default today).</param>
internal sealed record ReleaseParkTenantRequest(DateOnly? To);

internal sealed class ParkDetailsValidator : AbstractValidator<IParkDetails>
{
    public ParkDetailsValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Level).NotNull().IsInEnum();
        RuleFor(r => r.Operator).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Capacity).NotNull().InclusiveBetween(1, 10_000);
    }
}

internal sealed class RegisterParkValidator : AbstractValidator<RegisterParkRequest>
{
    public RegisterParkValidator(RegionCatalog regions)
    {
        RuleFor(r => r.Kind).NotNull().IsInEnum();
        RuleFor(r => r.RegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(r => r.RecognisedOn).NotNull().InclusiveBetween(new DateOnly(1990, 1, 1), ChinaCalendar.LastDay);
        Include(new ParkDetailsValidator());
    }
}

internal sealed class UpdateParkValidator : AbstractValidator<UpdateParkRequest>
{
    public UpdateParkValidator() => Include(new ParkDetailsValidator());
}

internal sealed class SearchParksValidator : AbstractValidator<SearchParksRequest>
{
    public SearchParksValidator(RegionCatalog regions)
    {
        RuleFor(r => r.RegionCode).KnownRegion(regions).When(r => r.RegionCode is not null);
        RuleFor(r => r.Kind).IsInEnum();
        RuleFor(r => r.Level).IsInEnum();
        RuleFor(r => r.Cursor).Must(c => c is null || InstantCursor.TryDecode(c, out _)).WithMessage(ParkEndpoints.BadCursor);
        RuleFor(r => r.Limit).InclusiveBetween(1, 200);
    }
}

internal sealed class ParkTenantsQueryValidator : AbstractValidator<ParkTenantsQuery>
{
    public ParkTenantsQueryValidator()
    {
        RuleFor(r => r.Cursor).Must(c => c is null || InstantCursor.TryDecode(c, out _)).WithMessage(ParkEndpoints.BadCursor);
        RuleFor(r => r.Limit).InclusiveBetween(1, 200);
    }
}

internal sealed class AdmitParkTenantValidator : AbstractValidator<AdmitParkTenantRequest>
{
    public AdmitParkTenantValidator()
    {
        RuleFor(r => r.BusinessId).NotEmpty();
        RuleFor(r => r.From).InclusiveBetween(new DateOnly(1990, 1, 1), ChinaCalendar.LastDay);
    }
}

internal sealed class ReleaseParkTenantValidator : AbstractValidator<ReleaseParkTenantRequest>
{
    public ReleaseParkTenantValidator() => RuleFor(r => r.To).InclusiveBetween(new DateOnly(1990, 1, 1), ChinaCalendar.LastDay);
}

internal static class ParkEndpoints
{
    internal static readonly LocalizedText BadCursor = new("游标无效：请使用上一页返回的 nextCursor。", "Not a valid cursor: pass the nextCursor of the previous page.");

    public static void MapParkEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/parks", RegisterAsync)
            .WithName("ReturnHomeEntrepreneurship_RegisterPark")
            .RequirePermission(EntrepreneurshipPermissions.ParksWrite)
            .WithSummary("Register a return-home entrepreneurship park or an incubation base")
            .WithDescription("In a region within the caller's (403 entrepreneurship.region_outside_caller otherwise), with the businesses it can host at once.")
            .ProducesApiProblem(StatusCodes.Status403Forbidden);

        routes.MapGet("/parks/{id:guid}", GetAsync)
            .WithName("ReturnHomeEntrepreneurship_GetPark")
            .RequirePermission(EntrepreneurshipPermissions.FoundersRead)
            .WithSummary("Get a park with its tenants and free places")
            .WithDescription("Outside the caller's region: 404.")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPut("/parks/{id:guid}", UpdateAsync)
            .WithName("ReturnHomeEntrepreneurship_UpdatePark")
            .RequirePermission(EntrepreneurshipPermissions.ParksWrite)
            .WithSummary("Update a park's name, level, operator or capacity")
            .WithDescription("Send the ETag as If-Match (412 when stale). The capacity cannot go below the tenants hosted now (409 entrepreneurship.capacity_below_tenants).")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);

        routes.MapPost("/parks/search", SearchAsync)
            .WithName("ReturnHomeEntrepreneurship_SearchParks")
            .RequirePermission(EntrepreneurshipPermissions.FoundersRead)
            .WithSummary("Search parks and incubators")
            .WithDescription("By region, kind and level; newest registration first with cursor paging. Only parks within the caller's region.");

        routes.MapGet("/parks/{id:guid}/tenants", ListTenantsAsync)
            .WithName("ReturnHomeEntrepreneurship_ListParkTenants")
            .RequirePermission(EntrepreneurshipPermissions.FoundersRead)
            .WithSummary("The businesses a park hosts now and its past stays")
            .WithDescription("Latest move-in first with cursor paging; filter with current=true (hosted now) or current=false (left).")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPost("/parks/{id:guid}/tenants", AdmitAsync)
            .WithName("ReturnHomeEntrepreneurship_AdmitParkTenant")
            .RequirePermission(EntrepreneurshipPermissions.ParksWrite)
            .WithSummary("Admit a business to a park")
            .WithDescription("409 entrepreneurship.park_full beyond the capacity (also to the loser of two admissions racing for the last place), 409 entrepreneurship.already_a_tenant when the business is a tenant of a park already, 409 entrepreneurship.business_closed for a closed business.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        routes.MapPost("/parks/{id:guid}/tenants/{businessId:guid}/release", ReleaseAsync)
            .WithName("ReturnHomeEntrepreneurship_ReleaseParkTenant")
            .RequirePermission(EntrepreneurshipPermissions.ParksWrite)
            .WithSummary("Record that a business left a park")
            .WithDescription("Frees its place. 409 entrepreneurship.not_a_tenant when the business is not a tenant of this park.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
    }

    private static async Task<Created<ParkResponse>> RegisterAsync(
        RegisterParkRequest request, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        EntrepreneurshipAccess.RequireRegion(db.Caller, request.RegionCode!);
        var now = time.GetUtcNow();
        EntrepreneurshipAccess.NotAfterToday(request.RecognisedOn!.Value, ChinaCalendar.DayOf(now), "recognisedOn");
        var park = new Park
        {
            Id = Guid.CreateVersion7(now),
            Kind = request.Kind!.Value,
            RegionCode = request.RegionCode!,
            RecognisedOn = request.RecognisedOn.Value,
            RecordedAt = now,
        };
        Apply(park, request);
        db.Parks.Add(park);
        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(http, park);
        return TypedResults.Created($"/api/return-home-entrepreneurship/parks/{park.Id}", ParkResponse.From(park));
    }

    private static async Task<Ok<ParkResponse>> GetAsync(Guid id, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        var park = await db.Parks.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw NotFound(id);
        EntityTags.Set(http, park);
        return TypedResults.Ok(ParkResponse.From(park));
    }

    private static async Task<Ok<ParkResponse>> UpdateAsync(
        Guid id, UpdateParkRequest request, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        var park = await EntrepreneurshipAccess.ParkAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, park);

        // Read with the version: an admission saved after this read makes the save below fail (the platform's 409),
        // so the capacity never ends below the tenants.
        if (request.Capacity!.Value < park.Tenants)
        {
            throw EntrepreneurshipProblems.Conflict(
                EntrepreneurshipProblems.CapacityBelowTenants,
                $"{park.Name} 现有 {park.Tenants} 家在园企业，容量不能低于此数。",
                $"{park.Name} hosts {park.Tenants} businesses now; the capacity cannot be lower.");
        }

        Apply(park, request);
        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(http, park);
        return TypedResults.Ok(ParkResponse.From(park));
    }

    private static async Task<Ok<ParkPage>> SearchAsync(SearchParksRequest request, ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Parks.AsNoTracking();
        if (request.RegionCode is { } region)
        {
            query = query.WithinRegion(region);
        }

        if (request.Kind is { } kind)
        {
            query = query.Where(p => p.Kind == kind);
        }

        if (request.Level is { } level)
        {
            query = query.Where(p => p.Level == level);
        }

        if (request.Cursor is not null && InstantCursor.TryDecode(request.Cursor, out var after))
        {
            query = query.Where(p => p.RecordedAt < after.At || (p.RecordedAt == after.At && p.Id.CompareTo(after.Id) < 0));
        }

        var take = request.Limit ?? 50;
        var rows = await query.OrderByDescending(p => p.RecordedAt).ThenByDescending(p => p.Id).Take(take + 1).ToListAsync(cancellationToken);
        var next = rows.Count > take ? InstantCursor.Encode(rows[take - 1].RecordedAt, rows[take - 1].Id) : null;
        return TypedResults.Ok(new ParkPage(rows.Take(take).Select(ParkResponse.From).ToArray(), next));
    }

    private static async Task<Ok<ParkTenantPage>> ListTenantsAsync(
        Guid id, [AsParameters] ParkTenantsQuery query, ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        var park = await db.Parks.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw NotFound(id);
        var stays = db.Tenancies.AsNoTracking().Where(t => t.ParkId == park.Id);
        if (query.Current is { } current)
        {
            stays = current ? stays.Where(t => t.OpenSlot != null) : stays.Where(t => t.OpenSlot == null);
        }

        // The cursor carries the move-in day as the instant of its midnight (UTC), and the stay's id.
        if (query.Cursor is not null && InstantCursor.TryDecode(query.Cursor, out var after))
        {
            var day = DateOnly.FromDateTime(after.At.UtcDateTime);
            stays = stays.Where(t => t.From < day || (t.From == day && t.Id.CompareTo(after.Id) < 0));
        }

        var take = query.Limit ?? 50;
        var rows = await stays.OrderByDescending(t => t.From).ThenByDescending(t => t.Id).Take(take + 1).ToListAsync(cancellationToken);
        var next = rows.Count > take
            ? InstantCursor.Encode(new DateTimeOffset(rows[take - 1].From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), rows[take - 1].Id)
            : null;
        var page = rows.Take(take).ToArray();

        // Businesses are seen where they operate: a tenant from outside the caller's region is listed without its details.
        var ids = page.Select(t => t.BusinessId).Distinct().ToArray();
        var businesses = await db.Businesses.AsNoTracking().Where(b => ids.Contains(b.Id))
            .Select(b => new { b.Id, b.Name, b.CreditCode, b.Industry }).ToDictionaryAsync(b => b.Id, cancellationToken);
        var items = page.Select(t =>
        {
            var business = businesses.GetValueOrDefault(t.BusinessId);
            return new ParkTenantResponse(t.Id, t.BusinessId, business?.Name, business?.CreditCode, business?.Industry, t.From, t.To, t.OpenSlot is not null);
        }).ToArray();
        return TypedResults.Ok(new ParkTenantPage(park.Id, park.Capacity, park.Tenants, items, next));
    }

    private static async Task<Created<ParkResponse>> AdmitAsync(
        Guid id, AdmitParkTenantRequest request, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = ChinaCalendar.Today(time);
        var from = request.From ?? today;
        EntrepreneurshipAccess.NotAfterToday(from, today, "from");
        var business = await EntrepreneurshipAccess.BusinessAsync(db, request.BusinessId!.Value, cancellationToken);
        if (business.Status == BusinessStatus.Closed)
        {
            throw EntrepreneurshipProblems.Conflict(EntrepreneurshipProblems.BusinessClosed, "该创业实体已关闭。", "The business is closed.");
        }

        if (from < business.RegisteredOn)
        {
            throw EntrepreneurshipAccess.FieldError("from", "入驻日期不能早于创业实体登记日期。", "The business cannot move in before it was registered.");
        }

        var park = await Tenants.AdmitAsync(db, id, business, from, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // The business's open stay is unique: another admission of the same business won.
            throw AlreadyTenant();
        }
        catch (DbUpdateConcurrencyException exception) when (exception.Entries.Any(e => e.Entity is Park))
        {
            // The park's version moved since it was read: another admission (or a capacity change) was saved first.
            throw EntrepreneurshipProblems.Conflict(
                EntrepreneurshipProblems.ParkFull, "园区的位置刚被占用或容量刚有变动，请刷新后重试。", "The park's places just changed (another admission was saved first); read it again and retry.");
        }

        EntityTags.Set(http, park);
        return TypedResults.Created($"/api/return-home-entrepreneurship/parks/{park.Id}/tenants", ParkResponse.From(park));
    }

    private static async Task<Ok<ParkResponse>> ReleaseAsync(
        Guid id, Guid businessId, ReleaseParkTenantRequest request, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = ChinaCalendar.Today(time);
        var to = request.To ?? today;
        EntrepreneurshipAccess.NotAfterToday(to, today, "to");
        var park = await EntrepreneurshipAccess.ParkAsync(db, id, cancellationToken);
        var business = await EntrepreneurshipAccess.BusinessAsync(db, businessId, cancellationToken);
        var stay = await db.Tenancies.AsNoTracking().FirstOrDefaultAsync(t => t.OpenSlot == business.Id, cancellationToken);
        if (stay is null || stay.ParkId != park.Id)
        {
            throw EntrepreneurshipProblems.Conflict(
                EntrepreneurshipProblems.NotTenant, $"该创业实体不是 {park.Name} 的在园企业。", $"The business is not a tenant of {park.Name}.");
        }

        if (to < stay.From)
        {
            throw EntrepreneurshipAccess.FieldError("to", "迁出日期不能早于入驻日期。", "The business cannot leave before it moved in.");
        }

        await Tenants.ReleaseAsync(db, business, to, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(http, park);
        return TypedResults.Ok(ParkResponse.From(park));
    }

    private static void Apply(Park park, IParkDetails details)
    {
        park.Name = details.Name!.Trim();
        park.Level = details.Level!.Value;
        park.Operator = details.Operator!.Trim();
        park.Capacity = details.Capacity!.Value;
    }

    private static DomainException NotFound(Guid id) => EntrepreneurshipProblems.NotFound(EntrepreneurshipProblems.ParkNotFound, "园区或孵化基地", "Park", id);

    private static DomainException AlreadyTenant() =>
        EntrepreneurshipProblems.Conflict(EntrepreneurshipProblems.AlreadyTenant, "该创业实体已入驻园区，请先办理迁出。", "The business is already a tenant of a park; release it first.");
}
