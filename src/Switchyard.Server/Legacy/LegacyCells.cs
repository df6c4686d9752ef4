using Sylvan.Data.Csv;

namespace Switchyard.Server.Legacy;

/// <summary>
/// The cells of the row being read, by column (the index in <see cref="LegacyRowReader.Columns"/>), resolved
/// once from the header: a row is read from spans, and only the cells kept as text become strings.
/// A missing or null cell is empty.
/// </summary>
public interface ILegacyCells
{
    ReadOnlySpan<char> this[int column] { get; }
}

/// <summary>A CSV row: each column's ordinal in the file, looked up once from the header.</summary>
public sealed class CsvCells(CsvDataReader csv, int[] ordinals) : ILegacyCells
{
    public ReadOnlySpan<char> this[int column] => csv.GetFieldSpan(ordinals[column]);
}

/// <summary>A JSON-lines row: the object's values by column (null when absent).</summary>
public sealed class TextCells : ILegacyCells
{
    public string?[] Values { get; } = new string?[LegacyRowReader.Columns.Length];

    public ReadOnlySpan<char> this[int column] => Values[column];
}
