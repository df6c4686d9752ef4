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
    // Looked up once per table, not once per value: each property's getter and its value converter.
    private readonly IClrPropertyGetter?[] _getters;
    private readonly Func<object?, object?>?[] _converters;
    private readonly int _version;
    private readonly List<object?[]> _rows = [];

    public BulkRows(SwitchyardDb db, Type clrType)
    {
        var entity = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not mapped.");
        _table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(_table, entity.GetSchema());
        _properties = [.. entity.GetProperties().Where(p => !(p.IsKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(int)))];
        _columns = [.. _properties.Select(p => p.GetColumnName(store)!)];
        _getters = [.. _properties.Select(p => p.IsShadowProperty() ? null : p.GetGetter())];
        _converters = [.. _properties.Select(p => p.GetTypeMapping().Converter?.ConvertToProvider)];
        _version = Array.FindIndex(_properties, p => p.Name == nameof(Domain.Common.Entity.Version));
    }

    public int Count => _rows.Count;

    /// <summary>A row of an entity; shadow properties (an owned row's parent key) from <paramref name="shadow"/>.</summary>
    public void Add(object entity, IReadOnlyDictionary<string, object?>? shadow = null)
    {
        var row = new object?[_properties.Length];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = _getters[i] is { } getter ? getter.GetClrValue(entity) : shadow![_properties[i].Name];
        }
        AddConverted(row);
    }

    /// <summary>A row given property by property (model values, before conversion).</summary>
    public void Add(Func<IProperty, object?> valueOf)
    {
        var row = new object?[_properties.Length];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = valueOf(_properties[i]);
        }
        AddConverted(row);
    }

    private void AddConverted(object?[] row)
    {
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i] is { } value && _converters[i] is { } convert)
            {
                row[i] = convert(value);
            }
        }
        if (_version >= 0)
        {
            row[_version] = 1L;
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
}
