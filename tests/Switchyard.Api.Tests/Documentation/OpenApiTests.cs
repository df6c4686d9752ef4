using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Documentation;

/// <summary>The OpenAPI document describes every operation fully enough to generate a client from it.</summary>
public class OpenApiTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private static bool IsProtected(JsonObject document, ApiOperation op) =>
        op.Node["security"] is JsonArray { Count: > 0 } || (op.Node["security"] is null && document["security"] is JsonArray { Count: > 0 });

    private static JsonNode? Schema(JsonNode? content) => content?["application/json"]?["schema"] ?? content?["application/problem+json"]?["schema"];

    /// <summary>application/json and its +json kinds; JSON lines (application/x-ndjson) are a stream, not one JSON document.</summary>
    private static bool IsJson(string mediaType) =>
        mediaType.Split(';')[0].Trim() is var type && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Why a response or request body cannot be generated from, or null: every JSON media type has a schema, and a body
    /// without JSON declares the non-JSON content type it really carries (a CSV export, a PDF, a JSON-lines upload).
    /// </summary>
    private static string? ContentGap(JsonNode? content)
    {
        var types = content?.AsObject() ?? [];
        if (types.Count == 0)
        {
            return "declares no content type";
        }
        var jsonWithoutSchema = types.Where(t => IsJson(t.Key) && t.Value?["schema"] is null).Select(t => t.Key).ToList();
        if (jsonWithoutSchema.Count > 0)
        {
            return "has no JSON schema for " + string.Join(", ", jsonWithoutSchema);
        }
        return Schema(content) is null && !types.Any(t => !IsJson(t.Key)) ? "has no JSON schema" : null;
    }

    [Fact]
    public async Task EveryOperation_HasIdTagAndResponseSchemas()
    {
        var document = await OpenApiDocument.FetchAsync(app);
        var operations = OpenApiDocument.Operations(document);
        var problems = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);

        foreach (var op in operations)
        {
            var id = op.Node["operationId"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(id))
            {
                problems.Add($"{op}: no operationId");
            }
            else if (!ids.Add(id))
            {
                problems.Add($"{op}: operationId '{id}' is used twice");
            }
            if (op.Node["tags"] is not JsonArray { Count: > 0 })
            {
                problems.Add($"{op}: no tag");
            }
            var responses = op.Node["responses"]?.AsObject() ?? [];
            var success = responses.Where(r => r.Key.StartsWith('2')).ToList();
            if (success.Count == 0)
            {
                problems.Add($"{op}: no 2xx response");
            }
            foreach (var (status, response) in success.Where(r => r.Key != "204"))
            {
                if (ContentGap(response?["content"]) is { } gap)
                {
                    problems.Add($"{op}: {status} {gap}");
                }
            }
            if (op.Node["requestBody"] is { } body && ContentGap(body["content"]) is { } bodyGap)
            {
                problems.Add($"{op}: request body {bodyGap}");
            }
            if (IsProtected(document, op))
            {
                foreach (var status in new[] { "401", "403" })
                {
                    if (responses[status] is not { } problem)
                    {
                        problems.Add($"{op}: protected but no {status} response");
                    }
                    else if (problem["content"]?["application/problem+json"]?["schema"] is null)
                    {
                        problems.Add($"{op}: {status} is not described as application/problem+json");
                    }
                }
            }
            // Errors of the API are problem details (health's 503 carries its own status body).
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5' && op.Path.StartsWith("/v1/", StringComparison.Ordinal)))
            {
                if (response?["content"]?["application/problem+json"] is null)
                {
                    problems.Add($"{op}: {status} is not described as application/problem+json");
                }
            }
        }
        foreach (var (name, schema) in document["components"]?["schemas"]?.AsObject() ?? [])
        {
            if (schema?["enum"] is JsonArray && schema["type"] is null)
            {
                problems.Add($"schema {name}: an enum without a type (clients cannot tell strings from numbers)");
            }
        }
        Assert.True(problems.Count == 0, "OpenAPI gaps:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task EveryApiEndpoint_IsInTheDocument_AndEveryProtectedOneDeclaresTheBearerScheme()
    {
        var document = await OpenApiDocument.FetchAsync(app);
        var operations = OpenApiDocument.Operations(document);
        Assert.NotNull(document["components"]?["securitySchemes"]?["bearer"]);

        var published = operations.Select(o => o.ToString()).ToHashSet(StringComparer.Ordinal);
        var routes = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? ["?"])
                .Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .ToList();
        Assert.NotEmpty(routes);
        var missing = routes.Where(r => !published.Contains(r)).ToList();
        Assert.True(missing.Count == 0, "Not in /openapi/v1.json: " + string.Join(", ", missing));

        foreach (var op in operations.Where(o => o.Path.StartsWith("/v1/", StringComparison.Ordinal)))
        {
            Assert.True(IsProtected(document, op), $"{op} does not declare the bearer scheme");
        }
        var health = operations.Single(o => o.Path == "/health");
        Assert.False(IsProtected(document, health));
    }

    private static readonly System.Text.RegularExpressions.Regex RuleIdPattern = new(@"\b(?!UTF-)[A-Z]{2,4}-\d{1,2}\b");

    /// <summary>Every summary and description in the document, with where it is.</summary>
    private static IEnumerable<(string Where, string Text)> Texts(JsonNode? node, string where)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key is "summary" or "description" && value is JsonValue text && text.TryGetValue<string>(out var s))
                    {
                        yield return ($"{where}/{key}", s);
                    }
                    foreach (var inner in Texts(value, $"{where}/{key}"))
                    {
                        yield return inner;
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var inner in Texts(array[i], $"{where}[{i}]"))
                    {
                        yield return inner;
                    }
                }
                break;
        }
    }

    [Fact]
    public async Task EveryOperation_HasSummaryAndDescription_AndNoTextCitesARuleId()
    {
        var document = await OpenApiDocument.FetchAsync(app);
        var problems = new List<string>();
        foreach (var op in OpenApiDocument.Operations(document))
        {
            foreach (var field in new[] { "summary", "description" })
            {
                if (op.Node[field]?.GetValue<string>() is not { Length: >= 10 })
                {
                    problems.Add($"{op}: no {field}");
                }
            }
        }
        problems.AddRange(Texts(document, "").Where(t => RuleIdPattern.IsMatch(t.Text)).Select(t => $"{t.Where}: cites a rule id: {t.Text}"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task BearerScheme_IsDescribedInACodeSpan_AndMainRequestBodiesHaveExamples()
    {
        var document = await OpenApiDocument.FetchAsync(app);
        // In Markdown a bare <API key> is an HTML tag and disappears; inside backticks it reads as written.
        var scheme = document["components"]!["securitySchemes"]!["bearer"]!["description"]!.GetValue<string>();
        Assert.Contains("`Authorization: Bearer <API key>`", scheme, StringComparison.Ordinal);
        Assert.Contains("`Authorization: Bearer <API key>`", document["info"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var operations = OpenApiDocument.Operations(document).ToDictionary(o => o.Node["operationId"]!.GetValue<string>());
        foreach (var id in new[] { "createOffer", "addOfferItem", "createCustomer", "createProduct", "createPartner", "setClock" })
        {
            Assert.True(operations[id].Node["requestBody"]?["content"]?["application/json"]?["example"] is JsonObject, $"{id} has no example");
        }
    }

    [Fact]
    public async Task ApiReference_HidesButtonsThatLeaveTheProduct()
    {
        // The page's configuration (JSON inside the HTML) switches off the toolbar (deploy, SDK generation), the AI agent and MCP.
        var page = await app.Anonymous().GetStringAsync("/docs/");
        Assert.True(page.Contains("\"showDeveloperTools\":\"never\"", StringComparison.Ordinal), page);
        Assert.Matches("\"agent\":\\{\"disabled\":true", page);
        Assert.Matches("\"mcp\":\\{[^}]*\"disabled\":true", page);
    }
}
