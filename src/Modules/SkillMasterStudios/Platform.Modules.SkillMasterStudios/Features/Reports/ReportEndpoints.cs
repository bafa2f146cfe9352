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
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.PersonalData;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.SkillMasterStudios.Contracts;
using Platform.Modules.SkillMasterStudios.Domain;
using Platform.Modules.SkillMasterStudios.Features.Shared;
using Platform.Modules.SkillMasterStudios.Features.Studios;
using Platform.Modules.SkillMasterStudios.Persistence;

namespace Platform.Modules.SkillMasterStudios.Features.Reports;

/// <summary>An apprentice trained in the year (带徒传技).</summary>
/// <param name="IdentityNumber">The apprentice's resident identity number (stored encrypted).</param>
/// <param name="OccupationCode">The occupation; default the studio's.</param>
/// <param name="LevelReached">The skill level certified in the year; omit while still training.</param>
/// <param name="QualifiedOn">The day of the certificate, within the year; required with levelReached.</param>
/// <param name="CertificateNumber">The certificate's number (at most 64 characters).</param>
internal sealed record ApprenticeEntry(string? IdentityNumber, string? OccupationCode, QualificationLevel? LevelReached, DateOnly? QualifiedOn, string? CertificateNumber);

/// <summary>The body of SkillMasterStudios_SubmitAnnualReport: one year's duties.</summary>
/// <param name="Year">The year reported (over, and within the studio's accreditation).</param>
/// <param name="Apprentices">Apprentices trained (at most 500; each person once).</param>
/// <param name="ProblemsSolved">Technical problems solved (技能攻关).</param>
/// <param name="CraftsHandedDown">Crafts and techniques handed down (技艺传承).</param>
/// <param name="Innovations">Innovations (技能推广).</param>
/// <param name="Patents">Patents granted.</param>
/// <param name="TrainingSessions">Training sessions held.</param>
/// <param name="Competitions">Skill competitions organised or entered.</param>
/// <param name="Summary">The year's summary (1–4000 characters).</param>
internal sealed record SubmitReportRequest(
    int Year, IReadOnlyList<ApprenticeEntry>? Apprentices, int ProblemsSolved, int CraftsHandedDown, int Innovations, int Patents, int TrainingSessions,
    int Competitions, string? Summary);

/// <summary>The body of SkillMasterStudios_AssessAnnualReport.</summary>
/// <param name="Score">0–100, at most one decimal; the grade follows from the rules' thresholds.</param>
/// <param name="Fraud">True when the report was found fraudulent: graded unqualified and the studio revoked.</param>
/// <param name="Comment">The assessment's comment (1–1000 characters).</param>
internal sealed record AssessReportRequest(decimal Score, bool Fraud, string? Comment);

/// <summary>An apprentice in a report.</summary>
/// <param name="IdentityNumber">Always masked.</param>
/// <param name="OccupationCode">The occupation.</param>
/// <param name="LevelReached">The level certified in the year.</param>
/// <param name="QualifiedOn">The certificate's day.</param>
/// <param name="CertificateNumber">The certificate's number.</param>
internal sealed record ApprenticeResponse(string IdentityNumber, string OccupationCode, QualificationLevel? LevelReached, DateOnly? QualifiedOn, string? CertificateNumber);

/// <summary>An annual report and its assessment. The version is the ETag.</summary>
/// <param name="Id">The report.</param>
/// <param name="StudioId">The studio.</param>
/// <param name="Year">The year.</param>
/// <param name="RegionCode">The studio's region.</param>
/// <param name="Level">The studio's level when reported.</param>
/// <param name="ApprenticeCount">Apprentices listed.</param>
/// <param name="QualifiedApprentices">Of which reached a level in the year.</param>
/// <param name="ProblemsSolved">Technical problems solved.</param>
/// <param name="CraftsHandedDown">Crafts handed down.</param>
/// <param name="Innovations">Innovations.</param>
/// <param name="Patents">Patents.</param>
/// <param name="TrainingSessions">Training sessions.</param>
/// <param name="Competitions">Competitions.</param>
/// <param name="Summary">The summary.</param>
/// <param name="Status">Submitted or Assessed.</param>
/// <param name="SubmittedAt">When submitted.</param>
/// <param name="Score">The assessment score.</param>
/// <param name="Grade">Excellent, Qualified or Unqualified.</param>
/// <param name="Fraud">Whether found fraudulent.</param>
/// <param name="AssessmentComment">The assessment's comment.</param>
/// <param name="AssessedAt">When assessed.</param>
/// <param name="Apprentices">The apprentices (identity numbers masked).</param>
/// <param name="Version">The version (ETag).</param>
internal sealed record ReportResponse(
    Guid Id, Guid StudioId, int Year, string RegionCode, StudioLevel Level, int ApprenticeCount, int QualifiedApprentices, int ProblemsSolved,
    int CraftsHandedDown, int Innovations, int Patents, int TrainingSessions, int Competitions, string Summary, ReportStatus Status,
    DateTimeOffset SubmittedAt, decimal? Score, AssessmentGrade? Grade, bool Fraud, string? AssessmentComment, DateTimeOffset? AssessedAt,
    IReadOnlyList<ApprenticeResponse> Apprentices, int Version);

