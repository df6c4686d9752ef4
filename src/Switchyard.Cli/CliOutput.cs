using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Switchyard.Domain.Common;

namespace Switchyard.Cli;

/// <summary>
/// UX-8: how every command prints. Tables fit 80 columns (ids shortened unless <see cref="Wide"/>), money and
/// times read as people write them, <see cref="Json"/> prints the API's JSON for scripts, and failures go to
/// the error stream as one plain sentence.
/// </summary>
public sealed class CliOutput(IAnsiConsole console, TextWriter error)
{
    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        // Terminal and pipe output, never HTML: `+` and accented names stay as written, not \u002B.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public IAnsiConsole Console { get; } = console;

    /// <summary>--json: print the API's JSON instead of a table.</summary>
    public bool Json { get; set; }

    /// <summary>--wide: full ids (the table may then be wider than 80 columns).</summary>
    public bool Wide { get; set; }

    /// <summary>Whether a progress bar can be drawn (an interactive terminal, not --json).</summary>
    public bool CanShowProgress => !Json && Console.Profile.Capabilities.Interactive;

    public void WriteJson(JsonNode? node)
    {
        var writer = Console.Profile.Out.Writer;
        writer.WriteLine(node is null ? "null" : node.ToJsonString(Pretty));
        writer.Flush();
    }

    /// <summary>A plain line (escaped: names from the server are never read as markup).</summary>
    public void Line(string text) => Console.WriteLine(text);

    /// <summary>A failure: one line on the error stream.</summary>
    public void Error(string message)
    {
        error.WriteLine(message);
        error.Flush();
    }

    /// <summary>
    /// A table with these headers. Cells stay on one line (ids, statuses, dates, money) except in the
    /// <paramref name="wrapping"/> columns (names), which take the width left within 80 columns. Money columns
    /// (named in <paramref name="money"/>) are right-aligned.
    /// </summary>
    public static Table Table(string[] headers, string[]? wrapping = null, string[]? money = null)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            var column = new TableColumn(Markup.Escape(header)) { NoWrap = wrapping?.Contains(header) != true };
            if (money?.Contains(header) == true)
            {
                column.RightAligned();
            }
            table.AddColumn(column);
        }
        return table;
    }

    public void Write(Table table)
    {
        if (Wide)
        {
            // Full ids on one line each: let the table be as wide as it needs.
            Console.Profile.Width = Math.Max(Console.Profile.Width, 240);
        }
        Console.Write(table);
    }

    /// <summary>Adds a row of plain text cells (escaped).</summary>
    public static void AddRow(Table table, params string?[] cells) =>
        table.AddRow(cells.Select(c => new Text(c ?? "")).ToArray<Spectre.Console.Rendering.IRenderable>());

    public string Id(string? id) => CliFormat.Id(id, Wide);
}

/// <summary>Formats for people: money with group separators and the currency's decimals, short ids, readable times.</summary>
public static class CliFormat
{
    /// <summary>`15,030.00 USD`, `1,200 JPY`, `1.250 BHD`: digits from the currency's minor unit.</summary>
    public static string Money(decimal amount, string? currency)
    {
        var digits = Currency.TryFrom(currency, out var known) ? known.Digits : amount.Scale;
        var number = amount.ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return string.IsNullOrEmpty(currency) ? number : number + " " + currency;
    }

    /// <summary>Money read from a JSON number, or empty when absent.</summary>
    public static string Money(JsonNode? amount, string? currency) =>
        amount is JsonValue value && value.TryGetValue<decimal>(out var parsed) ? Money(parsed, currency) : "";

    /// <summary>
    /// Ids are a prefix and 32 hex digits whose start is a timestamp shared by ids made together; the end tells them
    /// apart, so a short id keeps the prefix and the last 8 digits (`off_…3f9a02bc`).
    /// </summary>
    public static string Id(string? id, bool wide)
    {
        if (id is null)
        {
            return "";
        }
        var underscore = id.IndexOf('_', StringComparison.Ordinal);
        if (wide || underscore < 0 || id.Length - underscore - 1 <= 12)
        {
            return id;
        }
        return string.Concat(id.AsSpan(0, underscore + 1), "…", id.AsSpan(id.Length - 8));
    }

    /// <summary>`2027-02-01 09:30 UTC`.</summary>
    public static string Instant(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string Text(JsonNode? node, string name) => node?[name] is JsonValue value ? value.ToString() : "";
}
