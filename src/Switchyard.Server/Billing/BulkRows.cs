using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Switchyard.Data;

namespace Switchyard.Server.Billing;

/// <summary>
/// New rows of one mapped table, appended in bulk without the change tracker: one
/// <c>INSERT … SELECT FROM unnest(arrays)</c> per table on PostgreSQL, one <c>INSERT … SELECT FROM json_each</c>
/// on SQLite. Tables, columns and every value's conversion (enums as text, instants as ticks on SQLite,
/// percentages as integers) come from the EF Core model, so the rows are those a save would
/// write; the commands go through EF Core, so its interceptors (the command counter) see them.
/// </summary>
/// <remarks>
/// For append-only rows only (a new row's version is 1): nothing is audited automatically, the caller
/// writes its own audit rows. A store-generated integer key (an owned ledger line's) is left to the database.
/// </remarks>
internal sealed class BulkRows
{
    private readonly string _table;
    private readonly IProperty[] _properties;
    private readonly string[] _columns;
    private readonly List<object?[]> _rows = [];

    public BulkRows(SwitchyardDb db, Type clrType)
    {
        var entity = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not mapped.");
        _table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(_table, entity.GetSchema());
        _properties = [.. entity.GetProperties().Where(p => !(p.IsKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(int)))];
        _columns = [.. _properties.Select(p => p.GetColumnName(store)!)];
    }

    public int Count => _rows.Count;

    /// <summary>A row of an entity; shadow properties (an owned row's parent key) from <paramref name="shadow"/>.</summary>
    public void Add(object entity, IReadOnlyDictionary<string, object?>? shadow = null) =>
        Add(p => p.IsShadowProperty() ? shadow![p.Name] : p.GetGetter().GetClrValue(entity));

    /// <summary>A row given property by property (model values, before conversion).</summary>
    public void Add(Func<IProperty, object?> valueOf)
    {
        var row = new object?[_properties.Length];
        for (var i = 0; i < _properties.Length; i++)
        {
            var property = _properties[i];
            var value = property.Name == nameof(Domain.Common.Entity.Version) ? 1L : valueOf(property);
            var converter = property.GetTypeMapping().Converter;
            row[i] = value is null || converter is null ? value : converter.ConvertToProvider(value);
        }
        _rows.Add(row);
    }

    public async Task WriteAsync(SwitchyardDb db, CancellationToken ct)
    {
        if (_rows.Count == 0)
        {
            return;
        }
        var columns = string.Join(", ", _columns.Select(c => "\"" + c + "\""));
        if (db.Database.IsNpgsql())
        {
            var parameters = new object[_properties.Length];
            for (var i = 0; i < _properties.Length; i++)
            {
                parameters[i] = new NpgsqlParameter("c" + i, ColumnArray(i));
            }
            var arrays = string.Join(", ", Enumerable.Range(0, _properties.Length).Select(i => "{" + i + "}"));
            // Table and column names come from the model, never from input; the values are parameters.
            var sql = $"INSERT INTO \"{_table}\" ({columns}) SELECT * FROM unnest({arrays})";
            await db.Database.ExecuteSqlRawAsync(sql, parameters, ct);
            return;
        }
        // SQLite: the rows as one JSON array of arrays, one parameter, read back with json_each. (A multi-row
        // VALUES with a parameter per value costs quadratic time to bind as the statement grows.) JSON keeps
        // integers exact (64 bits), booleans become 1/0 and dates their ISO text, as EF Core stores them.
        var json = JsonSerializer.Serialize(_rows);
        var values = string.Join(", ", Enumerable.Range(0, _properties.Length).Select(i => $"json_extract(value, '$[{i}]')"));
        var insert = $"INSERT INTO \"{_table}\" ({columns}) SELECT {values} FROM json_each({{0}})";
        await db.Database.ExecuteSqlRawAsync(insert, [json], ct);
    }

    // One typed array per column (text[], bigint[], date[], timestamptz[]…; nullable elements allowed).
    private Array ColumnArray(int column)
    {
        var property = _properties[column];
        var type = property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType;
        var element = Nullable.GetUnderlyingType(type) ?? type;
        if (element.IsValueType && property.IsNullable)
        {
            element = typeof(Nullable<>).MakeGenericType(element);
        }
        var array = Array.CreateInstance(element, _rows.Count);
        for (var r = 0; r < _rows.Count; r++)
        {
            array.SetValue(_rows[r][column], r);
        }
        return array;
    }

    /// <summary>
    /// AUD-1: the changes of a created object as the audit trail records them (every set field, new values
    /// only; enums in camelCase), read from the same model.
    /// </summary>
    public static string CreatedChanges(SwitchyardDb db, object entity)
    {
        var type = db.Model.FindEntityType(entity.GetType())!;
        var changes = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties())
        {
            if (property.IsShadowProperty() || property.Name is nameof(Domain.Common.Entity<string>.Id) or nameof(Domain.Common.Entity.Version)
                || Domain.Auditing.AuditEntry.IsInternal(property.Name))
            {
                continue;
            }
            var value = property.GetGetter().GetClrValue(entity);
            if (value is not null)
            {
                changes[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] =
                    new CreatedField(null, value switch { Enum e => JsonNamingPolicy.CamelCase.ConvertName(e.ToString()), Domain.Common.ITypedId id => id.Value, _ => value });
            }
        }
        return JsonSerializer.Serialize(changes, AuditJson);
    }

    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web);

    // As the audit recorder writes a field: {"old": null, "new": …}.
    private sealed record CreatedField(object? Old, object New);
}
