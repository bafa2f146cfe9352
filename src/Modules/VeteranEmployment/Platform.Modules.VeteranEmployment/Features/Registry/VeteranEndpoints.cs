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
using Platform.Modules.VeteranEmployment.Contracts;
using Platform.Modules.VeteranEmployment.Domain;
using Platform.Modules.VeteranEmployment.Features.Shared;
using Platform.Modules.VeteranEmployment.Persistence;

namespace Platform.Modules.VeteranEmployment.Features.Registry;

/// <summary>What registering and updating a veteran both carry.</summary>
internal interface IVeteranDetails
{
    string? Name { get; }

    DischargeCategory? Category { get; }

    ServiceBranch? Branch { get; }

    DateOnly? DischargedOn { get; }

    string? Rank { get; }

    IReadOnlyList<string>? Specialties { get; }

    EducationLevel? Education { get; }
}

/// <summary>The body of VeteranEmployment_RegisterVeteran.</summary>
/// <param name="IdentityNumber">The veteran's resident identity number; a person is registered once in the whole platform.</param>
/// <param name="Name">The veteran's name (1–50 characters).</param>
/// <param name="Category">SelfEmployedSoldier (自主就业退役士兵), Officer (退役军官) or Other.</param>
/// <param name="Branch">The service branch.</param>
/// <param name="DischargedOn">The day of discharge (not in the future).</param>
/// <param name="Rank">The rank at discharge (1–50 characters).</param>
/// <param name="Specialties">Military specialties and skills (at most 20, each up to 50 characters).</param>
/// <param name="Education">The highest education completed.</param>
/// <param name="RegionCode">The resettlement region (within the caller's).</param>
internal sealed record RegisterVeteranRequest(
    string? IdentityNumber, string? Name, DischargeCategory? Category, ServiceBranch? Branch, DateOnly? DischargedOn, string? Rank,
    IReadOnlyList<string>? Specialties, EducationLevel? Education, string? RegionCode) : IVeteranDetails;

/// <summary>The body of VeteranEmployment_UpdateVeteran (the person and the region do not change here; a move is a transfer).</summary>
/// <param name="Name">The name.</param>
/// <param name="Category">The discharge category.</param>
/// <param name="Branch">The branch.</param>
/// <param name="DischargedOn">The day of discharge.</param>
/// <param name="Rank">The rank.</param>
/// <param name="Specialties">Specialties (replaces the list).</param>
/// <param name="Education">Education.</param>
internal sealed record UpdateVeteranRequest(
    string? Name, DischargeCategory? Category, ServiceBranch? Branch, DateOnly? DischargedOn, string? Rank, IReadOnlyList<string>? Specialties, EducationLevel? Education) : IVeteranDetails;

/// <summary>The body of VeteranEmployment_TransferVeteran.</summary>
/// <param name="ToRegionCode">The region the veteran moves to (any county, city or province of Sichuan or Chongqing).</param>
/// <param name="TransferredOn">The day of the move (default today; not in the future).</param>
/// <param name="Reason">Why (1–500 characters).</param>
internal sealed record TransferRequest(string? ToRegionCode, DateOnly? TransferredOn, string? Reason);

/// <summary>A move of the veteran.</summary>
/// <param name="FromRegionCode">From.</param>
/// <param name="ToRegionCode">To.</param>
/// <param name="TransferredOn">The day.</param>
/// <param name="Reason">Why.</param>
internal sealed record TransferResponse(string FromRegionCode, string ToRegionCode, DateOnly TransferredOn, string Reason);

