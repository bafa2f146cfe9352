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
using Platform.Modules.ReturnHomeEntrepreneurship.Contracts;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Parks;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Shared;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Features.Founders;

/// <summary>The body of ReturnHomeEntrepreneurship_RegisterBusiness.</summary>
/// <param name="EntrepreneurId">The founder.</param>
/// <param name="CreditCode">The unified social credit code (checked, unique in the platform).</param>
/// <param name="Name">The registered name (1–200 characters).</param>
/// <param name="Industry">The industry.</param>
/// <param name="LegalForm">The legal form (only a small or micro enterprise may borrow as an enterprise).</param>
/// <param name="RegisteredOn">The day of registration with market regulation (not in the future).</param>
/// <param name="RegionCode">The county where it operates (within the caller's region).</param>
/// <param name="Address">The address (1–300 characters).</param>
/// <param name="ParkId">The return-home park or incubator it moves into, if any (409 when full).</param>
internal sealed record RegisterBusinessRequest(
    Guid? EntrepreneurId, string? CreditCode, string? Name, Industry? Industry, LegalForm? LegalForm, DateOnly? RegisteredOn, string? RegionCode, string? Address, Guid? ParkId);

/// <summary>A business in a list.</summary>
/// <param name="Id">The business.</param>
/// <param name="EntrepreneurId">The founder.</param>
/// <param name="CreditCode">The credit code.</param>
/// <param name="Name">The name.</param>
/// <param name="Industry">The industry.</param>
/// <param name="LegalForm">The legal form.</param>
/// <param name="RegionCode">The county.</param>
/// <param name="RegisteredOn">The day of registration.</param>
/// <param name="Status">Operating or closed.</param>
/// <param name="JobsCreated">Employees with social insurance now.</param>
/// <param name="ParkId">The park hosting it.</param>
internal sealed record BusinessSummary(
    Guid Id, Guid EntrepreneurId, string CreditCode, string Name, Industry Industry, LegalForm LegalForm, string RegionCode, DateOnly RegisteredOn, BusinessStatus Status,
    int JobsCreated, Guid? ParkId)
{
    public static BusinessSummary From(Business b) =>
        new(b.Id, b.EntrepreneurId, b.CreditCode, b.Name, b.Industry, b.LegalForm, b.RegionCode, b.RegisteredOn, b.Status, b.JobsCreated, b.ParkId);
}

/// <summary>A business with its revenue. The version is the ETag.</summary>
/// <param name="Business">The business.</param>
/// <param name="Address">The address.</param>
/// <param name="ClosedOn">The day it closed.</param>
/// <param name="Employees">Employees on the list now (started, not ended).</param>
/// <param name="Revenue">Yearly revenue reports, oldest first.</param>
/// <param name="Version">The version (ETag).</param>
internal sealed record BusinessResponse(BusinessSummary Business, string Address, DateOnly? ClosedOn, int Employees, IReadOnlyList<BusinessRevenueResponse> Revenue, int Version);

/// <summary>A year's revenue.</summary>
/// <param name="Year">The year.</param>
/// <param name="Revenue">Revenue, yuan.</param>
/// <param name="EmployeesAtYearEnd">Employees at the end of the year.</param>
internal sealed record BusinessRevenueResponse(int Year, decimal Revenue, int EmployeesAtYearEnd);

/// <summary>The body of ReturnHomeEntrepreneurship_SearchBusinesses; filters combine with AND.</summary>
/// <param name="RegionCode">Only businesses operating within this region.</param>
/// <param name="Industry">Only this industry.</param>
/// <param name="Status">Only this status.</param>
/// <param name="ParkId">Only tenants of this park.</param>
/// <param name="EntrepreneurId">Only this founder's.</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
/// <param name="Limit">Page size, 1–200 (default 50).</param>
internal sealed record SearchBusinessesRequest(string? RegionCode, Industry? Industry, BusinessStatus? Status, Guid? ParkId, Guid? EntrepreneurId, string? Cursor, int? Limit);

