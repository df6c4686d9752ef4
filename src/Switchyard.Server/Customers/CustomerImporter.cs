using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Server.Legacy;
using Sylvan.Data.Csv;

namespace Switchyard.Server.Customers;

/// <summary>What a customer import did (or, dry run, would do); <see cref="Errors"/> lists bad rows by line and column.</summary>
public sealed record CustomerImportResultDto(
    string? Id, string Status, long Rows, int Created, int Updated, int Unchanged, string Sha256, IReadOnlyList<ImportErrorDto> Errors, bool ErrorsTruncated);

/// <summary>
/// Adds a partner's customers in bulk from a CSV body (columns name, orgId, contactEmail; comma, semicolon, tab or
/// pipe separated, detected from the header). Every row goes through the same domain rules as a single create;
/// any bad row refuses the whole file and nothing is written. Idempotent by (partner, org id): a customer already
/// there with the same name and contact is unchanged, one with another name or contact is updated to the file's
/// values, so the file is the source of truth and running it twice changes nothing the second time.
/// </summary>
/// <remarks>
/// Rows are held in memory (bounded by the row limit) to check org ids repeated in the file and to compare with the
/// book in chunks. The audit recorder writes one entry per created or updated customer (AUD-1: every audited change
/// is recorded); the import adds one more entry for the file itself, with its counts and SHA-256.
/// </remarks>
public sealed class CustomerImporter(SwitchyardDb db, TimeProvider clock)
{
    public const int MaxReportedErrors = 1000;
    private const int Chunk = 2000;

