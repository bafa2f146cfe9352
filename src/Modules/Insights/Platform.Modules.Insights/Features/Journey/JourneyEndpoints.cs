using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Auditing;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.PersonalData;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Insights.Domain;
using Platform.Modules.Insights.Persistence;
using Platform.Modules.ReturnHomeEntrepreneurship.Contracts;
using Platform.Modules.SkillMasterStudios.Contracts;
using Platform.Modules.TrainingVouchers.Contracts;

namespace Platform.Modules.Insights.Features.Journey;

/// <summary>The body of Insights_GetPersonJourney.</summary>
/// <param name="IdentityNumber">The person's resident identity number (looked up through the blind index; never stored here).</param>
/// <param name="Reveal">Show the number unmasked in the answer (needs <c>pii.read</c>; audited). Default: masked.</param>
internal sealed record JourneyRequest(string? IdentityNumber, bool? Reveal);

/// <summary>One step of a person's path.</summary>
/// <param name="Day">The day it counts on.</param>
/// <param name="EventName">The published event.</param>
/// <param name="Module">The module that published it.</param>
/// <param name="LabelZh">What happened, in Chinese.</param>
/// <param name="LabelEn">What happened, in English.</param>
/// <param name="RegionCode">The region it happened in.</param>
/// <param name="Amount">The amount it carries (yuan for vouchers, subsidies and loans), when it carries one.</param>
/// <param name="Details">Its attributes (occupation, level, group, category, business, …).</param>
internal sealed record JourneyStep(DateOnly Day, string EventName, string Module, string LabelZh, string LabelEn, string RegionCode, decimal? Amount, IReadOnlyDictionary<string, string> Details);

/// <summary>A person's path across the programs, oldest first.</summary>
/// <param name="IdentityNumber">Masked unless revealed.</param>
/// <param name="Steps">The events concerning the person within the caller's region.</param>
/// <param name="HiddenOutsideRegion">Events concerning the person outside the caller's region, counted but not shown.</param>
internal sealed record JourneyResponse(string IdentityNumber, IReadOnlyList<JourneyStep> Steps, int HiddenOutsideRegion);

internal sealed class JourneyRequestValidator : AbstractValidator<JourneyRequest>
{
    public JourneyRequestValidator() => RuleFor(r => r.IdentityNumber).NotEmpty().ValidResidentIdNumber();
}

internal static class JourneyEndpoints
{
    private static readonly HashSet<string> WithAmount = new(StringComparer.Ordinal)
    {
        VoucherIssued.Name, SubsidyPaid.Name, StudioAccredited.Name, LoanDisbursed.Name,
    };

    public static void MapJourneyEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/person-journey", GetAsync)
            .WithName("Insights_GetPersonJourney")
            .RequirePermission(InsightsPermissions.JourneyRead)
            .WithSummary("One person's path across the programs, by identity number")
            .WithDescription("Registered as a veteran, voucher issued, training completed, apprentice qualified, business registered, loan disbursed, … in day order, from the events the modules published (matched through the blind index). Every lookup is audited as a personal-data read; the number is masked unless revealed by a caller with pii.read. Events outside the caller's region are counted, not shown. A POST so the number never appears in a URL.");

    private static async Task<Ok<JourneyResponse>> GetAsync(
        JourneyRequest request, HttpContext http, InsightsDbContext db, IPersonalDataProtector protector, CallerAccessor callers, CancellationToken cancellationToken)
    {
        var number = ResidentIdNumber.Parse(request.IdentityNumber!);
        var blindIndex = protector.BlindIndexForLookup(PersonalDataKind.ResidentId, number.Value);
        var events = await db.Events.AsNoTracking().Where(e => e.PersonBlindIndex == blindIndex)
            .OrderBy(e => e.Day).ThenBy(e => e.ReceivedAt).Take(1000).ToListAsync(cancellationToken);
        var scope = db.Caller.Scope;
        var visible = events.Where(e => scope.Covers(e.RegionCode)).ToList();
        var reveal = request.Reveal == true && callers.HasPermission(Permissions.PersonalDataRead);
        var trail = http.RequestServices.GetService<IAuditTrail>();
        await (trail?.RecordAsync(new AuditRecord("pii.read", "insights.person_journey", blindIndex?[..Math.Min(16, blindIndex.Length)], reveal ? "revealed" : "masked"), cancellationToken) ?? Task.CompletedTask);
        var steps = visible.Select(e =>
        {
            (string Zh, string En) label = EventFacts.Labels.TryGetValue(e.EventName, out var known) ? known : (e.EventName, e.EventName);
            return new JourneyStep(
                e.Day, e.EventName, e.EventName[..e.EventName.IndexOf('.', StringComparison.Ordinal)], label.Zh, label.En, e.RegionCode,
                WithAmount.Contains(e.EventName) ? e.Amount : null, EventAttributes.Parse(e.Attributes));
        }).ToArray();
        return TypedResults.Ok(new JourneyResponse(reveal ? number.Value : number.Masked, steps, events.Count - visible.Count));
    }
}