/// <summary>A page of businesses, newest first.</summary>
/// <param name="Items">The businesses.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
internal sealed record BusinessPage(IReadOnlyList<BusinessSummary> Items, string? NextCursor);

/// <summary>The body of ReturnHomeEntrepreneurship_CloseBusiness.</summary>
/// <param name="ClosedOn">The day it closed (not before registration, not in the future). Its employees' jobs end that day and it leaves its park.</param>
internal sealed record CloseBusinessRequest(DateOnly? ClosedOn);

/// <summary>The body of ReturnHomeEntrepreneurship_AddEmployee.</summary>
/// <param name="IdentityNumber">The employee's resident identity number.</param>
/// <param name="Name">The name (1–50 characters).</param>
/// <param name="StartedOn">The first day of work (not before the business was registered, not in the future).</param>
/// <param name="SocialInsurance">Whether the business pays the employee's social insurance (only insured employees count as jobs created).</param>
internal sealed record AddEmployeeRequest(string? IdentityNumber, string? Name, DateOnly? StartedOn, bool? SocialInsurance);

/// <summary>The body of ReturnHomeEntrepreneurship_UpdateEmployee.</summary>
/// <param name="SocialInsurance">Whether social insurance is paid now.</param>
/// <param name="EndedOn">The day the employee left (not before the start, not in the future); the job no longer counts from that day.</param>
internal sealed record UpdateEmployeeRequest(bool? SocialInsurance, DateOnly? EndedOn);

/// <summary>An employee.</summary>
/// <param name="Id">The record.</param>
/// <param name="IdentityNumber">Masked.</param>
/// <param name="Name">The name.</param>
/// <param name="StartedOn">The first day.</param>
/// <param name="EndedOn">The last day.</param>
/// <param name="SocialInsurance">Whether insured.</param>
/// <param name="IsJobCreated">Whether the employee counts as a job created today.</param>
internal sealed record BusinessEmployeeResponse(Guid Id, string IdentityNumber, string Name, DateOnly StartedOn, DateOnly? EndedOn, bool SocialInsurance, bool IsJobCreated);

/// <summary>A business's employees and the jobs created.</summary>
/// <param name="BusinessId">The business.</param>
/// <param name="JobsCreated">Employees with social insurance today.</param>
/// <param name="Employees">The list, newest start first (at most 1,000).</param>
internal sealed record BusinessEmployeeList(Guid BusinessId, int JobsCreated, IReadOnlyList<BusinessEmployeeResponse> Employees);

/// <summary>The body of ReturnHomeEntrepreneurship_ReportRevenue.</summary>
/// <param name="Year">A year that is over, not before the business was registered.</param>
/// <param name="Revenue">Revenue, yuan (0–100,000,000,000).</param>
/// <param name="EmployeesAtYearEnd">Employees at year end (0–100,000).</param>
internal sealed record ReportRevenueRequest(int? Year, decimal? Revenue, int? EmployeesAtYearEnd);

internal sealed class RegisterBusinessValidator : AbstractValidator<RegisterBusinessRequest>
{
    public RegisterBusinessValidator(RegionCatalog regions)
    {
        RuleFor(r => r.EntrepreneurId).NotEmpty();
        RuleFor(r => r.CreditCode).NotEmpty().ValidCreditCode();
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Industry).NotNull().IsInEnum();
        RuleFor(r => r.LegalForm).NotNull().IsInEnum();
        RuleFor(r => r.RegisteredOn).NotNull().InclusiveBetween(new DateOnly(1990, 1, 1), ChinaCalendar.LastDay);
        RuleFor(r => r.RegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(r => r.Address).NotEmpty().MaximumLength(300);
    }
}

