using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.TrainingVouchers.Domain;

namespace Platform.Modules.TrainingVouchers.Features.Eligibility;

/// <summary>The body of TrainingVouchers_CheckEligibility.</summary>
/// <param name="IdentityNumber">The applicant's resident identity number (travels in the body, never in a URL).</param>
/// <param name="Groups">The groups the applicant says they belong to.</param>
/// <param name="OccupationCode">The occupation to train in.</param>
/// <param name="Level">The skill level to train for.</param>
/// <param name="RegionCode">The region issuing the voucher (the applicant's county or city).</param>
internal sealed record CheckEligibilityRequest(string? IdentityNumber, IReadOnlyList<TraineeGroup>? Groups, string? OccupationCode, SkillLevel? Level, string? RegionCode);

/// <summary>One rule's verdict.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Passed">Whether the applicant meets it.</param>
/// <param name="Code">The problem code issuing would answer if it failed.</param>
/// <param name="Detail">Why, in the request's language.</param>
internal sealed record RuleResult(EligibilityRule Rule, bool Passed, string Code, string Detail);

/// <summary>Whether the applicant may be issued the voucher, with every rule's verdict.</summary>
/// <param name="Eligible">True when every rule passed.</param>
/// <param name="EvaluatedOn">The day the rules were applied (China Standard Time).</param>
/// <param name="FaceValue">What the voucher would be worth, in yuan; null without a standard in force.</param>
/// <param name="Rules">Every rule, passed or not, in a fixed order.</param>
internal sealed record EligibilityResponse(bool Eligible, DateOnly EvaluatedOn, decimal? FaceValue, IReadOnlyList<RuleResult> Rules);

internal sealed class CheckEligibilityValidator : AbstractValidator<CheckEligibilityRequest>
{
    public CheckEligibilityValidator(RegionCatalog regions)
    {
        RuleFor(r => r.IdentityNumber).NotEmpty().ValidResidentIdNumber();
        RuleFor(r => r.Groups).NotNull().WithMessage(new LocalizedText("请列出申请人所属群体（可为空列表）。", "List the applicant's groups (may be empty)."));
        RuleFor(r => r.OccupationCode).NotEmpty().MaximumLength(20);
        RuleFor(r => r.Level).NotNull().IsInEnum();
        RuleFor(r => r.RegionCode).NotEmpty().KnownRegion(regions);
    }
}

internal static class CheckEligibility
{
    public static void MapCheckEligibility(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/eligibility", HandleAsync)
            .WithName("TrainingVouchers_CheckEligibility")
            .RequirePermission(TrainingVoucherPermissions.VouchersIssue)
            .WithSummary("Check whether a worker may be issued a voucher")
            .WithDescription("Evaluates every rule (occupation offered, standard in the region, working age, eligible group, yearly quota, not already subsidised, no open voucher) and explains each, so an operator can tell the applicant why. Changes nothing.");

    private static async Task<Ok<EligibilityResponse>> HandleAsync(CheckEligibilityRequest request, HolderFactsReader reader, TimeProvider time, CancellationToken cancellationToken)
    {
        var day = ChinaCalendar.Today(time);
        var facts = await reader.ReadAsync(request.IdentityNumber!, TraineeGroupSets.Of(request.Groups!), request.OccupationCode!, request.Level!.Value, request.RegionCode!, day, cancellationToken);
        var verdict = facts.Evaluate();
        var rules = verdict.Outcomes.Select(o => new RuleResult(o.Rule, o.Passed, o.Code, o.Detail.ToString())).ToArray();
        return TypedResults.Ok(new EligibilityResponse(verdict.Eligible, day, verdict.FaceValue, rules));
    }
}
