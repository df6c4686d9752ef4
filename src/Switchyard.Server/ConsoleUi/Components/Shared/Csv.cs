using System.Text;

namespace Switchyard.Server.ConsoleUi.Components.Shared;

/// <summary>
/// CSV for people's spreadsheets (UX-4, SEC-5): every cell quoted, and a cell that a spreadsheet would run as a
/// formula (starting with =, +, -, @, tab or carriage return) prefixed with an apostrophe so it stays text.
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
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static void Line(StringBuilder csv, params string?[] cells) => csv.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");
}
