using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Platform.BuildingBlocks.Persistence;

/// <summary>Recognises the database's own refusals on every supported provider.</summary>
public static class DatabaseErrors
{
    /// <summary>
    /// True when a save failed because a unique index refused a duplicate: the database settled a race
    /// that a check before the save could not (two requests issuing at the same moment).
    /// </summary>
    public static bool IsUniqueViolation(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
            SqlException sqlServer => sqlServer.Number is 2601 or 2627,
            _ => false,
        };
    }

    /// <summary>The name of the index or constraint that refused the duplicate, where the provider tells it.</summary>
    public static string? ViolatedConstraint(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            SqliteException sqlite => sqlite.Message,
            PostgresException postgres => postgres.ConstraintName,
            SqlException sqlServer => sqlServer.Message,
            _ => null,
        };
    }
}