/// <summary>A veteran. The version is the ETag; send it as <c>If-Match</c> with a change.</summary>
/// <param name="Id">The veteran's record.</param>
/// <param name="IdentityNumber">Masked unless the caller may read personal data (each unmasked read is audited).</param>
/// <param name="Name">The name.</param>
/// <param name="BirthDate">From the identity number.</param>
/// <param name="Category">The discharge category.</param>
/// <param name="Branch">The branch.</param>
/// <param name="DischargedOn">The day of discharge.</param>
/// <param name="Rank">The rank.</param>
/// <param name="Specialties">Specialties.</param>
/// <param name="Education">Education.</param>
/// <param name="RegionCode">The region the veteran is registered in now.</param>
/// <param name="RegisteredOn">The day of registration.</param>
/// <param name="CurrentStatus">The employment status in force today, if the ledger has one.</param>
/// <param name="Transfers">Earlier moves, oldest first.</param>
/// <param name="Version">The version (ETag).</param>
internal sealed record VeteranResponse(
    Guid Id, string IdentityNumber, string Name, DateOnly BirthDate, DischargeCategory Category, ServiceBranch Branch, DateOnly DischargedOn, string Rank,
    IReadOnlyList<string> Specialties, EducationLevel Education, string RegionCode, DateOnly RegisteredOn, EmploymentStatus? CurrentStatus,
    IReadOnlyList<TransferResponse> Transfers, int Version);

/// <summary>The body of VeteranEmployment_SearchVeterans; filters combine with AND.</summary>
/// <param name="RegionCode">Only veterans within this region.</param>
/// <param name="Category">Only this discharge category.</param>
/// <param name="CurrentStatus">Only veterans whose status today is this.</param>
/// <param name="IdentityNumber">Only this person (matched through the blind index).</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
/// <param name="Limit">Page size, 1–200 (default 50).</param>
internal sealed record SearchVeteransRequest(string? RegionCode, DischargeCategory? Category, EmploymentStatus? CurrentStatus, string? IdentityNumber, string? Cursor, int? Limit);

/// <summary>A veteran in a result list.</summary>
/// <param name="Id">The record.</param>
/// <param name="IdentityNumber">Always masked.</param>
/// <param name="Name">The name.</param>
/// <param name="Category">The category.</param>
/// <param name="RegionCode">The region.</param>
/// <param name="DischargedOn">Discharged.</param>
/// <param name="CurrentStatus">Status today.</param>
internal sealed record VeteranSummary(Guid Id, string IdentityNumber, string Name, DischargeCategory Category, string RegionCode, DateOnly DischargedOn, EmploymentStatus? CurrentStatus);

/// <summary>A page of veterans, newest registration first.</summary>
/// <param name="Items">The veterans.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
internal sealed record VeteranPage(IReadOnlyList<VeteranSummary> Items, string? NextCursor);

internal sealed class VeteranDetailsValidator : AbstractValidator<IVeteranDetails>
{
    public VeteranDetailsValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(50);
        RuleFor(r => r.Category).NotNull().IsInEnum();
        RuleFor(r => r.Branch).NotNull().IsInEnum();
        RuleFor(r => r.DischargedOn).NotNull().InclusiveBetween(new DateOnly(1950, 1, 1), ChinaCalendar.LastDay);
        RuleFor(r => r.Rank).NotEmpty().MaximumLength(50);
        RuleFor(r => r.Specialties).Must(s => s is null || (s.Count <= 20 && s.All(x => !string.IsNullOrWhiteSpace(x) && x.Length <= 50 && !x.Contains('\n', StringComparison.Ordinal))))
            .WithMessage(new LocalizedText("专长最多 20 项，每项 1–50 个字符且不含换行。", "At most 20 specialties, each 1–50 characters without line breaks."));
        RuleFor(r => r.Education).NotNull().IsInEnum();
    }
}

internal sealed class RegisterVeteranValidator : AbstractValidator<RegisterVeteranRequest>
{
    public RegisterVeteranValidator(RegionCatalog regions)
    {
        RuleFor(r => r.IdentityNumber).NotEmpty().ValidResidentIdNumber();
        RuleFor(r => r.RegionCode).NotEmpty().KnownRegion(regions);
        Include(new VeteranDetailsValidator());
    }
}

internal sealed class UpdateVeteranValidator : AbstractValidator<UpdateVeteranRequest>
{
    public UpdateVeteranValidator() => Include(new VeteranDetailsValidator());
}

