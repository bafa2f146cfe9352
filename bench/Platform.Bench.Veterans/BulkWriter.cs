using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Bench.Veterans;

/// <summary>One column of a table as the context's EF model maps it: name, type mapping, and how to read the CLR value off an entity.</summary>
internal sealed record BulkColumn(string Name, RelationalTypeMapping Mapping, string StoreType, Func<object, object?> Read)
{
    /// <summary>The value the provider stores (the model's value converter applied, enums normalised).</summary>
    public object? ProviderValue(object entity)
    {
        var value = Read(entity);
        if (value is null)
        {
            return null;
        }

        if (Mapping.Converter is { } converter)
        {
            return converter.ConvertToProvider(value);
        }

        return value.GetType().IsEnum ? Convert.ChangeType(value, Enum.GetUnderlyingType(value.GetType()), System.Globalization.CultureInfo.InvariantCulture) : value;
    }
}

/// <summary>
/// Inserts entities of one type without the change tracker, on the context's own connection: the columns,
/// value converters and type mappings come from the context's model, so rows are stored exactly as EF stores
/// them. SQLite: prepared multi-row <c>INSERT … VALUES (…), (…)</c> with parameters, one transaction per
/// call. PostgreSQL: binary <c>COPY … FROM STDIN</c> through Npgsql.
/// </summary>
internal sealed class BulkWriter<T>
    where T : class
{
    private readonly DbContext db;
    private readonly string table;
    private readonly BulkColumn[] columns;
    private readonly int rowsPerStatement;
    private DbCommand? fullStatement;

    public BulkWriter(DbContext db, int rowsPerInsert)
    {
        this.db = db;
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new BenchFailureException($"{typeof(T).Name} is not in the model.");
        var tableName = entityType.GetTableName()!;
        var store = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        table = sql.DelimitIdentifier(tableName, db.Database.IsNpgsql() ? entityType.GetSchema() : null);
        var list = new List<BulkColumn>();
        foreach (var property in entityType.GetProperties())
        {
            var getter = property.GetGetter();
            list.Add(new BulkColumn(property.GetColumnName(store)!, property.GetRelationalTypeMapping(), property.GetColumnType(store), e => getter.GetClrValue(e)));
        }

        // Owned types stored in the same table (the encrypted identity number): their own columns, read through the navigation.
        foreach (var navigation in entityType.GetNavigations().Where(n => n.TargetEntityType.IsOwned() && n.TargetEntityType.GetTableName() == tableName))
        {
            var owner = navigation.GetGetter();
            foreach (var property in navigation.TargetEntityType.GetProperties().Where(p => !p.IsPrimaryKey()))
            {
                var getter = property.GetGetter();
                list.Add(new BulkColumn(property.GetColumnName(store)!, property.GetRelationalTypeMapping(), property.GetColumnType(store), e => getter.GetClrValue(owner.GetClrValue(e)!)));
            }
        }

        columns = [.. list];
        ColumnList = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)));
        // Microsoft.Data.Sqlite binds each parameter by name (a linear search of the statement's names), so the
        // cost per row grows with the statement's width: measured, 1 or 4 rows per statement insert about
        // 110,000 rows/s, 32 rows 66,000 and 500 rows 4,000.
        rowsPerStatement = Math.Max(1, Math.Min(rowsPerInsert, 999 / columns.Length));
    }

    public string ColumnList { get; }

    public async Task WriteAsync(IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (db.Database.GetDbConnection() is NpgsqlConnection npgsql)
        {
            await CopyAsync(npgsql, rows, cancellationToken);
            return;
        }

        await using var transaction = await db.Database.GetDbConnection().BeginTransactionAsync(cancellationToken);
        var at = 0;
        for (; at + rowsPerStatement <= rows.Count; at += rowsPerStatement)
        {
            fullStatement ??= Statement(rowsPerStatement);
            fullStatement.Transaction = transaction;
            await RunAsync(fullStatement, rows, at, rowsPerStatement, cancellationToken);
        }

        if (at < rows.Count)
        {
            await using var tail = Statement(rows.Count - at);
            tail.Transaction = transaction;
            await RunAsync(tail, rows, at, rows.Count - at, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task RunAsync(DbCommand command, IReadOnlyList<T> rows, int from, int count, CancellationToken cancellationToken)
    {
        var p = 0;
        for (var r = from; r < from + count; r++)
        {
            foreach (var column in columns)
            {
                command.Parameters[p++].Value = column.ProviderValue(rows[r]) ?? DBNull.Value;
            }
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A prepared <c>INSERT</c> of <paramref name="count"/> rows, its parameters typed by the model's mappings.</summary>
    private DbCommand Statement(int count)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        var text = new System.Text.StringBuilder($"INSERT INTO {table} ({ColumnList}) VALUES ");
        var p = 0;
        for (var r = 0; r < count; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++, p++)
            {
                var name = "@p" + p.ToString(System.Globalization.CultureInfo.InvariantCulture);
                text.Append(c == 0 ? name : ", " + name);
                command.Parameters.Add(columns[c].Mapping.CreateParameter(command, name, null, nullable: true));
            }

            text.Append(')');
        }

        command.CommandText = text.ToString();
        command.Prepare();
        return command;
    }

    private async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        var types = columns.Select(c => NpgsqlType(c.StoreType)).ToArray();
        await using var copy = await connection.BeginBinaryImportAsync($"COPY {table} ({ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(cancellationToken);
            for (var c = 0; c < columns.Length; c++)
            {
                switch (columns[c].ProviderValue(row))
                {
                    case null:
                        await copy.WriteNullAsync(cancellationToken);
                        break;
                    case DateTimeOffset instant:
                        await copy.WriteAsync(instant.ToUniversalTime(), types[c], cancellationToken);
                        break;
                    case var value:
                        await copy.WriteAsync(value, types[c], cancellationToken);
                        break;
                }
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static NpgsqlDbType NpgsqlType(string storeType) => storeType switch
    {
        "uuid" => NpgsqlDbType.Uuid,
        "date" => NpgsqlDbType.Date,
        "timestamp with time zone" => NpgsqlDbType.TimestampTz,
        "boolean" => NpgsqlDbType.Boolean,
        "integer" => NpgsqlDbType.Integer,
        "bigint" => NpgsqlDbType.Bigint,
        "text" => NpgsqlDbType.Text,
        _ when storeType.StartsWith("character varying", StringComparison.Ordinal) => NpgsqlDbType.Varchar,
        _ when storeType.StartsWith("character", StringComparison.Ordinal) => NpgsqlDbType.Char,
        _ when storeType.StartsWith("numeric", StringComparison.Ordinal) => NpgsqlDbType.Numeric,
        _ => throw new BenchFailureException($"No COPY type for the column type '{storeType}'."),
    };
}
