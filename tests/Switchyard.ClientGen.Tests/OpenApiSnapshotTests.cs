using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.ClientGen.Tests;

/// <summary>
/// The client in Generated/ is generated (scripts/generate-client) from openapi/v1.json. This test keeps
/// that snapshot equal to what the server publishes, so the committed client is never stale.
/// </summary>
public class OpenApiSnapshotTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    public const string UpdateVariable = "SWITCHYARD_UPDATE_OPENAPI";

    /// <summary>The snapshot in the source tree (not the copy in bin/).</summary>
    public static string SnapshotPath([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "openapi", "v1.json");

    [Fact]
    public async Task PublishedDocument_EqualsTheSnapshotTheClientWasGeneratedFrom()
    {
        var live = JsonNode.Parse(await app.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        var path = SnapshotPath();
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, live.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }
        var snapshot = JsonNode.Parse(await File.ReadAllTextAsync(path));
        Assert.True(JsonNode.DeepEquals(live, snapshot),
            "The server's OpenAPI document changed since the client was generated: run scripts/generate-client and commit the result.");
    }
}
