using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Switchyard.Cli.Commands;

/// <summary>`switchyard legacy import FILE [--dry-run]`.</summary>
public static class LegacyCommand
{
    public static Command Create(CliContext context)
    {
        var legacy = new Command("legacy", "Legacy order channel: import a book of legacy service orders.");
        legacy.Subcommands.Add(Import(context));
        return legacy;
    }

    private static Command Import(CliContext context)
    {
        var fileArgument = new Argument<FileInfo>("file")
        {
            Description = "CSV (UTF-8, header row) or JSON lines (.jsonl/.ndjson) of legacy service orders",
        };
        var dryRunOption = new Option<bool>("--dry-run") { Description = "Only check the file and count what would change; write nothing" };
        var command = new Command("import",
            "Import legacy service orders, keeping their ids and received dates. Safe to run again: unchanged rows stay as they are. " +
            "A file with any bad row imports nothing; every bad row is listed with its line, column and reason.");
        command.Arguments.Add(fileArgument);
        command.Options.Add(dryRunOption);
        command.SetAction(context.Safe(async (parse, ct) =>
        {
            var output = context.Output;
            var file = parse.GetValue(fileArgument)!;
            var dryRun = parse.GetValue(dryRunOption);
            var client = context.Client(parse);
            if (!file.Exists)
            {
                output.Error($"No file {file.FullName}");
                return 2;
            }
            var json = file.Extension.ToLowerInvariant() is ".jsonl" or ".ndjson";
            var path = $"/v1/legacy/imports?dryRun={(dryRun ? "true" : "false")}";
            ApiResult result;
            if (output.CanShowProgress)
            {
                result = await output.Console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(async progress =>
                    {
                        var upload = progress.AddTask(dryRun ? "Checking " + file.Name : "Importing " + file.Name, maxValue: Math.Max(1, file.Length));
                        using var content = Content(file, json, sent => upload.Value = sent);
                        var answer = await client.PostContentAsync(path, content, null, ct);
                        upload.Value = upload.MaxValue;
                        return answer;
                    });
            }
            else
            {
                using var content = Content(file, json, _ => { });
                result = await client.PostContentAsync(path, content, null, ct);
            }
            if (output.Json)
            {
                output.WriteJson(result.Body);
                return result.IsSuccess && result.Body?["status"]?.GetValue<string>() != "invalid" ? 0 : 1;
            }
            var errors = result.Body?["errors"] as JsonArray;
            if (result.IsSuccess && result.Body?["status"]?.GetValue<string>() != "invalid")
            {
                var b = result.Body!;
                var counts = string.Create(CultureInfo.InvariantCulture,
                    $"{b["rows"]!.GetValue<long>():N0} rows: {b["created"]!.GetValue<int>():N0} {(dryRun ? "to create" : "created")}, " +
                    $"{b["updated"]!.GetValue<int>():N0} {(dryRun ? "to update" : "updated")}, {b["unchanged"]!.GetValue<int>():N0} unchanged");
                output.Line(dryRun ? "Dry run, nothing written. " + counts : "Imported. " + counts);
                return 0;
            }
            if (errors is { Count: > 0 } && errors[0] is JsonObject)
            {
                var table = CliOutput.Table(["Line", "Column", "Reason"], wrapping: ["Reason"]);
                foreach (var e in errors)
                {
                    CliOutput.AddRow(table, e!["row"]?.ToString(), e["column"]?.GetValue<string>() ?? "", e["message"]?.GetValue<string>());
                }
                output.Write(table);
                var truncated = result.Body?["errorsTruncated"]?.GetValue<bool>() == true ? " (only the first ones are listed)" : "";
                output.Error($"{errors.Count.ToString("N0", CultureInfo.InvariantCulture)} problem(s){truncated}; nothing was imported. Fix the rows listed and run again.");
                return 1;
            }
            output.Error(result.Describe());
            return 1;
        }));
        return command;
    }

    private static ProgressContent Content(FileInfo file, bool json, Action<long> sent)
    {
        var content = new ProgressContent(file.OpenRead(), file.Length, sent);
        content.Headers.ContentType = new MediaTypeHeaderValue(json ? "application/x-ndjson" : "text/csv") { CharSet = "utf-8" };
        return content;
    }
}
