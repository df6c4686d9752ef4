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
        var backgroundOption = new Option<bool>("--background")
        {
            Description = $"Import as a background job on the server, following its progress (rows done of the file's rows); files over {BackgroundFrom / (1024 * 1024)} MB always are",
        };
        var command = new Command("import",
            "Import legacy service orders, keeping their ids and received dates. Safe to run again: unchanged rows stay as they are. " +
            "A file with any bad row imports nothing; every bad row is listed with its line, column and reason.");
        command.Arguments.Add(fileArgument);
        command.Options.Add(dryRunOption);
        command.Options.Add(backgroundOption);
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
            var background = parse.GetValue(backgroundOption) || file.Length > BackgroundFrom;
            var path = $"/v1/legacy/imports?dryRun={(dryRun ? "true" : "false")}{(background ? "&background=true" : "")}";
            ApiResult result;
            if (output.CanShowProgress)
            {
                result = await output.Console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(async progress =>
                    {
                        var upload = progress.AddTask((background ? "Uploading " : dryRun ? "Checking " : "Importing ") + file.Name, maxValue: Math.Max(1, file.Length));
                        using var content = Content(file, json, sent => upload.Value = sent);
                        var answer = await client.PostContentAsync(path, content, null, ct);
                        upload.Value = upload.MaxValue;
                        if (!background || answer.Status != 202)
                        {
                            return answer;
                        }
                        var rows = progress.AddTask(dryRun ? "Checking rows" : "Importing rows", maxValue: Math.Max(1, answer.Body?["rowsTotal"]?.GetValue<long>() ?? 1));
                        return await FollowAsync(client, answer, job =>
                        {
                            rows.MaxValue = Math.Max(1, job["rowsTotal"]!.GetValue<long>());
                            rows.Value = job["rowsDone"]!.GetValue<long>();
                        }, ct);
                    });
            }
            else
            {
                using var content = Content(file, json, _ => { });
                result = await client.PostContentAsync(path, content, null, ct);
                if (background && result.Status == 202)
                {
                    result = await FollowAsync(client, result, _ => { }, ct);
                }
            }
            return ImportReport.Write(output, result, dryRun);
        }));
        return command;
    }

    /// <summary>Files larger than this are imported as a background job (the server answers at once, then reports progress).</summary>
    private const long BackgroundFrom = 32L * 1024 * 1024;

    /// <summary>
    /// Polls a background import until it finishes; the answer then reads like a synchronous import's
    /// (its result, or a problem when the job was refused or failed).
    /// </summary>
    private static async Task<ApiResult> FollowAsync(SwitchyardClient client, ApiResult started, Action<JsonNode> progress, CancellationToken ct)
    {
        var id = started.Body!["id"]!.GetValue<string>();
        var job = started;
        while (job.IsSuccess && job.Body?["status"]?.GetValue<string>() == "running")
        {
            progress(job.Body!);
            await Task.Delay(500, ct);
            job = await client.GetAsync($"/v1/legacy/imports/{Uri.EscapeDataString(id)}", ct);
        }
        if (!job.IsSuccess)
        {
            return job;
        }
        progress(job.Body!);
        if (job.Body?["result"] is JsonObject outcome)
        {
            return new ApiResult(200, outcome.DeepClone());
        }
        return new ApiResult(422, new JsonObject { ["title"] = "The import was refused", ["detail"] = job.Body?["problem"]?.GetValue<string>() ?? "The import failed." });
    }

    private static ProgressContent Content(FileInfo file, bool json, Action<long> sent)
    {
        var content = new ProgressContent(file.OpenRead(), file.Length, sent);
        content.Headers.ContentType = new MediaTypeHeaderValue(json ? "application/x-ndjson" : "text/csv") { CharSet = "utf-8" };
        return content;
    }
}