internal sealed class TransferRequestValidator : AbstractValidator<TransferRequest>
{
    public TransferRequestValidator(RegionCatalog regions)
    {
        RuleFor(r => r.ToRegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(r => r.TransferredOn).InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(500);
    }
}

internal sealed class SearchVeteransValidator : AbstractValidator<SearchVeteransRequest>
{
    public SearchVeteransValidator(RegionCatalog regions)
    {
        RuleFor(r => r.RegionCode).KnownRegion(regions).When(r => r.RegionCode is not null);
        RuleFor(r => r.Category).IsInEnum();
        RuleFor(r => r.CurrentStatus).IsInEnum();
        RuleFor(r => r.IdentityNumber).ValidResidentIdNumber().When(r => r.IdentityNumber is not null);
        RuleFor(r => r.Cursor).Must(c => c is null || InstantCursor.TryDecode(c, out _))
            .WithMessage(new LocalizedText("游标无效：请使用上一页返回的 nextCursor。", "Not a valid cursor: pass the nextCursor of the previous page."));
        RuleFor(r => r.Limit).InclusiveBetween(1, 200);
    }
}

internal static class VeteranEndpoints
{
    public static void MapVeteranEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/veterans", RegisterAsync)
            .WithName("VeteranEmployment_RegisterVeteran")
            .RequirePermission(VeteranPermissions.VeteransWrite)
            .WithSummary("Register a discharged veteran in the region they resettle in")
            .WithDescription("A person is registered once in the whole platform (409 veterans.veteran_exists, found through the identity number's blind index in any region). Publishes VeteranRegistered.")
            .ProducesApiProblem(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);

        routes.MapGet("/veterans/{id:guid}", GetAsync)
            .WithName("VeteranEmployment_GetVeteran")
            .RequirePermission(VeteranPermissions.VeteransRead)
            .WithSummary("Get a veteran with the status in force today and the transfers")
            .WithDescription("Outside the caller's region: 404.")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPut("/veterans/{id:guid}", UpdateAsync)
            .WithName("VeteranEmployment_UpdateVeteran")
            .RequirePermission(VeteranPermissions.VeteransWrite)
            .WithSummary("Update a veteran's record")
            .WithDescription("Send the ETag as If-Match (412 when stale). A move to another region is a transfer.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed);

        routes.MapPost("/veterans/search", SearchAsync)
            .WithName("VeteranEmployment_SearchVeterans")
            .RequirePermission(VeteranPermissions.VeteransRead)
            .WithSummary("Search veterans")
            .WithDescription("By region, category, current status and identity number (blind index); newest registration first with cursor paging. Identity numbers masked. A POST so an identity number never appears in a URL.");

        routes.MapPost("/veterans/{id:guid}/transfer", TransferAsync)
            .WithName("VeteranEmployment_TransferVeteran")
            .RequirePermission(VeteranPermissions.VeteransTransfer)
            .WithSummary("Transfer a veteran to another region, also across provinces")
            .WithDescription("By the region the veteran is in. The veteran, with the ledger, needs and training, moves to the new region, which sees and manages it from then on; the transfer is kept in the history. The sending region no longer sees the veteran afterwards.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<Created<VeteranResponse>> RegisterAsync(
        RegisterVeteranRequest request, HttpContext http, VeteranEmploymentDbContext db, IPersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        VeteranAccess.RequireRegion(db.Caller, request.RegionCode!);
        var now = time.GetUtcNow();
        var today = ChinaCalendar.DayOf(now);
        RequireDischargeInPast(request.DischargedOn!.Value, today);
        var idNumber = ResidentIdNumber.Parse(request.IdentityNumber!);
        var person = protector.Protect(PersonalDataKind.ResidentId, idNumber.Value);
        if (await db.Veterans.IgnoreQueryFilters().AnyAsync(v => v.Person.BlindIndex == person.BlindIndex, cancellationToken))
        {
            throw Exists();
        }

        var veteran = new Veteran
        {
            Id = Guid.CreateVersion7(now),
            Person = EncryptedPersonalData.From(person),
            BirthDate = idNumber.BirthDate,
            RegionCode = request.RegionCode!,
            RegisteredOn = today,
            RegisteredAt = now,
            RegisteredBy = db.Caller.Subject,
        };
        Apply(veteran, request);
        db.Veterans.Add(veteran);
        db.Publish(new VeteranRegistered(veteran.Id, person.BlindIndex, veteran.Category.ToString(), veteran.RegionCode, veteran.DischargedOn, today));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            throw Exists();
        }

        EntityTags.Set(http, veteran);
        return TypedResults.Created($"/api/veteran-employment/veterans/{veteran.Id}", Present(veteran, idNumber.Masked, []));
    }

