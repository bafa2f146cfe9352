using System.Text.Json;
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
using Platform.Modules.TrainingVouchers.Contracts;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Features.Eligibility;
using Platform.Modules.TrainingVouchers.Features.Shared;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Modules.TrainingVouchers.Features.Issue;

/// <summary>A group the applicant belongs to and the evidence the operator saw.</summary>
/// <param name="Group">The group.</param>
/// <param name="Evidence">What proves it: a document number or a description (at most 500 characters).</param>
internal sealed record GroupClaim(TraineeGroup Group, string? Evidence);

/// <summary>The body of TrainingVouchers_Issue.</summary>
/// <param name="IdentityNumber">The applicant's resident identity number.</param>
/// <param name="Groups">The groups the applicant belongs to, each with its evidence.</param>
/// <param name="OccupationCode">The occupation to train in.</param>
/// <param name="Level">The skill level to train for.</param>
/// <param name="RegionCode">The issuing region; the voucher belongs to it and it pays the subsidy.</param>
internal sealed record IssueVoucherRequest(string? IdentityNumber, IReadOnlyList<GroupClaim>? Groups, string? OccupationCode, SkillLevel? Level, string? RegionCode);

internal sealed class IssueVoucherValidator : AbstractValidator<IssueVoucherRequest>
{
    public IssueVoucherValidator(RegionCatalog regions)
    {
        RuleFor(r => r.IdentityNumber).NotEmpty().ValidResidentIdNumber();
        RuleFor(r => r.Groups).NotEmpty().WithMessage(new LocalizedText("请至少列出一个所属群体及其证明。", "List at least one group with its evidence."));
        RuleForEach(r => r.Groups).ChildRules(claim =>
        {
            claim.RuleFor(c => c.Group).IsInEnum();
            claim.RuleFor(c => c.Evidence).NotEmpty().MaximumLength(500)
                .WithMessage(new LocalizedText("请填写群体身份的证明（500 字以内）。", "Give the evidence of the group (at most 500 characters)."));
        });
        RuleFor(r => r.Groups).Must(g => g is null || g.Select(c => c.Group).Distinct().Count() == g.Count)
            .WithMessage(new LocalizedText("同一群体只能列出一次。", "List each group once."));
        RuleFor(r => r.OccupationCode).NotEmpty().MaximumLength(20);
        RuleFor(r => r.Level).NotNull().IsInEnum();
        RuleFor(r => r.RegionCode).NotEmpty().KnownRegion(regions);
    }
}

internal static class IssueVoucher
{
    public static void MapIssueVoucher(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/vouchers", HandleAsync)
            .WithName("TrainingVouchers_Issue")
            .RequirePermission(TrainingVoucherPermissions.VouchersIssue)
            .WithSummary("Issue an electronic training voucher")
            .WithDescription("Applies the same rules as TrainingVouchers_CheckEligibility and refuses with the first failed rule's code (422, or 409 for an open voucher of the same occupation and level). The face value is the standard in force in the region today. Send an Idempotency-Key to retry safely.")
            .ProducesApiProblem(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

    private static async Task<Created<VoucherResponse>> HandleAsync(
        IssueVoucherRequest request, HttpContext http, TrainingVouchersDbContext db, HolderFactsReader reader, IPersonalDataProtector protector,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var day = ChinaCalendar.DayOf(now);
        var groups = TraineeGroupSets.Of(request.Groups!.Select(g => g.Group));
        var facts = await reader.ReadAsync(request.IdentityNumber!, groups, request.OccupationCode!, request.Level!.Value, request.RegionCode!, day, cancellationToken);
        var verdict = facts.Evaluate();
        if (verdict.Refusal() is { } refusal)
        {
            throw refusal;
        }

        var rules = verdict.Rules!;
        var voucher = new Voucher
        {
            Id = Guid.CreateVersion7(now),
            Holder = EncryptedPersonalData.From(protector.Protect(PersonalDataKind.ResidentId, facts.IdNumber.Value)),
            HolderBirthDate = facts.IdNumber.BirthDate,
            Groups = groups,
            GroupEvidence = JsonSerializer.Serialize(request.Groups!.ToDictionary(g => g.Group.ToString(), g => g.Evidence!.Trim())),
            OccupationCode = request.OccupationCode!,
            Level = request.Level.Value,
            RegionCode = request.RegionCode!,
            FaceValue = verdict.FaceValue!.Value,
            Status = VoucherStatus.Issued,
            IssuedOn = day,
            IssuedAt = now,
            IssuedBy = db.Caller.Subject,
            ExpiresOn = day.AddDays(rules.ValidityDays - 1),
            QuotaSlot = Voucher.QuotaSlotFor(facts.BlindIndex, day.Year, FreeQuotaSlot(facts, rules, day.Year)),
            OpenSlot = Voucher.OpenSlotFor(facts.BlindIndex, request.OccupationCode!, request.Level.Value),
        };
        db.Vouchers.Add(voucher);
        db.Publish(new VoucherIssued(
            voucher.Id, facts.BlindIndex, voucher.OccupationCode, voucher.Level.ToString(), groups.Names(), voucher.RegionCode,
            voucher.FaceValue, voucher.IssuedOn, voucher.ExpiresOn));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // Another voucher for this person was issued between the check and the save: the unique
            // slots settled the race. The caller checks eligibility again to see which rule now refuses.
            throw VoucherProblems.Conflict(
                VoucherProblems.ConcurrentIssue,
                "同一时间为该申请人签发了另一张培训券，请重新检查资格。",
                "Another voucher was issued to this applicant at the same moment; check eligibility again.");
        }

        EntityTags.Set(http, voucher);
        var response = VoucherResponse.From(voucher, facts.IdNumber.Masked);
        return TypedResults.Created($"/api/training-vouchers/vouchers/{voucher.Id}", response);
    }

    /// <summary>The lowest quota slot of the year no counting voucher holds (slots free up when vouchers stop counting).</summary>
    private static int FreeQuotaSlot(HolderFacts facts, ProgramRules rules, int year)
    {
        var taken = facts.Held.Where(v => v.QuotaSlot is not null).Select(v => v.QuotaSlot!).ToHashSet(StringComparer.Ordinal);
        for (var slot = 1; slot <= rules.YearlyQuota; slot++)
        {
            if (!taken.Contains(Voucher.QuotaSlotFor(facts.BlindIndex, year, slot)))
            {
                return slot;
            }
        }

        // Unreachable: the verdict allowed one more, so fewer than the quota's slots are held this year.
        throw new InvalidOperationException("The quota rule passed but every quota slot of the year is held.");
    }
}