    /// <summary>Header spellings accepted for each field (camelCase as in the API, snake_case as in older files).</summary>
    private static readonly Dictionary<string, string> ColumnFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "name",
        ["orgId"] = "orgId",
        ["org_id"] = "orgId",
        ["contactEmail"] = "contactEmail",
        ["contact_email"] = "contactEmail",
    };

    private static readonly string[] Fields = ["name", "orgId", "contactEmail"];

    private sealed record Row(long Line, Customer Customer);

    private sealed class Refused(ImportRefusal refusal) : Exception(refusal.Message)
    {
        public ImportRefusal Refusal { get; } = refusal;
    }

    public async Task<(CustomerImportResultDto? Result, ImportRefusal? Refusal)> RunAsync(
        string partnerId, string actor, Stream body, bool dryRun, long maxRows, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new List<ImportError>();
        var errorCount = 0L;
        var rows = new List<Row>();
        var columnOf = new Dictionary<string, string>(StringComparer.Ordinal);
        long rowCount = 0;
        await using var checking = new Utf8CheckingStream(body);
        using var hash = checking.Hash;
        try
        {
            var text = new StreamReader(checking, new UTF8Encoding(true, false), detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
            await using var csv = await OpenAsync(text, ct);
            var index = ReadHeader(csv, columnOf);
            var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
            long line = 1;
            while (true)
            {
                bool more;
                try
                {
                    more = await csv.ReadAsync(ct);
                }
                catch (CsvFormatException)
                {
                    errorCount++;
                    Report(errors, new ImportError(line + 1, null, "Not a valid CSV row (check its quotes)."));
                    break;
                }
                if (!more)
                {
                    break;
                }
                line++;
                if (IsBlank(csv))
                {
                    continue;
                }
                if (++rowCount > maxRows)
                {
                    return (null, new ImportRefusal(StatusCodes.Status422UnprocessableEntity, "tooManyRows",
                        $"The file has more than {maxRows:N0} rows; split it into files of at most {maxRows:N0} rows."));
                }
                if (csv.RowFieldCount != csv.FieldCount)
                {
                    errorCount++;
                    Report(errors, new ImportError(line, null, $"The row has {csv.RowFieldCount} cells; the header has {csv.FieldCount}."));
                    continue;
                }
                var customer = Customer.Create(partnerId, csv.GetString(index["name"]), csv.GetString(index["orgId"]), csv.GetString(index["contactEmail"]), now);
                if (customer.IsFailure)
                {
                    foreach (var e in customer.Errors)
                    {
                        errorCount++;
                        Report(errors, new ImportError(line, e.Field is { } f && columnOf.TryGetValue(f, out var column) ? column : e.Field, e.Message));
                    }
                    continue;
                }
                if (!firstLine.TryAdd(customer.Value.OrgId.Value, line))
                {
                    errorCount++;
                    Report(errors, new ImportError(line, columnOf["orgId"], $"The org id {customer.Value.OrgId} is already on line {firstLine[customer.Value.OrgId.Value]}; a customer appears once per file."));
                    continue;
                }
                rows.Add(new Row(line, customer.Value));
            }
        }
        catch (InvalidEncodingException bad)
        {
            return (null, new ImportRefusal(StatusCodes.Status422UnprocessableEntity, "invalidEncoding",
                $"The file is not valid UTF-8 (line {bad.Line}); save it as CSV UTF-8 and import it again.", bad.Line));
        }
        catch (Refused refused)
        {
            return (null, refused.Refusal);
        }
        var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (rowCount == 0 && errorCount == 0)
        {
            return (null, new ImportRefusal(StatusCodes.Status422UnprocessableEntity, "emptyFile", "The file has a header but no rows."));
        }
        if (errorCount > 0)
        {
            errors.Sort((a, b) => a.Row.CompareTo(b.Row));
            return (Result(null, "invalid", rowCount, 0, 0, 0, sha, errors, errorCount > errors.Count), null);
        }
        try
        {
            return (await MergeAsync(partnerId, actor, rows, sha, dryRun, now, ct), null);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // SEC-4: another request added one of these customers or orgs meanwhile; nothing of this run was kept.
            db.ChangeTracker.Clear();
            return (null, new ImportRefusal(StatusCodes.Status409Conflict, "concurrentChange",
                "Some of these customers were added by another request while the file was imported; nothing was imported. Import the file again."));
        }
    }

    private static async Task<CsvDataReader> OpenAsync(TextReader text, CancellationToken ct)
    {
        try
        {
            // No delimiter given: Sylvan detects it from the header row (comma, semicolon, tab or pipe).
            return await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true, BufferSize = 64 * 1024 }, ct);
        }
        catch (CsvFormatException)
        {
            throw new Refused(HeaderRefusal("missingHeader", "it is not a CSV row"));
        }
    }

    /// <summary>The header's column for each field; an unknown, repeated or missing column refuses the file.</summary>
    private static Dictionary<string, int> ReadHeader(CsvDataReader csv, Dictionary<string, string> columnOf)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<string>();
        for (var i = 0; i < csv.FieldCount; i++)
        {
            var name = (csv.GetName(i) ?? "").Trim();
            if (!ColumnFields.TryGetValue(name, out var field))
            {
                problems.Add(name.Length == 0 ? $"column {i + 1} has no name" : $"unknown column '{Clip(name)}'");
            }
            else if (!index.TryAdd(field, i))
            {
                problems.Add($"column '{field}' appears twice");
            }
            else
            {
                columnOf[field] = name;
            }
        }
        var missing = Fields.Where(f => !index.ContainsKey(f)).ToList();
        if (missing.Count > 0)
        {
            problems.Add("missing column(s) " + string.Join(", ", missing));
        }
        if (problems.Count > 0)
        {
            throw new Refused(HeaderRefusal(index.Count == 0 ? "missingHeader" : "invalidHeader", string.Join("; ", problems)));
        }
        return index;
    }

    private static ImportRefusal HeaderRefusal(string code, string why) => new(StatusCodes.Status422UnprocessableEntity, code,
        $"Line 1 must be the header row naming the columns name, orgId and contactEmail (separated by commas or semicolons): {why}.", 1);

    private async Task<CustomerImportResultDto> MergeAsync(
        string partnerId, string actor, List<Row> rows, string sha, bool dryRun, DateTimeOffset now, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var (created, updated, unchanged) = (0, 0, 0);
            var newOrgs = new List<Customer>();
            foreach (var chunk in rows.Chunk(Chunk))
            {
                var orgIds = chunk.Select(r => r.Customer.OrgId).ToList();
                // The tenant filter keeps this to the calling partner's customers (SEC-1).
                var existing = await db.Customers.Where(c => orgIds.Contains(c.OrgId)).ToDictionaryAsync(c => c.OrgId, ct);
                var knownOrgs = (await db.CustomerOrgs.Where(o => orgIds.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct)).ToHashSet();
                foreach (var row in chunk)
                {
                    var incoming = row.Customer;
                    if (existing.TryGetValue(incoming.OrgId, out var current))
                    {
                        if (current.Name == incoming.Name && current.ContactEmail == incoming.ContactEmail)
                        {
                            unchanged++;
                            continue;
                        }
                        updated++;
                        if (!dryRun)
                        {
                            current.Update(incoming.Name, incoming.ContactEmail);
                            db.Audit.Describe(current, AuditActions.CustomerUpdated, "customer import");
                        }
                        continue;
                    }
                    created++;
                    if (!dryRun)
                    {
                        if (!knownOrgs.Contains(incoming.OrgId))
                        {
                            db.CustomerOrgs.Add(CustomerOrg.Create(incoming.OrgId.Value, incoming.Name, now).Value);
                        }
                        db.Customers.Add(incoming);
                    }
                }
            }
            if (dryRun)
            {
                await transaction.RollbackAsync(ct);
                return Result(null, "dryRun", rows.Count, created, updated, unchanged, sha, [], false);
            }
            var id = Ids.New("cim");
            var counts = JsonSerializer.Serialize(new { rows = rows.Count, created, updated, unchanged, fileSha256 = sha });
            db.AuditEntries.Add(AuditEntry.Record(partnerId, id, "customerImport", "customerImport.applied", actor, now, counts, null));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return Result(id, "completed", rows.Count, created, updated, unchanged, sha, [], false);
        });
    }

    private static CustomerImportResultDto Result(
        string? id, string status, long rows, int created, int updated, int unchanged, string sha, List<ImportError> errors, bool truncated) =>
        new(id, status, rows, created, updated, unchanged, sha, [.. errors.Select(e => new ImportErrorDto(e.Row, e.Column, e.Message))], truncated);

    private static bool IsBlank(CsvDataReader csv)
    {
        for (var i = 0; i < csv.RowFieldCount; i++)
        {
            if (!string.IsNullOrWhiteSpace(csv.GetString(i)))
            {
                return false;
            }
        }
        return true;
    }

    private static void Report(List<ImportError> errors, ImportError error)
    {
        if (errors.Count < MaxReportedErrors)
        {
            errors.Add(error);
        }
    }

    private static string Clip(string value) => new([.. value.Take(40).Select(c => char.IsControl(c) ? '?' : c)]);
}