    private static async Task<Ok<VeteranResponse>> GetAsync(Guid id, HttpContext http, VeteranEmploymentDbContext db, PersonalDataPresenter presenter, CancellationToken cancellationToken)
    {
        var veteran = await db.Veterans.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken) ?? throw VeteranProblems.VeteranMissing(id);
        return await PresentAsync(http, db, presenter, veteran, cancellationToken);
    }

    private static async Task<Ok<VeteranResponse>> UpdateAsync(
        Guid id, UpdateVeteranRequest request, HttpContext http, VeteranEmploymentDbContext db, PersonalDataPresenter presenter, TimeProvider time, CancellationToken cancellationToken)
    {
        var veteran = await VeteranAccess.VeteranAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, veteran);
        var now = time.GetUtcNow();
        RequireDischargeInPast(request.DischargedOn!.Value, ChinaCalendar.DayOf(now));
        var firstEntry = await db.Ledger.Where(e => e.VeteranId == veteran.Id).OrderBy(e => e.EffectiveOn).Select(e => (DateOnly?)e.EffectiveOn).FirstOrDefaultAsync(cancellationToken);
        if (firstEntry is { } first && first < request.DischargedOn.Value)
        {
            throw VeteranProblems.Unprocessable(VeteranProblems.EffectiveBeforeDischarge, $"台账中已有 {first:yyyy-MM-dd} 的记录，退役日期不能晚于它。", $"The ledger has an entry from {first:yyyy-MM-dd}; the discharge cannot be after it.");
        }

