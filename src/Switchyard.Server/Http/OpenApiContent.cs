using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Switchyard.Server.Http;

/// <summary>
/// Non-JSON bodies in the OpenAPI document. <c>Produces(200, contentType: "application/pdf")</c> without a type describes no
/// content at all, and a second <c>Produces</c> for the same status replaces the first; these add the media type to the
/// response as it is, so a client generator sees what really comes back.
/// </summary>
public static class OpenApiContent
{
    /// <summary>The response with this status also comes as <paramref name="contentType"/>: text, or a file when <paramref name="binary"/>.</summary>
    public static RouteHandlerBuilder ProducesContent(this RouteHandlerBuilder builder, int statusCode, string contentType, bool binary = false) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= [];
            var key = statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.TryGetValue(key, out var found) || found is not OpenApiResponse response)
            {
                response = new OpenApiResponse { Description = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(statusCode) };
                operation.Responses[key] = response;
            }
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            response.Content[contentType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = binary ? "binary" : null },
            };
            return Task.CompletedTask;
        });
}
