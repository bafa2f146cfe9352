namespace Platform.BuildingBlocks.Persistence;

/// <summary>The database engines a module's context can run on.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded default: one database file per module under the data folder.</summary>
    Sqlite,

    /// <summary>Microsoft SQL Server, a schema per module.</summary>
    SqlServer,

    /// <summary>PostgreSQL (and compatible servers), a schema per module.</summary>
    PostgreSql,
}
