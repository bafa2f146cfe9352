using FluentValidation;

namespace Platform.Modules.TrainingVouchers.Features.Shared;

/// <summary>The body of a decision that must say why: cancel, revoke, reject a claim.</summary>
/// <param name="Reason">Why (1–500 characters); kept on the record and in the audit trail.</param>
internal sealed record ReasonRequest(string? Reason);

internal sealed class ReasonRequestValidator : AbstractValidator<ReasonRequest>
{
    public const int MaxLength = 500;

    public ReasonRequestValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(MaxLength);
}
