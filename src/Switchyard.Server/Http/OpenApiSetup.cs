using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace Switchyard.Server.Http;

/// <summary>
/// The OpenAPI document at /openapi/v1.json, with the bearer-key scheme on every protected operation, examples on
/// the main request bodies, and descriptions in words: rule ids cited in code comments are taken out (UX-2).
/// </summary>
public static partial class OpenApiSetup
{
    public const string BearerScheme = "bearer";

    public static IServiceCollection AddSwitchyardOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Switchyard API";
                // Markdown: the header sits in a code span, or `<API key>` is read as an HTML tag and vanishes.
                document.Info.Description = "Go-to-market and migration platform for software marketplaces.\n\n" +
                    "Every request under `/v1` sends an API key in the `Authorization` header: `Authorization: Bearer <API key>`. " +
                    "An operator issues keys to partner users (with permissions) and customer users; each key is shown once. " +
                    "Errors are problem details (`application/problem+json`) with a stable `code` and, for invalid input, the problems by field. " +
                    "Every POST accepts an `Idempotency-Key` header: a retried request returns the first answer instead of acting twice.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "Send the API key as `Authorization: Bearer <API key>`. Keys are issued by an operator and shown once, when created.",
                };
                ScrubRuleIds(document);
                return Task.CompletedTask;
            });
            // Enums travel as camelCase strings; say so, or generated clients read them as numbers.
            options.AddSchemaTransformer((schema, context, _) =>
            {
                var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
                if (type.IsEnum && schema.Enum is { Count: > 0 } && schema.Type is null)
                {
                    schema.Type = JsonSchemaType.String;
                }
                // Typed ids travel as their plain string (TypedIdJsonConverterFactory); describe them so.
                if (typeof(Domain.Common.ITypedId).IsAssignableFrom(type))
                {
                    schema.Type = JsonSchemaType.String;
                    schema.Properties = null;
                    schema.Required = null;
                }
                // SEC-8: every text field states the limit InputGuard enforces.
                if (type == typeof(string) && context.JsonPropertyInfo is { } property)
                {
                    schema.MaxLength = InputBounds.TextBounds(property.Name, property.AttributeProvider).MaxLength;
                }
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, _, _) =>
            {
                foreach (var parameter in operation.Parameters ?? [])
                {
                    // A repeated query parameter binds to an empty array when absent, so it is never required (the
                    // compile-time request delegates describe a nullable array as required; the binding is not).
                    if (parameter is OpenApiParameter { In: ParameterLocation.Query, Schema.Type: { } listType } optional
                        && listType.HasFlag(JsonSchemaType.Array))
                    {
                        optional.Required = false;
                    }
                    if (parameter.Schema is OpenApiSchema { Enum: null or { Count: 0 }, Format: null } schema
                        && schema.Type is { } t && t.HasFlag(JsonSchemaType.String) && parameter.Name is { } name)
                    {
                        schema.MaxLength = InputBounds.TextBounds(name, null).MaxLength;
                    }
                }
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [],
                    });
                }
                if (operation.OperationId is { } id && OpenApiExamples.RequestBodies.TryGetValue(id, out var example)
                    && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
                {
                    media.Example = example.DeepClone();
                }
                return Task.CompletedTask;
            });
        });

    /// <summary>A rule id as the code cites it (OFF-4, UX-8); not UTF-8, ISO-4217 or SHA-256.</summary>
    [GeneratedRegex(@"\b(?!UTF-)[A-Z]{2,4}-\d{1,2}\b")]
    public static partial Regex RuleId();

    // " (OFF-4, OFF-6)" and a leading "OFF-4/OFF-6: ".
    [GeneratedRegex(@"\s*\((?:[A-Z]{2,4}-\d{1,2})(?:\s*(?:,|/|and)\s*[A-Z]{2,4}-\d{1,2})*\)")]
    private static partial Regex CitedRules();

    [GeneratedRegex(@"^(?:[A-Z]{2,4}-\d{1,2})(?:\s*(?:,|/|\.\.)\s*[A-Z]{2,4}-\d{1,2})*:\s*")]
    private static partial Regex LeadingRules();

    /// <summary>Descriptions from code comments cite rules by id; readers of the API get the words only.</summary>
    public static string? WithoutRuleIds(string? text)
    {
        if (string.IsNullOrEmpty(text) || !RuleId().IsMatch(text))
        {
            return text;
        }
        var cleaned = LeadingRules().Replace(CitedRules().Replace(text, ""), "");
        return cleaned.Length > 0 ? char.ToUpperInvariant(cleaned[0]) + cleaned[1..] : cleaned;
    }

    private static void ScrubRuleIds(OpenApiDocument document)
    {
        document.Info.Description = WithoutRuleIds(document.Info.Description);
        foreach (var schema in (IEnumerable<IOpenApiSchema>?)document.Components?.Schemas?.Values ?? [])
        {
            ScrubRuleIds(schema, 0);
        }
        foreach (var path in document.Paths.Values)
        {
            foreach (var operation in (IEnumerable<OpenApiOperation>?)path.Operations?.Values ?? [])
            {
                operation.Summary = WithoutRuleIds(operation.Summary);
                operation.Description = WithoutRuleIds(operation.Description);
                foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? Enumerable.Empty<OpenApiParameter>())
                {
                    parameter.Description = WithoutRuleIds(parameter.Description);
                    if (parameter.Schema is { } parameterSchema)
                    {
                        ScrubRuleIds(parameterSchema, 0);
                    }
                }
                if (operation.RequestBody is OpenApiRequestBody body)
                {
                    body.Description = WithoutRuleIds(body.Description);
                }
                foreach (var response in operation.Responses?.Values.OfType<OpenApiResponse>() ?? Enumerable.Empty<OpenApiResponse>())
                {
                    response.Description = WithoutRuleIds(response.Description);
                }
            }
        }
    }

    private static void ScrubRuleIds(IOpenApiSchema schema, int depth)
    {
        // References are scrubbed where they point (the components); depth guards self-referencing shapes.
        if (schema is not OpenApiSchema concrete || depth > 16)
        {
            return;
        }
        concrete.Description = WithoutRuleIds(concrete.Description);
        foreach (var child in ((IEnumerable<IOpenApiSchema>?)concrete.Properties?.Values ?? []).Concat(concrete.AllOf ?? []).Concat(concrete.OneOf ?? []).Concat(concrete.AnyOf ?? []))
        {
            ScrubRuleIds(child, depth + 1);
        }
        if (concrete.Items is { } items)
        {
            ScrubRuleIds(items, depth + 1);
        }
    }
}
