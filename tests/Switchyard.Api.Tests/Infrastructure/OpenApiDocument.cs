using System.Net;
using System.Text.Json.Nodes;

namespace Switchyard.Api.Tests.Infrastructure;

/// <summary>One operation of the server's OpenAPI document.</summary>
public sealed record ApiOperation(string Method, string Path, JsonObject Node)
{
    public HttpMethod HttpMethod => new(Method.ToUpperInvariant());

    public bool IsRead => Method == "get";

    public IReadOnlyList<string> PathParameters =>
        Path.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')).Select(s => s[1..^1]).ToList();

    public bool HasRequestBody => Node["requestBody"] is not null;

    public override string ToString() => $"{Method.ToUpperInvariant()} {Path}";

    /// <summary>Whether the path is <paramref name="prefix"/> or below it, by whole segments (/v1/customer is not /v1/customers).</summary>
    public bool IsUnder(string prefix) => Path == prefix || Path.StartsWith(prefix + "/", StringComparison.Ordinal);
}

/// <summary>Reads /openapi/v1.json from the running server so tests cover every endpoint it publishes.</summary>
public static class OpenApiDocument
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public static async Task<JsonObject> FetchAsync(SwitchyardApp app) =>
        (await (await app.Anonymous().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK)).AsObject();

    public static async Task<IReadOnlyList<ApiOperation>> OperationsAsync(SwitchyardApp app) => Operations(await FetchAsync(app));

    public static IReadOnlyList<ApiOperation> Operations(JsonObject document)
    {
        var operations = new List<ApiOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var method in Methods)
            {
                if (item![method] is JsonObject node)
                {
                    operations.Add(new ApiOperation(method, path, node));
                }
            }
        }
        Assert.NotEmpty(operations);
        return operations;
    }

    /// <summary>Operator-only areas (PRM-4), and the operator's routes inside partner areas (LEG-5: activating a legacy order).</summary>
    public static bool IsOperatorPath(ApiOperation op) =>
        op.IsUnder("/v1/partners") || op.IsUnder("/v1/customer-orgs") || op.IsUnder("/v1/operator")
        || op.IsUnder("/v1/accounts") || op.IsUnder("/v1/plan-migrations") || op.IsUnder("/v1/tasks") || op.IsUnder("/v1/training-capacity")
        || op.Path is "/v1/accounts.csv" or "/v1/plan-migrations.csv" or "/v1/tasks.csv"
        || op.Path == "/v1/legacy/service-orders/{id}/activate";

    /// <summary>Operations a partner key calls: everything but operator, customer, health and document routes (SEC-1).</summary>
    public static bool IsPartnerPath(ApiOperation op) =>
        op.Path.StartsWith("/v1/", StringComparison.Ordinal) && !IsOperatorPath(op) && !op.IsUnder("/v1/customer");
}
