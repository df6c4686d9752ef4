using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Common;
using Switchyard.Domain.PlanMigration;
using Switchyard.Server.Legacy;
using Sylvan.Data.Csv;

namespace Switchyard.Server.PlanMigration;

/// <summary>One problem of a bulk run: where (the file's line and column, or the request of a batch) and why.</summary>
public sealed record BulkProblem(int? Line, string? Column, string? RequestId, string Code, string Message);

/// <summary>One row of a bulk run: the account, what would be (or was) opened, the account's blockers, and its problems.</summary>
public sealed record BulkItem(
    int? Line,
    string? AccountId,
    string? AccountName,
    PlanMigrationKind Kind,
    Plan? TargetPlan,
    string Outcome,
    string? RequestId,
    string? SourceRequestId,
    IReadOnlyList<Blocker> Blockers,
    IReadOnlyList<BulkProblem> Problems);

/// <summary>
/// The report of a bulk run. <see cref="Status"/>: <c>valid</c> (a dry run with no problem), <c>invalid</c>
/// (problems listed; nothing written) or <c>created</c> (every request opened, in one batch).
/// </summary>
public sealed record BulkReport(string? BatchId, bool DryRun, string Status, int Rows, int Created, int Skipped,
    IReadOnlyList<BulkItem> Items, IReadOnlyList<BulkProblem> Errors)
{
    public bool IsInvalid => Status == "invalid";
}

/// <summary>The whole file was refused before its rows were read (encoding, header, size).</summary>
public sealed record BulkRefusal(string Code, string Message, int Line);

/// <summary>
/// Plan-migration requests in bulk: opening many from a CSV file, and undoing a whole batch. Both check
/// every row first (PLN-2 blockers included) and write nothing on a dry run or when any row has a problem;
/// otherwise every request is opened in one save, under one batch id, each with its audit entry (AUD-1).
/// </summary>
public static class PlanMigrationBulk
{
    public const int MaxRows = 5_000;

    public static readonly string[] Columns = ["account_id", "target_plan", "kind", "company_name", "vat_number", "description", "setup_fee"];

    public static readonly string[] RequiredColumns = ["account_id", "target_plan"];

    private sealed record Row(int Line, string AccountId, string TargetPlan, string Kind, string? Company, string? Vat, string? Description, string? SetupFee);

