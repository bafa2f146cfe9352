using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Platform.BuildingBlocks.Persistence;

namespace Platform.Modules.TrainingVouchers.Persistence;

// One derived context per provider carries that provider's migrations (Persistence/Migrations/<Provider>).

internal sealed class TrainingVouchersDbContextSqlite(DbContextOptions<TrainingVouchersDbContextSqlite> options) : TrainingVouchersDbContext(options);

internal sealed class TrainingVouchersDbContextPostgreSql(DbContextOptions<TrainingVouchersDbContextPostgreSql> options) : TrainingVouchersDbContext(options);

internal sealed class TrainingVouchersDbContextSqlServer(DbContextOptions<TrainingVouchersDbContextSqlServer> options) : TrainingVouchersDbContext(options);

internal sealed class TrainingVouchersSqliteDesignFactory : IDesignTimeDbContextFactory<TrainingVouchersDbContextSqlite>
{
    public TrainingVouchersDbContextSqlite CreateDbContext(string[] args) => DesignTimeContextFactory.Create<TrainingVouchersDbContextSqlite>(DatabaseProvider.Sqlite, TrainingVouchersDbContext.Module);
}

internal sealed class TrainingVouchersPostgreSqlDesignFactory : IDesignTimeDbContextFactory<TrainingVouchersDbContextPostgreSql>
{
    public TrainingVouchersDbContextPostgreSql CreateDbContext(string[] args) => DesignTimeContextFactory.Create<TrainingVouchersDbContextPostgreSql>(DatabaseProvider.PostgreSql, TrainingVouchersDbContext.Module);
}

internal sealed class TrainingVouchersSqlServerDesignFactory : IDesignTimeDbContextFactory<TrainingVouchersDbContextSqlServer>
{
    public TrainingVouchersDbContextSqlServer CreateDbContext(string[] args) => DesignTimeContextFactory.Create<TrainingVouchersDbContextSqlServer>(DatabaseProvider.SqlServer, TrainingVouchersDbContext.Module);
}
