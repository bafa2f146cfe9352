using System.Linq.Expressions;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.TrainingVouchers.Features.Shared;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Modules.TrainingVouchers.Features.Enrolment;

/// <summary>The body of TrainingVouchers_Enrol.</summary>
/// <param name="InstitutionCode">The institution's credit code; institution staff may omit it (their own is used).</param>
/// <param name="HolderIdNumber">The holder's identity number, as presented with the voucher.</param>
/// <param name="ScheduledHours">The course's scheduled hours (1–2000).</param>
/// <param name="CourseStartsOn">First day of the course.</param>
/// <param name="CourseEndsOn">Last day of the course.</param>
internal sealed record EnrolRequest(string? InstitutionCode, string? HolderIdNumber, int ScheduledHours, DateOnly? CourseStartsOn, DateOnly? CourseEndsOn);

internal sealed class EnrolValidator : AbstractValidator<EnrolRequest>
{
    public EnrolValidator()
    {
        RuleFor(r => r.InstitutionCode).ValidCreditCode().When(r => r.InstitutionCode is not null);
        RuleFor(r => r.HolderIdNumber).NotEmpty().ValidResidentIdNumber();
        CourseRules.Apply(this, r => r.ScheduledHours, r => r.CourseStartsOn, r => r.CourseEndsOn);
    }
}

/// <summary>The course fields of both enrolment requests.</summary>
internal static class CourseRules
{
    public const int MaxScheduledHours = 2000;

    public static void Apply<T>(AbstractValidator<T> validator, Expression<Func<T, int>> hours, Expression<Func<T, DateOnly?>> startsOn, Expression<Func<T, DateOnly?>> endsOn)
    {
        var starts = startsOn.Compile();
        validator.RuleFor(hours).InclusiveBetween(1, MaxScheduledHours);
        validator.RuleFor(startsOn).NotNull().InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
        validator.RuleFor(endsOn).NotNull().InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay)
            .Must((request, end) => starts(request) is not { } start || end is not { } e || e >= start)
            .WithMessage(new LocalizedText("课程结束日期不能早于开始日期。", "The course cannot end before it starts."));
    }
}

internal static class EnrolVoucher
{
    public static void MapEnrolVoucher(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/vouchers/{id:guid}/enrolment", HandleAsync)
            .WithName("TrainingVouchers_Enrol")
            .RequirePermission(TrainingVoucherPermissions.TrainingRecord)
            .WithSummary("Enrol a voucher holder at a training institution")
            .WithDescription("The holder presents the voucher and their identity number. Refused when the voucher is not unused (409), has expired, the institution is suspended or revoked or not licensed for the occupation and level, or the voucher is of the other province while cross-province recognition is off (422). Honours If-Match.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);

    private static async Task<Ok<VoucherResponse>> HandleAsync(
        Guid id, EnrolRequest request, HttpContext http, TrainingVouchersDbContext db, EnrolmentRules rules, VoucherResults results, CancellationToken cancellationToken)
    {
        var institutionCode = VoucherCallers.ActingInstitution(db.Caller, request.InstitutionCode);
        var institution = await rules.LoadInstitutionAsync(institutionCode, cancellationToken);
        var vouchers = await rules.LoadVouchersAsync([id], cancellationToken);
        var voucher = vouchers.GetValueOrDefault(id);
        if (await rules.CheckAsync(id, voucher, rules.BlindIndexOf(request.HolderIdNumber!), institution, cancellationToken) is { } refusal)
        {
            throw refusal;
        }

        EntityTags.RequireMatch(http, voucher!);
        rules.Enrol(voucher!, institution, new Course(request.ScheduledHours, request.CourseStartsOn!.Value, request.CourseEndsOn!.Value));
        await db.SaveChangesAsync(cancellationToken);
        return await results.OkAsync(http, voucher!, cancellationToken);
    }
}
