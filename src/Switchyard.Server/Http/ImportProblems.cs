using Switchyard.Server.Legacy;

namespace Switchyard.Server.Http;

/// <summary>
/// The two ways a bulk file upload (customers, legacy orders) is turned down, written the same way for every
/// importer so clients read one shape: the whole file refused (size, header, encoding: 413/415/422 with the
/// line when one is at fault), or rows found bad (422 with every bad row's line, column and reason).
/// </summary>
public static class ImportProblems
{
    public static Task WriteRefusal(HttpContext http, ImportRefusal refusal)
    {
        var ext = new Dictionary<string, object?>();
        if (refusal.Line is { } line)
        {
            ext["line"] = line;
            ext["errors"] = new[] { new ImportErrorDto(line, null, refusal.Message) };
        }
        return Problems.Write(http, refusal.Status, refusal.Code, "The file was refused", refusal.Message, ext);
    }

    /// <summary>
    /// The rows found bad; <paramref name="verb"/> says what the upload does, in the past tense and the infinitive
    /// ("imported"/"import" by default, "merged"/"merge" for a consolidation).
    /// </summary>
    public static Task WriteInvalidRows<TError>(
        HttpContext http, long rows, IReadOnlyCollection<TError> errors, bool truncated, (string Done, string Do) verb = default) =>
        Problems.Write(http, StatusCodes.Status422UnprocessableEntity, "invalidRows", "The file has bad rows",
            $"{errors.Count}{(truncated ? "+" : "")} problem(s) found; nothing was {verb.Done ?? "imported"}. " +
            $"Fix the rows listed and {verb.Do ?? "import"} the file again.",
            new Dictionary<string, object?> { ["rows"] = rows, ["errors"] = errors, ["errorsTruncated"] = truncated });
}
