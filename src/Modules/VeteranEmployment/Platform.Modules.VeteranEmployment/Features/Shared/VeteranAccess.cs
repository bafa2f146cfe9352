using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Security;
using Platform.Modules.VeteranEmployment.Domain;
using Platform.Modules.VeteranEmployment.Persistence;

namespace Platform.Modules.VeteranEmployment.Features.Shared;

/// <summary>Loading records with the caller's visibility, and the checks every feature shares.</summary>
internal static class VeteranAccess
{
    /// <summary>Refuses (403) a region outside the caller's.</summary>
    public static void RequireRegion(Caller caller, string regionCode) => caller.RequireWithin(regionCode, VeteranProblems.RegionOutsideCaller);

    /// <summary>The veteran, tracked; 404 outside the caller's region. The ledger, needs and records are reached only through it.</summary>
    public static async Task<Veteran> VeteranAsync(VeteranEmploymentDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Veterans.FirstOrDefaultAsync(v => v.Id == id, cancellationToken) ?? throw VeteranProblems.VeteranMissing(id);

    /// <summary>A validated credit code in its stored form (trimmed, upper case).</summary>
    public static string CreditCode(string validated) => UnifiedSocialCreditCode.Parse(validated).Value;

    /// <summary>A 400 for one field, raised from a handler where the rule needs data a validator does not have.</summary>
    public static DomainException FieldError(string field, string chinese, string english) =>
        DomainException.ForField(field, chinese, english);
}
