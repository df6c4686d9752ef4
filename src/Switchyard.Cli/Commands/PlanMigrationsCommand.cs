using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Switchyard.Cli.Commands;

/// <summary>
/// `switchyard plan-migrations import FILE [--dry-run]` and `switchyard plan-migrations undo-batch BATCH [--dry-run]`
/// (operator key): plan-migration requests in bulk. Every problem is printed as a table of line, column and
/// reason; the server opens nothing when any row has one.
/// </summary>
public static class PlanMigrationsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("plan-migrations", "Plan migrations in bulk (operator key): open requests from a CSV file, or undo a whole batch.");
        command.Subcommands.Add(Import(context));
        command.Subcommands.Add(UndoBatch(context));
        return command;
    }

    private static Option<bool> DryRun() => new("--dry-run") { Description = "Only check: list each venue's blockers and every problem, open nothing" };

    private static Command Import(CliContext context)
    {
        var fileArgument = new Argument<FileInfo>("file")
        {
            Description = "CSV file (UTF-8) with a header row: account_id and target_plan (pro or connect), optionally kind, company_name, vat_number, description, setup_fee",
        };
        var dryRun = DryRun();
        var command = new Command("import",
            "Open a plan-migration request for each row of a CSV file, all in one batch. Every row is checked first; a file with any problem opens nothing.");
        command.Arguments.Add(fileArgument);
        command.Options.Add(dryRun);
        command.SetAction(context.Safe(async (parse, ct) =>
        {
            var output = context.Output;
            var file = parse.GetValue(fileArgument)!;
            if (!file.Exists)
            {
                output.Error($"No file {file.FullName}");
                return 2;
            }
            var check = parse.GetValue(dryRun);
            var client = context.Client(parse);
            var bytes = await File.ReadAllBytesAsync(file.FullName, ct);
            // No idempotency key: a run refused for a problem since fixed (a debt settled) must be checked afresh. Running a file
            // again after it was opened cannot open twice: those venues then have a request in progress, and nothing is opened.
            var path = $"/v1/plan-migrations/imports?dryRun={(check ? "true" : "false")}";
            var result = await SendAsync(output, bytes, check ? "Checking the file" : "Opening the requests", (content, token) => client.PostContentAsync(path, content, null, token), ct);
            return Report(output, result, check, "line");
        }));
        return command;
    }

    private static Command UndoBatch(CliContext context)
    {
        var batchArgument = new Argument<string>("batch") { Description = "The batch id printed by the import (pmb_…)" };
        var dryRun = DryRun();
        var command = new Command("undo-batch",
            "Open an undo request for every completed migration of a batch. Nothing is opened while any request of the batch is still under way.");
        command.Arguments.Add(batchArgument);
        command.Options.Add(dryRun);
        command.SetAction(context.Safe(async (parse, ct) =>
        {
            var output = context.Output;
            var check = parse.GetValue(dryRun);
            var client = context.Client(parse);
            var batch = parse.GetValue(batchArgument)!.Trim();
            var path = $"/v1/plan-migrations/batches/{Uri.EscapeDataString(batch)}/undo?dryRun={(check ? "true" : "false")}";
            var result = await client.PostContentAsync(path, new ByteArrayContent([]), null, ct);
            if (result.Status == (int)HttpStatusCode.NotFound)
            {
                output.Error($"No batch {batch}: give the batch id an import printed.");
                return 1;
            }
            return Report(output, result, check, "request");
        }));
        return command;
    }

    /// <summary>Sends the file with a progress bar over the bytes sent (on an interactive terminal).</summary>
    private static async Task<ApiResult> SendAsync(CliOutput output, byte[] bytes, string label,
        Func<HttpContent, CancellationToken, Task<ApiResult>> send, CancellationToken ct)
    {
        if (!output.CanShowProgress)
        {
            return await send(Csv(bytes, null), ct);
        }
        ApiResult? result = null;
        await output.Console.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask(label, maxValue: Math.Max(bytes.Length, 1));
            result = await send(Csv(bytes, sent => task.Value = sent), ct);
            task.Value = task.MaxValue;
        });
        return result!;
    }

    private static StreamContent Csv(byte[] bytes, Action<long>? progress)
    {
        var content = new StreamContent(new ProgressStream(bytes, progress));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        content.Headers.ContentLength = bytes.Length;
        return content;
    }

    private static int Report(CliOutput output, ApiResult result, bool dryRun, string where)
    {
        var report = result.Body as JsonObject;
        var bulk = report is not null && (report.ContainsKey("items") || report.ContainsKey("errors"));
        if (!result.IsSuccess && !(result.Status == 422 && bulk))
        {
            throw new CliException(result.Describe());
        }
        if (output.Json)
        {
            output.WriteJson(result.Body);
            return result.IsSuccess && report?["status"]?.GetValue<string>() != "invalid" ? 0 : 1;
        }
        var errors = report?["errors"]?.AsArray() ?? [];
        var items = report?["items"]?.AsArray() ?? [];
        if (items.Count > 0)
        {
            var table = CliOutput.Table([where == "line" ? "line" : "#", "venue", "to", "outcome"], wrapping: ["venue"]);
            var n = 0;
            foreach (var item in items)
            {
                n++;
                var blockers = item!["blockers"]?.AsArray().Count ?? 0;
                CliOutput.AddRow(table, where == "line" ? Text(item, "line") : n.ToString(CultureInfo.InvariantCulture),
                    Text(item, "accountName") is { Length: > 0 } name ? name : Text(item, "accountId"),
                    Plan(Text(item, "targetPlan")), Outcome(Text(item, "outcome"), blockers));
            }
            output.Write(table);
        }
        if (errors.Count > 0)
        {
            var table = where == "line"
                ? CliOutput.Table(["line", "column", "reason"], wrapping: ["reason"])
                : CliOutput.Table(["request", "reason"], wrapping: ["reason"]);
            foreach (var error in errors)
            {
                if (where == "line")
                {
                    CliOutput.AddRow(table, Text(error, "line"), Text(error, "column"), Text(error, "message"));
                }
                else
                {
                    CliOutput.AddRow(table, output.Id(Text(error, "requestId")), Text(error, "message"));
                }
            }
            output.Write(table);
            output.Error(string.Create(CultureInfo.InvariantCulture,
                $"{errors.Count} problem(s): nothing was opened.{(dryRun ? "" : " Fix them and run again (try --dry-run first).")}"));
            return 1;
        }
        var created = report?["created"]?.GetValue<int>() ?? 0;
        var skipped = report?["skipped"]?.GetValue<int>() ?? 0;
        var skippedText = skipped > 0 ? string.Create(CultureInfo.InvariantCulture, $", {skipped} skipped (nothing to undo)") : "";
        output.Line(dryRun
            ? string.Create(CultureInfo.InvariantCulture, $"No problem found: {items.Count - skipped} request(s) would be opened{skippedText}. Nothing was written (dry run).")
            : string.Create(CultureInfo.InvariantCulture, $"{created} request(s) opened in batch {Text(report, "batchId")}{skippedText}."));
        return 0;
    }

    private static string Outcome(string outcome, int blockers) => outcome switch
    {
        "wouldOpen" => "would open",
        "opened" => "opened",
        "skipped" => "skipped",
        _ => blockers > 0 ? $"blocked ({blockers.ToString(CultureInfo.InvariantCulture)})" : "problem",
    };

    private static string Plan(string plan) => plan switch
    {
        "pro" => "Pro",
        "connect" => "Connect",
        _ => plan,
    };

    private static string Text(JsonNode? node, string name) => CliFormat.Text(node, name);

    /// <summary>Reads the file's bytes and reports how many were sent.</summary>
    private sealed class ProgressStream(byte[] bytes, Action<long>? progress) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            progress?.Invoke(Position);
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            progress?.Invoke(Position);
            return read;
        }
    }
}