        Apply(veteran, request);
        veteran.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return await PresentAsync(http, db, presenter, veteran, cancellationToken);
    }

    private static async Task<Ok<VeteranPage>> SearchAsync(SearchVeteransRequest request, VeteranEmploymentDbContext db, IPersonalDataProtector protector, CancellationToken cancellationToken)
    {
        var query = db.Veterans.AsNoTracking();
        if (request.RegionCode is { } region)
        {
            query = query.WithinRegion(region);
        }

        if (request.Category is { } category)
        {
            query = query.Where(v => v.Category == category);
        }

        if (request.CurrentStatus is { } status)
        {
            query = query.Where(v => v.CurrentStatus == status);
        }

        if (request.IdentityNumber is not null)
        {
            var blindIndex = protector.BlindIndexForLookup(PersonalDataKind.ResidentId, request.IdentityNumber);
            query = query.Where(v => v.Person.BlindIndex == blindIndex);
        }

        if (request.Cursor is not null && InstantCursor.TryDecode(request.Cursor, out var after))
        {
            query = query.Where(v => v.RegisteredAt < after.At || (v.RegisteredAt == after.At && v.Id.CompareTo(after.Id) < 0));
        }

        var take = request.Limit ?? 50;
        var rows = await query.OrderByDescending(v => v.RegisteredAt).ThenByDescending(v => v.Id).Take(take + 1)
            .Select(v => new { v.Id, v.Person.Ciphertext, v.Name, v.Category, v.RegionCode, v.DischargedOn, v.CurrentStatus, v.RegisteredAt })
            .ToListAsync(cancellationToken);
        var items = rows.Take(take)
            .Select(v => new VeteranSummary(v.Id, PersonalDataMasking.MaskResidentId(protector.Decrypt(PersonalDataKind.ResidentId, v.Ciphertext)), v.Name, v.Category, v.RegionCode, v.DischargedOn, v.CurrentStatus))
            .ToArray();
        var next = rows.Count > take ? InstantCursor.Encode(rows[take - 1].RegisteredAt, rows[take - 1].Id) : null;
        return TypedResults.Ok(new VeteranPage(items, next));
    }

    private static async Task<Ok<TransferResponse>> TransferAsync(
        Guid id, TransferRequest request, HttpContext http, VeteranEmploymentDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var veteran = await VeteranAccess.VeteranAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, veteran);
        var now = time.GetUtcNow();
        var today = ChinaCalendar.DayOf(now);
        var day = request.TransferredOn ?? today;
        if (day > today)
        {
            throw VeteranAccess.FieldError("transferredOn", "迁移日期不能晚于今天。", "The day of the move cannot be after today.");
        }

        var to = request.ToRegionCode!;
        if (string.Equals(to, veteran.RegionCode, StringComparison.Ordinal))
        {
            throw VeteranProblems.Unprocessable(VeteranProblems.TransferToSameRegion, $"退役军人已在 {to}。", $"The veteran is already registered in {to}.");
        }

        var transfer = new VeteranTransfer
        {
            Id = Guid.CreateVersion7(now),
            VeteranId = veteran.Id,
            FromRegionCode = veteran.RegionCode,
            ToRegionCode = to,
            TransferredOn = day,
            Reason = request.Reason!.Trim(),
            RecordedAt = now,
            RecordedBy = db.Caller.Subject,
        };
        db.Transfers.Add(transfer);
        veteran.RegionCode = to;
        veteran.UpdatedAt = now;
        db.AllowHandOver(veteran);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new TransferResponse(transfer.FromRegionCode, transfer.ToRegionCode, transfer.TransferredOn, transfer.Reason));
    }

    private static void RequireDischargeInPast(DateOnly dischargedOn, DateOnly today)
    {
        if (dischargedOn > today)
        {
            throw VeteranAccess.FieldError("dischargedOn", "退役日期不能晚于今天。", "The day of discharge cannot be after today.");
        }
    }

    private static void Apply(Veteran veteran, IVeteranDetails details)
    {
        veteran.Name = details.Name!.Trim();
        veteran.Category = details.Category!.Value;
        veteran.Branch = details.Branch!.Value;
        veteran.DischargedOn = details.DischargedOn!.Value;
        veteran.Rank = details.Rank!.Trim();
        veteran.Specialties = Veteran.Join(details.Specialties ?? []);
        veteran.Education = details.Education!.Value;
    }

    private static async Task<Ok<VeteranResponse>> PresentAsync(HttpContext http, VeteranEmploymentDbContext db, PersonalDataPresenter presenter, Veteran veteran, CancellationToken cancellationToken)
    {
        var transfers = await db.Transfers.AsNoTracking().Where(t => t.VeteranId == veteran.Id).OrderBy(t => t.RecordedAt).ToListAsync(cancellationToken);
        var identity = await presenter.PresentAsync(PersonalDataKind.ResidentId, veteran.Person.Ciphertext, "veteran_employment.veteran", veteran.Id.ToString(), cancellationToken);
        EntityTags.Set(http, veteran);
        return TypedResults.Ok(Present(veteran, identity, transfers));
    }

    private static VeteranResponse Present(Veteran v, string identityNumber, IReadOnlyList<VeteranTransfer> transfers) => new(
        v.Id, identityNumber, v.Name, v.BirthDate, v.Category, v.Branch, v.DischargedOn, v.Rank, v.SpecialtyList, v.Education, v.RegionCode, v.RegisteredOn,
        v.CurrentStatus, transfers.Select(t => new TransferResponse(t.FromRegionCode, t.ToRegionCode, t.TransferredOn, t.Reason)).ToArray(), v.Version);

    private static DomainException Exists() =>
        VeteranProblems.Conflict(VeteranProblems.VeteranExists, "此人已登记为退役军人。", "This person is already registered as a veteran.");
}
