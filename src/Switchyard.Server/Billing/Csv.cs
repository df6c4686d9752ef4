using System.Globalization;
using System.Text;

namespace Switchyard.Server.Billing;

/// <summary>
/// SEC-5: CSV exports. Every cell is quoted when needed, and a cell that a spreadsheet would run as a
/// formula (starting with =, +, -, @, or a tab or carriage return) is prefixed with an apostrophe.
/// </summary>
public static class Csv
{
    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <summary>A number as data: never neutralised (a negative amount stays a number), invariant culture.</summary>
    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Write(IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', header)).Append("\r\n");
        foreach (var row in rows)
        {
            csv.Append(string.Join(',', row)).Append("\r\n");
        }
        return csv.ToString();
    }
}
