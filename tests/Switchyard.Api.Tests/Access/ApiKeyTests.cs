using System.Net;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Access;

/// <summary>SEC-2: keys are random, shown once, stored hashed, revocable, and record their last use.</summary>
public class ApiKeyTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "SEC-2")]
    public async Task IssuedKey_IsShownOnce_ListsNeverReturnTheSecret_SEC2()
    {
        var partnerId = await app.CreatePartnerAsync("Shown Once");
        var issued = await (await app.Operator().PostJsonAsync($"/v1/partners/{partnerId}/api-keys", new { permissions = new[] { "app.view" } }))
            .ExpectAsync(HttpStatusCode.Created);
        var token = issued["key"]!.GetValue<string>();
        var second = await app.IssuePartnerKeyAsync(partnerId, "app.view");
        Assert.NotEqual(token, second);
        Assert.True(token.Length >= 40, "a key carries enough random characters");
        var secret = token[(issued["prefix"]!.GetValue<string>().Length + 1)..];

        var partner = app.ClientWithKey(token);
        foreach (var (client, url) in new[] { (partner, "/v1/api-keys"), (app.Operator(), $"/v1/partners/{partnerId}/api-keys") })
        {
            var text = await (await client.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.Contains(issued["id"]!.GetValue<string>(), text, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(second[^32..], text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"key\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    [Trait("rule", "SEC-2")]
    public async Task Key_IsStoredOnlyAsAHash_NoColumnHoldsTheToken_SEC2()
    {
        var partnerId = await app.CreatePartnerAsync("Hashed");
        var token = await app.IssuePartnerKeyAsync(partnerId, "app.view");
        var secret = token[^32..];

        await using var scope = app.DbScope(out var db);
        var stored = await db.ApiKeys.SingleAsync(k => k.PartnerId == partnerId);
        Assert.NotEqual(token, stored.Hash);
        Assert.DoesNotContain(secret, stored.Hash, StringComparison.Ordinal);
        Assert.Equal(Switchyard.Domain.Access.Secrets.Hash(token), stored.Hash);

        // Every mapped column of the row, read back from the database, is free of the secret.
        var entityType = db.Model.FindEntityType(stored.GetType())!;
        foreach (var property in entityType.GetProperties())
        {
            var value = db.Entry(stored).Property(property.Name).CurrentValue?.ToString() ?? "";
            Assert.DoesNotContain(secret, value, StringComparison.Ordinal);
        }
        // And no string property of any key, read raw through SQL, holds the token.
        var table = entityType.GetTableName()!;
        var columns = entityType.GetProperties().Where(p => p.ClrType == typeof(string)).Select(p => p.GetColumnName()).ToList();
        Assert.Contains("hash", columns, StringComparer.OrdinalIgnoreCase);
        // Table and column names come from the EF model, not from input; the token goes in as a parameter.
#pragma warning disable EF1003
        var hits = await db.Database.SqlQueryRaw<int>(
            $"SELECT COUNT(*) AS \"Value\" FROM \"{table}\" WHERE " + string.Join(" OR ", columns.Select((c, i) => $"\"{c}\" LIKE {{{i}}}")),
            columns.Select(_ => (object)("%" + secret + "%")).ToArray()).SingleAsync();
#pragma warning restore EF1003
        Assert.Equal(0, hits);
    }

    [Fact]
    [Trait("rule", "SEC-2")]
    public async Task RevokedKey_Answers401_OtherKeysKeepWorking_SEC2()
    {
        var partnerId = await app.CreatePartnerAsync("Revoker");
        var keep = app.ClientWithKey(await app.IssuePartnerKeyAsync(partnerId, "app.view"));
        var doomedToken = await app.IssuePartnerKeyAsync(partnerId, "app.view");
        var doomed = app.ClientWithKey(doomedToken);
        await (await doomed.GetAsync("/v1/account")).ExpectAsync(HttpStatusCode.OK);

        var keys = (await (await keep.GetAsync("/v1/api-keys")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        var doomedId = keys.Single(k => doomedToken.StartsWith(k!["prefix"]!.GetValue<string>(), StringComparison.Ordinal))!["id"]!.GetValue<string>();
        var revoked = await (await keep.PostAsync($"/v1/api-keys/{doomedId}/revoke", null)).ExpectAsync(HttpStatusCode.OK);
        var now = (await (await app.Operator().GetAsync("/v1/operator/clock")).ExpectAsync(HttpStatusCode.OK))["now"]!.GetValue<DateTimeOffset>();
        Assert.Equal(now, revoked["revokedAt"]!.GetValue<DateTimeOffset>());

        var refused = await (await doomed.GetAsync("/v1/account")).ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("unauthenticated", refused.Code());
        await (await keep.GetAsync("/v1/account")).ExpectAsync(HttpStatusCode.OK);
        var again = await (await keep.PostAsync($"/v1/api-keys/{doomedId}/revoke", null)).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("keyAlreadyRevoked", again.Code());
    }

    [Fact]
    [Trait("rule", "SEC-2")]
    public async Task LastUsedAt_IsSetOnUse_AndMovesWithTheClock_SEC2()
    {
        var partnerId = await app.CreatePartnerAsync("Used");
        var token = await app.IssuePartnerKeyAsync(partnerId, "app.view");
        var partner = app.ClientWithKey(token);
        async Task<DateTimeOffset?> LastUsedAsync()
        {
            var keys = (await (await app.Operator().GetAsync($"/v1/partners/{partnerId}/api-keys")).ExpectAsync(HttpStatusCode.OK)).AsArray();
            return Assert.Single(keys)!["lastUsedAt"]?.GetValue<DateTimeOffset>();
        }

        Assert.Null(await LastUsedAsync());
        await (await partner.GetAsync("/v1/account")).ExpectAsync(HttpStatusCode.OK);
        var first = await LastUsedAsync();
        Assert.NotNull(first);

        var now = (await (await app.Operator().GetAsync("/v1/operator/clock")).ExpectAsync(HttpStatusCode.OK))["now"]!.GetValue<DateTimeOffset>();
        Assert.Equal(now, first);
        var later = now.AddHours(1);
        await (await app.Operator().PostJsonAsync("/v1/operator/clock", new { now = later })).ExpectAsync(HttpStatusCode.OK);
        await (await partner.GetAsync("/v1/account")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(later, await LastUsedAsync());
    }

    [Fact]
    [Trait("rule", "SEC-2")]
    public void ApiKeyEntity_HasNoPropertyThatCouldHoldTheToken_SEC2()
    {
        var names = typeof(Switchyard.Domain.Access.ApiKey).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToArray();
        Assert.Contains("Hash", names);
        Assert.DoesNotContain("Token", names);
        Assert.DoesNotContain("Secret", names);
        Assert.DoesNotContain("Key", names);
    }
}
