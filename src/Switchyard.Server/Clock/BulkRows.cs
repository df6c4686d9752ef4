using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Switchyard.Data;
using Switchyard.Domain.Common;

namespace Switchyard.Server.Clock;

/// <summary>
/// TIM-2: writes a due transition's batch in a few statements instead of one per row, through the context's
/// connection and transaction (command counters see them, the batch commits or rolls back as one). Tables,
/// columns and stored formats come from the EF model, so a row is stored exactly as SaveChanges would store
/// it. Nothing is tracked and nothing is audited here: the caller writes its audit rows like any other rows.
/// </summary>
public static class BulkRows
{
    // SQLite binds at most 32,766 parameters a statement; a few hundred keep each statement's text short.
    private const int SqliteParametersPerStatement = 900;

    /// <summary>
    /// Inserts new rows: on PostgreSQL one INSERT … SELECT FROM unnest(column arrays) per table, on SQLite
    /// multi-row INSERT … VALUES statements. A versioned row (SEC-4) starts at version 1, as a save sets it.
    /// </summary>
    public static async Task InsertAsync<T>(SwitchyardDb db, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var entityType = Mapped<T>(db);
        var columns = entityType.GetProperties().ToList();
        var versioned = typeof(Entity).IsAssignableFrom(typeof(T));
        object? Value(T row, IProperty column) => versioned && column.Name == nameof(Entity.Version)
            ? 1L
            : ToProvider(column, column.GetGetter().GetClrValue(row));
        var insert = $"INSERT INTO {Quote(entityType.GetTableName()!)} ({string.Join(", ", columns.Select(c => Quote(c.GetColumnName())))})";

        if (db.Database.IsNpgsql())
        {
            var arrays = columns.Select(column =>
            {
                var array = Array.CreateInstance(ProviderType(column), rows.Count);
                for (var i = 0; i < rows.Count; i++)
                {
                    array.SetValue(Value(rows[i], column), i);
                }
                return (object)array;
            }).ToArray();
            var sql = $"{insert} SELECT * FROM unnest({Placeholders(0, columns.Count)})";
            await db.Database.ExecuteSqlRawAsync(sql, arrays, ct);
            return;
        }

        var perStatement = Math.Max(1, SqliteParametersPerStatement / columns.Count);
        foreach (var chunk in rows.Chunk(perStatement))
        {
            var sql = new StringBuilder(insert).Append(" VALUES ");
            var values = new List<object?>(chunk.Length * columns.Count);
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "(" : ", (").Append(Placeholders(values.Count, columns.Count)).Append(')');
                values.AddRange(columns.Select(c => Value(chunk[i], c)));
            }
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), values!, ct);
        }
    }

    /// <summary>
    /// Sets columns on the rows with these ids, only where every changed column still holds its old value
    /// (a row another worker moved first is left alone), and bumps their version (SEC-4). Returns the
    /// number of rows changed: fewer than the ids means someone else got there first.
    /// </summary>
    public static async Task<int> UpdateAsync<T>(SwitchyardDb db, IReadOnlyList<string> ids,
        IReadOnlyList<(IProperty Column, object? Old, object? New)> changes, CancellationToken ct)
        where T : Entity
    {
        if (ids.Count == 0)
        {
            return 0;
        }
        var entityType = Mapped<T>(db);
        var values = new List<object?>();
        string Parameter(object? value)
        {
            values.Add(value);
            return "{" + (values.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
        }
        var set = changes.Select(c => $"{Quote(c.Column.GetColumnName())} = "
            + (c.New is null ? "NULL" : Parameter(ToProvider(c.Column, c.New))));
        var version = Quote(entityType.FindProperty(nameof(Entity.Version))!.GetColumnName());
        var still = changes.Select(c => Quote(c.Column.GetColumnName())
            + (c.Old is null ? " IS NULL" : " = " + Parameter(ToProvider(c.Column, c.Old))));
        var id = Quote(entityType.FindProperty(nameof(Entity<string>.Id))!.GetColumnName());
        var setSql = string.Join(", ", set);
        var stillSql = string.Join(" AND ", still);
        // PostgreSQL takes the ids as one array; SQLite as a list (a batch is far below its parameter limit).
        var idMatch = db.Database.IsNpgsql()
            ? $"{id} = ANY({Parameter(ids.ToArray())})"
            : $"{id} IN ({string.Join(", ", ids.Select(i => Parameter(i)))})";
        var sql = $"UPDATE {Quote(entityType.GetTableName()!)} SET {setSql}, {version} = {version} + 1 WHERE {idMatch} AND {stillSql}";
        return await db.Database.ExecuteSqlRawAsync(sql, values!, ct);
    }

    private static IEntityType Mapped<T>(SwitchyardDb db) =>
        db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");

    // The stored form: enums as their names, instants as SQLite's integers, exactly as the model converts them.
    private static object? ToProvider(IProperty column, object? value)
    {
        var converter = column.GetTypeMapping().Converter;
        return converter is null || value is null ? value : converter.ConvertToProvider(value);
    }

    private static Type ProviderType(IProperty column)
    {
        var mapping = column.GetTypeMapping();
        var type = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        return column.IsNullable && type.IsValueType ? typeof(Nullable<>).MakeGenericType(type) : type;
    }

    private static string Placeholders(int first, int count) =>
        string.Join(", ", Enumerable.Range(first, count).Select(i => "{" + i.ToString(CultureInfo.InvariantCulture) + "}"));

    // Names come from the EF model, never from input.
    private static string Quote(string name) => "\"" + name + "\"";
}
