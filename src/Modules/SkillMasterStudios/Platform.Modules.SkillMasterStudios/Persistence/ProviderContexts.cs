using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Platform.BuildingBlocks.Persistence;

namespace Platform.Modules.SkillMasterStudios.Persistence;

// One derived context per provider carries that provider's migrations (Persistence/Migrations/<Provider>).

internal sealed class SkillMasterStudiosDbContextSqlite(DbContextOptions<SkillMasterStudiosDbContextSqlite> options) : SkillMasterStudiosDbContext(options);

internal sealed class SkillMasterStudiosDbContextPostgreSql(DbContextOptions<SkillMasterStudiosDbContextPostgreSql> options) : SkillMasterStudiosDbContext(options);

internal sealed class SkillMasterStudiosDbContextSqlServer(DbContextOptions<SkillMasterStudiosDbContextSqlServer> options) : SkillMasterStudiosDbContext(options);

internal sealed class SkillMasterStudiosSqliteDesignFactory : IDesignTimeDbContextFactory<SkillMasterStudiosDbContextSqlite>
{
    public SkillMasterStudiosDbContextSqlite CreateDbContext(string[] args) => DesignTimeContextFactory.Create<SkillMasterStudiosDbContextSqlite>(DatabaseProvider.Sqlite, SkillMasterStudiosDbContext.Module);
}

internal sealed class SkillMasterStudiosPostgreSqlDesignFactory : IDesignTimeDbContextFactory<SkillMasterStudiosDbContextPostgreSql>
{
    public SkillMasterStudiosDbContextPostgreSql CreateDbContext(string[] args) => DesignTimeContextFactory.Create<SkillMasterStudiosDbContextPostgreSql>(DatabaseProvider.PostgreSql, SkillMasterStudiosDbContext.Module);
}

internal sealed class SkillMasterStudiosSqlServerDesignFactory : IDesignTimeDbContextFactory<SkillMasterStudiosDbContextSqlServer>
{
    public SkillMasterStudiosDbContextSqlServer CreateDbContext(string[] args) => DesignTimeContextFactory.Create<SkillMasterStudiosDbContextSqlServer>(DatabaseProvider.SqlServer, SkillMasterStudiosDbContext.Module);
}
