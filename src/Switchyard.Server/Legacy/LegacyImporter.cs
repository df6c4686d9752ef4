using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;
using Switchyard.Data;
using Switchyard.Domain.Legacy;
using Sylvan.Data.Csv;

namespace Switchyard.Server.Legacy;

/// <summary>What an import did (or, dry run, would do).</summary>
public sealed record ImportReport(
    string? Id, string Status, long Rows, int Created, int Updated, int Unchanged, IReadOnlyList<ImportError> Errors, bool ErrorsTruncated)
{
    /// <summary>Consolidation (LEG-4): rows already in the book, under the same or another external id; they are skipped.</summary>
    public IReadOnlyList<ConsolidationFinding> Duplicates { get; init; } = [];

    /// <summary>Consolidation (LEG-4): rows whose external id is in the book with other values.</summary>
    public IReadOnlyList<ConsolidationFinding> Conflicts { get; init; } = [];

    public int DuplicateCount { get; init; }

    public int ConflictCount { get; init; }
}

/// <summary>
/// LEG-4: merging another partner org's export into this partner's book. Apps are remapped by the
/// source's app id or name to one of this partner's apps; customers by the source's org id to another.
/// Conflicting rows are refused unless <see cref="ReplaceConflicts"/> takes the export's values.
/// </summary>
public sealed record Consolidation(
    string SourcePartner, IReadOnlyDictionary<string, string> Apps, IReadOnlyDictionary<string, string> Customers, bool ReplaceConflicts);

/// <summary>One row of a consolidation already in the book (duplicate) or at odds with it (conflict).</summary>
public sealed record ConsolidationFinding(long Row, string ExternalId, string Kind, string? ExistingExternalId, IReadOnlyList<string> Columns, string Message);

/// <summary>Why a whole file is refused before its rows are looked at.</summary>
public sealed record ImportRefusal(int Status, string Code, string Message, long? Line = null);

/// <summary>
/// LEG-2, LEG-3, SEC-5: imports legacy service orders from a CSV or JSON-lines body, streamed: rows are
/// checked one by one and written to a per-connection staging table (binary COPY on PostgreSQL,
/// batched transactions on SQLite), then duplicates are found and the rows merged set-based in one
/// transaction (insert new, update changed, count unchanged). Any bad row refuses the whole file and
/// nothing is written; a crash before the merge commits leaves nothing, so a rerun applies each row once.
/// </summary>
public sealed class LegacyImporter(SwitchyardDb db, TimeProvider clock, ILogger<LegacyImporter> logger)
{
    public const int MaxReportedErrors = 1000;
    private const int SqliteBatch = 5000;
    private const string Stage = "legacy_import_stage";
    private static readonly DateTimeOffsetToBinaryConverter SqliteInstant = new();

    /// <summary>Told the rows read so far, every few thousand rows (a background job's progress).</summary>
    public Action<long>? Progress { get; set; }

