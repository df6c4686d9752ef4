using System.Globalization;
using System.Text.Json.Nodes;

namespace Switchyard.Cli.Commands;

/// <summary>
/// How a bulk import's answer reads in the terminal, shared by `customers import` and `legacy import` (both
/// endpoints answer the same shape: counts when the file is valid, a list of bad rows when it is not).
/// </summary>
public static class ImportReport
{
    /// <summary>Writes the answer and returns the exit code: 0 when the file was valid, 1 otherwise.</summary>
    public static int Write(CliOutput output, ApiResult result, bool dryRun)
    {
        var valid = result.IsSuccess && result.Body?["status"]?.GetValue<string>() != "invalid";
        if (output.Json)
        {
            output.WriteJson(result.Body);
            return valid ? 0 : 1;
        }
        if (valid)
        {
            output.Line((dryRun ? "Dry run, nothing written. " : "Imported. ") + Counts(result.Body!, dryRun));
            return 0;
        }
        if (result.Body?["errors"] is JsonArray { Count: > 0 } errors && errors[0] is JsonObject)
        {
            WriteProblems(output, errors, result.Body["errorsTruncated"]?.GetValue<bool>() == true);
            return 1;
        }
        output.Error(result.Describe());
        return 1;
    }

    private static string Counts(JsonNode body, bool dryRun) => string.Create(CultureInfo.InvariantCulture,
        $"{body["rows"]!.GetValue<long>():N0} rows: {body["created"]!.GetValue<int>():N0} {(dryRun ? "to create" : "created")}, " +
        $"{body["updated"]!.GetValue<int>():N0} {(dryRun ? "to update" : "updated")}, {body["unchanged"]!.GetValue<int>():N0} unchanged");

    private static void WriteProblems(CliOutput output, JsonArray errors, bool truncated)
    {
        var table = CliOutput.Table(["Line", "Column", "Reason"], wrapping: ["Reason"]);
        foreach (var e in errors)
        {
            CliOutput.AddRow(table, e!["row"]?.ToString(), e["column"]?.GetValue<string>() ?? "", e["message"]?.GetValue<string>());
        }
        output.Write(table);
        var more = truncated ? " (only the first ones are listed)" : "";
        output.Error($"{errors.Count.ToString("N0", CultureInfo.InvariantCulture)} problem(s){more}; nothing was imported. Fix the rows listed and run again.");
    }
}
