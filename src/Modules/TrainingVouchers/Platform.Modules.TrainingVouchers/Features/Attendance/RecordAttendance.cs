using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Features.Shared;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Modules.TrainingVouchers.Features.Attendance;

/// <summary>One supervised session.</summary>
/// <param name="StartsAt">When the session started (an instant with offset).</param>
/// <param name="Minutes">How long the holder attended, 1–720 minutes.</param>
/// <param name="Method">How presence was verified.</param>
internal sealed record SessionInput(DateTimeOffset StartsAt, int Minutes, AttendanceMethod Method);

/// <summary>The body of TrainingVouchers_RecordAttendance: a batch of sessions of one holder.</summary>
/// <param name="Sessions">1–200 sessions.</param>
internal sealed record RecordAttendanceRequest(IReadOnlyList<SessionInput>? Sessions);

internal sealed class RecordAttendanceValidator : AbstractValidator<RecordAttendanceRequest>
{
    public RecordAttendanceValidator()
    {
        RuleFor(r => r.Sessions).NotEmpty()
            .Must(s => s is null || s.Count <= RecordAttendance.MaxSessions)
            .WithMessage(new LocalizedText($"每批最多 {RecordAttendance.MaxSessions} 节课。", $"At most {RecordAttendance.MaxSessions} sessions per batch."));
        RuleForEach(r => r.Sessions).ChildRules(session =>
        {
            session.RuleFor(s => s.Minutes).InclusiveBetween(1, RecordAttendance.MaxMinutes);
            session.RuleFor(s => s.StartsAt).InclusiveBetween(ChinaCalendar.StartOf(ChinaCalendar.FirstDay), ChinaCalendar.StartOf(ChinaCalendar.LastDay));
            session.RuleFor(s => s.Method).IsInEnum();
        });
    }
}

internal static class RecordAttendance
{
    public const int MaxSessions = 200;
    public const int MaxMinutes = 720;
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static void MapRecordAttendance(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/vouchers/{id:guid}/attendance", HandleAsync)
            .WithName("TrainingVouchers_RecordAttendance")
            .RequirePermission(TrainingVoucherPermissions.TrainingRecord)
            .WithSummary("Record supervised attendance sessions")
            .WithDescription("Adds a batch of sessions (time, minutes, verification method) to an enrolled voucher, all or nothing. A session overlapping one of the same holder at another institution is refused (422 vouchers.attendance_overlap) and flagged for a reviewer; sessions outside the course days or in the future are refused (422 vouchers.attendance_outside_course).")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);

    private static async Task<Ok<VoucherResponse>> HandleAsync(
        Guid id, RecordAttendanceRequest request, HttpContext http, TrainingVouchersDbContext db, VoucherResults results, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var voucher = await Vouchers.LoadAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, voucher);
        voucher.Apply(VoucherAction.RecordAttendance);
        var sessions = request.Sessions!
            .Select(s => (Input: s, Start: s.StartsAt.ToUniversalTime(), End: s.StartsAt.ToUniversalTime().AddMinutes(s.Minutes)))
            .OrderBy(s => s.Start)
            .ToArray();

        var errors = new Dictionary<string, LocalizedText[]>(StringComparer.Ordinal);
        for (var i = 0; i < request.Sessions!.Count; i++)
        {
            var input = request.Sessions[i];
            var day = ChinaCalendar.DayOf(input.StartsAt);
            if (day < voucher.CourseStartsOn || day > voucher.CourseEndsOn || input.StartsAt.AddMinutes(input.Minutes) > now + ClockSkew)
            {
                errors[$"sessions[{i}]"] = [new LocalizedText(
                    $"课程时间为 {voucher.CourseStartsOn:yyyy-MM-dd} 至 {voucher.CourseEndsOn:yyyy-MM-dd}，且不能记录未来的课时。",
                    $"The course runs {voucher.CourseStartsOn:yyyy-MM-dd} to {voucher.CourseEndsOn:yyyy-MM-dd}, and sessions cannot end in the future.")];
            }
        }