    public async Task<(ImportReport? Report, ImportRefusal? Refusal)> RunAsync(
        string partnerId, Stream body, bool json, bool dryRun, long maxRows, Consolidation? consolidation, CancellationToken ct)
    {
        var apps = await AppsAsync(partnerId, consolidation?.Apps, ct);
        var reader = new LegacyRowReader(apps, consolidation?.Customers);
        var errors = new List<ImportError>();
        var errorCount = 0L;
        var rows = 0L;
        var seen = new ExternalIdSet();
        var postgres = db.Database.IsNpgsql();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            await ExecAsync(connection, null, postgres
                ? $"DROP TABLE IF EXISTS {Stage}; CREATE TEMP TABLE {Stage} (line bigint, id text, ext text, org text, name text, app text, type text, qty int, price bigint, cur text, cstart date, cend date, status text, received timestamptz)"
                : $"DROP TABLE IF EXISTS temp.{Stage}; CREATE TEMP TABLE {Stage} (line INTEGER, id TEXT, ext TEXT, org TEXT, name TEXT, app TEXT, type TEXT, qty INTEGER, price INTEGER, cur TEXT, cstart TEXT, cend TEXT, status TEXT, received INTEGER)", ct);
            await using var checking = new Utf8CheckingStream(body);
            using var hash = checking.Hash;
            await using (var stage = postgres ? (IStageWriter)new CopyStage((NpgsqlConnection)connection) : new SqliteStage(connection))
            {
                try
                {
                    var text = new StreamReader(checking, new UTF8Encoding(true, false), detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
                    var rowsSeen = json
                        ? ReadJsonLinesAsync(text, reader, errors, ct)
                        : ReadCsvAsync(text, reader, errors, ct);
                    await foreach (var (line, fields, rowErrors) in rowsSeen)
                    {
                        rows++;
                        if (rows > maxRows)
                        {
                            return (null, new ImportRefusal(StatusCodes.Status422UnprocessableEntity, "tooManyRows",
                                $"The file has more than {maxRows:N0} rows; split it into files of at most {maxRows:N0} rows."));
                        }
                        errorCount += rowErrors;
                        if (rows % 5000 == 0)
                        {
                            Progress?.Invoke(rows);
                        }
                        if (fields is not null)
                        {
                            seen.Add(fields.ExternalId);
                        }
                        if (fields is not null && errorCount == 0)
                        {
                            await stage.AddAsync(line, fields, ct);
                        }
                    }
                }
                catch (InvalidEncodingException bad)
                {
                    return (null, new ImportRefusal(StatusCodes.Status422UnprocessableEntity, "invalidEncoding",
                        $"The file is not valid UTF-8 (line {bad.Line}); save it as UTF-8 and import it again.", bad.Line));
                }
                catch (HeaderException header)
                {
                    return (null, header.Refusal);
                }
                await stage.CompleteAsync(ct);
            }
            if (rows == 0 && errorCount == 0)
            {
                return (null, new ImportRefusal(StatusCodes.Status422UnprocessableEntity, "emptyFile", "The file has a header but no rows."));
            }
            var staged = watch.ElapsedMilliseconds;
            if (errorCount == 0 && seen.MaybeRepeated)
            {
                // Only when two external ids share a hash: the exact check in the database names both lines.
                await ExecAsync(connection, null, $"CREATE INDEX {(postgres ? "" : "temp.")}{Stage}_ext ON {Stage} (ext)", ct);
                foreach (var dup in await DuplicatesAsync(connection, ct))
                {
                    errorCount++;
                    if (errors.Count < MaxReportedErrors)
                    {
                        errors.Add(dup);
                    }
                }
            }
            var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (errorCount > 0)
            {
                errors.Sort((a, b) => a.Row.CompareTo(b.Row));
                return (new ImportReport(null, "invalid", rows, 0, 0, 0, errors, errorCount > errors.Count), null);
            }
            var checkedDuplicates = watch.ElapsedMilliseconds;
            var merged = await MergeAsync(connection, partnerId, rows, json ? "jsonl" : "csv", sha, dryRun, consolidation, ct);
            // Phase times: where an import's time goes (parse and stage, duplicate check, merge).
            logger.LogInformation("Legacy import of {Rows} rows: parse+stage {Staged} ms, duplicates {Duplicates} ms, merge {Merge} ms",
                rows, staged, checkedDuplicates - staged, watch.ElapsedMilliseconds - checkedDuplicates);
            return (merged, null);
        }
        finally
        {
            try
            {
                await ExecAsync(db.Database.GetDbConnection(), null, $"DROP TABLE IF EXISTS {(postgres ? "" : "temp.")}{Stage}", CancellationToken.None);
            }
            catch (DbException ex)
            {
                logger.LogWarning(ex, "Could not drop the import staging table");
            }
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Apps by id and by exact name; with a remap (LEG-4) the source's names/ids map to this partner's apps.</summary>
    private async Task<Dictionary<string, string>> AppsAsync(string partnerId, IReadOnlyDictionary<string, string>? remap, CancellationToken ct)
    {
        var entries = await db.CatalogEntries.AsNoTracking().Where(c => c.PartnerId == partnerId)
            .Select(c => new { Id = c.Id.Value, c.Name }).ToListAsync(ct);
        var apps = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            apps[e.Id] = e.Id;
            apps.TryAdd(e.Name, e.Id);
        }
        if (remap is not null)
        {
            foreach (var (from, to) in remap)
            {
                if (apps.TryGetValue(to, out var target))
                {
                    apps[from] = target;
                }
            }
        }
        return apps;
    }

    private sealed class HeaderException(ImportRefusal refusal) : Exception(refusal.Message)
    {
        public ImportRefusal Refusal { get; } = refusal;
    }

    private static async IAsyncEnumerable<(long Line, LegacyServiceOrder.Fields? Fields, int Errors)> ReadCsvAsync(
        TextReader text, LegacyRowReader reader, List<ImportError> errors, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        CsvDataReader csv;
        try
        {
            csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', BufferSize = 64 * 1024 }, ct);
        }
        catch (CsvFormatException)
        {
            throw new HeaderException(new ImportRefusal(StatusCodes.Status422UnprocessableEntity, "missingHeader", "Line 1 must be the header row (CSV) with the columns " + string.Join(", ", LegacyRowReader.Columns) + ".", 1));
        }
        await using var _ = csv;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var headerErrors = new List<string>();
        for (var i = 0; i < csv.FieldCount; i++)
        {
            var name = (csv.GetName(i) ?? "").Trim().ToLowerInvariant();
            if (!LegacyRowReader.ColumnSet.Contains(name))
            {
                headerErrors.Add($"unknown column '{new string([.. name.Take(40).Select(c => char.IsControl(c) ? '?' : c)])}'");
            }
            else if (!index.TryAdd(name, i))
            {
                headerErrors.Add($"column '{name}' appears twice");
            }
        }
        var missing = LegacyRowReader.Columns.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            headerErrors.Add("missing column(s) " + string.Join(", ", missing));
        }
        if (headerErrors.Count > 0)
        {
            throw new HeaderException(new ImportRefusal(StatusCodes.Status422UnprocessableEntity, index.Count == 0 ? "missingHeader" : "invalidHeader",
                "Line 1 must be the header row with the columns " + string.Join(", ", LegacyRowReader.Columns) + ": " + string.Join("; ", headerErrors) + ".", 1));
        }
        var cells = new CsvCells(csv, [.. LegacyRowReader.Columns.Select(c => index[c])]);
        var local = new List<ImportError>();
        long line = 1;
        while (true)
        {
            bool more;
            var broken = false;
            try
            {
                more = await csv.ReadAsync(ct);
            }
            catch (CsvFormatException)
            {
                more = false;
                broken = true;
            }
            if (broken)
            {
                line++;
                errors.Add(new ImportError(line, null, "Not a valid CSV row (check its quotes)."));
                yield return (line, null, 1);
                yield break;
            }
            if (!more)
            {
                yield break;
            }
            line++;
            local.Clear();
            if (csv.RowFieldCount != csv.FieldCount)
            {
                local.Add(new ImportError(line, null, $"The row has {csv.RowFieldCount} cells; the header has {csv.FieldCount}."));
                Report(errors, local);
                yield return (line, null, local.Count);
                continue;
            }
            var fields = reader.Read(line, cells, local);
            Report(errors, local);
            yield return (line, fields, local.Count);
        }
    }

