using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.BuildingBlocks.Persistence;

namespace Platform.IntegrationTests.Scoping;

/// <summary>
/// The probe module ships real migrations, as a module must: one set per provider, each matching the
/// model, so the hosts that apply them test the schema a module would deploy.
/// </summary>
public sealed class ScopeProbeMigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void The_probe_model_matches_its_migrations_on(DatabaseProvider provider)
    {
        using ScopeProbeDbContext context = provider switch
        {
            DatabaseProvider.Sqlite => Create<ScopeProbeSqliteDesignFactory, ScopeProbeDbContextSqlite>(),
            DatabaseProvider.PostgreSql => Create<ScopeProbePostgreSqlDesignFactory, ScopeProbeDbContextPostgreSql>(),
            _ => Create<ScopeProbeSqlServerDesignFactory, ScopeProbeDbContextSqlServer>(),
        };

        var migrations = context.Database.GetMigrations().ToArray();

        Assert.Single(migrations, m => m.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.All(migrations, m => Assert.Equal(provider.ToString(), MigrationProvider(context, m)));
        Assert.False(context.Database.HasPendingModelChanges(), $"The probe model changed without a {provider} migration.");
    }

    private static TContext Create<TFactory, TContext>()
        where TFactory : IDesignTimeDbContextFactory<TContext>, new()
        where TContext : DbContext =>
        new TFactory().CreateDbContext([]);

    /// <summary>The provider folder (and so namespace) a migration of the context was generated into.</summary>
    private static string MigrationProvider(DbContext context, string migrationId)
    {
        var migrations = context.GetService<IMigrationsAssembly>().Migrations;
        return migrations[migrationId].Namespace!.Split('.')[^1];
    }
}
