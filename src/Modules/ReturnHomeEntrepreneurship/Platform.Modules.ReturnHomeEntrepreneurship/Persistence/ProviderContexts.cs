using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Platform.BuildingBlocks.Persistence;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Persistence;

// One derived context per provider carries that provider's migrations (Persistence/Migrations/<Provider>).

internal sealed class ReturnHomeEntrepreneurshipDbContextSqlite(DbContextOptions<ReturnHomeEntrepreneurshipDbContextSqlite> options) : ReturnHomeEntrepreneurshipDbContext(options);

internal sealed class ReturnHomeEntrepreneurshipDbContextPostgreSql(DbContextOptions<ReturnHomeEntrepreneurshipDbContextPostgreSql> options) : ReturnHomeEntrepreneurshipDbContext(options);

internal sealed class ReturnHomeEntrepreneurshipDbContextSqlServer(DbContextOptions<ReturnHomeEntrepreneurshipDbContextSqlServer> options) : ReturnHomeEntrepreneurshipDbContext(options);

internal sealed class ReturnHomeEntrepreneurshipSqliteDesignFactory : IDesignTimeDbContextFactory<ReturnHomeEntrepreneurshipDbContextSqlite>
{
    public ReturnHomeEntrepreneurshipDbContextSqlite CreateDbContext(string[] args) => DesignTimeContextFactory.Create<ReturnHomeEntrepreneurshipDbContextSqlite>(DatabaseProvider.Sqlite, ReturnHomeEntrepreneurshipDbContext.Module);
}

internal sealed class ReturnHomeEntrepreneurshipPostgreSqlDesignFactory : IDesignTimeDbContextFactory<ReturnHomeEntrepreneurshipDbContextPostgreSql>
{
    public ReturnHomeEntrepreneurshipDbContextPostgreSql CreateDbContext(string[] args) => DesignTimeContextFactory.Create<ReturnHomeEntrepreneurshipDbContextPostgreSql>(DatabaseProvider.PostgreSql, ReturnHomeEntrepreneurshipDbContext.Module);
}

internal sealed class ReturnHomeEntrepreneurshipSqlServerDesignFactory : IDesignTimeDbContextFactory<ReturnHomeEntrepreneurshipDbContextSqlServer>
{
    public ReturnHomeEntrepreneurshipDbContextSqlServer CreateDbContext(string[] args) => DesignTimeContextFactory.Create<ReturnHomeEntrepreneurshipDbContextSqlServer>(DatabaseProvider.SqlServer, ReturnHomeEntrepreneurshipDbContext.Module);
}
