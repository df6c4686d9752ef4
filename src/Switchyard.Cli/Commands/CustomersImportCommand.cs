using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Switchyard.Cli.Commands;

/// <summary>
/// `switchyard customers import FILE [--dry-run]` (and its older name `import-customers`): the whole file goes to
/// POST /v1/customers/imports in one streamed request, which checks every row before writing any.
/// </summary>
public static class CustomersImportCommand
{
    public const string Path = "/v1/customers/imports";

    public static Command Create(CliContext context, string name = "import")
    {
        var fileArgument = new Argument<FileInfo>("file")
        {
            Description = "CSV file (UTF-8) with a header row naming name, orgId and contactEmail (or org_id, contact_email), in any order, separated by commas or semicolons",
        };
        var dryRunOption = new Option<bool>("--dry-run") { Description = "Only check the file and count what would change; write nothing" };
        var command = new Command(name,
            "Add customers in bulk from a CSV file. Safe to run again: a customer you already have is unchanged, or updated to the file's name and contact. " +
            "A file with any bad row imports nothing; every bad row is listed with its line, column and reason." +
            (name == "import" ? "" : " (Same as `customers import`.)"));
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
            var path = $"{Path}?dryRun={(dryRun ? "true" : "false")}";
            ApiResult result;
            if (output.CanShowProgress)
            {
                result = await output.Console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                    .StartAsync(async progress =>
                    {
                        var upload = progress.AddTask((dryRun ? "Checking " : "Importing ") + file.Name, maxValue: Math.Max(1, file.Length));
                        using var content = Content(file, sent => upload.Value = sent);
                        var answer = await client.PostContentAsync(path, content, null, ct);
                        upload.Value = upload.MaxValue;
                        return answer;
                    });
            }
            else
            {
                using var content = Content(file, _ => { });
                result = await client.PostContentAsync(path, content, null, ct);
            }
            return ImportReport.Write(output, result, dryRun);
        }));
        return command;
    }

    private static ProgressContent Content(FileInfo file, Action<long> sent)
    {
        var content = new ProgressContent(file.OpenRead(), file.Length, sent);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        return content;
    }
}
