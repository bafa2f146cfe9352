using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Platform.Modules.Insights.Features.Shared;

/// <summary>
/// A single-row SQLite statement prepared once and run for each row, on the context's connection and inside its
/// transaction: SQLite's fast way to write many rows. A multi-row statement is slower there, because binding looks
/// each named parameter up in the command's list (quadratic in the parameters of one statement). Each value is bound
/// through its property's own type mapping, so it is stored exactly as EF stores it.
/// </summary>
internal sealed class SqlitePreparedRows : IAsyncDisposable
{
    private readonly DbContext db;
    private readonly DbCommand command;
    private readonly (string Name, RelationalTypeMapping Mapping)[] columns;

    private SqlitePreparedRows(DbContext db, DbCommand command, (string Name, RelationalTypeMapping Mapping)[] columns)
    {
        this.db = db;
        this.command = command;
        this.columns = columns;
    }

    /// <summary>
    /// Prepares <paramref name="sql"/>, whose parameters are named <c>$0</c>, <c>$1</c>, … in the order of
    /// <paramref name="properties"/> (the property of <paramref name="entity"/> each value is stored in).
    /// </summary>
    public static async Task<SqlitePreparedRows> PrepareAsync(DbContext db, string sql, Type entity, IReadOnlyList<string> properties, CancellationToken cancellationToken)
    {
        var type = db.Model.FindEntityType(entity) ?? throw new ArgumentException($"{entity.Name} is not mapped.", nameof(entity));
        var columns = properties.Select((p, i) => ($"${i}", (type.FindProperty(p) ?? throw new ArgumentException($"{entity.Name}.{p} is not mapped.", nameof(properties))).GetRelationalTypeMapping())).ToArray();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return new SqlitePreparedRows(db, command, columns);
    }

    /// <summary>Runs the statement for one row; returns the rows it changed.</summary>
    public Task<int> RunAsync(object?[] values, CancellationToken cancellationToken)
    {
        if (values.Length != columns.Length)
        {
            throw new ArgumentException($"{columns.Length} values expected, {values.Length} given.", nameof(values));
        }

        command.Parameters.Clear();
        for (var i = 0; i < columns.Length; i++)
        {
            command.Parameters.Add(columns[i].Mapping.CreateParameter(command, columns[i].Name, values[i], nullable: true));
        }

        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await command.DisposeAsync();
        await db.Database.CloseConnectionAsync();
    }
}
