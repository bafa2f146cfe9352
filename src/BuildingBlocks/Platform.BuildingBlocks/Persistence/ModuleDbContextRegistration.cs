using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Modules;

namespace Platform.BuildingBlocks.Persistence;

/// <summary>Registers a module's context for the configured provider, with its migrations, health and outbox.</summary>
public static class ModuleDbContextRegistration
{
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    /// <summary>
    /// Registers <typeparamref name="TContext"/> backed by the provider-specific derived context that
    /// carries that provider's migrations.
    /// </summary>
    public static ModuleDatabase AddModuleDbContext<TContext, TSqlite, TPostgreSql, TSqlServer>(this IServiceCollection services, ModuleContext module)
        where TContext : ModuleDbContext
        where TSqlite : TContext
        where TPostgreSql : TContext
        where TSqlServer : TContext
    {
        ArgumentNullException.ThrowIfNull(module);
        var options = module.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = options.ResolveConnectionString(module.Configuration, module.ModuleName, module.Environment.ContentRootPath);
        var schema = ModuleDatabase.SchemaNameFor(module.ModuleName);
        var concrete = options.Provider switch
        {
            DatabaseProvider.Sqlite => Register<TContext, TSqlite>(services, options, connectionString, schema),
            DatabaseProvider.PostgreSql => Register<TContext, TPostgreSql>(services, options, connectionString, schema),
            DatabaseProvider.SqlServer => Register<TContext, TSqlServer>(services, options, connectionString, schema),
            _ => throw new InvalidOperationException($"Unknown database provider '{options.Provider}'."),
        };

        var database = new ModuleDatabase(module.ModuleName, concrete, options.Provider, schema, connectionString);
        services.AddSingleton(database);
        services.AddPlatformMessaging();
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            $"database:{module.ModuleName}",
            sp => new ModuleDatabaseHealthCheck(sp, database),
            HealthStatus.Unhealthy,
            ["ready"]));
        return database;
    }

    /// <summary>Applies the provider and the module's schema and history table to an options builder.</summary>
    public static DbContextOptionsBuilder UseModuleProvider(this DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString, string schema)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // One method per provider: the JIT then loads only the configured provider's assemblies.
        return provider switch
        {
            DatabaseProvider.Sqlite => UseSqlite(builder, connectionString),
            DatabaseProvider.PostgreSql => UsePostgreSql(builder, connectionString, schema),
            DatabaseProvider.SqlServer => UseSqlServer(builder, connectionString, schema),
            _ => throw new InvalidOperationException($"Unknown database provider '{provider}'."),
        };
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable(MigrationsHistoryTable));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DbContextOptionsBuilder UsePostgreSql(DbContextOptionsBuilder builder, string connectionString, string schema) =>
        builder.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(MigrationsHistoryTable, schema));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DbContextOptionsBuilder UseSqlServer(DbContextOptionsBuilder builder, string connectionString, string schema) =>
        builder.UseSqlServer(connectionString, o => o.MigrationsHistoryTable(MigrationsHistoryTable, schema));

    private static Type Register<TContext, TConcrete>(IServiceCollection services, DatabaseOptions options, string connectionString, string schema)
        where TContext : ModuleDbContext
        where TConcrete : TContext
    {
        var provider = options.Provider;
        var sqliteSynchronous = provider == DatabaseProvider.Sqlite && options.SqliteSynchronous != SqliteSynchronous.Full
            ? new SqliteSynchronousInterceptor(options.SqliteSynchronous)
            : null;

        // Options are built once: they depend only on configuration and singletons.
        services.AddDbContext<TConcrete>(
            (sp, builder) =>
            {
                builder
                    .UseModuleProvider(provider, connectionString, schema)
                    .AddInterceptors(sp.GetRequiredService<OutboxSaveChangesInterceptor>());
                if (sqliteSynchronous is not null)
                {
                    builder.AddInterceptors(sqliteSynchronous);
                }
            },
            contextLifetime: ServiceLifetime.Scoped,
            optionsLifetime: ServiceLifetime.Singleton);
        services.AddScoped<TContext>(sp => sp.GetRequiredService<TConcrete>());
        return typeof(TConcrete);
    }
}
