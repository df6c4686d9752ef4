using System.Net.Http.Headers;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.ClientGen.Tests;

/// <summary>The NSwag client generated from /openapi/v1.json compiles and talks to the real server.</summary>
public class GeneratedClientTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private SwitchyardClient ClientWithKey(string? key)
    {
        var http = app.CreateClient();
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return new SwitchyardClient(http);
    }

    [Fact]
    public async Task GeneratedClient_ReadsHealth_AndCreatesThenListsAPartner()
    {
        var health = await ClientWithKey(null).GetHealthAsync();
        Assert.Equal("healthy", health.Status);

        var client = ClientWithKey(SwitchyardApp.OperatorKey);
        var created = await client.CreatePartnerAsync(new ApplyPartnerRequest { Name = "Generated Co" });
        Assert.StartsWith("prt_", created.Id, StringComparison.Ordinal);
        Assert.Equal(PartnerStatus.Applied, created.Status);

        var page = await client.ListPartnersAsync(status: "applied");
        Assert.Contains(page.Data, p => p.Id == created.Id && p.Name == "Generated Co");
    }

    [Fact]
    public async Task GeneratedClient_SurfacesProblemResponses()
    {
        var error = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => ClientWithKey("sy_wrong").ListPartnersAsync());
        Assert.Equal(401, error.StatusCode);
        Assert.Equal(401, error.Result.Status);
    }
}
