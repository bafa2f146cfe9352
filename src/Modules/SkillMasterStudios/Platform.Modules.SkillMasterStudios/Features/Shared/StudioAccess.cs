using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Security;
using Platform.Modules.SkillMasterStudios.Domain;
using Platform.Modules.SkillMasterStudios.Persistence;

namespace Platform.Modules.SkillMasterStudios.Features.Shared;

/// <summary>Loading records for a change, and the checks on the caller every feature shares.</summary>
internal static class StudioAccess
{
    /// <summary>Refuses (403) a region outside the caller's: records are created and figures read only within it.</summary>
    public static void RequireRegion(Caller caller, string regionCode) => caller.RequireWithin(regionCode, StudioProblems.RegionOutsideCaller);

    public static async Task<Master> MasterAsync(SkillMasterStudiosDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Masters.FirstOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw StudioProblems.NotFound(StudioProblems.MasterNotFound, "大师", "Master", id);

    public static async Task<StudioApplication> ApplicationAsync(SkillMasterStudiosDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Applications.FirstOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw StudioProblems.NotFound(StudioProblems.ApplicationNotFound, "申请", "Application", id);

    public static async Task<Studio> StudioAsync(SkillMasterStudiosDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Studios.FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw StudioProblems.NotFound(StudioProblems.StudioNotFound, "工作室", "Studio", id);

    public static async Task<AnnualReport> ReportAsync(SkillMasterStudiosDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.AnnualReports.FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw StudioProblems.NotFound(StudioProblems.ReportNotFound, "年度报告", "Annual report", id);

    /// <summary>
    /// A validated unified social credit code in its stored form (trimmed, upper case), so codes compare
    /// equal however they were typed: an expert's organisation against the host, a filter against the
    /// stored code.
    /// </summary>
    public static string CreditCode(string validated) => UnifiedSocialCreditCode.Parse(validated).Value;

    /// <summary>An organisation code from a token in stored form; a malformed one stays as it is (it then matches nothing).</summary>
    public static string? Organisation(Caller caller) =>
        caller.Organisation is { } code && UnifiedSocialCreditCode.TryParse(code, out var parsed) ? parsed.Value : caller.Organisation;

    /// <summary>A 400 for one field, raised from a handler where the rule needs data a validator does not have.</summary>
    public static DomainException FieldError(string field, string chinese, string english) =>
        DomainException.ForField(field, chinese, english);
}
