namespace Switchyard.Domain.Common;

/// <summary>How an expected failure maps to the outside world (one mapping, in the server).</summary>
public enum ErrorKind
{
    /// <summary>The request breaks a rule of the input: 422.</summary>
    Validation,
    /// <summary>The object's state does not allow it: 409.</summary>
    Conflict,
    /// <summary>Unknown, or another tenant's: 404.</summary>
    NotFound,
    /// <summary>The caller lacks a right: 403.</summary>
    Forbidden,
}

/// <summary>A named, expected failure with a stable code. Field is the input it concerns, if any.</summary>
public sealed record Error(ErrorKind Kind, string Code, string Message, string? Field = null);

/// <summary>Factory helpers so rules read as sentences.</summary>
public static class Errors
{
    public static Error Validation(string code, string field, string message) => new(ErrorKind.Validation, code, message, field);
    public static Error Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);
    public static Error NotFound(string what) => new(ErrorKind.NotFound, "notFound", $"{what} was not found.");
    public static Error Forbidden(string code, string message) => new(ErrorKind.Forbidden, code, message);
    public static Error Required(string field) => Validation("required", field, $"'{field}' is required.");
}
