using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Switchyard.Domain.Common;
using Switchyard.Domain.Offers;

namespace Switchyard.Server.Http;

/// <summary>Marks a text input where line breaks and tabs are allowed (offer terms); every other text is one line.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MultiLineAttribute : Attribute;

/// <summary>
/// SEC-8: the documented bounds of every input, in one place. A text field's limit comes from a
/// <see cref="MaxLengthAttribute"/> when it has one, otherwise from its name (`reason`, emails, offer
/// terms) or the default name length; dates lie in <see cref="Validate.MinDate"/>..<see cref="Validate.MaxDate"/>.
/// The same bounds are checked by <see cref="InputGuard"/> and written into the OpenAPI document.
/// </summary>
public static class InputBounds
{
    public static readonly DateTimeOffset MinInstant = new(Validate.MinDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    public static readonly DateTimeOffset MaxInstant = new(Validate.MaxDate.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);

    // Attributes never change at run time; reading them is reflection, so once per parameter or property.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ICustomAttributeProvider, (int? Max, bool MultiLine)> Declared = new();

    public static (int MaxLength, bool MultiLine) TextBounds(string name, ICustomAttributeProvider? attributes)
    {
        var (explicitMax, multiLine) = attributes is null ? (null, false) : Declared.GetOrAdd(attributes, static a => (
            a.GetCustomAttributes(typeof(MaxLengthAttribute), true).OfType<MaxLengthAttribute>().FirstOrDefault()?.Length
                ?? a.GetCustomAttributes(typeof(StringLengthAttribute), true).OfType<StringLengthAttribute>().FirstOrDefault()?.MaximumLength,
            a.GetCustomAttributes(typeof(MultiLineAttribute), true).Length > 0));
        if (string.Equals(name, "terms", StringComparison.OrdinalIgnoreCase))
        {
            return (explicitMax ?? Offer.MaxTermsLength, true);
        }
        var max = explicitMax ?? name.ToLowerInvariant() switch
        {
            "reason" => Validate.MaxReasonLength,
            var n when n.EndsWith("email", StringComparison.Ordinal) => Validate.MaxEmailLength,
            _ => Validate.MaxNameLength,
        };
        return (max, multiLine);
    }

    public static string JsonName(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}

/// <summary>
/// SEC-8: checks every bound argument of an endpoint (route values, query strings and JSON bodies,
/// nested objects and lists included) against <see cref="InputBounds"/> before the handler runs, so no
/// control character, over-long text or out-of-range date reaches a use case or the database; all
/// problems at once, 422 naming each field.
/// </summary>
public static class InputGuard
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static EndpointFilterDelegate Factory(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var checks = context.MethodInfo.GetParameters()
            .Select((p, i) => (Parameter: p, Index: i))
            .Where(x => IsInput(x.Parameter.ParameterType))
            .Select(x => (x.Index, Name: ParameterName(x.Parameter), Attributes: (ICustomAttributeProvider)x.Parameter))
            .ToArray();
        if (checks.Length == 0)
        {
            return next;
        }
        return async invocation =>
        {
            var errors = new List<Error>();
            foreach (var (index, name, attributes) in checks)
            {
                if (index < invocation.Arguments.Count)
                {
                    Check(errors, name, invocation.Arguments[index], attributes, depth: 0);
                }
            }
            return errors.Count > 0 ? Problems.From(errors) : await next(invocation);
        };
    }

    /// <summary>Every problem with one value; <paramref name="field"/> is its name as the client spells it.</summary>
    public static void Check(List<Error> errors, string field, object? value, ICustomAttributeProvider? attributes, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                var (max, multiLine) = InputBounds.TextBounds(LastSegment(field), attributes);
                Validate.MaxLength(errors, field, text, max, multiLine);
                return;
            case DateOnly date:
                Validate.DateInRange(errors, field, date);
                return;
            case DateTimeOffset instant when instant < InputBounds.MinInstant || instant > InputBounds.MaxInstant:
                errors.Add(Errors.Validation("dateOutOfRange", field,
                    $"'{field}' is between {InputBounds.MinInstant:yyyy-MM-dd} and {InputBounds.MaxInstant:yyyy-MM-dd}."));
                return;
            case Enum e when !Enum.IsDefined(e.GetType(), e):
                errors.Add(Errors.Validation("invalidValue", field, $"'{field}' is not one of the documented values."));
                return;
            case IEnumerable list when depth < 8:
                var i = 0;
                foreach (var item in list)
                {
                    Check(errors, $"{field}[{i++}]", item, attributes, depth + 1);
                }
                return;
        }
        var type = value.GetType();
        if (depth < 8 && IsDto(type))
        {
            foreach (var property in Properties.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                         .Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray()))
            {
                var name = InputBounds.JsonName(property.Name);
                Check(errors, depth == 0 && IsBody(field) ? name : $"{field}.{name}", property.GetValue(value), property, depth + 1);
            }
        }
    }

    private static bool IsBody(string field) => field == BodyName;

    private const string BodyName = "$body";

    private static string LastSegment(string field)
    {
        var dot = field.LastIndexOf('.');
        var segment = dot < 0 ? field : field[(dot + 1)..];
        var bracket = segment.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? segment : segment[..bracket];
    }

    private static string ParameterName(ParameterInfo parameter)
    {
        if (IsDto(parameter.ParameterType))
        {
            return BodyName;
        }
        var query = parameter.GetCustomAttribute<Microsoft.AspNetCore.Mvc.FromQueryAttribute>()?.Name;
        var route = parameter.GetCustomAttribute<Microsoft.AspNetCore.Mvc.FromRouteAttribute>()?.Name;
        return query ?? route ?? parameter.Name ?? "value";
    }

    private static bool IsInput(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t == typeof(DateOnly) || t == typeof(DateTimeOffset) || t.IsEnum || IsDto(t);
    }

    /// <summary>A request body or one of its parts: the API's own records (…Request, …Dto).</summary>
    private static bool IsDto(Type type) =>
        type.Namespace?.StartsWith("Switchyard.Server", StringComparison.Ordinal) == true
        && (type.Name.EndsWith("Request", StringComparison.Ordinal) || type.Name.EndsWith("Dto", StringComparison.Ordinal));
}
