using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Modules;
using Platform.BuildingBlocks.Security;

namespace Platform.Modules.Platform.Features.DeadLetters;

/// <summary>A delivery that kept failing and waits for an operator.</summary>
/// <param name="DeliveryId">Identifier to replay it with.</param>
/// <param name="Module">The publishing module.</param>
/// <param name="EventId">The event's identifier.</param>
/// <param name="EventName">The event's stable name.</param>
/// <param name="Consumer">The consumer that failed.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="LastError">The last failure, as the consumer reported it.</param>
/// <param name="OccurredAt">When the event happened.</param>
/// <param name="LastAttemptAt">When it was last tried.</param>
internal sealed record DeadLetterResponse(Guid DeliveryId, string Module, Guid EventId, string EventName, string Consumer, int Attempts, string? LastError, DateTimeOffset OccurredAt, DateTimeOffset? LastAttemptAt);

/// <summary>Dead-lettered deliveries, oldest failure first.</summary>
/// <param name="Items">The dead letters.</param>
internal sealed record DeadLetterList(IReadOnlyList<DeadLetterResponse> Items);

internal static class DeadLetterEndpoints
{
    public static void MapDeadLetterEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/outbox/dead-letters", ListAsync)
            .WithName("Platform_ListDeadLetters")
            .RequirePermission(PlatformPermissions.OutboxRead)
            .WithSummary("List dead-lettered event deliveries")
            .WithDescription("Deliveries that failed the configured number of attempts, across the enabled modules or one `module`.");

        routes.MapPost("/outbox/dead-letters/{deliveryId:guid}/replay", ReplayAsync)
            .WithName("Platform_ReplayDeadLetter")
            .RequirePermission(PlatformPermissions.OutboxReplay)
            .WithSummary("Replay a dead-lettered delivery")
            .WithDescription("Puts the delivery back in the queue with a fresh attempt budget. The consumer's inbox still guarantees it is handled once.")
            .ProducesApiProblem(StatusCodes.Status404NotFound);
    }

    /// <param name="module">Only this module's outbox.</param>
    /// <param name="limit">At most this many, 1 to 500 (default 100).</param>
    /// <param name="administration">Outbox administration.</param>
    /// <param name="catalog">The module list.</param>
    /// <param name="cancellationToken">Request abort.</param>
    private static async Task<Results<Ok<DeadLetterList>, ProblemHttpResult>> ListAsync(
        string? module, int? limit, OutboxAdministration administration, ModuleCatalog catalog, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, LocalizedText[]>();
        if (module is not null && !catalog.Enabled.Any(m => string.Equals(m.Name, module, StringComparison.OrdinalIgnoreCase)))
        {
            errors["module"] = [new($"“{module}”不是已启用的模块。", $"'{module}' is not an enabled module.")];
        }

        var take = limit ?? 100;
        if (take is < 1 or > 500)
        {
            errors["limit"] = [new("每页条数须在 1 到 500 之间。", "The page size is between 1 and 500.")];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var letters = await administration.ListDeadLettersAsync(module, take, cancellationToken);
        return TypedResults.Ok(new DeadLetterList(letters
            .Select(d => new DeadLetterResponse(d.DeliveryId, d.Module, d.MessageId, d.EventName, d.Consumer, d.Attempts, d.LastError, d.OccurredAt, d.LastAttemptAt))
            .ToArray()));
    }

    /// <param name="deliveryId">The dead letter's delivery identifier.</param>
    /// <param name="administration">Outbox administration.</param>
    /// <param name="cancellationToken">Request abort.</param>
    private static async Task<Results<Accepted, ProblemHttpResult>> ReplayAsync(Guid deliveryId, OutboxAdministration administration, CancellationToken cancellationToken) =>
        await administration.ReplayAsync(deliveryId, cancellationToken)
            ? TypedResults.Accepted((string?)null)
            : ApiProblems.NotFound("platform.dead_letter_not_found", new LocalizedText($"没有标识为 {deliveryId} 的死信投递。", $"No dead-lettered delivery has the id {deliveryId}."));
}
