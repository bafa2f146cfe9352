using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Platform.BuildingBlocks.Persistence;

namespace Platform.Modules.Insights.Persistence;

// One derived context per provider carries that provider's migrations (Persistence/Migrations/<Provider>).

internal sealed class InsightsDbContextSqlite(DbContextOptions<InsightsDbContextSqlite> options) : InsightsDbContext(options);

internal sealed class InsightsDbContextPostgreSql(DbContextOptions<InsightsDbContextPostgreSql> options) : InsightsDbContext(options);

internal sealed class InsightsDbContextSqlServer(DbContextOptions<InsightsDbContextSqlServer> options) : InsightsDbContext(options);

internal sealed class InsightsSqliteDesignFactory : IDesignTimeDbContextFactory<InsightsDbContextSqlite>
{
    public InsightsDbContextSqlite CreateDbContext(string[] args) => DesignTimeContextFactory.Create<InsightsDbContextSqlite>(DatabaseProvider.Sqlite, InsightsDbContext.Module);
}

internal sealed class InsightsPostgreSqlDesignFactory : IDesignTimeDbContextFactory<InsightsDbContextPostgreSql>
{
    public InsightsDbContextPostgreSql CreateDbContext(string[] args) => DesignTimeContextFactory.Create<InsightsDbContextPostgreSql>(DatabaseProvider.PostgreSql, InsightsDbContext.Module);
}

internal sealed class InsightsSqlServerDesignFactory : IDesignTimeDbContextFactory<InsightsDbContextSqlServer>
{
    public InsightsDbContextSqlServer CreateDbContext(string[] args) => DesignTimeContextFactory.Create<InsightsDbContextSqlServer>(DatabaseProvider.SqlServer, InsightsDbContext.Module);
}