internal sealed class SearchBusinessesValidator : AbstractValidator<SearchBusinessesRequest>
{
    public SearchBusinessesValidator(RegionCatalog regions)
    {
        RuleFor(r => r.RegionCode).KnownRegion(regions).When(r => r.RegionCode is not null);
        RuleFor(r => r.Industry).IsInEnum();
        RuleFor(r => r.Status).IsInEnum();
        RuleFor(r => r.Cursor).Must(c => c is null || InstantCursor.TryDecode(c, out _))
            .WithMessage(new LocalizedText("游标无效：请使用上一页返回的 nextCursor。", "Not a valid cursor: pass the nextCursor of the previous page."));
        RuleFor(r => r.Limit).InclusiveBetween(1, 200);
    }
}

internal sealed class CloseBusinessValidator : AbstractValidator<CloseBusinessRequest>
{
    public CloseBusinessValidator() => RuleFor(r => r.ClosedOn).NotNull().InclusiveBetween(new DateOnly(1990, 1, 1), ChinaCalendar.LastDay);
}

internal sealed class AddEmployeeValidator : AbstractValidator<AddEmployeeRequest>
{
    public AddEmployeeValidator()
    {
        RuleFor(r => r.IdentityNumber).NotEmpty().ValidResidentIdNumber();
        RuleFor(r => r.Name).NotEmpty().MaximumLength(50);
        RuleFor(r => r.StartedOn).NotNull().InclusiveBetween(new DateOnly(1990, 1, 1), ChinaCalendar.LastDay);
        RuleFor(r => r.SocialInsurance).NotNull();
    }
}

internal sealed class UpdateEmployeeValidator : AbstractValidator<UpdateEmployeeRequest>
{
    public UpdateEmployeeValidator()
    {
        RuleFor(r => r.SocialInsurance).NotNull();
        RuleFor(r => r.EndedOn).InclusiveBetween(new DateOnly(1990, 1, 1), ChinaCalendar.LastDay);
    }
}

internal sealed class ReportRevenueValidator : AbstractValidator<ReportRevenueRequest>
{
    public ReportRevenueValidator()
    {
        RuleFor(r => r.Year).NotNull().InclusiveBetween(1990, 2099);
        RuleFor(r => r.Revenue).NotNull().InclusiveBetween(0m, 100_000_000_000m).PrecisionScale(14, 2, true);
        RuleFor(r => r.EmployeesAtYearEnd).NotNull().InclusiveBetween(0, 100_000);
    }
}