    private static readonly Dictionary<string, int> ColumnIndex =
        LegacyRowReader.Columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);

    private static async IAsyncEnumerable<(long Line, LegacyServiceOrder.Fields? Fields, int Errors)> ReadJsonLinesAsync(
        TextReader text, LegacyRowReader reader, List<ImportError> errors, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var cells = new TextCells();
        long line = 0;
        while (await text.ReadLineAsync(ct) is { } raw)
        {
            line++;
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }
            var local = new List<ImportError>();
            LegacyServiceOrder.Fields? fields = null;
            try
            {
                using var doc = JsonDocument.Parse(raw);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    local.Add(new ImportError(line, null, "Each line must be one JSON object."));
                }
                else
                {
                    Array.Clear(cells.Values);
                    foreach (var p in doc.RootElement.EnumerateObject())
                    {
                        var name = p.Name;
                        if (!ColumnIndex.TryGetValue(name, out var column))
                        {
                            local.Add(new ImportError(line, name.Length > 40 ? name[..40] : name, "Unknown field."));
                            continue;
                        }
                        cells.Values[column] = p.Value.ValueKind switch
                        {
                            JsonValueKind.String => p.Value.GetString(),
                            JsonValueKind.Number => p.Value.GetRawText(),
                            JsonValueKind.Null => null,
                            _ => "\u0001",
                        };
                    }
                    if (local.Count == 0)
                    {
                        fields = reader.Read(line, cells, local);
                    }
                }
            }
            catch (JsonException)
            {
                local.Add(new ImportError(line, null, "Not valid JSON."));
            }
            Report(errors, local);
            yield return (line, fields, local.Count);
        }
    }

    private static void Report(List<ImportError> errors, List<ImportError> local)
    {
        foreach (var e in local)
        {
            if (errors.Count < MaxReportedErrors)
            {
                errors.Add(e);
            }
        }
    }

    private async Task<List<ImportError>> DuplicatesAsync(DbConnection connection, CancellationToken ct)
    {
        var found = new List<ImportError>();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT s.line, s.ext, (SELECT MIN(t.line) FROM {Stage} t WHERE t.ext = s.ext) FROM {Stage} s WHERE EXISTS (SELECT 1 FROM {Stage} t WHERE t.ext = s.ext AND t.line < s.line) ORDER BY s.line LIMIT {MaxReportedErrors + 1}";
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            found.Add(new ImportError(r.GetInt64(0), "external_id", $"Duplicate external id '{r.GetString(1)}' (first on line {r.GetInt64(2)})."));
        }
        return found;
    }

    private const string Same =
        "o.\"CustomerOrgId\" = s.org AND o.\"CustomerName\" = s.name AND o.\"CatalogEntryId\" = s.app AND o.\"Type\" = s.type " +
        "AND o.\"Quantity\" = s.qty AND o.\"UnitPriceMinor\" = s.price AND o.\"CurrencyCode\" = s.cur AND o.\"ContractStart\" = s.cstart " +
        "AND o.\"ContractEnd\" = s.cend AND o.\"Status\" = s.status AND o.\"ReceivedAt\" = s.received";

    private async Task<ImportReport> MergeAsync(DbConnection connection, string partnerId, long rows, string format, string sha,
        bool dryRun, Consolidation? consolidation, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var tx = transaction.GetDbTransaction();
        if (db.Database.IsNpgsql())
        {
            // Two imports of one partner merge one after the other (their external ids may overlap).
            await ExecAsync(connection, tx, "SELECT pg_advisory_xact_lock(hashtext(@p))", ct, partnerId);
        }
        const string table = "legacy_service_orders";
        IReadOnlyList<ConsolidationFinding> duplicates = [], conflicts = [];
        var (duplicateCount, conflictCount, skipped) = (0, 0, 0);
        if (consolidation is not null)
        {
            // LEG-4: found before anything is written; the same contract under another external id is skipped.
            (duplicates, duplicateCount) = await FindingsAsync(connection, tx, partnerId, DuplicatesSql, ct);
            (conflicts, conflictCount) = await FindingsAsync(connection, tx, partnerId, ConflictsSql, ct);
            if (conflictCount > 0 && !consolidation.ReplaceConflicts && !dryRun)
            {
                await transaction.RollbackAsync(ct);
                return new ImportReport(null, "conflicts", rows, 0, 0, 0, [], false)
                { Duplicates = duplicates, Conflicts = conflicts, DuplicateCount = duplicateCount, ConflictCount = conflictCount };
            }
            await using var skip = connection.CreateCommand();
            skip.Transaction = tx;
            skip.CommandText = $"DELETE FROM {Stage} WHERE {SameContractElsewhere}";
            AddParam(skip, "p", partnerId);
            skipped = await skip.ExecuteNonQueryAsync(ct);
        }
        long created, updated, unchanged;
        if (dryRun)
        {
            await using var count = connection.CreateCommand();
            count.Transaction = tx;
            count.CommandTimeout = 600;
            count.CommandText = $"SELECT COUNT(*), COUNT(o.\"Id\"), COALESCE(SUM(CASE WHEN o.\"Id\" IS NOT NULL AND {Same} THEN 1 ELSE 0 END), 0) FROM {Stage} s LEFT JOIN {table} o ON o.\"PartnerId\" = @p AND o.\"ExternalId\" = s.ext";
            AddParam(count, "p", partnerId);
            await using (var r = await count.ExecuteReaderAsync(ct))
            {
                await r.ReadAsync(ct);
                var (total, matched) = (r.GetInt64(0), r.GetInt64(1));
                unchanged = Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture);
                (created, updated) = (total - matched, matched - unchanged);
            }
            await transaction.RollbackAsync(ct);
            return new ImportReport(null, "dryRun", rows, (int)created, (int)updated, (int)(unchanged + skipped), [], false)
            { Duplicates = duplicates, Conflicts = conflicts, DuplicateCount = duplicateCount, ConflictCount = conflictCount };
        }
        // The statements' own row counts give the report: no separate counting pass over the book.
        updated = await ExecAsync(connection, tx,
            $"UPDATE {table} AS o SET \"CustomerOrgId\" = s.org, \"CustomerName\" = s.name, \"CatalogEntryId\" = s.app, \"Type\" = s.type, \"Quantity\" = s.qty, " +
            $"\"UnitPriceMinor\" = s.price, \"CurrencyCode\" = s.cur, \"ContractStart\" = s.cstart, \"ContractEnd\" = s.cend, \"Status\" = s.status, " +
            $"\"ReceivedAt\" = s.received, \"Version\" = o.\"Version\" + 1 FROM {Stage} AS s WHERE o.\"PartnerId\" = @p AND o.\"ExternalId\" = s.ext AND NOT ({Same})", ct, partnerId);
        created = await ExecAsync(connection, tx,
            $"INSERT INTO {table} (\"Id\", \"PartnerId\", \"ExternalId\", \"CustomerOrgId\", \"CustomerName\", \"CatalogEntryId\", \"Type\", \"Quantity\", " +
            "\"UnitPriceMinor\", \"CurrencyCode\", \"ContractStart\", \"ContractEnd\", \"Status\", \"ReceivedAt\", \"ActivatedAt\", \"MigrationId\", \"Version\") " +
            $"SELECT s.id, @p, s.ext, s.org, s.name, s.app, s.type, s.qty, s.price, s.cur, s.cstart, s.cend, s.status, s.received, NULL, NULL, 1 FROM {Stage} s " +
            $"WHERE NOT EXISTS (SELECT 1 FROM {table} o WHERE o.\"PartnerId\" = @p AND o.\"ExternalId\" = s.ext)", ct, partnerId);
        unchanged = rows - created - updated;
        var id = LegacyImport.NewId();
        db.LegacyImports.Add(LegacyImport.Record(id, partnerId, format, (int)rows, (int)created, (int)updated, (int)unchanged, sha, consolidation?.SourcePartner, clock.GetUtcNow()));
        db.Audit.Describe(db.ChangeTracker.Entries<LegacyImport>().Single().Entity, consolidation is null ? "legacyImport.applied" : "legacyImport.consolidated");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ImportReport(id, "completed", rows, (int)created, (int)updated, (int)unchanged, [], false)
        { Duplicates = duplicates, Conflicts = conflicts, DuplicateCount = duplicateCount, ConflictCount = conflictCount };
    }

    /// <summary>A staged row whose contract (customer, app, type, dates) is already in the book under another external id.</summary>
    private const string SameContractElsewhere =
        "NOT EXISTS (SELECT 1 FROM legacy_service_orders x WHERE x.\"PartnerId\" = @p AND x.\"ExternalId\" = ext) " +
        "AND EXISTS (SELECT 1 FROM legacy_service_orders o WHERE o.\"PartnerId\" = @p AND o.\"CustomerOrgId\" = org AND o.\"CatalogEntryId\" = app " +
        "AND o.\"Type\" = type AND o.\"ContractStart\" = cstart AND o.\"ContractEnd\" = cend)";

    private const string DuplicatesSql =
        "SELECT s.line, s.ext, 'sameExternalId', s.ext, '' FROM " + Stage + " s JOIN legacy_service_orders o ON o.\"PartnerId\" = @p AND o.\"ExternalId\" = s.ext WHERE " + Same +
        " UNION ALL SELECT s.line, s.ext, 'sameContract', (SELECT MIN(o.\"ExternalId\") FROM legacy_service_orders o WHERE o.\"PartnerId\" = @p AND o.\"CustomerOrgId\" = s.org " +
        "AND o.\"CatalogEntryId\" = s.app AND o.\"Type\" = s.type AND o.\"ContractStart\" = s.cstart AND o.\"ContractEnd\" = s.cend), '' FROM " + Stage + " s WHERE " +
        "NOT EXISTS (SELECT 1 FROM legacy_service_orders x WHERE x.\"PartnerId\" = @p AND x.\"ExternalId\" = s.ext) " +
        "AND EXISTS (SELECT 1 FROM legacy_service_orders o WHERE o.\"PartnerId\" = @p AND o.\"CustomerOrgId\" = s.org AND o.\"CatalogEntryId\" = s.app " +
        "AND o.\"Type\" = s.type AND o.\"ContractStart\" = s.cstart AND o.\"ContractEnd\" = s.cend)";

    private const string ConflictsSql =
        "SELECT s.line, s.ext, 'conflict', s.ext, " +
        "CASE WHEN o.\"CustomerOrgId\" <> s.org THEN 'customer_org_id;' ELSE '' END || CASE WHEN o.\"CustomerName\" <> s.name THEN 'customer_name;' ELSE '' END || " +
        "CASE WHEN o.\"CatalogEntryId\" <> s.app THEN 'app;' ELSE '' END || CASE WHEN o.\"Type\" <> s.type THEN 'type;' ELSE '' END || " +
        "CASE WHEN o.\"Quantity\" <> s.qty THEN 'quantity;' ELSE '' END || CASE WHEN o.\"UnitPriceMinor\" <> s.price THEN 'unit_price;' ELSE '' END || " +
        "CASE WHEN o.\"CurrencyCode\" <> s.cur THEN 'currency;' ELSE '' END || CASE WHEN o.\"ContractStart\" <> s.cstart THEN 'contract_start;' ELSE '' END || " +
        "CASE WHEN o.\"ContractEnd\" <> s.cend THEN 'contract_end;' ELSE '' END || CASE WHEN o.\"Status\" <> s.status THEN 'status;' ELSE '' END || " +
        "CASE WHEN o.\"ReceivedAt\" <> s.received THEN 'received_at;' ELSE '' END " +
        "FROM " + Stage + " s JOIN legacy_service_orders o ON o.\"PartnerId\" = @p AND o.\"ExternalId\" = s.ext WHERE NOT (" + Same + ")";

    private static async Task<(IReadOnlyList<ConsolidationFinding> Found, int Count)> FindingsAsync(
        DbConnection connection, DbTransaction tx, string partnerId, string sql, CancellationToken ct)
    {
        var found = new List<ConsolidationFinding>();
        var count = 0;
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandTimeout = 600;
        cmd.CommandText = $"SELECT * FROM ({sql}) f ORDER BY 1";
        AddParam(cmd, "p", partnerId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            count++;
            if (found.Count >= MaxReportedErrors)
            {
                continue;
            }
            var (line, ext, kind) = (r.GetInt64(0), r.GetString(1), r.GetString(2));
            var existing = r.IsDBNull(3) ? null : r.GetString(3);
            var columns = r.GetString(4).Split(';', StringSplitOptions.RemoveEmptyEntries);
            found.Add(new ConsolidationFinding(line, ext, kind, existing, columns, kind switch
            {
                "sameExternalId" => $"Already in your book as '{ext}' with the same values; skipped.",
                "sameContract" => $"The same contract is already in your book as '{existing}'; skipped.",
                _ => $"'{ext}' is already in your book with other values ({string.Join(", ", columns)}).",
            }));
        }
        return (found, count);
    }

    private static async Task<int> ExecAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct, string? partner = null)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.CommandTimeout = 600;
        if (partner is not null)
        {
            AddParam(cmd, "p", partner);
        }
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private static void AddParam(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    private interface IStageWriter : IAsyncDisposable
    {
        Task AddAsync(long line, LegacyServiceOrder.Fields f, CancellationToken ct);

        Task CompleteAsync(CancellationToken ct);
    }

    /// <summary>PostgreSQL: binary COPY straight from the parsed rows.</summary>
    private sealed class CopyStage(NpgsqlConnection connection) : IStageWriter
    {
        private NpgsqlBinaryImporter? _copy;

        // Synchronous writes: they only fill Npgsql's buffer (a flush now and then), and fourteen awaits per row
        // cost more than the row itself.
        public async Task AddAsync(long line, LegacyServiceOrder.Fields f, CancellationToken ct)
        {
            _copy ??= await connection.BeginBinaryImportAsync(
                $"COPY {Stage} (line, id, ext, org, name, app, type, qty, price, cur, cstart, cend, status, received) FROM STDIN (FORMAT BINARY)", ct);
            _copy.StartRow();
            _copy.Write(line, NpgsqlDbType.Bigint);
            _copy.Write(Domain.Common.Ids.New(Domain.Common.Ids.LegacyOrder), NpgsqlDbType.Text);
            _copy.Write(f.ExternalId, NpgsqlDbType.Text);
            _copy.Write(f.CustomerOrgId, NpgsqlDbType.Text);
            _copy.Write(f.CustomerName, NpgsqlDbType.Text);
            _copy.Write(f.CatalogEntryId, NpgsqlDbType.Text);
            _copy.Write(f.Type.ToString(), NpgsqlDbType.Text);
            _copy.Write(f.Quantity, NpgsqlDbType.Integer);
            _copy.Write(f.UnitPriceMinor, NpgsqlDbType.Bigint);
            _copy.Write(f.CurrencyCode, NpgsqlDbType.Text);
            _copy.Write(f.ContractStart, NpgsqlDbType.Date);
            _copy.Write(f.ContractEnd, NpgsqlDbType.Date);
            _copy.Write(f.Status.ToString(), NpgsqlDbType.Text);
            _copy.Write(f.ReceivedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        }

        public async Task CompleteAsync(CancellationToken ct)
        {
            if (_copy is not null)
            {
                await _copy.CompleteAsync(ct);
                await _copy.DisposeAsync();
                _copy = null;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_copy is not null)
            {
                // Not completed: the COPY is cancelled and the staging table stays empty.
                await _copy.DisposeAsync();
            }
        }
    }

    /// <summary>SQLite: one prepared insert, committed every few thousand rows (the temp table only).</summary>
    private sealed class SqliteStage(DbConnection connection) : IStageWriter
    {
        private DbCommand? _insert;
        private DbTransaction? _tx;
        private int _inBatch;

        public async Task AddAsync(long line, LegacyServiceOrder.Fields f, CancellationToken ct)
        {
            if (_insert is null)
            {
                _insert = connection.CreateCommand();
                _insert.CommandText = $"INSERT INTO {Stage} VALUES ($line, $id, $ext, $org, $name, $app, $type, $qty, $price, $cur, $cstart, $cend, $status, $received)";
                foreach (var n in new[] { "line", "id", "ext", "org", "name", "app", "type", "qty", "price", "cur", "cstart", "cend", "status", "received" })
                {
                    var p = _insert.CreateParameter();
                    p.ParameterName = "$" + n;
                    _insert.Parameters.Add(p);
                }
            }
            if (_tx is null)
            {
                // Deferred: the staging table is temporary, so the main database is not locked meanwhile.
                _tx = ((SqliteConnection)connection).BeginTransaction(deferred: true);
                _insert.Transaction = _tx;
            }
            var ps = _insert.Parameters;
            ps[0].Value = line;
            ps[1].Value = Domain.Common.Ids.New(Domain.Common.Ids.LegacyOrder);
            ps[2].Value = f.ExternalId;
            ps[3].Value = f.CustomerOrgId;
            ps[4].Value = f.CustomerName;
            ps[5].Value = f.CatalogEntryId;
            ps[6].Value = f.Type.ToString();
            ps[7].Value = f.Quantity;
            ps[8].Value = f.UnitPriceMinor;
            ps[9].Value = f.CurrencyCode;
            ps[10].Value = f.ContractStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            ps[11].Value = f.ContractEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            ps[12].Value = f.Status.ToString();
            ps[13].Value = SqliteInstant.ConvertToProvider(f.ReceivedAt.ToUniversalTime());
            await _insert.ExecuteNonQueryAsync(ct);
            if (++_inBatch >= SqliteBatch)
            {
                await CommitAsync(ct);
            }
        }

        public Task CompleteAsync(CancellationToken ct) => CommitAsync(ct);

        private async Task CommitAsync(CancellationToken ct)
        {
            if (_tx is not null)
            {
                await _tx.CommitAsync(ct);
                await _tx.DisposeAsync();
                _tx = null;
                _inBatch = 0;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_tx is not null)
            {
                await _tx.DisposeAsync();
            }
            if (_insert is not null)
            {
                await _insert.DisposeAsync();
            }
        }
    }
}
