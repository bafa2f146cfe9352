using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Platform.BuildingBlocks.Persistence;

namespace Platform.Modules.Platform.Persistence;

// One derived context per provider carries that provider's migrations (Persistence/Migrations/<Provider>).

internal sealed class PlatformDbContextSqlite(DbContextOptions<PlatformDbContextSqlite> options) : PlatformDbContext(options);

internal sealed class PlatformDbContextPostgreSql(DbContextOptions<PlatformDbContextPostgreSql> options) : PlatformDbContext(options);

internal sealed class PlatformDbContextSqlServer(DbContextOptions<PlatformDbContextSqlServer> options) : PlatformDbContext(options);

internal sealed class PlatformSqliteDesignFactory : IDesignTimeDbContextFactory<PlatformDbContextSqlite>
{
    public PlatformDbContextSqlite CreateDbContext(string[] args) => DesignTimeContextFactory.Create<PlatformDbContextSqlite>(DatabaseProvider.Sqlite, "Platform");
}

internal sealed class PlatformPostgreSqlDesignFactory : IDesignTimeDbContextFactory<PlatformDbContextPostgreSql>
{
    public PlatformDbContextPostgreSql CreateDbContext(string[] args) => DesignTimeContextFactory.Create<PlatformDbContextPostgreSql>(DatabaseProvider.PostgreSql, "Platform");
}

internal sealed class PlatformSqlServerDesignFactory : IDesignTimeDbContextFactory<PlatformDbContextSqlServer>
{
    public PlatformDbContextSqlServer CreateDbContext(string[] args) => DesignTimeContextFactory.Create<PlatformDbContextSqlServer>(DatabaseProvider.SqlServer, "Platform");
}