/// <summary>A studio whose report is overdue.</summary>
/// <param name="StudioId">The studio.</param>
/// <param name="Name">Its name.</param>
/// <param name="RegionCode">Its region.</param>
/// <param name="Level">Its level.</param>
/// <param name="HostCode">Its host.</param>
internal sealed record OverdueStudio(Guid StudioId, string Name, string RegionCode, StudioLevel Level, string HostCode);

/// <summary>Studios without a report for the year after its due day.</summary>
/// <param name="Year">The year reported on.</param>
/// <param name="DueOn">The last day to submit (the rules of the region asked about).</param>
/// <param name="Overdue">False before the due day has passed (the list is then empty).</param>
/// <param name="Items">The studios, by id.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
internal sealed record OverduePage(int Year, DateOnly DueOn, bool Overdue, IReadOnlyList<OverdueStudio> Items, string? NextCursor);

/// <summary>The query of SkillMasterStudios_ListOverdueReports.</summary>
/// <param name="RegionCode">The region (within the caller's).</param>
/// <param name="Year">The year reported on (default last year).</param>
/// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
/// <param name="Limit">Page size, 1–500 (default 100).</param>
internal sealed record OverdueQuery(string? RegionCode, int? Year, string? Cursor, int? Limit);

internal sealed class SubmitReportValidator : AbstractValidator<SubmitReportRequest>
{
    public const int MaxApprentices = 500;

    public SubmitReportValidator()
    {
        RuleFor(r => r.Year).InclusiveBetween(ChinaCalendar.FirstDay.Year, ChinaCalendar.LastDay.Year - 1);
        RuleFor(r => r.Apprentices).Must(a => a is null || a.Count <= MaxApprentices)
            .WithMessage(new LocalizedText($"每份报告最多列出 {MaxApprentices} 名学徒。", $"List at most {MaxApprentices} apprentices per report."));
        RuleForEach(r => r.Apprentices).NotNull().ChildRules(a =>
        {
            a.RuleFor(x => x.IdentityNumber).NotEmpty().ValidResidentIdNumber();
            a.RuleFor(x => x.OccupationCode).MaximumLength(20);
            a.RuleFor(x => x.LevelReached).IsInEnum();
            a.RuleFor(x => x.QualifiedOn).NotNull().When(x => x.LevelReached is not null)
                .WithMessage(new LocalizedText("有等级时须给出取证日期。", "Give the certificate's day with the level reached."));
            a.RuleFor(x => x.QualifiedOn).Null().When(x => x.LevelReached is null)
                .WithMessage(new LocalizedText("未取得等级时不能有取证日期。", "No certificate day without a level reached."));
            a.RuleFor(x => x.CertificateNumber).MaximumLength(64);
        });
        RuleForEach(r => r.Apprentices).Must((r, a) => a?.QualifiedOn is not { } day || day.Year == r.Year)
            .WithMessage(new LocalizedText("取证日期须在报告年度内。", "The certificate's day must fall in the year reported."));
        RuleFor(r => r.ProblemsSolved).InclusiveBetween(0, 10000);
        RuleFor(r => r.CraftsHandedDown).InclusiveBetween(0, 10000);
        RuleFor(r => r.Innovations).InclusiveBetween(0, 10000);
        RuleFor(r => r.Patents).InclusiveBetween(0, 10000);
        RuleFor(r => r.TrainingSessions).InclusiveBetween(0, 10000);
        RuleFor(r => r.Competitions).InclusiveBetween(0, 10000);
        RuleFor(r => r.Summary).NotEmpty().MaximumLength(4000);
    }
}

internal sealed class AssessReportValidator : AbstractValidator<AssessReportRequest>
{
    public AssessReportValidator()
    {
        RuleFor(r => r.Score).InclusiveBetween(0m, 100m).PrecisionScale(4, 1, ignoreTrailingZeros: true);
        RuleFor(r => r.Comment).NotEmpty().MaximumLength(1000);
    }
}

