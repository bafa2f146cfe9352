using FluentValidation;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.Paging;
using Platform.BuildingBlocks.Time;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Features.Loans;

internal sealed class ApplyForLoanValidator : AbstractValidator<ApplyForLoanRequest>
{
    public ApplyForLoanValidator()
    {
        RuleFor(r => r.Kind).NotNull().IsInEnum();
        RuleFor(r => r.EntrepreneurId).NotEmpty();
        RuleFor(r => r.PartnerIds).Cascade(CascadeMode.Stop).NotEmpty().Must(p => p!.Count <= 9 && p.Distinct().Count() == p.Count)
            .WithMessage(new LocalizedText("合伙人 1–9 人，不能重复。", "1–9 partners, each once."))
            .When(r => r.Kind == LoanKind.Partnership);
        RuleFor(r => r.PartnerIds).Must(p => p is null || p.Count == 0)
            .WithMessage(new LocalizedText("仅合伙创业贷款填写合伙人。", "Partners only for a partnership loan."))
            .When(r => r.Kind != LoanKind.Partnership);
        RuleFor(r => r.PartnerIds).Must((r, p) => p is null || !p.Contains(r.EntrepreneurId!.Value))
            .WithMessage(new LocalizedText("借款人不能同时是合伙人。", "The borrower cannot also be a partner."))
            .When(r => r.EntrepreneurId is not null);
        RuleFor(r => r.BusinessId).NotEmpty().When(r => r.Kind == LoanKind.Enterprise);
        RuleFor(r => r.Amount).NotNull().InclusiveBetween(1_000m, 100_000_000m).PrecisionScale(12, 2, true);
        RuleFor(r => r.TermMonths).NotNull().InclusiveBetween(1, 120);
        RuleFor(r => r.Method).NotNull().IsInEnum();
        RuleFor(r => r.BankCode).NotEmpty().ValidCreditCode();
        RuleFor(r => r.BankName).NotEmpty().MaximumLength(200);
        RuleFor(r => r.GuaranteeFundCode).NotEmpty().ValidCreditCode();
        RuleFor(r => r.Purpose).NotEmpty().MaximumLength(500);
    }
}

internal sealed class GuaranteeDecisionValidator : AbstractValidator<GuaranteeDecisionRequest>
{
    public GuaranteeDecisionValidator()
    {
        RuleFor(r => r.Approve).NotNull();
        RuleFor(r => r.ContractNumber).NotEmpty().When(r => r.Approve == true);
        RuleFor(r => r.ContractNumber).MaximumLength(64);
        RuleFor(r => r.Note).NotEmpty().When(r => r.Approve == false);
        RuleFor(r => r.Note).MaximumLength(500);
    }
}

internal sealed class BankDecisionValidator : AbstractValidator<BankDecisionRequest>
{
    public BankDecisionValidator()
    {
        RuleFor(r => r.Approve).NotNull();
        When(r => r.Approve == true, () =>
        {
            RuleFor(r => r.Amount).NotNull().InclusiveBetween(1_000m, 100_000_000m).PrecisionScale(12, 2, true);
            RuleFor(r => r.TermMonths).NotNull().InclusiveBetween(1, 120);
            RuleFor(r => r.ContractRatePercent).NotNull().InclusiveBetween(0.01m, 24m).PrecisionScale(7, 4, true);
            RuleFor(r => r.ContractNumber).NotEmpty();
        });
        RuleFor(r => r.ContractNumber).MaximumLength(64);
        RuleFor(r => r.Note).NotEmpty().When(r => r.Approve == false);
        RuleFor(r => r.Note).MaximumLength(500);
    }
}

internal sealed class DisburseValidator : AbstractValidator<DisburseRequest>
{
    public DisburseValidator() => RuleFor(r => r.DisbursedOn).NotNull().InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
}

internal sealed class RepaymentValidator : AbstractValidator<RepaymentRequest>
{
    public RepaymentValidator()
    {
        RuleFor(r => r.PaidOn).NotNull().InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
        RuleFor(r => r.Principal).NotNull().InclusiveBetween(0m, 100_000_000m).PrecisionScale(12, 2, true);
        RuleFor(r => r.Interest).NotNull().InclusiveBetween(0m, 100_000_000m).PrecisionScale(12, 2, true);
        RuleFor(r => r).Must(r => r.Principal > 0m || r.Interest > 0m).WithName("principal")
            .WithMessage(new LocalizedText("本金和利息不能都为 0。", "Principal and interest cannot both be 0."))
            .When(r => r.Principal is not null && r.Interest is not null);
        RuleFor(r => r.Reference).NotEmpty().MaximumLength(64);
    }
}

internal sealed class DefaultValidator : AbstractValidator<DefaultRequest>
{
    public DefaultValidator()
    {
        RuleFor(r => r.DeclaredOn).NotNull().InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
        RuleFor(r => r.Note).NotEmpty().MaximumLength(500);
    }
}

internal sealed class CompensationValidator : AbstractValidator<CompensationRequest>
{
    public CompensationValidator()
    {
        RuleFor(r => r.PaidOn).NotNull().InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
        RuleFor(r => r.Reference).NotEmpty().MaximumLength(64);
    }
}

internal sealed class WithdrawLoanValidator : AbstractValidator<WithdrawLoanRequest>
{
    public WithdrawLoanValidator() => RuleFor(r => r.Note).NotEmpty().MaximumLength(500);
}

internal sealed class SearchLoansValidator : AbstractValidator<SearchLoansRequest>
{
    public SearchLoansValidator(RegionCatalog regions)
    {
        RuleFor(r => r.RegionCode).KnownRegion(regions).When(r => r.RegionCode is not null);
        RuleFor(r => r.Status).IsInEnum();
        RuleFor(r => r.BankCode).ValidCreditCode().When(r => r.BankCode is not null);
        RuleFor(r => r.Cursor).Must(c => c is null || InstantCursor.TryDecode(c, out _))
            .WithMessage(new LocalizedText("游标无效：请使用上一页返回的 nextCursor。", "Not a valid cursor: pass the nextCursor of the previous page."));
        RuleFor(r => r.Limit).InclusiveBetween(1, 200);
    }
}