    /// <summary>
    /// PLN-2, SEC-5: opens a request per row of <paramref name="body"/> (CSV, UTF-8, header row naming the
    /// columns in any order). Returns the report, or the refusal of the whole file.
    /// </summary>
    public static async Task<(BulkReport? Report, BulkRefusal? Refusal)> ImportAsync(SwitchyardDb db, Stream body, bool dryRun, string actor,
        DateTimeOffset now, CancellationToken ct)
    {
        List<Row> rows;
        var problems = new List<BulkProblem>();
        try
        {
            (rows, var refusal) = await ReadAsync(body, problems, ct);
            if (refusal is not null)
            {
                return (null, refusal);
            }
        }
        catch (InvalidEncodingException bad)
        {
            return (null, new BulkRefusal("invalidEncoding", $"The file is not UTF-8 text (line {bad.Line.ToString(CultureInfo.InvariantCulture)}): save it as CSV UTF-8.", (int)Math.Min(bad.Line, int.MaxValue)));
        }

        var ids = rows.Select(r => r.AccountId).Where(id => PlanMigrationApi.IsId(id, Ids.Account)).Distinct(StringComparer.Ordinal).ToList();
        var accounts = await LoadAccountsAsync(db, ids, ct);
        var openAccounts = await OpenRequestAccountsAsync(db, ids, ct);
        var batchId = NewBatchId();
        var items = new List<BulkItem>();
        var requests = new List<PlanMigrationRequest>();
        var lines = new Dictionary<PlanMigrationRequest, int>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var local = problems.Where(p => p.Line == row.Line).ToList();
            if (local.Count > 0)
            {
                items.Add(new BulkItem(row.Line, null, null, PlanMigrationKind.Migration, null, "problem", null, null, [], local));
                continue;
            }
            var kind = ParseKind(row, local);
            var plan = ParsePlan(row, local);
            var fee = ParseFee(row, local);
            Account? account = null;
            if (row.AccountId.Length == 0)
            {
                local.Add(new BulkProblem(row.Line, "account_id", null, "required", "The account id is required."));
            }
            else if (!accounts.TryGetValue(row.AccountId, out account))
            {
                local.Add(new BulkProblem(row.Line, "account_id", null, "unknownAccount", $"No account has the id '{Clip(row.AccountId)}'."));
            }
            else if (seen.TryGetValue(row.AccountId, out var first))
            {
                local.Add(new BulkProblem(row.Line, "account_id", null, "duplicateAccount",
                    $"This account is already on line {first.ToString(CultureInfo.InvariantCulture)}; one request per account."));
            }
            if (account is not null)
            {
                seen.TryAdd(row.AccountId, row.Line);
            }
            IReadOnlyList<Blocker> blockers = account is not null && plan is { } p ? Blockers.For(account, p, row.Company, row.Vat) : [];
            if (account is not null && kind is { } k && plan is { } target && local.Count == 0)
            {
                var old = k == PlanMigrationKind.Undo && account.SourceAccountId is { } sourceId ? accounts.GetValueOrDefault(sourceId) : null;
                var input = new PlanMigrationInput(k, target, row.Company, row.Vat, row.Description, fee, batchId);
                var opened = PlanMigrationRequest.Open(account, old, input, openAccounts.Contains(account.Id), actor, now);
                if (opened.IsFailure)
                {
                    local.AddRange(opened.Errors.SelectMany(e => FromError(e, row, account, target)));
                }
                else
                {
                    requests.Add(opened.Value);
                    lines[opened.Value] = row.Line;
                }
            }
            problems.RemoveAll(x => x.Line == row.Line);
            problems.AddRange(local);
            items.Add(new BulkItem(row.Line, account?.Id ?? NullIfEmpty(Clip(row.AccountId)), account?.Name, kind ?? PlanMigrationKind.Migration, plan,
                local.Count > 0 ? "problem" : dryRun ? "wouldOpen" : "opened", null, null, blockers, local));
        }
        return (await FinishAsync(db, batchId, dryRun, rows.Count, items, problems, requests,
            r => $"Bulk import, batch {batchId}, line {lines[r].ToString(CultureInfo.InvariantCulture)}", ct), null);
    }

    /// <summary>
    /// PLN-6 for a whole batch: an undo request for every completed migration of <paramref name="batchId"/>.
    /// Cancelled requests and migrations already undone are skipped; a request still under way is a problem,
    /// and then nothing is opened. The undo requests form a new batch. Null when no request has this batch id.
    /// </summary>
    public static async Task<BulkReport?> UndoBatchAsync(SwitchyardDb db, string batchId, bool dryRun, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var batch = await db.PlanMigrationRequests.AsNoTracking().Where(r => r.BatchId == batchId)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(ct);
        if (batch.Count == 0)
        {
            return null;
        }
        var ids = batch.SelectMany(r => new[] { r.AccountId, r.TargetAccountId }).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var accounts = await LoadAccountsAsync(db, ids, ct);
        var openAccounts = await OpenRequestAccountsAsync(db, ids, ct);
        var undoBatchId = NewBatchId();
        var items = new List<BulkItem>();
        var problems = new List<BulkProblem>();
        var requests = new List<PlanMigrationRequest>();
        var sources = new Dictionary<PlanMigrationRequest, string>();
        foreach (var request in batch)
        {
            var moved = request.TargetAccountId is { } t ? accounts.GetValueOrDefault(t) : null;
            var old = accounts.GetValueOrDefault(request.AccountId);
            BulkItem Item(string outcome, string? note = null, IReadOnlyList<BulkProblem>? local = null) =>
                new(null, moved?.Id ?? request.AccountId, request.AccountName, PlanMigrationKind.Undo, request.SourcePlan, outcome, null, request.Id,
                    [], local ?? (note is null ? [] : [new BulkProblem(null, null, request.Id, outcome, note)]));
            if (request.Kind == PlanMigrationKind.Undo)
            {
                items.Add(Item("skipped", "An undo request: nothing to undo."));
                continue;
            }
            switch (request.State)
            {
                case PlanMigrationState.Cancelled:
                    items.Add(Item("skipped", "Cancelled before it started: nothing to undo."));
                    continue;
                case PlanMigrationState.Draft or PlanMigrationState.Submitted or PlanMigrationState.InProgress:
                    var waiting = new BulkProblem(null, null, request.Id, "requestUnderWay",
                        $"{request.AccountName}: this migration is still {PlanMigrationRequest.StateName(request.State)}; finish or cancel it before undoing the batch.");
                    problems.Add(waiting);
                    items.Add(Item("problem", local: [waiting]));
                    continue;
                case PlanMigrationState.Completed:
                    break;
            }
            if (moved is null || old is null || !old.IsMarkedMigrated)
            {
                items.Add(Item("skipped", "Already undone."));
                continue;
            }
            var input = new PlanMigrationInput(PlanMigrationKind.Undo, request.SourcePlan, null, null,
                $"Undo of the bulk migration batch {batchId}.", 0m, undoBatchId);
            var opened = PlanMigrationRequest.Open(moved, old, input, openAccounts.Contains(moved.Id), actor, now);
            if (opened.IsFailure)
            {
                var local = opened.Errors.Select(e => new BulkProblem(null, null, request.Id, e.Code, $"{request.AccountName}: {e.Message}")).ToList();
                problems.AddRange(local);
                items.Add(Item("problem", local: local));
                continue;
            }
            requests.Add(opened.Value);
            sources[opened.Value] = request.Id;
            items.Add(Item(dryRun ? "wouldOpen" : "opened"));
        }
        return await FinishAsync(db, undoBatchId, dryRun, batch.Count, items, problems, requests,
            r => $"Undo of batch {batchId} (request {sources[r]})", ct);
    }

    private static async Task<BulkReport> FinishAsync(SwitchyardDb db, string batchId, bool dryRun, int rows, List<BulkItem> items,
        List<BulkProblem> problems, List<PlanMigrationRequest> requests, Func<PlanMigrationRequest, string> reason, CancellationToken ct)
    {
        var skipped = items.Count(i => i.Outcome == "skipped");
        if (problems.Count > 0 || dryRun || requests.Count == 0)
        {
            var status = problems.Count > 0 ? "invalid" : dryRun ? "valid" : "created";
            return new BulkReport(null, dryRun, status, rows, 0, skipped, items, [.. problems.OrderBy(p => p.Line ?? 0)]);
        }
        foreach (var request in requests)
        {
            db.PlanMigrationRequests.Add(request);
            db.Audit.Describe(request, AuditActions.PlanMigrationOpened, reason(request));
        }
        await db.SaveChangesAsync(ct);
        var opened = requests.GetEnumerator();
        var withIds = items.Select(i =>
        {
            if (i.Outcome != "opened")
            {
                return i;
            }
            opened.MoveNext();
            return i with { RequestId = opened.Current.Id };
        }).ToList();
        return new BulkReport(batchId, false, "created", rows, requests.Count, skipped, withIds, []);
    }

    private static string NewBatchId() => Ids.New(Ids.PlanMigrationBatch);

    private static async Task<Dictionary<string, Account>> LoadAccountsAsync(SwitchyardDb db, List<string> ids, CancellationToken ct)
    {
        var accounts = new Dictionary<string, Account>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var account in await db.Accounts.AsNoTracking().Where(a => chunk.Contains(a.Id)).ToListAsync(ct))
            {
                accounts[account.Id] = account;
            }
        }
        // An undo needs the account the venue came from.
        var sources = accounts.Values.Select(a => a.SourceAccountId).OfType<string>().Where(id => !accounts.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in sources.Chunk(500))
        {
            foreach (var account in await db.Accounts.AsNoTracking().Where(a => chunk.Contains(a.Id)).ToListAsync(ct))
            {
                accounts[account.Id] = account;
            }
        }
        return accounts;
    }

    private static async Task<HashSet<string>> OpenRequestAccountsAsync(SwitchyardDb db, List<string> ids, CancellationToken ct)
    {
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(500))
        {
            open.UnionWith(await db.PlanMigrationRequests.AsNoTracking()
                .Where(r => chunk.Contains(r.AccountId)
                    && (r.State == PlanMigrationState.Draft || r.State == PlanMigrationState.Submitted || r.State == PlanMigrationState.InProgress))
                .Select(r => r.AccountId).ToListAsync(ct));
        }
        return open;
    }

    /// <summary>Maps a domain error to the file's column, with the column's name in the message.</summary>
    private static IEnumerable<BulkProblem> FromError(Error error, Row row, Account account, Plan target)
    {
        if (error.Code == Blockers.FiscalInfoDiffers)
        {
            var companyDiffers = Blockers.For(account, target, row.Company, null).Any(b => b.Code == Blockers.FiscalInfoDiffers);
            var vatDiffers = Blockers.For(account, target, null, row.Vat).Any(b => b.Code == Blockers.FiscalInfoDiffers);
            if (companyDiffers)
            {
                yield return new BulkProblem(row.Line, "company_name", null, error.Code, error.Message);
            }
            if (vatDiffers)
            {
                yield return new BulkProblem(row.Line, "vat_number", null, error.Code, error.Message);
            }
            yield break;
        }
        var column = error.Field switch
        {
            "accountId" => "account_id",
            "targetPlan" => "target_plan",
            "fiscalInfo.companyName" => "company_name",
            "fiscalInfo.vatNumber" => "vat_number",
            "description" => "description",
            "setupFee" => "setup_fee",
            _ => error.Code switch
            {
                "alreadyOnTargetPlan" => "target_plan",
                "nothingToUndo" => "kind",
                _ => "account_id",
            },
        };
        var message = error.Field is { } field ? error.Message.Replace($"'{field}'", $"'{column}'", StringComparison.Ordinal) : error.Message;
        yield return new BulkProblem(row.Line, column, null, error.Code, message);
    }

    private static PlanMigrationKind? ParseKind(Row row, List<BulkProblem> problems)
    {
        switch (row.Kind.ToLowerInvariant())
        {
            case "" or "migration":
                return PlanMigrationKind.Migration;
            case "undo":
                return PlanMigrationKind.Undo;
            default:
                problems.Add(new BulkProblem(row.Line, "kind", null, "invalidKind", $"'{Clip(row.Kind)}' is not a kind: write migration (or leave it empty) or undo."));
                return null;
        }
    }

    private static Plan? ParsePlan(Row row, List<BulkProblem> problems)
    {
        switch (row.TargetPlan.ToLowerInvariant())
        {
            case "pro":
                return Plan.Pro;
            case "connect":
                return Plan.Connect;
            case "":
                problems.Add(new BulkProblem(row.Line, "target_plan", null, "required", "The target plan is required: pro or connect."));
                return null;
            default:
                problems.Add(new BulkProblem(row.Line, "target_plan", null, "invalidPlan", $"'{Clip(row.TargetPlan)}' is not a plan: write pro or connect."));
                return null;
        }
    }

    private static decimal? ParseFee(Row row, List<BulkProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(row.SetupFee))
        {
            return null;
        }
        if (decimal.TryParse(row.SetupFee, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var fee))
        {
            return fee;
        }
        problems.Add(new BulkProblem(row.Line, "setup_fee", null, "invalidAmount", $"'{Clip(row.SetupFee)}' is not an amount: write it like 150 or 150.00, without a currency."));
        return null;
    }

    private static async Task<(List<Row> Rows, BulkRefusal? Refusal)> ReadAsync(Stream body, List<BulkProblem> problems, CancellationToken ct)
    {
        var rows = new List<Row>();
        using var checking = new Utf8CheckingStream(body);
        using var text = new StreamReader(checking, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
        CsvDataReader csv;
        try
        {
            csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',' }, ct);
        }
        catch (CsvFormatException)
        {
            return (rows, Header("missingHeader", "Line 1 must be the header row."));
        }
        await using var _ = csv;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var headerProblems = new List<string>();
        for (var i = 0; i < csv.FieldCount; i++)
        {
            var name = (csv.GetName(i) ?? "").Trim().TrimStart('\uFEFF').ToLowerInvariant();
            if (!Columns.Contains(name))
            {
                headerProblems.Add($"unknown column '{Clip(new string([.. name.Select(c => char.IsControl(c) ? '?' : c)]))}'");
            }
            else if (!index.TryAdd(name, i))
            {
                headerProblems.Add($"column '{name}' appears twice");
            }
        }
        var missing = RequiredColumns.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            headerProblems.Add("missing column(s) " + string.Join(", ", missing));
        }
        if (headerProblems.Count > 0)
        {
            return (rows, Header(index.Count == 0 ? "missingHeader" : "invalidHeader", "Line 1 must be the header row: " + string.Join("; ", headerProblems) + "."));
        }
        var line = 1;
        while (true)
        {
            try
            {
                if (!await csv.ReadAsync(ct))
                {
                    break;
                }
            }
            catch (CsvFormatException)
            {
                problems.Add(new BulkProblem(line + 1, null, null, "malformedRow", "Not a valid CSV row (check its quotes)."));
                break;
            }
            line++;
            if (Enumerable.Range(0, csv.RowFieldCount).All(i => string.IsNullOrWhiteSpace(csv.GetString(i))))
            {
                continue;
            }
            if (rows.Count >= MaxRows)
            {
                return (rows, new BulkRefusal("tooManyRows", $"A file opens at most {MaxRows.ToString("N0", CultureInfo.InvariantCulture)} requests; split it.", line));
            }
            if (csv.RowFieldCount != csv.FieldCount)
            {
                problems.Add(new BulkProblem(line, null, null, "cellCount",
                    $"The row has {csv.RowFieldCount.ToString(CultureInfo.InvariantCulture)} cells; the header has {csv.FieldCount.ToString(CultureInfo.InvariantCulture)}."));
                rows.Add(new Row(line, "", "", "", null, null, null, null));
                continue;
            }
            string Get(string column) => index.TryGetValue(column, out var at) ? csv.GetString(at).Trim() : "";
            string? Optional(string column) => Get(column) is { Length: > 0 } value ? value : null;
            rows.Add(new Row(line, Get("account_id"), Get("target_plan"), Get("kind"), Optional("company_name"), Optional("vat_number"),
                Optional("description"), Optional("setup_fee")));
        }
        if (rows.Count == 0 && problems.Count == 0)
        {
            return (rows, new BulkRefusal("noRows", "The file has a header but no rows.", 2));
        }
        return (rows, null);

        static BulkRefusal Header(string code, string message) => new(code, message + " Columns: " + string.Join(", ", Columns) + " (account_id and target_plan required).", 1);
    }

    private static string Clip(string value) => value.Length > 60 ? value[..60] + "…" : value;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
