using System.Text.Json;
using Switchyard.Domain.Common;

namespace Switchyard.Server.Http;

/// <summary>
/// Query-string enum filters in the API's camelCase spelling (`?status=error`); an unknown value is a
/// 422 that lists the accepted ones.
/// </summary>
public static class EnumFilter
{
    public static Result<T?> Parse<T>(string? value, string field) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Result<T?>.Success(null);
        }
        // Names only: Enum.TryParse would also take "1" for the second member.
        if (!char.IsAsciiDigit(value[0]) && Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return Result<T?>.Success(parsed);
        }
        var allowed = string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName));
        return Errors.Validation("invalid" + char.ToUpperInvariant(field[0]) + field[1..], field, $"'{value}' is not a {field}; use one of {allowed}.");
    }
}