internal static class BusinessEndpoints
{
    public static void MapBusinessEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/businesses", RegisterAsync)
            .WithName("ReturnHomeEntrepreneurship_RegisterBusiness")
            .RequirePermission(EntrepreneurshipPermissions.FoundersWrite)
            .WithSummary("Register a founder's business")
            .WithDescription("The credit code is checked and unique in the platform (409 entrepreneurship.business_exists). With a park, the business moves in (409 entrepreneurship.park_full beyond its capacity). Publishes BusinessRegistered; the veteran registry records a veteran founder as self-employed.")
            .ProducesApiProblem(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        routes.MapGet("/businesses/{id:guid}", GetAsync)
            .WithName("ReturnHomeEntrepreneurship_GetBusiness")
            .RequirePermission(EntrepreneurshipPermissions.FoundersRead)
            .WithSummary("Get a business with its jobs and revenue")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPost("/businesses/search", SearchAsync)
            .WithName("ReturnHomeEntrepreneurship_SearchBusinesses")
            .RequirePermission(EntrepreneurshipPermissions.FoundersRead)
            .WithSummary("Search businesses")
            .WithDescription("By region, industry, status, park and founder; newest first with cursor paging.");

        routes.MapPost("/businesses/{id:guid}/close", CloseAsync)
            .WithName("ReturnHomeEntrepreneurship_CloseBusiness")
            .RequirePermission(EntrepreneurshipPermissions.FoundersWrite)
            .WithSummary("Record that a business closed")
            .WithDescription("Its employees' jobs end on the day and it leaves its park. Send the ETag as If-Match.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);

        routes.MapGet("/businesses/{id:guid}/employees", ListEmployeesAsync)
            .WithName("ReturnHomeEntrepreneurship_ListEmployees")
            .RequirePermission(EntrepreneurshipPermissions.FoundersRead)
            .WithSummary("A business's real-name employee list and the jobs created")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPost("/businesses/{id:guid}/employees", AddEmployeeAsync)
            .WithName("ReturnHomeEntrepreneurship_AddEmployee")
            .RequirePermission(EntrepreneurshipPermissions.FoundersWrite)
            .WithSummary("Add an employee to the real-name list")
            .WithDescription("An insured employee is a job created (publishes JobsCreated). A person on the list and not ended cannot be added again (409 entrepreneurship.employee_exists).")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        routes.MapPut("/businesses/{id:guid}/employees/{employeeId:guid}", UpdateEmployeeAsync)
            .WithName("ReturnHomeEntrepreneurship_UpdateEmployee")
            .RequirePermission(EntrepreneurshipPermissions.FoundersWrite)
            .WithSummary("Change an employee's social insurance or record that they left")
            .WithDescription("Publishes JobsCreated when the jobs created change.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        routes.MapPost("/businesses/{id:guid}/revenue", ReportRevenueAsync)
            .WithName("ReturnHomeEntrepreneurship_ReportRevenue")
            .RequirePermission(EntrepreneurshipPermissions.FoundersWrite)
            .WithSummary("Report a business's revenue for a year that is over")
            .WithDescription("Once per business and year (409 entrepreneurship.revenue_already_reported).")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
    }

    private static async Task<Created<BusinessResponse>> RegisterAsync(
        RegisterBusinessRequest request, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        EntrepreneurshipAccess.RequireRegion(db.Caller, request.RegionCode!);
        var now = time.GetUtcNow();
        var today = ChinaCalendar.DayOf(now);
        EntrepreneurshipAccess.NotAfterToday(request.RegisteredOn!.Value, today, "registeredOn");
        var founder = await EntrepreneurshipAccess.EntrepreneurAsync(db, request.EntrepreneurId!.Value, cancellationToken);
        var code = EntrepreneurshipAccess.CreditCode(request.CreditCode!);
        if (await db.Businesses.IgnoreQueryFilters().AnyAsync(b => b.CreditCode == code, cancellationToken))
        {
            throw Exists(code);
        }

        var business = new Business
        {
            Id = Guid.CreateVersion7(now),
            EntrepreneurId = founder.Id,
            CreditCode = code,
            Name = request.Name!.Trim(),
            Industry = request.Industry!.Value,
            LegalForm = request.LegalForm!.Value,
            RegisteredOn = request.RegisteredOn.Value,
            RegionCode = request.RegionCode!,
            Address = request.Address!.Trim(),
            Status = BusinessStatus.Operating,
            RecordedAt = now,
            RecordedBy = db.Caller.Subject,
        };
        if (request.ParkId is { } parkId)
        {
            await Tenants.AdmitAsync(db, parkId, business, today, cancellationToken);
        }

        db.Businesses.Add(business);
        db.Publish(new BusinessRegistered(
            business.Id, founder.Id, founder.Person.BlindIndex, founder.Category.ToString(), code, business.Name, business.Industry.ToString(), business.RegionCode,
            business.RegisteredOn, business.ParkId));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            throw Exists(code);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ParkTaken();
        }

        EntityTags.Set(http, business);
        return TypedResults.Created($"/api/return-home-entrepreneurship/businesses/{business.Id}", new BusinessResponse(BusinessSummary.From(business), business.Address, null, 0, [], business.Version));
    }

    private static async Task<Ok<BusinessResponse>> GetAsync(Guid id, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var business = await db.Businesses.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken)
            ?? throw EntrepreneurshipProblems.NotFound(EntrepreneurshipProblems.BusinessNotFound, "创业实体", "Business", id);
        return await PresentAsync(http, db, business, ChinaCalendar.Today(time), cancellationToken);
    }

