using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.Security;
using Platform.Modules.TrainingVouchers.Features.Shared;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Modules.TrainingVouchers.Features.Enrolment;

/// <summary>One holder of a class: the voucher presented and the holder's identity number.</summary>
/// <param name="VoucherId">The voucher number.</param>
/// <param name="HolderIdNumber">The holder's identity number.</param>
internal sealed record ClassMember(Guid VoucherId, string? HolderIdNumber);

/// <summary>The body of TrainingVouchers_EnrolClass: one course, many holders, all or nothing.</summary>
/// <param name="InstitutionCode">The institution's credit code; institution staff may omit it.</param>
/// <param name="ScheduledHours">The course's scheduled hours (1–2000).</param>
/// <param name="CourseStartsOn">First day of the course.</param>
/// <param name="CourseEndsOn">Last day of the course.</param>
/// <param name="Members">The holders, 1–500, each voucher once.</param>
internal sealed record EnrolClassRequest(string? InstitutionCode, int ScheduledHours, DateOnly? CourseStartsOn, DateOnly? CourseEndsOn, IReadOnlyList<ClassMember>? Members);

/// <summary>The class as enrolled.</summary>
/// <param name="InstitutionCode">The institution.</param>
/// <param name="Enrolled">How many holders were enrolled.</param>
/// <param name="VoucherIds">The vouchers enrolled, in the request's order.</param>
internal sealed record EnrolClassResponse(string InstitutionCode, int Enrolled, IReadOnlyList<Guid> VoucherIds);

internal sealed class EnrolClassValidator : AbstractValidator<EnrolClassRequest>
{
    public EnrolClassValidator()
    {
        RuleFor(r => r.InstitutionCode).ValidCreditCode().When(r => r.InstitutionCode is not null);
        CourseRules.Apply(this, r => r.ScheduledHours, r => r.CourseStartsOn, r => r.CourseEndsOn);
        RuleFor(r => r.Members).NotEmpty()
            .Must(m => m is null || m.Count <= EnrolClass.MaxMembers)
            .WithMessage(new LocalizedText($"一个班级最多 {EnrolClass.MaxMembers} 名学员。", $"A class has at most {EnrolClass.MaxMembers} members."))
            .Must(m => m is null || m.Select(x => x.VoucherId).Distinct().Count() == m.Count)
            .WithMessage(new LocalizedText("同一张培训券在班级中只能出现一次。", "Each voucher appears once in a class."));
        RuleForEach(r => r.Members).ChildRules(member =>
        {
            member.RuleFor(m => m.VoucherId).NotEmpty();
            member.RuleFor(m => m.HolderIdNumber).NotEmpty().ValidResidentIdNumber();
        });
    }
}

internal static class EnrolClass
{
    public const int MaxMembers = 500;
    public const string ClassRefused = "vouchers.class_enrolment_refused";

    public static void MapEnrolClass(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/enrolments/class", HandleAsync)
            .WithName("TrainingVouchers_EnrolClass")
            .RequirePermission(TrainingVoucherPermissions.TrainingRecord)
            .WithSummary("Enrol a class of voucher holders on one course")
            .WithDescription("Checks every member with the rules of TrainingVouchers_Enrol. If any member is refused, nobody is enrolled and the 422 problem lists each refused member under errors[\"members[i]\"] as \"<code>: <reason>\".")
            .ProducesApiProblem(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

    private static async Task<Ok<EnrolClassResponse>> HandleAsync(
        EnrolClassRequest request, TrainingVouchersDbContext db, EnrolmentRules rules, CancellationToken cancellationToken)
    {
        var institutionCode = VoucherCallers.ActingInstitution(db.Caller, request.InstitutionCode);
        var institution = await rules.LoadInstitutionAsync(institutionCode, cancellationToken);
        var members = request.Members!;
        var vouchers = await rules.LoadVouchersAsync(members.Select(m => m.VoucherId).ToArray(), cancellationToken);
        var errors = new Dictionary<string, LocalizedText[]>(StringComparer.Ordinal);
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            var refusal = await rules.CheckAsync(member.VoucherId, vouchers.GetValueOrDefault(member.VoucherId), rules.BlindIndexOf(member.HolderIdNumber!), institution, cancellationToken);
            if (refusal is not null)
            {
                errors[$"members[{i}]"] = [Row(refusal)];
            }
        }

        if (errors.Count > 0)
        {
            throw new DomainException(
                StatusCodes.Status422UnprocessableEntity,
                ClassRefused,
                new LocalizedText($"{errors.Count} 名学员不符合条件，整个班级均未报名。", $"{errors.Count} members were refused; nobody in the class was enrolled."),
                errors);
        }

        var course = new Course(request.ScheduledHours, request.CourseStartsOn!.Value, request.CourseEndsOn!.Value);
        foreach (var member in members)
        {
            rules.Enrol(vouchers[member.VoucherId], institution, course);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new EnrolClassResponse(institution.CreditCode, members.Count, members.Select(m => m.VoucherId).ToArray()));
    }

    private static LocalizedText Row(DomainException refusal) =>
        new($"{refusal.Code}: {refusal.Detail.Chinese}", $"{refusal.Code}: {refusal.Detail.English}");
}
