using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Contracts;
using Platform.BuildingBlocks.Messaging;

namespace Platform.BuildingBlocks.Persistence;

/// <summary>
/// Base of every module's context: its own schema (PostgreSQL, SQL Server) or file (SQLite), its own
/// outbox and inbox, and events published in the same <c>SaveChanges</c> as the state they announce.
/// </summary>
public abstract class ModuleDbContext : DbContext
{
    private readonly List<IntegrationEvent> pendingEvents = [];

    protected ModuleDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>The owning module's name, as in the host's module list.</summary>
    public abstract string ModuleName { get; }

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<OutboxDelivery> OutboxDeliveries => Set<OutboxDelivery>();

    public DbSet<InboxRecord> InboxRecords => Set<InboxRecord>();

    /// <summary>Queues an integration event; it is written to the outbox by the next <c>SaveChanges</c>.</summary>
    public void Publish(IntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        pendingEvents.Add(integrationEvent);
    }

    internal IReadOnlyList<IntegrationEvent> TakePendingEvents()
    {
        if (pendingEvents.Count == 0)
        {
            return [];
        }

        var taken = pendingEvents.ToArray();
        pendingEvents.Clear();
        return taken;
    }

    internal bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        if (!IsSqlite)
        {
            modelBuilder.HasDefaultSchema(ModuleDatabase.SchemaNameFor(ModuleName));
        }

        OutboxModel.Configure(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (IsSqlite)
        {
            // SQLite cannot compare or order DateTimeOffset values; store UTC ticks instead.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        }
    }
}
