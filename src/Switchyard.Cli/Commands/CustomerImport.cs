using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Switchyard.Cli.Commands;

/// <summary>One customer row of an import file.</summary>
public sealed record CustomerRow(int Line, string Name, string OrgId, string ContactEmail);

/// <summary>The outcome of one row.</summary>
public sealed record RowOutcome(int Line, bool Created, string? Error);

/// <summary>
/// Bulk-adds customers from a CSV file (header: name, org_id, contact_email; any order). Each row is
/// sent with an Idempotency-Key derived from the file's content and the line, so running the same
/// file again after a crash never creates a customer twice.
/// </summary>
public static class CustomerImport
{
    public static IReadOnlyList<CustomerRow> Parse(string path, out IReadOnlyList<string> problems)
    {
        var errors = new List<string>();
        var rows = new List<CustomerRow>();
        using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        var header = reader.ReadLine()?.Split(',').Select(h => h.Trim().ToLowerInvariant()).ToList() ?? [];
        int Column(string name)
        {
            var index = header.IndexOf(name);
            if (index < 0)
            {
                errors.Add($"line 1: the header has no '{name}' column (expected name, org_id, contact_email).");
            }
            return index;
        }
        var (nameAt, orgAt, emailAt) = (Column("name"), Column("org_id"), Column("contact_email"));
        if (errors.Count > 0)
        {
            problems = errors;
            return [];
        }
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            var cells = text.Split(',');
            if (cells.Length < header.Count)
            {
                errors.Add($"line {line.ToString(CultureInfo.InvariantCulture)}: {cells.Length} cells, the header has {header.Count}.");
                continue;
            }
            rows.Add(new CustomerRow(line, cells[nameAt].Trim(), cells[orgAt].Trim(), cells[emailAt].Trim()));
        }
        problems = errors;
        return rows;
    }

    public static string IdempotencyKey(string fileHash, int line) => $"import-customers-{fileHash}-{line.ToString(CultureInfo.InvariantCulture)}";

    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
    }

    public static async Task<RowOutcome> SendAsync(SwitchyardClient client, CustomerRow row, string fileHash, CancellationToken ct)
    {
        var result = await client.PostAsync("/v1/customers", new { name = row.Name, orgId = row.OrgId, contactEmail = row.ContactEmail },
            IdempotencyKey(fileHash, row.Line), ct);
        return result.IsSuccess
            ? new RowOutcome(row.Line, result.Status == 201, null)
            : new RowOutcome(row.Line, false, result.Describe().Replace(Environment.NewLine, " ", StringComparison.Ordinal));
    }
}
