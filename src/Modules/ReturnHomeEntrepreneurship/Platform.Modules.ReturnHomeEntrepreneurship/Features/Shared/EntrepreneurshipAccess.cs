using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Security;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Features.Shared;

/// <summary>Loading records with the caller's visibility, and the checks every feature shares.</summary>
internal static class EntrepreneurshipAccess
{
    /// <summary>Refuses (403) a region outside the caller's.</summary>
    public static void RequireRegion(Caller caller, string regionCode) => caller.RequireWithin(regionCode, EntrepreneurshipProblems.RegionOutsideCaller);

    /// <summary>The founder, tracked; 404 outside the caller's region.</summary>
    public static async Task<Entrepreneur> EntrepreneurAsync(ReturnHomeEntrepreneurshipDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Entrepreneurs.FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
        ?? throw EntrepreneurshipProblems.NotFound(EntrepreneurshipProblems.EntrepreneurNotFound, "创业人员", "Entrepreneur", id);

    /// <summary>The business, tracked; 404 outside the caller's region.</summary>
    public static async Task<Business> BusinessAsync(ReturnHomeEntrepreneurshipDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Businesses.FirstOrDefaultAsync(b => b.Id == id, cancellationToken)
        ?? throw EntrepreneurshipProblems.NotFound(EntrepreneurshipProblems.BusinessNotFound, "创业实体", "Business", id);

    /// <summary>The park, tracked; 404 outside the caller's region.</summary>
    public static async Task<Park> ParkAsync(ReturnHomeEntrepreneurshipDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Parks.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
        ?? throw EntrepreneurshipProblems.NotFound(EntrepreneurshipProblems.ParkNotFound, "园区或孵化基地", "Park", id);

    /// <summary>The loan, tracked; 404 outside the caller's region.</summary>
    public static async Task<Loan> LoanAsync(ReturnHomeEntrepreneurshipDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Loans.FirstOrDefaultAsync(l => l.Id == id, cancellationToken)
        ?? throw EntrepreneurshipProblems.NotFound(EntrepreneurshipProblems.LoanNotFound, "贷款", "Loan", id);

    /// <summary>A validated credit code in its stored form (trimmed, upper case).</summary>
    public static string CreditCode(string validated) => UnifiedSocialCreditCode.Parse(validated).Value;

    /// <summary>A 400 for one field, raised from a handler where the rule needs data a validator does not have.</summary>
    public static DomainException FieldError(string field, string chinese, string english) => DomainException.ForField(field, chinese, english);

    /// <summary>Refuses a day after today for <paramref name="field"/>.</summary>
    public static void NotAfterToday(DateOnly day, DateOnly today, string field)
    {
        if (day > today)
        {
            throw FieldError(field, "日期不能晚于今天。", "The day cannot be after today.");
        }
    }
}