internal sealed class OverdueQueryValidator : AbstractValidator<OverdueQuery>
{
    public OverdueQueryValidator(RegionCatalog regions)
    {
        RuleFor(q => q.RegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(q => q.Year).InclusiveBetween(ChinaCalendar.FirstDay.Year, ChinaCalendar.LastDay.Year - 1);
        RuleFor(q => q.Cursor).Must(c => c is null || Guid.TryParse(c, out _))
            .WithMessage(new LocalizedText("游标无效：请使用上一页返回的 nextCursor。", "Not a valid cursor: pass the nextCursor of the previous page."));
        RuleFor(q => q.Limit).InclusiveBetween(1, 500);
    }
}

internal static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/studios/{id:guid}/annual-reports", SubmitAsync)
            .WithName("SkillMasterStudios_SubmitAnnualReport")
            .RequirePermission(StudioPermissions.ReportsSubmit)
            .WithSummary("Submit a studio's report of a year's duties")
            .WithDescription("Once per studio and year (409 studios.report_exists), for a year that is over (422 studios.report_year_not_over) and within the studio's accreditation (422 studios.report_year_outside_term); not for a revoked studio (409 studios.studio_not_active). Apprentices are listed with the level each reached; each person once (422 studios.apprentice_listed_twice).")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        routes.MapGet("/annual-reports/{id:guid}", GetAsync)
            .WithName("SkillMasterStudios_GetAnnualReport")
            .RequirePermission(StudioPermissions.StudiosRead)
            .WithSummary("Get an annual report with its apprentices and assessment")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPost("/annual-reports/{id:guid}/assessment", AssessAsync)
            .WithName("SkillMasterStudios_AssessAnnualReport")
            .RequirePermission(StudioPermissions.ReportsAssess)
            .WithSummary("Assess an annual report")
            .WithDescription("The score gives the grade under the region's rules (excellent, qualified, unqualified). After the configured number of unqualified years in a row (default 2), or for fraud, the studio is revoked in the same transaction (StudioRevoked). Apprentices who reached a level are published as ApprenticeQualified (not for a fraudulent report). Once per report (409 studios.report_already_assessed).")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);

        routes.MapGet("/annual-reports/overdue", OverdueAsync)
            .WithName("SkillMasterStudios_ListOverdueReports")
            .RequirePermission(StudioPermissions.StatisticsRead)
            .WithSummary("Studios whose annual report is overdue")
            .WithDescription("Studios of the region accredited during the year (not revoked) with no report for it, once the rules' due day (default 31 March of the next year) has passed.")
            .ProducesApiProblem(StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<Created<ReportResponse>> SubmitAsync(
        Guid id, SubmitReportRequest request, HttpContext http, SkillMasterStudiosDbContext db, IPersonalDataProtector protector, TimeProvider time, CancellationToken cancellationToken)
    {
        var studio = await StudioAccess.StudioAsync(db, id, cancellationToken);
        var now = time.GetUtcNow();
        var today = ChinaCalendar.DayOf(now);
        if (studio.Status == StudioStatus.Revoked)
        {
            throw StudioProblems.Conflict(StudioProblems.StudioNotActive, "工作室已被撤销，不再提交年度报告。", "The studio was revoked; it no longer reports.");
        }

        if (request.Year >= today.Year)
        {
            throw StudioProblems.Unprocessable(StudioProblems.ReportYearNotOver, $"{request.Year} 年度尚未结束。", $"The year {request.Year} is not over.");
        }

        if (request.Year < studio.AccreditedOn.Year || request.Year > studio.TermEndsOn.Year)
        {
            throw StudioProblems.Unprocessable(
                StudioProblems.ReportYearOutsideTerm,
                $"工作室认定期为 {studio.AccreditedOn:yyyy-MM-dd} 至 {studio.TermEndsOn:yyyy-MM-dd}，不含 {request.Year} 年。",
                $"The studio is accredited from {studio.AccreditedOn:yyyy-MM-dd} to {studio.TermEndsOn:yyyy-MM-dd}, which does not include {request.Year}.");
        }

        var entries = request.Apprentices ?? [];
        var apprentices = new List<Apprentice>(entries.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var person = protector.Protect(PersonalDataKind.ResidentId, ResidentIdNumber.Parse(entry.IdentityNumber!).Value);
            if (!seen.Add(person.BlindIndex))
            {
                throw StudioProblems.Unprocessable(StudioProblems.ApprenticeListedTwice, $"第 {i + 1} 名学徒已在本报告中列出。", $"Apprentice {i + 1} is listed twice in the report.");
            }

            apprentices.Add(new Apprentice
            {
                Id = Guid.CreateVersion7(now),
                StudioId = studio.Id,
                Year = request.Year,
                RegionCode = studio.RegionCode,
                Person = EncryptedPersonalData.From(person),
                OccupationCode = string.IsNullOrWhiteSpace(entry.OccupationCode) ? studio.OccupationCode : entry.OccupationCode.Trim(),
                LevelReached = entry.LevelReached,
                QualifiedOn = entry.QualifiedOn,
                CertificateNumber = entry.CertificateNumber?.Trim(),
            });
        }

        if (await db.AnnualReports.AnyAsync(r => r.StudioId == id && r.Year == request.Year, cancellationToken))
        {
            throw ReportExists(request.Year);
        }

        var report = new AnnualReport
        {
            Id = Guid.CreateVersion7(now),
            StudioId = studio.Id,
            Year = request.Year,
            RegionCode = studio.RegionCode,
            Level = studio.Level,
            Field = studio.Field,
            ApprenticeCount = apprentices.Count,
            QualifiedApprentices = apprentices.Count(a => a.LevelReached is not null),
            ProblemsSolved = request.ProblemsSolved,
            CraftsHandedDown = request.CraftsHandedDown,
            Innovations = request.Innovations,
            Patents = request.Patents,
            TrainingSessions = request.TrainingSessions,
            Competitions = request.Competitions,
            Summary = request.Summary!.Trim(),
            Status = ReportStatus.Submitted,
            SubmittedAt = now,
            SubmittedBy = db.Caller.Subject,
        };
        foreach (var apprentice in apprentices)
        {
            apprentice.ReportId = report.Id;
        }

        db.AnnualReports.Add(report);
        db.Apprentices.AddRange(apprentices);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            throw ReportExists(request.Year);
        }

        EntityTags.Set(http, report);
        return TypedResults.Created($"/api/skill-master-studios/annual-reports/{report.Id}", Present(report, apprentices, protector));
    }

    private static async Task<Ok<ReportResponse>> GetAsync(Guid id, HttpContext http, SkillMasterStudiosDbContext db, IPersonalDataProtector protector, CancellationToken cancellationToken)
    {
        var report = await db.AnnualReports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw StudioProblems.NotFound(StudioProblems.ReportNotFound, "年度报告", "Annual report", id);
        var apprentices = await db.Apprentices.AsNoTracking().Where(a => a.ReportId == id).ToListAsync(cancellationToken);
        EntityTags.Set(http, report);
        return TypedResults.Ok(Present(report, apprentices, protector));
    }

    private static async Task<Ok<ReportResponse>> AssessAsync(
        Guid id, AssessReportRequest request, HttpContext http, SkillMasterStudiosDbContext db, ReferenceData referenceData, IPersonalDataProtector protector,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var report = await StudioAccess.ReportAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, report);
        if (report.Status == ReportStatus.Assessed)
        {
            throw StudioProblems.Conflict(StudioProblems.ReportAlreadyAssessed, "该年度报告已考核。", "The report has already been assessed.");
        }

        var now = time.GetUtcNow();
        var today = ChinaCalendar.DayOf(now);
        var studio = await StudioAccess.StudioAsync(db, report.StudioId, cancellationToken);
        var rules = await referenceData.RulesInForceAsync(studio.RegionCode, today, cancellationToken)
            ?? throw StudioProblems.Unprocessable(StudioProblems.NoProgramRules, $"地区 {studio.RegionCode} 没有生效的工作室管理规则。", $"Region {studio.RegionCode} has no studio rules in force.");
        var earlier = await db.AnnualReports.AsNoTracking()
            .Where(r => r.StudioId == studio.Id && r.Id != report.Id && r.Status == ReportStatus.Assessed && r.Grade != null)
            .Select(r => new { r.Year, r.Grade })
            .ToDictionaryAsync(r => r.Year, r => r.Grade!.Value, cancellationToken);
        var outcome = Assessment.Of(request.Score, request.Fraud, report.Year, earlier, rules);
        report.Status = ReportStatus.Assessed;
        report.Score = request.Score;
        report.Grade = outcome.Grade;
        report.Fraud = request.Fraud;
        report.AssessmentComment = request.Comment!.Trim();
        report.AssessedAt = now;
        report.AssessedBy = db.Caller.Subject;
        var grades = new Dictionary<int, AssessmentGrade>(earlier) { [report.Year] = outcome.Grade };
        studio.ConsecutiveUnqualified = Assessment.RunEndingAt(grades, grades.Keys.Max());
        studio.UpdatedAt = now;

        if (outcome.Revoke && studio.Status == StudioStatus.Active)
        {
            var (cause, reason) = request.Fraud
                ? ("Fraud", $"{report.Year} 年度报告弄虚作假 / fraudulent report for {report.Year}")
                : ("UnqualifiedYears", $"连续 {outcome.ConsecutiveUnqualified} 年考核不合格 / unqualified {outcome.ConsecutiveUnqualified} years in a row");
            StudioEndpoints.Revoke(db, studio, cause, reason, db.Caller.Subject, now);
        }

        var apprentices = await db.Apprentices.AsNoTracking().Where(a => a.ReportId == id).ToListAsync(cancellationToken);
        if (!request.Fraud)
        {
            foreach (var apprentice in apprentices.Where(a => a.LevelReached is not null))
            {
                db.Publish(new ApprenticeQualified(
                    studio.Id, report.Id, apprentice.Person.BlindIndex, apprentice.OccupationCode, apprentice.LevelReached!.Value.ToString(), studio.RegionCode,
                    report.Year, apprentice.QualifiedOn!.Value));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(http, report);
        return TypedResults.Ok(Present(report, apprentices, protector));
    }

    private static async Task<Ok<OverduePage>> OverdueAsync(
        [Microsoft.AspNetCore.Http.AsParameters] OverdueQuery query, SkillMasterStudiosDbContext db, ReferenceData referenceData, TimeProvider time, CancellationToken cancellationToken)
    {
        StudioAccess.RequireRegion(db.Caller, query.RegionCode!);
        var today = ChinaCalendar.Today(time);
        var year = query.Year ?? today.Year - 1;
        var rules = await referenceData.RulesInForceAsync(query.RegionCode!, today, cancellationToken)
            ?? throw StudioProblems.Unprocessable(StudioProblems.NoProgramRules, $"地区 {query.RegionCode} 没有生效的工作室管理规则。", $"Region {query.RegionCode} has no studio rules in force.");
        var dueOn = rules.ReportDueOn(year);
        if (today <= dueOn)
        {
            return TypedResults.Ok(new OverduePage(year, dueOn, false, [], null));
        }

        var take = query.Limit ?? 100;
        var overdue = OverdueStudios(db.Studios.AsNoTracking(), db.AnnualReports, query.RegionCode!, year);
        if (query.Cursor is not null && Guid.TryParse(query.Cursor, out var after))
        {
            overdue = overdue.Where(s => s.Id.CompareTo(after) > 0);
        }

        var rows = await overdue.OrderBy(s => s.Id).Take(take + 1)
            .Select(s => new OverdueStudio(s.Id, s.Name, s.RegionCode, s.Level, s.HostCode))
            .ToListAsync(cancellationToken);
        var next = rows.Count > take ? rows[take - 1].StudioId.ToString() : null;
        return TypedResults.Ok(new OverduePage(year, dueOn, true, rows.Take(take).ToArray(), next));
    }

    /// <summary>Studios of the region accredited during <paramref name="year"/>, not revoked, without a report for it.</summary>
    internal static IQueryable<Studio> OverdueStudios(IQueryable<Studio> studios, IQueryable<AnnualReport> reports, string regionCode, int year)
    {
        var (low, high) = RegionCode.Range(regionCode);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        return studios.Where(s => s.Status != StudioStatus.Revoked
            && s.RegionCode.CompareTo(low) >= 0 && s.RegionCode.CompareTo(high) < 0
            && s.AccreditedOn <= last && s.TermEndsOn >= first
            && !reports.Any(r => r.StudioId == s.Id && r.Year == year));
    }

    private static ReportResponse Present(AnnualReport r, IReadOnlyList<Apprentice> apprentices, IPersonalDataProtector protector) => new(
        r.Id, r.StudioId, r.Year, r.RegionCode, r.Level, r.ApprenticeCount, r.QualifiedApprentices, r.ProblemsSolved, r.CraftsHandedDown, r.Innovations,
        r.Patents, r.TrainingSessions, r.Competitions, r.Summary, r.Status, r.SubmittedAt, r.Score, r.Grade, r.Fraud, r.AssessmentComment, r.AssessedAt,
        apprentices.Select(a => new ApprenticeResponse(
            PersonalDataMasking.MaskResidentId(protector.Decrypt(PersonalDataKind.ResidentId, a.Person.Ciphertext)), a.OccupationCode, a.LevelReached, a.QualifiedOn, a.CertificateNumber)).ToArray(),
        r.Version);

    private static DomainException ReportExists(int year) =>
        StudioProblems.Conflict(StudioProblems.ReportExists, $"工作室已提交 {year} 年度报告。", $"The studio has already reported on {year}.");
}
