using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.TrainingVouchers.Contracts;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Features.Shared;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Modules.TrainingVouchers.Features.Completion;

/// <summary>The body of TrainingVouchers_Complete: the assessment result.</summary>
/// <param name="Passed">Whether the holder passed the assessment.</param>
/// <param name="CertificateNumber">The certificate number: required when passed, absent when failed; unique nationwide.</param>
/// <param name="AssessedOn">The day of the assessment: within the course or after it, not in the future.</param>
internal sealed record CompleteRequest(bool? Passed, string? CertificateNumber, DateOnly? AssessedOn);

internal sealed class CompleteValidator : AbstractValidator<CompleteRequest>
{
    public CompleteValidator()
    {
        RuleFor(r => r.Passed).NotNull();
        RuleFor(r => r.AssessedOn).NotNull();
        RuleFor(r => r.CertificateNumber).NotEmpty().MaximumLength(64).When(r => r.Passed == true)
            .WithMessage(new LocalizedText("考核合格须填写证书编号（64 字以内）。", "A pass needs the certificate number (at most 64 characters)."));
        RuleFor(r => r.CertificateNumber).Null().When(r => r.Passed == false)
            .WithMessage(new LocalizedText("考核不合格不应有证书编号。", "A failed assessment has no certificate number."));
    }
}

internal static class CompleteTraining
{
    public static void MapCompleteTraining(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/vouchers/{id:guid}/completion", HandleAsync)
            .WithName("TrainingVouchers_Complete")
            .RequirePermission(TrainingVoucherPermissions.TrainingRecord)
            .WithSummary("Report the assessment result and certificate")
            .WithDescription("Completes an enrolled voucher. Needs the attendance threshold of the region's rules (422 vouchers.attendance_below_threshold); a certificate number already used is refused (409 vouchers.certificate_used). Publishes TrainingCompleted.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);

    private static async Task<Ok<VoucherResponse>> HandleAsync(
        Guid id, CompleteRequest request, HttpContext http, TrainingVouchersDbContext db, ReferenceData referenceData, VoucherResults results, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = ChinaCalendar.Today(time);
        var voucher = await Vouchers.LoadAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, voucher);
        var assessedOn = request.AssessedOn!.Value;
        if (VoucherStateMachine.IsAllowed(voucher.Status, VoucherAction.Complete) && (assessedOn < voucher.CourseStartsOn || assessedOn > today))
        {
            throw Vouchers.FieldError("assessedOn", $"考核日期须在 {voucher.CourseStartsOn:yyyy-MM-dd} 至今天之间。", $"The assessment day must be between {voucher.CourseStartsOn:yyyy-MM-dd} and today.");
        }

        voucher.Apply(VoucherAction.Complete);
        var rules = await referenceData.RulesInForceAsync(voucher.RegionCode, assessedOn, cancellationToken);
        var threshold = rules?.AttendanceThresholdPercent ?? 80m;
        if (voucher.AttendanceRatePercent < threshold)
        {
            throw VoucherProblems.Unprocessable(
                VoucherProblems.AttendanceBelowThreshold,
                $"出勤率 {voucher.AttendanceRatePercent:0.##}% 低于要求的 {threshold:0.##}%（{voucher.AttendedMinutes} 分钟 / {voucher.ScheduledHours} 学时）。",
                $"Attendance is {voucher.AttendanceRatePercent:0.##}%, below the required {threshold:0.##}% ({voucher.AttendedMinutes} minutes of {voucher.ScheduledHours} hours).");
        }

        var certificate = request.Passed == true ? request.CertificateNumber!.Trim() : null;
        if (certificate is not null && await db.Vouchers.IgnoreQueryFilters().AnyAsync(v => v.CertificateNumber == certificate, cancellationToken))
        {
            throw CertificateUsed(certificate);
        }

        voucher.Passed = request.Passed;
        voucher.CertificateNumber = certificate;
        voucher.CompletedOn = assessedOn;
        var occupation = await referenceData.OccupationAsync(voucher.OccupationCode, cancellationToken);
        db.Publish(new TrainingCompleted(
            voucher.Id, voucher.Holder.BlindIndex, voucher.OccupationCode, occupation?.Name ?? voucher.OccupationCode, voucher.Level.ToString(),
            voucher.Passed == true, certificate, voucher.InstitutionCode!, voucher.RegionCode, assessedOn, voucher.Groups.Names()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (certificate is not null && DatabaseErrors.IsUniqueViolation(exception))
        {
            throw CertificateUsed(certificate);
        }

        return await results.OkAsync(http, voucher, cancellationToken);
    }

    private static Platform.BuildingBlocks.Http.DomainException CertificateUsed(string certificate) =>
        VoucherProblems.Conflict(VoucherProblems.CertificateUsed, $"证书编号 {certificate} 已被使用。", $"Certificate number {certificate} is already used.");
}