    private static async Task<Ok<BusinessPage>> SearchAsync(SearchBusinessesRequest request, ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Businesses.AsNoTracking();
        if (request.RegionCode is { } region)
        {
            query = query.WithinRegion(region);
        }

        if (request.Industry is { } industry)
        {
            query = query.Where(b => b.Industry == industry);
        }

        if (request.Status is { } status)
        {
            query = query.Where(b => b.Status == status);
        }

        if (request.ParkId is { } park)
        {
            query = query.Where(b => b.ParkId == park);
        }

        if (request.EntrepreneurId is { } founder)
        {
            query = query.Where(b => b.EntrepreneurId == founder);
        }

        if (request.Cursor is not null && InstantCursor.TryDecode(request.Cursor, out var after))
        {
            query = query.Where(b => b.RecordedAt < after.At || (b.RecordedAt == after.At && b.Id.CompareTo(after.Id) < 0));
        }

        var take = request.Limit ?? 50;
        var rows = await query.OrderByDescending(b => b.RecordedAt).ThenByDescending(b => b.Id).Take(take + 1).ToListAsync(cancellationToken);
        var next = rows.Count > take ? InstantCursor.Encode(rows[take - 1].RecordedAt, rows[take - 1].Id) : null;
        return TypedResults.Ok(new BusinessPage(rows.Take(take).Select(BusinessSummary.From).ToArray(), next));
    }

    private static async Task<Ok<BusinessResponse>> CloseAsync(
        Guid id, CloseBusinessRequest request, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var business = await EntrepreneurshipAccess.BusinessAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, business);
        var today = ChinaCalendar.Today(time);
        var day = request.ClosedOn!.Value;
        EntrepreneurshipAccess.NotAfterToday(day, today, "closedOn");
        if (business.Status == BusinessStatus.Closed)
        {
            throw Closed();
        }

        if (day < business.RegisteredOn)
        {
            throw EntrepreneurshipAccess.FieldError("closedOn", "关闭日期不能早于登记日期。", "The business cannot close before it was registered.");
        }

        var open = await db.Employees.Where(e => e.BusinessId == business.Id && e.EndedOn == null).ToListAsync(cancellationToken);
        foreach (var employee in open)
        {
            employee.EndedOn = employee.StartedOn > day ? employee.StartedOn : day;
        }

        business.Status = BusinessStatus.Closed;
        business.ClosedOn = day;
        await Tenants.ReleaseAsync(db, business, day, cancellationToken);
        await RecountJobsAsync(db, business, open, today, day, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await PresentAsync(http, db, business, today, cancellationToken);
    }

    private static async Task<Ok<BusinessEmployeeList>> ListEmployeesAsync(
        Guid id, ReturnHomeEntrepreneurshipDbContext db, IPersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        var business = await db.Businesses.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken)
            ?? throw EntrepreneurshipProblems.NotFound(EntrepreneurshipProblems.BusinessNotFound, "创业实体", "Business", id);
        var today = ChinaCalendar.Today(time);
        var employees = await db.Employees.AsNoTracking().Where(e => e.BusinessId == business.Id).OrderByDescending(e => e.StartedOn).ThenByDescending(e => e.Id)
            .Take(1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(new BusinessEmployeeList(business.Id, business.JobsCreated, employees.Select(e => Present(e, protector, today)).ToArray()));
    }

