using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Switchyard.Domain.Common;

namespace Switchyard.Server.Http;

/// <summary>
/// The one place expected failures become RFC 9457 problem details: kind → status, a stable code,
/// field errors under "errors", and the request's trace id.
/// </summary>
public static class Problems
{
    public const string ValidationType = "https://switchyard.dev/problems/validation";

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
    };

    /// <summary>All errors of one failed rule as a single problem (the most severe kind decides the status).</summary>
    public static ProblemHttpResult From(IReadOnlyList<Error> errors)
    {
        var lead = errors.FirstOrDefault(e => e.Kind == ErrorKind.NotFound)
            ?? errors.FirstOrDefault(e => e.Kind == ErrorKind.Forbidden)
            ?? errors.FirstOrDefault(e => e.Kind == ErrorKind.Conflict)
            ?? errors[0];
        var status = StatusOf(lead.Kind);
        var problem = new ProblemDetails
        {
            Status = status,
            Type = $"https://switchyard.dev/problems/{lead.Code}",
            Title = TitleOf(lead.Kind),
            Detail = errors.Count == 1 ? lead.Message : $"{errors.Count} problems: " + string.Join(" ", errors.Select(e => e.Message)),
        };
        problem.Extensions["code"] = lead.Kind == ErrorKind.Validation && errors.Select(e => e.Code).Distinct().Count() > 1 ? "validationFailed" : lead.Code;
        var byField = errors.Where(e => e.Field is not null)
            .GroupBy(e => e.Field!)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        if (byField.Count > 0)
        {
            problem.Extensions["errors"] = byField;
            problem.Extensions["errorCodes"] = errors.Where(e => e.Field is not null)
                .GroupBy(e => e.Field!).ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray());
        }
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult From(Error error) => From([error]);

    public static ProblemHttpResult NotFound(string what) => From(Errors.NotFound(what));

    /// <summary>Writes a problem straight to the response (middleware that runs outside endpoints).</summary>
    public static Task Write(HttpContext context, int status, string code, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = $"https://switchyard.dev/problems/{code}" };
        problem.Extensions["code"] = code;
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }
        AddTraceId(context, problem);
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(problem, JsonSerializerOptions.Web, "application/problem+json");
    }

    /// <summary>The W3C trace id, as the logs print it (TraceId scope), so a reported error can be found in them.</summary>
    public static void AddTraceId(HttpContext context, ProblemDetails problem) =>
        problem.Extensions["traceId"] = Activity.Current is { } activity ? activity.TraceId.ToHexString() : context.TraceIdentifier;

    private static string TitleOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => "The request breaks a rule",
        ErrorKind.Conflict => "The object's state does not allow this",
        ErrorKind.NotFound => "Not found",
        ErrorKind.Forbidden => "Forbidden",
    };
}
