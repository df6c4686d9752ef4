using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Api.Tests.Offers;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Customers;

namespace Switchyard.Api.Tests.Security;

/// <summary>
/// SEC-8, ONB-1 (amended), SEC-10: the findings of the hardening probe, each reproduced as it was found
/// (NULs, control characters, over-long text, out-of-range dates and amounts, numeric enums; a rejected
/// or applied partner; a security stamp in the trail).
/// </summary>
public class InputHardeningTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private async Task<string> FingerprintAsync()
    {
        await using var scope = app.DbScope(out var db);
        return $"{await db.AuditEntries.CountAsync()}/{await db.Partners.CountAsync()}/{await db.Customers.CountAsync()}/{await db.CustomerOrgs.CountAsync()}/{await db.ApiKeys.CountAsync()}/{await db.Offers.SumAsync(o => o.Version)}";
    }

    private static HttpRequestMessage Raw(HttpMethod method, string url, string json) =>
        new(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>Asserts a 422 whose `errors` name <paramref name="field"/>.</summary>
    private static async Task<JsonNode> Expect422NamingAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem["errors"]?[field] is not null, $"expected errors.{field} in {problem.ToJsonString()}");
        return problem;
    }

    [Theory]
    [Trait("rule", "SEC-8")]
    [InlineData("a\\u0000b")]
    [InlineData("Acme\\u0001")]
    [InlineData("Acme\\nInc")]
    [InlineData("Acme\\u001b[31m")]
    public async Task ControlCharactersInAName_Are422NamingTheField_AndWriteNothing(string escapedName)
    {
        var before = await FingerprintAsync();
        var response = await app.Operator().SendAsync(Raw(HttpMethod.Post, "/v1/partners", $"{{\"name\":\"{escapedName}\"}}"));
        var problem = await Expect422NamingAsync(response, "name");
        Assert.Equal("invalidCharacters", problem["errorCodes"]!["name"]![0]!.GetValue<string>());
        Assert.Equal(before, await FingerprintAsync());
    }

    [Theory]
    [Trait("rule", "SEC-8")]
    [InlineData("/v1/offers?customerId=%00", "customerId")]
    [InlineData("/v1/offers?status=%00", "status")]
    [InlineData("/v1/customers?name=a%00b", "name")]
    [InlineData("/v1/products?name=%01", "name")]
    [InlineData("/v1/offers?after=AAAA", "after")]
    [InlineData("/v1/offers?after=AP8", "after")]
    public async Task NulsInQueryStringsAndCursors_Are422NamingTheParameter(string url, string field)
    {
        var (_, partner) = await app.PartnerAsync("Query " + field + url.Length);
        await Expect422NamingAsync(await partner.GetAsync(url), field);
    }

    [Fact]
    [Trait("rule", "SEC-8")]
    public async Task TooLongQueryString_Is422()
    {
        var (_, partner) = await app.PartnerAsync("Long query");
        await Expect422NamingAsync(await partner.GetAsync("/v1/customers?name=" + new string('a', 201)), "name");
    }

    [Fact]
    [Trait("rule", "SEC-8")]
    public async Task ApiKeyNameOverItsLimit_Is422_OnEveryProvider()
    {
        var partnerId = await app.CreatePartnerAsync("Long key name");
        var before = await FingerprintAsync();
        var response = await app.Operator().PostJsonAsync($"/v1/partners/{partnerId}/api-keys", new { permissions = new[] { "app.view" }, name = new string('k', 201) });
        await Expect422NamingAsync(response, "name");
        await Expect422NamingAsync(await app.Operator().PostJsonAsync("/v1/operator/api-keys", new { name = new string('k', 1_000) }), "name");
        Assert.Equal(before, await FingerprintAsync());
        await (await app.Operator().PostJsonAsync($"/v1/partners/{partnerId}/api-keys", new { permissions = new[] { "app.view" }, name = new string('k', 200) }))
            .ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    [Trait("rule", "SEC-8")]
    public async Task AReasonHasALimit_AndNoControlCharacters_NothingReachesTheTrail()
    {
        var (_, partner) = await app.PartnerAsync("Reasoned");
        var customer = await partner.CreateCustomerAsync("00D00000000RSN1");
        var before = await FingerprintAsync();
        await Expect422NamingAsync(await partner.PatchJsonAsync($"/v1/customers/{customer}", new { name = "Renamed", reason = new string('r', 2_001) }), "reason");
        await Expect422NamingAsync(await partner.PatchJsonAsync($"/v1/customers/{customer}", new { name = "Renamed", reason = "why\u0000" }), "reason");
        await Expect422NamingAsync(await partner.PatchJsonAsync("/v1/account", new { reason = new string('r', 100_000) }), "reason");
        Assert.Equal(before, await FingerprintAsync());
        await (await partner.PatchJsonAsync($"/v1/customers/{customer}", new { name = "Renamed", reason = new string('r', 2_000) })).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    [Trait("rule", "SEC-8")]
    public async Task OutOfRangeDatesAndAmounts_Are422NamingTheField()
    {
        var scenario = await OfferScenario.CreateAsync(app, "Ranges");
        var before = await FingerprintAsync();
        var created = await scenario.Partner.PostJsonAsync("/v1/offers", new
        {
            customerId = scenario.CustomerId,
            termSet = "net30UpfrontAnnual",
            contractTermMonths = 12,
            serviceStartDate = "9999-06-01",
            validUntil = "2027-01-20",
            terms = "Standard terms",
            recipientEmail = OfferScenario.BillingEmail,
            currency = "USD",
        });
        await Expect422NamingAsync(created, "serviceStartDate");
        Assert.Equal(before, await FingerprintAsync());

        var draft = await scenario.DraftAsync();
        var version = (await (await scenario.Partner.GetAsync($"/v1/offers/{draft}")).ExpectAsync(HttpStatusCode.OK));
        before = await FingerprintAsync();
        await Expect422NamingAsync(await scenario.Partner.PatchJsonAsync($"/v1/offers/{draft}", new { serviceStartDate = "9999-12-31" }), "serviceStartDate");
        await Expect422NamingAsync(await scenario.Partner.PatchJsonAsync($"/v1/offers/{draft}", new { validUntil = "1999-12-31" }), "validUntil");
        await Expect422NamingAsync(
            await scenario.Partner.SendAsync(Raw(HttpMethod.Post, $"/v1/offers/{draft}/items", $"{{\"productId\":\"{scenario.ProductId}\",\"quantity\":1,\"unitPriceMonthly\":1e27}}")),
            "unitPriceMonthly");
        var itemId = version["items"]![0]!["id"]!.GetValue<string>();
        await Expect422NamingAsync(
            await scenario.Partner.SendAsync(Raw(HttpMethod.Patch, $"/v1/offers/{draft}/items/{itemId}", "{\"unitPriceMonthly\":-1e27}")),
            "unitPriceMonthly");
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    [Trait("rule", "SEC-8")]
    public async Task OfferTermsAreMultiLine_ButRefuseNul()
    {
        var scenario = await OfferScenario.CreateAsync(app, "Terms");
        object Offer(string terms) => new
        {
            customerId = scenario.CustomerId,
            termSet = "net30UpfrontAnnual",
            contractTermMonths = 12,
            serviceStartDate = "2027-02-01",
            validUntil = "2027-01-20",
            terms,
            recipientEmail = OfferScenario.BillingEmail,
            currency = "USD",
        };
        await (await scenario.Partner.PostJsonAsync("/v1/offers", Offer("Line one\nLine two\twith a tab"))).ExpectAsync(HttpStatusCode.Created);
        await Expect422NamingAsync(await scenario.Partner.PostJsonAsync("/v1/offers", Offer("Line one\u0000")), "terms");
        await Expect422NamingAsync(await scenario.Partner.PostJsonAsync("/v1/offers", Offer(new string('t', 20_001))), "terms");
    }

    [Theory]
    [Trait("rule", "SEC-8")]
    [InlineData("5")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("\"5\"")]
    [InlineData("\"0\"")]
    [InlineData("\"sorcery\"")]
    public async Task UnknownOrNumericEnumValues_Are422NamingTheField(string kind)
    {
        var (partnerId, partner) = await app.PartnerAsync("Enums " + kind);
        var product = await partner.CreateProductAsync(await app.CreateCatalogEntryAsync(partnerId), licenseId: null);
        var before = await FingerprintAsync();
        var response = await partner.SendAsync(Raw(HttpMethod.Post, $"/v1/products/{product}/licenses", $"{{\"kind\":{kind},\"externalId\":\"050000000000001\"}}"));
        await Expect422NamingAsync(response, "kind");
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    [Trait("rule", "SEC-8")]
    public async Task OpenApiDocument_StatesTheTextLimits()
    {
        var document = await OpenApiDocument.FetchAsync(app);
        var schemas = document["components"]!["schemas"]!;
        Assert.Equal(200, schemas["ApplyPartnerRequest"]!["properties"]!["name"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(2_000, schemas["RejectPartnerRequest"]!["properties"]!["reason"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(20_000, schemas["CreateOfferRequest"]!["properties"]!["terms"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(254, schemas["CreateCustomerRequest"]!["properties"]!["contactEmail"]!["maxLength"]!.GetValue<int>());
        var listOffers = document["paths"]!["/v1/offers"]!["get"]!["parameters"]!.AsArray();
        Assert.Equal(200, listOffers.Single(p => p!["name"]!.GetValue<string>() == "customerId")!["schema"]!["maxLength"]!.GetValue<int>());
    }

    [Fact]
    [Trait("rule", "ONB-1")]
    public async Task ARejectedPartnersKeys_AreRefusedEverything_ItsDataKept()
    {
        var (partnerId, partner) = await app.PartnerAsync("Soon rejected", approve: false);
        await (await partner.PatchJsonAsync("/v1/account", new { phone = "+33 1 23 45 67 89" })).ExpectAsync(HttpStatusCode.OK);
        await (await app.Operator().PostJsonAsync($"/v1/partners/{partnerId}/reject", new { reason = "Fraud suspected" })).ExpectAsync(HttpStatusCode.OK);

        foreach (var response in new[]
        {
            await partner.PatchJsonAsync("/v1/account", new { name = "Still here" }),
            await partner.PostJsonAsync("/v1/customers", new { name = "New", orgId = "00D00000000REJ2", contactEmail = "a@b.example" }),
            await partner.GetAsync("/v1/customers"),
            await partner.GetAsync("/v1/api-keys"),
            await partner.GetAsync("/v1/account"),
        })
        {
            var problem = await response.ExpectAsync(HttpStatusCode.Forbidden);
            Assert.Equal("partnerRejected", problem.Code());
        }
        await using var scope = app.DbScope(out var db);
        var kept = await db.Partners.SingleAsync(p => p.Id == partnerId);
        Assert.Equal(Domain.Partners.PartnerStatus.Rejected, kept.Status);
        Assert.Equal("+33 1 23 45 67 89", kept.Phone);
        Assert.False(await db.CustomerOrgs.AnyAsync(o => o.Id == CustomerOrgId.From("00D00000000REJ2")));
    }

    [Fact]
    [Trait("rule", "ONB-1")]
    public async Task AnApplicant_CannotRegisterCustomersOrOrgs_SoTheOperatorsRegistrationStillWorks()
    {
        var (partnerId, applicant) = await app.PartnerAsync("Applicant", approve: false);
        var before = await FingerprintAsync();
        var problem = await (await applicant.PostJsonAsync("/v1/customers", new { name = "Globex", orgId = "00D00000000APP1", contactEmail = "a@globex.example" }))
            .ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("partnerNotApproved", problem.Code());
        var entry = await app.CreateCatalogEntryAsync(partnerId);
        problem = await (await applicant.PostJsonAsync("/v1/products", new { name = "Early", catalogEntryId = entry })).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("partnerNotApproved", problem.Code());
        // An applicant may still fill in its account.
        await (await applicant.PatchJsonAsync("/v1/account", new { phone = "+33 1 23 45 67 89" })).ExpectAsync(HttpStatusCode.OK);
        await (await app.Operator().PostJsonAsync("/v1/customer-orgs", new { orgId = "00D00000000APP1", name = "Globex" })).ExpectAsync(HttpStatusCode.Created);
        Assert.NotEqual(before, await FingerprintAsync());
    }

    [Fact]
    [Trait("rule", "SEC-10")]
    public async Task SecurityStamps_NeverAppearInTheTrailAPartnerReads_OldEntriesIncluded()
    {
        var (partnerId, partner) = await app.PartnerAsync("Stamped");
        var invited = await (await app.Operator().PostJsonAsync($"/v1/partners/{partnerId}/users", new { email = "dev@stamped.example", permissions = new[] { "app.view" } }))
            .ExpectAsync(HttpStatusCode.Created);
        var userId = invited["userId"]!.GetValue<string>();
        await using (var scope = app.DbScope(out var db))
        {
            Assert.DoesNotContain(await db.AuditEntries.Where(a => a.ObjectId == userId).Select(a => a.Changes).ToListAsync(),
                c => c.Contains("securityStamp", StringComparison.OrdinalIgnoreCase));
            // An entry written before the fix held the stamp: it is filtered when read.
            db.AuditEntries.Add(AuditEntry.Record(partnerId, userId, "consoleUser", "consoleUser.updated", "operator:old", SwitchyardApp.ClockStart,
                "{\"securityStamp\":{\"old\":\"OLDSTAMP\",\"new\":\"NEWSTAMP\"},\"email\":{\"old\":null,\"new\":\"dev@stamped.example\"}}", null));
            await db.SaveChangesAsync();
        }
        var history = await (await partner.GetAsync($"/v1/audit?objectId={userId}")).ExpectAsync(HttpStatusCode.OK);
        var text = history.ToJsonString();
        Assert.Contains("dev@stamped.example", text, StringComparison.Ordinal);
        Assert.DoesNotContain("securityStamp", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("STAMP", text, StringComparison.Ordinal);
    }
}