    private static async Task<Created<BusinessEmployeeResponse>> AddEmployeeAsync(
        Guid id, AddEmployeeRequest request, ReturnHomeEntrepreneurshipDbContext db, IPersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        var business = await EntrepreneurshipAccess.BusinessAsync(db, id, cancellationToken);
        var now = time.GetUtcNow();
        var today = ChinaCalendar.DayOf(now);
        var started = request.StartedOn!.Value;
        EntrepreneurshipAccess.NotAfterToday(started, today, "startedOn");
        if (business.Status == BusinessStatus.Closed)
        {
            throw Closed();
        }

        if (started < business.RegisteredOn)
        {
            throw EntrepreneurshipAccess.FieldError("startedOn", "入职日期不能早于创业实体登记日期。", "The employee cannot start before the business was registered.");
        }

        var person = protector.Protect(PersonalDataKind.ResidentId, ResidentIdNumber.Parse(request.IdentityNumber!).Value);
        if (await db.Employees.AnyAsync(e => e.BusinessId == business.Id && e.Person.BlindIndex == person.BlindIndex && e.EndedOn == null, cancellationToken))
        {
            throw EntrepreneurshipProblems.Conflict(EntrepreneurshipProblems.EmployeeExists, "此人已在该创业实体的在职名单中。", "This person is already on the business's list and has not left.");
        }

        var employee = new Employee
        {
            Id = Guid.CreateVersion7(now),
            BusinessId = business.Id,
            Person = EncryptedPersonalData.From(person),
            Name = request.Name!.Trim(),
            StartedOn = started,
            SocialInsurance = request.SocialInsurance!.Value,
            RecordedAt = now,
            RecordedBy = db.Caller.Subject,
        };
        db.Employees.Add(employee);
        await RecountJobsAsync(db, business, [employee], today, started, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/return-home-entrepreneurship/businesses/{business.Id}/employees", Present(employee, protector, today));
    }

    private static async Task<Ok<BusinessEmployeeResponse>> UpdateEmployeeAsync(
        Guid id, Guid employeeId, UpdateEmployeeRequest request, ReturnHomeEntrepreneurshipDbContext db, IPersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        var business = await EntrepreneurshipAccess.BusinessAsync(db, id, cancellationToken);
        var employee = await db.Employees.FirstOrDefaultAsync(e => e.Id == employeeId && e.BusinessId == business.Id, cancellationToken)
            ?? throw EntrepreneurshipProblems.NotFound(EntrepreneurshipProblems.EmployeeNotFound, "员工", "Employee", employeeId);
        var today = ChinaCalendar.Today(time);
        if (employee.EndedOn is not null)
        {
            throw EntrepreneurshipProblems.Conflict(EntrepreneurshipProblems.EmployeeExists, "该员工已离职，记录不再修改。", "The employee has left; the record no longer changes.");
        }

        if (request.EndedOn is { } ended)
        {
            EntrepreneurshipAccess.NotAfterToday(ended, today, "endedOn");
            if (ended < employee.StartedOn)
            {
                throw EntrepreneurshipAccess.FieldError("endedOn", "离职日期不能早于入职日期。", "The employee cannot leave before they started.");
            }

            employee.EndedOn = ended;
        }

        employee.SocialInsurance = request.SocialInsurance!.Value;
        await RecountJobsAsync(db, business, [employee], today, request.EndedOn ?? today, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Present(employee, protector, today));
    }

    private static async Task<Created<BusinessRevenueResponse>> ReportRevenueAsync(
        Guid id, ReportRevenueRequest request, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var business = await EntrepreneurshipAccess.BusinessAsync(db, id, cancellationToken);
        var now = time.GetUtcNow();
        var year = request.Year!.Value;
        if (year >= ChinaCalendar.DayOf(now).Year || year < business.RegisteredOn.Year)
        {
            throw EntrepreneurshipAccess.FieldError("year", "只能申报登记之后且已结束的年度。", "Only a year that is over and not before the business was registered.");
        }

        if (await db.RevenueReports.AnyAsync(r => r.BusinessId == business.Id && r.Year == year, cancellationToken))
        {
            throw Reported(year);
        }

        var report = new RevenueReport
        {
            Id = Guid.CreateVersion7(now),
            BusinessId = business.Id,
            Year = year,
            Revenue = request.Revenue!.Value,
            EmployeesAtYearEnd = request.EmployeesAtYearEnd!.Value,
            ReportedAt = now,
            ReportedBy = db.Caller.Subject,
        };
        db.RevenueReports.Add(report);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            throw Reported(year);
        }

        return TypedResults.Created($"/api/return-home-entrepreneurship/businesses/{business.Id}", new BusinessRevenueResponse(report.Year, report.Revenue, report.EmployeesAtYearEnd));
    }

