using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.Domain.Common;

namespace Switchyard.Server.Http;

/// <summary>
/// SEC-4 for people editing in two tabs: an `If-Match: "&lt;version&gt;"` header makes an edit fail with
/// 409 when the object changed since it was read. Concurrent saves without it are still caught by the
/// version column.
/// </summary>
public static class IfMatch
{
    public static ProblemHttpResult? Check(HttpContext http, long currentVersion)
    {
        string? header = http.Request.Headers.IfMatch;
        if (string.IsNullOrEmpty(header) || header == "*")
        {
            return null;
        }
        var expected = header.Trim().Trim('"');
        return expected == currentVersion.ToString(CultureInfo.InvariantCulture)
            ? null
            : Problems.From(Errors.Conflict("versionMismatch",
                $"The object is at version {currentVersion}, not {expected}: someone changed it since you read it. Read it again and reapply your change."));
    }
}
