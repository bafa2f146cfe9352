using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Platform.BuildingBlocks.Persistence;

namespace Platform.Modules.VeteranEmployment.Persistence;

// One derived context per provider carries that provider's migrations (Persistence/Migrations/<Provider>).

internal sealed class VeteranEmploymentDbContextSqlite(DbContextOptions<VeteranEmploymentDbContextSqlite> options) : VeteranEmploymentDbContext(options);

internal sealed class VeteranEmploymentDbContextPostgreSql(DbContextOptions<VeteranEmploymentDbContextPostgreSql> options) : VeteranEmploymentDbContext(options);

internal sealed class VeteranEmploymentDbContextSqlServer(DbContextOptions<VeteranEmploymentDbContextSqlServer> options) : VeteranEmploymentDbContext(options);

internal sealed class VeteranEmploymentSqliteDesignFactory : IDesignTimeDbContextFactory<VeteranEmploymentDbContextSqlite>
{
    public VeteranEmploymentDbContextSqlite CreateDbContext(string[] args) => DesignTimeContextFactory.Create<VeteranEmploymentDbContextSqlite>(DatabaseProvider.Sqlite, VeteranEmploymentDbContext.Module);
}

internal sealed class VeteranEmploymentPostgreSqlDesignFactory : IDesignTimeDbContextFactory<VeteranEmploymentDbContextPostgreSql>
{
    public VeteranEmploymentDbContextPostgreSql CreateDbContext(string[] args) => DesignTimeContextFactory.Create<VeteranEmploymentDbContextPostgreSql>(DatabaseProvider.PostgreSql, VeteranEmploymentDbContext.Module);
}

internal sealed class VeteranEmploymentSqlServerDesignFactory : IDesignTimeDbContextFactory<VeteranEmploymentDbContextSqlServer>
{
    public VeteranEmploymentDbContextSqlServer CreateDbContext(string[] args) => DesignTimeContextFactory.Create<VeteranEmploymentDbContextSqlServer>(DatabaseProvider.SqlServer, VeteranEmploymentDbContext.Module);
}