    /// <summary>
    /// Recounts the jobs created today from the list (with <paramref name="changed"/> as they are now
    /// tracked) and publishes JobsCreated when the count moved; the business's version settles two changes at
    /// once (the loser gets the platform's 409).
    /// </summary>
    private static async Task RecountJobsAsync(
        ReturnHomeEntrepreneurshipDbContext db, Business business, IReadOnlyCollection<Employee> changed, DateOnly today, DateOnly onDay, CancellationToken cancellationToken)
    {
        var changedIds = changed.Select(e => e.Id).ToHashSet();
        var others = await db.Employees.AsNoTracking()
            .Where(e => e.BusinessId == business.Id && e.SocialInsurance && e.StartedOn <= today && (e.EndedOn == null || e.EndedOn > today))
            .Select(e => e.Id)
            .ToListAsync(cancellationToken);
        var jobs = others.Count(e => !changedIds.Contains(e)) + changed.Count(e => e.IsJobOn(today));
        var change = jobs - business.JobsCreated;
        business.JobsCreated = jobs;
        business.Version++;
        if (change != 0)
        {
            db.Publish(new JobsCreated(business.Id, business.CreditCode, business.RegionCode, onDay, change, jobs));
        }
    }

    private static async Task<Ok<BusinessResponse>> PresentAsync(HttpContext http, ReturnHomeEntrepreneurshipDbContext db, Business business, DateOnly today, CancellationToken cancellationToken)
    {
        var revenue = await db.RevenueReports.AsNoTracking().Where(r => r.BusinessId == business.Id).OrderBy(r => r.Year)
            .Select(r => new BusinessRevenueResponse(r.Year, r.Revenue, r.EmployeesAtYearEnd)).ToListAsync(cancellationToken);
        var employees = await db.Employees.AsNoTracking().CountAsync(e => e.BusinessId == business.Id && e.StartedOn <= today && (e.EndedOn == null || e.EndedOn > today), cancellationToken);
        EntityTags.Set(http, business);
        return TypedResults.Ok(new BusinessResponse(BusinessSummary.From(business), business.Address, business.ClosedOn, employees, revenue, business.Version));
    }

    private static BusinessEmployeeResponse Present(Employee e, IPersonalDataProtector protector, DateOnly today) => new(
        e.Id, PersonalDataMasking.MaskResidentId(protector.Decrypt(PersonalDataKind.ResidentId, e.Person.Ciphertext)), e.Name, e.StartedOn, e.EndedOn, e.SocialInsurance, e.IsJobOn(today));

    private static DomainException Exists(string code) =>
        EntrepreneurshipProblems.Conflict(EntrepreneurshipProblems.BusinessExists, $"统一社会信用代码 {code} 已登记。", $"The credit code {code} is already registered.");

    private static DomainException Closed() =>
        EntrepreneurshipProblems.Conflict(EntrepreneurshipProblems.BusinessClosed, "该创业实体已关闭。", "The business is closed.");

    private static DomainException Reported(int year) =>
        EntrepreneurshipProblems.Conflict(EntrepreneurshipProblems.RevenueReported, $"{year} 年营业收入已申报。", $"The revenue of {year} is already reported.");

    private static DomainException ParkTaken() =>
        EntrepreneurshipProblems.Conflict(EntrepreneurshipProblems.ParkFull, "园区的最后一个位置刚被占用，请重试或另选园区。", "The park's last place was just taken; try again or choose another park.");
}
