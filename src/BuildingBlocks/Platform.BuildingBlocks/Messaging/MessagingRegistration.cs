using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.BuildingBlocks.Contracts;
using Platform.BuildingBlocks.Persistence;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>Registers the outbox machinery and the subscriptions of consuming modules.</summary>
public static class MessagingRegistration
{
    public static IServiceCollection AddPlatformMessaging(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<IntegrationEventSubscriptions>();
        services.TryAddSingleton<OutboxSaveChangesInterceptor>();
        services.TryAddSingleton<OutboxAdministration>();
        services.AddOptions<OutboxOptions>();
        return services;
    }

    /// <summary>
    /// Subscribes <typeparamref name="THandler"/> to <typeparamref name="TEvent"/>. Each delivery runs
    /// the handler and records it in <typeparamref name="TConsumerContext"/>'s inbox in one transaction;
    /// an event already recorded there is skipped.
    /// </summary>
    public static IServiceCollection AddIntegrationEventHandler<TEvent, THandler, TConsumerContext>(this IServiceCollection services, string? consumerName = null)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
        where TConsumerContext : ModuleDbContext
    {
        var consumer = consumerName ?? typeof(THandler).FullName ?? typeof(THandler).Name;
        services.AddPlatformMessaging();
        services.AddScoped<THandler>();
        services.AddSingleton(new IntegrationEventSubscription(
            IntegrationEventNames.Of<TEvent>(),
            consumer,
            (provider, messageId, payload, cancellationToken) => HandleOnceAsync<TEvent, THandler, TConsumerContext>(provider, consumer, messageId, payload, cancellationToken)));
        return services;
    }

    /// <summary>
    /// Subscribes a batch handler: the relay hands it up to <see cref="OutboxOptions.ConsumerBatchSize"/>
    /// deliveries at a time, in one transaction with their inbox records; a batch that fails is retried one
    /// delivery at a time, so one bad message does not hold the others back.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="consumerName">The consumer's stable name (its deliveries are recorded under it).</param>
    /// <param name="handlerDeduplicates">
    /// The handler keeps every event it handled under its <see cref="IntegrationEvent.EventId"/> in its own tables, in the
    /// same transaction, and skips one it has already kept (its own inbox). No inbox record is then written or read for this
    /// consumer, which saves a lookup and a row per event when a large backlog is caught up.
    /// </param>
    public static IServiceCollection AddBatchIntegrationEventHandler<TEvent, THandler, TConsumerContext>(this IServiceCollection services, string consumerName, bool handlerDeduplicates = false)
        where TEvent : IntegrationEvent
        where THandler : class, IBatchIntegrationEventHandler<TEvent>
        where TConsumerContext : ModuleDbContext
    {
        services.AddPlatformMessaging();
        services.AddScoped<THandler>();
        services.AddSingleton(new IntegrationEventSubscription(
            IntegrationEventNames.Of<TEvent>(),
            consumerName,
            (provider, messageId, payload, cancellationToken) => handlerDeduplicates
                ? HandleBatchAsync<TEvent, THandler, TConsumerContext>(provider, null, [(messageId, payload)], cancellationToken)
                : HandleOnceAsync<TEvent, THandler, TConsumerContext>(provider, consumerName, messageId, payload, cancellationToken),
            (provider, messages, cancellationToken) => HandleBatchAsync<TEvent, THandler, TConsumerContext>(provider, handlerDeduplicates ? null : consumerName, messages, cancellationToken)));
        return services;
    }

    /// <summary>Handles a batch in one transaction; with an <paramref name="inboxConsumer"/>, through its inbox records.</summary>
    private static async Task HandleBatchAsync<TEvent, THandler, TConsumerContext>(
        IServiceProvider provider, string? inboxConsumer, IReadOnlyList<(Guid MessageId, string Payload)> messages, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent
        where THandler : class, IBatchIntegrationEventHandler<TEvent>
        where TConsumerContext : ModuleDbContext
    {
        var db = provider.GetRequiredService<TConsumerContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var fresh = messages;
            if (inboxConsumer is not null)
            {
                var ids = messages.Select(m => m.MessageId).ToArray();
                var handled = (await db.InboxRecords.AsNoTracking().Where(r => r.Consumer == inboxConsumer && EF.Parameter(ids).Contains(r.MessageId)).Select(r => r.MessageId).ToListAsync(cancellationToken)).ToHashSet();
                fresh = messages.Where(m => handled.Add(m.MessageId)).ToList();
                if (fresh.Count == 0)
                {
                    return;
                }
            }

            await provider.GetRequiredService<THandler>().HandleBatchAsync(fresh.Select(m => IntegrationEventSerializer.Deserialize<TEvent>(m.Payload)).ToList(), cancellationToken);
            if (inboxConsumer is not null)
            {
                var now = provider.GetRequiredService<TimeProvider>().GetUtcNow();
                db.InboxRecords.AddRange(fresh.Select(m => new InboxRecord { MessageId = m.MessageId, Consumer = inboxConsumer, HandledAt = now }));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }

    private static async Task HandleOnceAsync<TEvent, THandler, TConsumerContext>(IServiceProvider provider, string consumer, Guid messageId, string payload, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
        where TConsumerContext : ModuleDbContext
    {
        var db = provider.GetRequiredService<TConsumerContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await db.InboxRecords.AnyAsync(r => r.MessageId == messageId && r.Consumer == consumer, cancellationToken))
            {
                return;
            }

            var integrationEvent = IntegrationEventSerializer.Deserialize<TEvent>(payload);
            await provider.GetRequiredService<THandler>().HandleAsync(integrationEvent, cancellationToken);
            db.InboxRecords.Add(new InboxRecord { MessageId = messageId, Consumer = consumer, HandledAt = provider.GetRequiredService<TimeProvider>().GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }
}
