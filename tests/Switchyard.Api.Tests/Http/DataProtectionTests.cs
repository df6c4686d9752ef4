using Microsoft.EntityFrameworkCore;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Http;

public class DataProtectionTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "SEC-2")]
    public async Task ConsoleKeyRing_IsStoredInTheDatabase_SoSessionsSurviveRestartsAndInstances_SEC2()
    {
        // The sign-in form carries an antiforgery token, which needs the key ring.
        var page = await app.Anonymous().GetStringAsync(new Uri("/console/sign-in", UriKind.Relative));
        Assert.Contains("__RequestVerificationToken", page, StringComparison.Ordinal);

        await using var scope = app.DbScope(out var db);
        var keys = await db.DataProtectionKeys.ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Contains("<key ", k.Xml, StringComparison.Ordinal));
    }
}
