using Microsoft.EntityFrameworkCore;
using Platform.Modules.SkillMasterStudios.Domain;
using Platform.Modules.SkillMasterStudios.Features.Shared;
using Platform.Modules.SkillMasterStudios.Persistence;

namespace Platform.Modules.SkillMasterStudios.Features.Applications;

/// <summary>
/// Gathers the facts eligibility needs for an application. The master's other studio and other
/// applications are looked up in every region (a master leads one active studio in the whole
/// platform); only their ids reach the verdict.
/// </summary>
internal sealed class EligibilityReader(SkillMasterStudiosDbContext db, ReferenceData referenceData)
{
    public async Task<(EligibilityVerdict Verdict, EligibilityFacts Facts, Master Master)> EvaluateAsync(StudioApplication application, DateOnly day, CancellationToken cancellationToken)
    {
        var master = await db.Masters.IgnoreQueryFilters().FirstOrDefaultAsync(m => m.Id == application.LeadMasterId, cancellationToken)
            ?? throw StudioProblems.Unprocessable(StudioProblems.MasterNotFound, $"领办人 {application.LeadMasterId} 未登记。", $"Lead master {application.LeadMasterId} is not registered.");
        var otherStudio = await db.Studios.IgnoreQueryFilters()
            .Where(s => s.ActiveLeadSlot == master.Id && s.Id != application.StudioId)
            .Select(s => (Guid?)s.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var inProcess = ApplicationStateMachine.InProcess.ToArray();
        var otherApplication = await db.Applications.IgnoreQueryFilters()
            .Where(a => a.Id != application.Id && inProcess.Contains(a.Status)
                && (a.LeadMasterId == master.Id || (application.StudioId != null && a.StudioId == application.StudioId)))
            .Select(a => (Guid?)a.Id)
            .FirstOrDefaultAsync(cancellationToken);
        StudioFacts? studio = null;
        AssessmentGrade? lastGrade = null;
        if (application.StudioId is { } studioId)
        {
            studio = await db.Studios.AsNoTracking()
                .Where(s => s.Id == studioId)
                .Select(s => new StudioFacts(s.Id, s.Status, s.Level, s.TermEndsOn, s.LeadMasterId, s.HostCode))
                .FirstOrDefaultAsync(cancellationToken);
            lastGrade = await db.AnnualReports.AsNoTracking()
                .Where(r => r.StudioId == studioId && r.Status == ReportStatus.Assessed)
                .OrderByDescending(r => r.Year)
                .Select(r => r.Grade)
                .FirstOrDefaultAsync(cancellationToken);
        }

        var rules = await referenceData.RulesInForceAsync(application.RegionCode, day, cancellationToken);
        var standard = await referenceData.StandardInForceAsync(application.Level, application.RegionCode, day, cancellationToken);
        var facts = new EligibilityFacts(
            application.Kind, application.Level, application.RegionCode, application.HostCode, master.QualificationLevel, otherStudio, otherApplication,
            studio, lastGrade, rules, standard, day);
        return (EligibilityEvaluator.Evaluate(facts), facts, master);
    }
}
