using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace Switchyard.Server.Http;

/// <summary>The OpenAPI document at /openapi/v1.json, with the bearer-key scheme on every protected operation.</summary>
public static class OpenApiSetup
{
    public const string BearerScheme = "bearer";

    public static IServiceCollection AddSwitchyardOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Switchyard API";
                document.Info.Description = "Go-to-market and migration platform for software marketplaces. Authenticate with 'Authorization: Bearer <api key>'.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key issued by Switchyard (shown once when created).",
                };
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
                return Task.CompletedTask;
            });
        });
}
