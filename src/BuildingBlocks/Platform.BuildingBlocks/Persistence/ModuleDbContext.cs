using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Contracts;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;

namespace Platform.BuildingBlocks.Persistence;

/// <summary>
/// Base of every module's context: its own schema (PostgreSQL, SQL Server) or file (SQLite), its own
/// outbox and inbox, events published in the same <c>SaveChanges</c> as the state they announce, and
/// region scoping of every <see cref="IRegionScoped"/> entity: queries see only the caller's region,
/// writes outside it are refused.
/// </summary>
public abstract class ModuleDbContext : DbContext
{
    private const string NoRegion = "~";
    private readonly List<IntegrationEvent> pendingEvents = [];

    protected ModuleDbContext(DbContextOptions options)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var services = options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        Caller = services?.GetService<CallerAccessor>()?.Current ?? Caller.System;

        // Read by the query filters; EF parameterises it per context instance.
        RegionPrefix = Caller.Scope.IsUnrestricted ? "" : Caller.Scope.Prefix ?? NoRegion;
    }

    /// <summary>Who this unit of work acts for; the platform itself outside a request.</summary>
    public Caller Caller { get; }

    private readonly HashSet<IRegionScoped> handedOver = new(ReferenceEqualityComparer.Instance);

    /// <summary>The prefix region-scoped rows must start with; empty when unrestricted.</summary>
    protected internal string RegionPrefix { get; }

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

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        if (!IsSqlite)
        {
            modelBuilder.HasDefaultSchema(ModuleDatabase.SchemaNameFor(ModuleName));
        }

        ConfigureModel(modelBuilder);
        OutboxModel.Configure(modelBuilder);
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.BaseType is null).ToArray())
        {
            if (typeof(IRegionScoped).IsAssignableFrom(entity.ClrType))
            {
                modelBuilder.Entity(entity.ClrType).HasQueryFilter(RegionFilter(entity.ClrType));

                // UPDATE and DELETE also match the stored region, so a record attached without being
                // read through the filter cannot be changed or deleted outside the caller's region.
                modelBuilder.Entity(entity.ClrType).Property(nameof(IRegionScoped.RegionCode)).IsConcurrencyToken();
                if (typeof(IServedRegionScoped).IsAssignableFrom(entity.ClrType))
                {
                    modelBuilder.Entity(entity.ClrType).Property(nameof(IServedRegionScoped.ServingRegionCode)).IsConcurrencyToken();
                }
            }

            if (typeof(IVersioned).IsAssignableFrom(entity.ClrType))
            {
                modelBuilder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
            }
        }
    }

    /// <summary>
    /// Lets the next save move <paramref name="record"/> out of the caller's region (its new region code
    /// already set) on the caller's authority over the region it was in: the one way a record leaves for
    /// a region outside the caller's (a transfer, with the sending region's consent). Taking a record in
    /// from outside stays refused, and after the save the caller no longer sees the record.
    /// </summary>
    public void AllowHandOver(IRegionScoped record)
    {
        ArgumentNullException.ThrowIfNull(record);
        handedOver.Add(record);
    }

    /// <summary>The module's own entities.</summary>
    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        EnforceRegionScope();
        RaiseVersions();
        var gate = WriteGate();
        gate?.Wait();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            gate?.Release();
        }
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        EnforceRegionScope();
        RaiseVersions();
        return WriteAsync(token => base.SaveChangesAsync(acceptAllChangesOnSuccess, token), cancellationToken);
    }

    /// <summary>
    /// Runs a write that does not go through <c>SaveChanges</c> (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>).
    /// On SQLite, writes of one process to one database file take turns (<see cref="SqliteWriteGate"/>);
    /// on server databases this just runs the write.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var gate = WriteGate();
        if (gate is null)
        {
            return await write(cancellationToken);
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            return await write(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The file's gate on SQLite outside an explicit transaction (which holds the file's lock itself); null otherwise.</summary>
    private SemaphoreSlim? WriteGate() =>
        IsSqlite && Database.CurrentTransaction is null ? SqliteWriteGate.For(Database.GetConnectionString() ?? ModuleName) : null;

    /// <summary>Every changed versioned record moves to the next version; the original is the concurrency check.</summary>
    private void RaiseVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version = (int)entry.Property(nameof(IVersioned.Version)).OriginalValue! + 1;
            }
            else if (entry.State == EntityState.Added && entry.Entity.Version == 0)
            {
                entry.Entity.Version = 1;
            }
        }
    }

    /// <summary>Refuses to add, change or delete a record outside the caller's region, or to move one out of it.</summary>
    private void EnforceRegionScope()
    {
        if (Caller.Scope.IsUnrestricted)
        {
            return;
        }

        foreach (var entry in ChangeTracker.Entries<IRegionScoped>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var current = entry.Entity.RegionCode;
            var original = entry.State == EntityState.Added ? current : entry.Property(nameof(IRegionScoped.RegionCode)).OriginalValue as string;
            if (!MayWrite(entry, current, original))
            {
                throw new DomainException(403, RegionForbiddenCode, ProblemTexts.RecordOutsideRegion(current, Caller.Scope.Code));
            }
        }
    }

    private bool MayWrite(EntityEntry<IRegionScoped> entry, string current, string? original)
    {
        var scope = Caller.Scope;
        if (scope.Covers(current) && scope.Covers(original))
        {
            return true;
        }

        if (handedOver.Contains(entry.Entity) && scope.Covers(original))
        {
            // An explicit hand-over by the region that held the record (a veteran resettling in another
            // province): the sender may let it go; nobody may take a record in.
            return true;
        }

        if (entry.Entity is not IServedRegionScoped served || !string.Equals(current, original, StringComparison.Ordinal))
        {
            // Only the home region's callers move a record to another home region.
            return false;
        }

        // The serving side: it must cover the serving region after the change, and either covered it
        // before or the record was not yet served anywhere (taken into service now).
        var servingNow = served.ServingRegionCode;
        var servingBefore = entry.State == EntityState.Added
            ? servingNow
            : entry.Property(nameof(IServedRegionScoped.ServingRegionCode)).OriginalValue as string;
        return scope.Covers(servingNow) && (servingBefore is null || scope.Covers(servingBefore));
    }

    public const string RegionForbiddenCode = "auth.region_forbidden";

    private LambdaExpression RegionFilter(Type entityType)
    {
        // e => e.RegionCode.StartsWith(this.RegionPrefix)
        //      [|| (e.ServingRegionCode != null && e.ServingRegionCode.StartsWith(this.RegionPrefix))]
        var entity = Expression.Parameter(entityType, "e");
        var prefix = Expression.Property(Expression.Constant(this), nameof(RegionPrefix));
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        var code = Expression.Property(entity, entityType.GetProperty(nameof(IRegionScoped.RegionCode))!);
        Expression body = Expression.Call(code, startsWith, prefix);
        if (typeof(IServedRegionScoped).IsAssignableFrom(entityType))
        {
            var serving = Expression.Property(entity, entityType.GetProperty(nameof(IServedRegionScoped.ServingRegionCode))!);
            body = Expression.OrElse(
                body,
                Expression.AndAlso(Expression.NotEqual(serving, Expression.Constant(null, typeof(string))), Expression.Call(serving, startsWith, prefix)));
        }

        return Expression.Lambda(body, entity);
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
