using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sylvan.Data.Csv;

namespace Switchyard.Cli.Commands;

/// <summary>One customer row of an import file.</summary>
public sealed record CustomerRow(int Line, string Name, string OrgId, string ContactEmail);

/// <summary>What happened to one row.</summary>
public enum RowResult
{
    /// <summary>The customer was added by this run.</summary>
    Created,

    /// <summary>An earlier run already added it (a replayed request), or the partner already had a customer with this org id.</summary>
    Unchanged,

    /// <summary>The server refused the row (see the error).</summary>
    Failed,
}

/// <summary>The outcome of one row.</summary>
public sealed record RowOutcome(int Line, RowResult Result, string? Error, bool AuthorizationFailure = false)
{
    public bool Created => Result == RowResult.Created;
}

/// <summary>
/// Bulk-adds customers from a CSV file (header: name, org_id, contact_email; any order; comma- or
/// semicolon-separated, quoted fields allowed). Each row is sent with an Idempotency-Key derived from the
/// file's content and the line, so running the same file again after a crash never creates a customer twice
/// and says which rows were already there (UX-8).
/// </summary>
public static class CustomerImport
{
    public static readonly string[] Columns = ["name", "org_id", "contact_email"];

    public const string ExpectedHeader = "a header row naming name, org_id and contact_email, separated by commas (or semicolons)";

    public static IReadOnlyList<CustomerRow> Parse(string path, out IReadOnlyList<string> problems)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        return Parse(reader, out problems);
    }

    public static IReadOnlyList<CustomerRow> Parse(TextReader text, out IReadOnlyList<string> problems)
    {
        var errors = new List<string>();
        var rows = new List<CustomerRow>();
        problems = errors;
        try
        {
            using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions
            {
                // Delimiter left unset: Sylvan detects it from the header row (comma, semicolon, tab or pipe).
                HasHeaders = true,
            });
            var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim()).ToList();
            var at = Columns.ToDictionary(c => c, c => header.FindIndex(h => string.Equals(h, c, StringComparison.OrdinalIgnoreCase)));
            var missing = at.Where(c => c.Value < 0).Select(c => c.Key).ToList();
            if (missing.Count > 0)
            {
                var found = header.Count == 1 && header[0].Length > 0 ? $" (it reads as one column, '{header[0]}')" : "";
                errors.Add($"line 1: the header has no {string.Join(", ", missing.Select(m => $"'{m}'"))} column{(missing.Count > 1 ? "s" : "")}{found}; expected {ExpectedHeader}.");
                return [];
            }
            var line = 1;
            while (csv.Read())
            {
                line++;
                if (Enumerable.Range(0, csv.RowFieldCount).All(i => string.IsNullOrWhiteSpace(csv.GetString(i))))
                {
                    continue;
                }
                if (csv.RowFieldCount < header.Count)
                {
                    errors.Add($"line {Num(line)}: {Num(csv.RowFieldCount)} cells, the header has {Num(header.Count)}.");
                    continue;
                }
                rows.Add(new CustomerRow(line, csv.GetString(at["name"]).Trim(), csv.GetString(at["org_id"]).Trim(),
                    csv.GetString(at["contact_email"]).Trim()));
            }
        }
        catch (CsvFormatException ex)
        {
            errors.Add($"line {Num(ex.RowNumber)}: the CSV is malformed there (an unclosed quote?).");
        }
        catch (DecoderFallbackException)
        {
            errors.Add("The file is not UTF-8 text: save it as CSV UTF-8 and run again.");
        }
        return errors.Count > 0 ? [] : rows;
    }

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string IdempotencyKey(string fileHash, int line) => $"import-customers-{fileHash}-{Num(line)}";

    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
    }

    public static async Task<RowOutcome> SendAsync(SwitchyardClient client, CustomerRow row, string fileHash, CancellationToken ct)
    {
        var result = await client.PostAsync("/v1/customers", new { name = row.Name, orgId = row.OrgId, contactEmail = row.ContactEmail },
            IdempotencyKey(fileHash, row.Line), ct);
        if (result.IsSuccess)
        {
            return new RowOutcome(row.Line, result.Replayed ? RowResult.Unchanged : RowResult.Created, null);
        }
        // Added by another file or by hand: it is there, and this import leaves it as it is.
        if (result.Code == "duplicateCustomer")
        {
            return new RowOutcome(row.Line, RowResult.Unchanged, null);
        }
        return new RowOutcome(row.Line, RowResult.Failed, result.Describe().Replace(Environment.NewLine, " ", StringComparison.Ordinal),
            result.IsAuthorizationFailure);
    }
}
