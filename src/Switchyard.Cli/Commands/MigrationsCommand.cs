using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Sylvan.Data.Csv;

namespace Switchyard.Cli.Commands;

/// <summary>`switchyard migrations plan|start`: the book's move from the legacy channel to the platform.</summary>
public static class MigrationsCommand
{
    public static Command Create(CliContext context)
    {
        var migrations = new Command("migrations", "Move customers from the legacy channel to the platform: the plan for the whole book, and starting migrations from it.");
        migrations.Subcommands.Add(Plan(context));
        migrations.Subcommands.Add(Start(context));
        return migrations;
    }

    private static Command Plan(CliContext context)
    {
        var asOfOption = new Option<string?>("--as-of") { Description = "The day the plan is made for, YYYY-MM-DD (default: the server's today)" };
        var formatOption = new Option<string?>("--format") { Description = "csv or json (default: a table, or from the --out file's extension)" };
        formatOption.AcceptOnlyFromAmong("csv", "json");
        var outOption = new Option<FileInfo?>("--out") { Description = "Write the plan to this file instead of the screen" };
        var command = new Command("plan",
            "The migration plan for the whole book: per customer and app, the allowed and recommended paths, the cancel-by date, " +
            "the earliest platform start and what blocks it. Writes nothing on the server.");
        command.Options.Add(asOfOption);
        command.Options.Add(formatOption);
        command.Options.Add(outOption);
        command.SetAction(context.Safe(async (parse, ct) =>
        {
            var output = context.Output;
            var client = context.Client(parse);
            var asOf = parse.GetValue(asOfOption);
            var outFile = parse.GetValue(outOption);
            var format = parse.GetValue(formatOption)
                ?? (outFile is not null ? (outFile.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) ? "csv" : "json") : output.Json ? "json" : null);
            var query = "/v1/migrations/plan?format=" + (format == "csv" ? "csv" : "json") + (string.IsNullOrEmpty(asOf) ? "" : "&asOf=" + Uri.EscapeDataString(asOf));
            if (outFile is not null)
            {
                return await WriteFileAsync(output, client, query, outFile, format == "csv", ct);
            }
            var (result, text) = await client.GetTextAsync(query, ct);
            result.EnsureSuccess();
            if (format == "csv")
            {
                output.Console.Profile.Out.Writer.Write(text);
                output.Console.Profile.Out.Writer.Flush();
                return 0;
            }
            var plan = JsonNode.Parse(text!)!;
            if (format == "json")
            {
                output.WriteJson(plan);
                return 0;
            }
            var table = CliOutput.Table(["Customer", "App", "Recommended", "Cancel by", "Platform from", "Blockers"], wrapping: ["Customer", "Blockers"]);
            foreach (var row in plan["rows"]!.AsArray())
            {
                CliOutput.AddRow(table, CliFormat.Text(row, "customerName"), CliFormat.Text(row, "app"), PathLabel(CliFormat.Text(row, "recommendedPath")),
                    CliFormat.Text(row, "cancelBy"), CliFormat.Text(row, "earliestPlatformStart"),
                    string.Join("; ", row!["blockers"]!.AsArray().Select(b => b!["message"]!.GetValue<string>())));
            }
            output.Write(table);
            var totals = plan["totals"]!;
            output.Line(string.Create(CultureInfo.InvariantCulture,
                $"As of {plan["asOf"]}: {totals["rows"]!.GetValue<int>():N0} customer × app rows for {totals["customers"]!.GetValue<int>():N0} customers, " +
                $"{totals["blocked"]!.GetValue<int>():N0} blocked"));
            return 0;
        }));
        return command;
    }

    private static Command Start(CliContext context)
    {
        var planOption = new Option<FileInfo>("--plan") { Description = "A plan file written by 'switchyard migrations plan --out' (CSV or JSON)", Required = true };
        var dryRunOption = new Option<bool>("--dry-run") { Description = "Only list the migrations that would start; start none" };
        var command = new Command("start",
            "Start the migrations of a plan file, each along its recommended path. Rows without a platform customer or a recommended path are skipped " +
            "and listed; a migration already under way is left as it is. Safe to run again.");
        command.Options.Add(planOption);
        command.Options.Add(dryRunOption);
        command.SetAction(context.Safe(async (parse, ct) =>
        {
            var output = context.Output;
            var file = parse.GetValue(planOption)!;
            var dryRun = parse.GetValue(dryRunOption);
            if (!file.Exists)
            {
                output.Error($"No file {file.FullName}");
                return 2;
            }
            List<PlanLine> lines;
            try
            {
                lines = await ReadPlanAsync(file, ct);
            }
            catch (Exception ex) when (ex is JsonException or CsvFormatException or InvalidDataException or InvalidOperationException)
            {
                output.Error($"{file.Name} is not a plan file ({ex.Message}); write one with 'switchyard migrations plan --out FILE'.");
                return 2;
            }
            var startable = lines.Where(l => l.Skip is null).ToList();
            var skipped = lines.Where(l => l.Skip is not null).ToList();
            var hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file.FullName, ct)))[..16];
            var outcomes = new List<(PlanLine Line, string Outcome, bool Failed)>();
            if (!dryRun)
            {
                var client = context.Client(parse);
                async Task StartAllAsync(Action? step)
                {
                    foreach (var line in startable)
                    {
                        var result = await client.PostAsync("/v1/migrations", new { customerId = line.CustomerId, catalogEntryId = line.CatalogEntryId, path = line.Path },
                            $"plan-{hash}-{line.CustomerId}-{line.CatalogEntryId}", ct);
                        if (result.IsAuthorizationFailure)
                        {
                            result.EnsureSuccess();
                        }
                        outcomes.Add(result.IsSuccess
                            ? (line, "started " + CliFormat.Id(result.Body?["id"]?.GetValue<string>(), output.Wide), false)
                            : result.Status == 409 ? (line, "already under way", false) : (line, result.Describe(), true));
                        step?.Invoke();
                    }
                }
                if (output.CanShowProgress)
                {
                    await output.Console.Progress().StartAsync(async progress =>
                    {
                        var task = progress.AddTask("Starting migrations", maxValue: Math.Max(1, startable.Count));
                        await StartAllAsync(() => task.Increment(1));
                    });
                }
                else
                {
                    await StartAllAsync(null);
                }
            }
            else
            {
                outcomes.AddRange(startable.Select(l => (l, "would start", false)));
            }
            var failed = outcomes.Count(o => o.Failed);
            if (output.Json)
            {
                output.WriteJson(new JsonObject
                {
                    ["dryRun"] = dryRun,
                    ["rows"] = lines.Count,
                    ["started"] = dryRun ? 0 : outcomes.Count(o => o.Outcome.StartsWith("started", StringComparison.Ordinal)),
                    ["failed"] = failed,
                    ["outcomes"] = new JsonArray([.. outcomes.Select(o => (JsonNode)new JsonObject
                    {
                        ["customerId"] = o.Line.CustomerId, ["catalogEntryId"] = o.Line.CatalogEntryId, ["path"] = o.Line.Path, ["outcome"] = o.Outcome, ["failed"] = o.Failed,
                    })]),
                    ["skipped"] = new JsonArray([.. skipped.Select(s => (JsonNode)new JsonObject { ["customerOrgId"] = s.CustomerOrgId, ["app"] = s.App, ["reason"] = s.Skip })]),
                });
                return failed == 0 ? 0 : 1;
            }
            var table = CliOutput.Table(["Customer", "App", "Path", "Outcome"], wrapping: ["Customer", "Outcome"]);
            foreach (var (line, outcome, _) in outcomes)
            {
                CliOutput.AddRow(table, line.CustomerName, line.App, PathLabel(line.Path), outcome);
            }
            foreach (var line in skipped)
            {
                CliOutput.AddRow(table, line.CustomerName, line.App, "", "skipped: " + line.Skip);
            }
            output.Write(table);
            var startedCount = outcomes.Count(o => o.Outcome.StartsWith("started", StringComparison.Ordinal));
            var underWay = outcomes.Count(o => o.Outcome == "already under way");
            output.Line(dryRun
                ? string.Create(CultureInfo.InvariantCulture, $"Dry run: {startable.Count:N0} would start, {skipped.Count:N0} skipped; nothing was started.")
                : string.Create(CultureInfo.InvariantCulture, $"{startedCount:N0} started, {underWay:N0} already under way, {failed:N0} failed, {skipped.Count:N0} skipped."));
            foreach (var (line, outcome, _) in outcomes.Where(o => o.Failed))
            {
                output.Error($"{line.CustomerName} / {line.App}: {outcome}");
            }
            return failed == 0 ? 0 : 1;
        }));
        return command;
    }

    /// <summary>One row of a plan file, and why it cannot be started, if so.</summary>
    private sealed record PlanLine(string? CustomerId, string CustomerOrgId, string CustomerName, string CatalogEntryId, string App, string? Path, string? Skip);

    private static async Task<List<PlanLine>> ReadPlanAsync(FileInfo file, CancellationToken ct)
    {
        var lines = new List<PlanLine>();
        await using var stream = file.OpenRead();
        var first = stream.ReadByte();
        stream.Position = 0;
        if (first == '{')
        {
            var plan = await JsonNode.ParseAsync(stream, cancellationToken: ct) ?? throw new InvalidDataException("empty");
            foreach (var row in plan["rows"]?.AsArray() ?? throw new InvalidDataException("no rows"))
            {
                lines.Add(Line(CliFormat.Text(row, "customerId"), CliFormat.Text(row, "customerOrgId"), CliFormat.Text(row, "customerName"),
                    CliFormat.Text(row, "catalogEntryId"), CliFormat.Text(row, "app"), CliFormat.Text(row, "recommendedPath"),
                    row!["blockers"]?.AsArray().Select(b => CliFormat.Text(b, "message")).FirstOrDefault()));
            }
            return lines;
        }
        using var text = new StreamReader(stream, Encoding.UTF8);
        await using var csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true }, ct);
        int Col(string name)
        {
            for (var i = 0; i < csv.FieldCount; i++)
            {
                if (string.Equals(csv.GetName(i), name, StringComparison.Ordinal))
                {
                    return i;
                }
            }
            throw new InvalidDataException($"no {name} column");
        }
        var (customerId, org, name, entry, app, path, blockers) =
            (Col("customer_id"), Col("customer_org_id"), Col("customer_name"), Col("catalog_entry_id"), Col("app"), Col("recommended_path"), Col("blockers"));
        while (await csv.ReadAsync(ct))
        {
            lines.Add(Line(csv.GetString(customerId), csv.GetString(org), csv.GetString(name), csv.GetString(entry), csv.GetString(app), csv.GetString(path),
                csv.GetString(blockers)));
        }
        return lines;
    }

    private static PlanLine Line(string customerId, string org, string name, string entry, string app, string path, string? blocker)
    {
        string? skip = string.IsNullOrEmpty(customerId) ? "not a platform customer yet"
            : string.IsNullOrEmpty(path) ? (string.IsNullOrEmpty(blocker) ? "no path is allowed" : blocker)
            : path is not ("cancelAndMove" or "atRenewal") ? "nothing to migrate"
            : null;
        return new PlanLine(NullIfEmpty(customerId), org, name, entry, app, NullIfEmpty(path), skip);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    /// <summary>Streams the plan into the file, showing how much has arrived; the file is left only when complete.</summary>
    private static async Task<int> WriteFileAsync(CliOutput output, SwitchyardClient client, string query, FileInfo outFile, bool csv, CancellationToken ct)
    {
        var (result, response) = await client.GetStreamingAsync(query, ct);
        result.EnsureSuccess();
        using (response)
        {
            var partial = outFile.FullName + ".partial";
            long rows;
            try
            {
                await using var source = await response!.Content.ReadAsStreamAsync(ct);
                await using (var destination = File.Create(partial))
                {
                    Task<long> Copy(Action<long> progress) => csv
                        ? PlanFileWriter.CopyCsvAsync(source, destination, progress, ct)
                        : PlanFileWriter.CopyJsonIndentedAsync(source, destination, progress, ct);
                    rows = output.CanShowProgress
                        ? await output.Console.Status().StartAsync("Receiving the plan", status =>
                            Copy(bytes => status.Status(string.Create(CultureInfo.InvariantCulture, $"Receiving the plan: {bytes / (1024.0 * 1024.0):N1} MB"))))
                        : await Copy(_ => { });
                }
                File.Move(partial, outFile.FullName, overwrite: true);
            }
            catch
            {
                // A cut-off download never leaves a half plan where a complete one is expected.
                File.Delete(partial);
                throw;
            }
            output.Line(string.Create(CultureInfo.InvariantCulture, $"Wrote the plan ({rows:N0} rows) to {outFile.FullName}"));
            return 0;
        }
    }

    /// <summary>Paths as people read them.</summary>
    public static string PathLabel(string? path) => path switch
    {
        "cancelAndMove" => "Cancel and move",
        "atRenewal" => "At renewal",
        "keepAndAdd" => "Keep and add",
        null or "" => "",
        _ => path,
    };
}