        if (errors.Count > 0)
        {
            throw new DomainException(StatusCodes.Status422UnprocessableEntity, VoucherProblems.AttendanceOutsideCourse,
                new LocalizedText("部分课时不在课程时间内。", "Some sessions fall outside the course."), errors);
        }

        for (var i = 1; i < sessions.Length; i++)
        {
            if (sessions[i].Start < sessions[i - 1].End)
            {
                throw VoucherProblems.Unprocessable(VoucherProblems.AttendanceOverlap, "本批课时之间存在时间重叠。", "Sessions of this batch overlap each other.");
            }
        }

        var earliest = sessions[0].Start.AddMinutes(-MaxMinutes);
        var latest = sessions[^1].End;
        var blindIndex = voucher.Holder.BlindIndex;

        // The same person in two places at once is checked across every region and institution: the
        // holder's other sessions may be anywhere, so this read looks past the region filter.
        var recorded = await db.AttendanceSessions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.HolderBlindIndex == blindIndex && s.StartsAt >= earliest && s.StartsAt < latest)
            .ToListAsync(cancellationToken);
        var clashes = sessions
            .SelectMany(n => recorded.Where(r => r.StartsAt < n.End && n.Start < r.EndsAt).Select(r => (New: n, Recorded: r)))
            .ToArray();
        if (clashes.Length > 0)
        {
            await FlagAsync(db, voucher, clashes.Where(c => c.Recorded.InstitutionCode != voucher.InstitutionCode).Select(c => (c.New.Start, c.New.End, c.Recorded)), now, cancellationToken);
            var other = clashes.Any(c => c.Recorded.InstitutionCode != voucher.InstitutionCode);
            throw other
                ? VoucherProblems.Unprocessable(VoucherProblems.AttendanceOverlap, "持有人同一时间在另一培训机构有课时记录，已标记待核查。", "The holder has a session at another institution at the same time; flagged for a reviewer.")
                : VoucherProblems.Unprocessable(VoucherProblems.AttendanceOverlap, "与已记录的课时时间重叠（重复记录）。", "Overlaps sessions already recorded (a duplicate).");
        }

        foreach (var (input, start, end) in sessions)
        {
            db.AttendanceSessions.Add(new AttendanceSession
            {
                Id = Guid.CreateVersion7(now),
                VoucherId = voucher.Id,
                HolderBlindIndex = blindIndex,
                InstitutionCode = voucher.InstitutionCode!,
                RegionCode = voucher.RegionCode,
                ServingRegionCode = voucher.ServingRegionCode,
                StartsAt = start,
                EndsAt = end,
                Minutes = input.Minutes,
                Method = input.Method,
                RecordedAt = now,
                RecordedBy = db.Caller.Subject,
            });
            voucher.AttendedMinutes += input.Minutes;
        }

        await db.SaveChangesAsync(cancellationToken);
        return await results.OkAsync(http, voucher, cancellationToken);
    }

    /// <summary>Keeps the suspicion for a reviewer even though the sessions are refused.</summary>
    private static async Task FlagAsync(
        TrainingVouchersDbContext db, Voucher voucher, IEnumerable<(DateTimeOffset Start, DateTimeOffset End, AttendanceSession Recorded)> clashes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var any = false;
        foreach (var (start, end, recorded) in clashes)
        {
            any = true;
            db.FraudFlags.Add(new FraudFlag
            {
                Id = Guid.CreateVersion7(now),
                VoucherId = voucher.Id,
                RegionCode = voucher.RegionCode,
                ServingRegionCode = voucher.ServingRegionCode,
                InstitutionCode = voucher.InstitutionCode!,
                OtherVoucherId = recorded.VoucherId,
                OtherInstitutionCode = recorded.InstitutionCode,
                ReportedStartsAt = start,
                ReportedEndsAt = end,
                FlaggedAt = now,
                ReportedBy = db.Caller.Subject,
            });
        }

        if (any)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
