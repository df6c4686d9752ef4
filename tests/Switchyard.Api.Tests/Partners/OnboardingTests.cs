using System.Net;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Partners;

public class OnboardingTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    [Fact]
    [Trait("rule", "ONB-1")]
    public async Task ApplyThenApprove_PartnerMovesFromAppliedToApproved_ONB1()
    {
        var op = app.Operator();
        var created = await (await op.PostJsonAsync("/v1/partners", new { name = "Umbrella Apps" })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("applied", created["status"]!.GetValue<string>());
        var id = created["id"]!.GetValue<string>();
        Assert.StartsWith("prt_", id, StringComparison.Ordinal);

        var approved = await (await op.PostAsync($"/v1/partners/{id}/approve", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", approved["status"]!.GetValue<string>());

        var again = await (await op.PostAsync($"/v1/partners/{id}/approve", null)).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("partnerAlreadyDecided", again.Code());
    }

    [Fact]
    [Trait("rule", "ONB-1")]
    public async Task AppliedPartner_CanReadAccountButNotCreateProducts_ONB1()
    {
        var (partnerId, partner) = await app.PartnerAsync("Applied Only", approve: false);
        await (await partner.GetAsync("/v1/account")).ExpectAsync(HttpStatusCode.OK);
        var entry = await app.CreateCatalogEntryAsync(partnerId);

        var refused = await (await partner.PostJsonAsync("/v1/products", new { name = "P", catalogEntryId = entry })).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("partnerNotApproved", refused.Code());
    }

    [Fact]
    [Trait("rule", "ONB-1")]
    public async Task Reject_WithoutReason_Is422_AndWithReason_Rejects_ONB1()
    {
        var id = await app.CreatePartnerAsync("To Reject", approve: false);
        var op = app.Operator();
        var missing = await (await op.PostJsonAsync($"/v1/partners/{id}/reject", new { })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(missing["errors"]!["reason"]);

        var rejected = await (await op.PostJsonAsync($"/v1/partners/{id}/reject", new { reason = "Not a software vendor" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("rejected", rejected["status"]!.GetValue<string>());
        Assert.Equal("Not a software vendor", rejected["rejectionReason"]!.GetValue<string>());
    }

    [Fact]
    [Trait("rule", "ONB-2")]
    public async Task PaymentConnection_EmbeddedProvider_ConnectsAtOnce_ONB2()
    {
        var (_, partner) = await app.PartnerAsync("Payments");
        var before = await (await partner.GetAsync("/v1/account")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("notConnected", before["paymentConnection"]!["status"]!.GetValue<string>());

        var started = await (await partner.PostAsync("/v1/account/payment-connection", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("connected", started["status"]!.GetValue<string>());
        Assert.Null(started["onboardingUrl"]);

        var after = await (await partner.GetAsync("/v1/account")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("embedded", after["paymentConnection"]!["provider"]!.GetValue<string>());
        Assert.Equal("connected", after["paymentConnection"]!["status"]!.GetValue<string>());
    }

    [Fact]
    [Trait("rule", "ONB-3")]
    [Trait("rule", "AUD-1")]
    public async Task AccountEdit_IsSavedAndRecordedWithOldAndNewValues_ONB3_AUD1()
    {
        var (partnerId, partner) = await app.PartnerAsync("Details Co");
        await (await partner.PatchJsonAsync("/v1/account", new
        {
            businessType = "company",
            phone = "+33 1 23 45 67 89",
            address = new { line1 = "1 rue de la Paix", city = "Paris", postalCode = "75002", country = "FR" },
            representative = new { name = "Ada", email = "ada@details.example" },
            reason = "Initial set-up",
        })).ExpectAsync(HttpStatusCode.OK);
        var changed = await (await partner.PatchJsonAsync("/v1/account", new { phone = "+33 9 87 65 43 21" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("+33 9 87 65 43 21", changed["phone"]!.GetValue<string>());
        Assert.Equal("Paris", changed["address"]!["city"]!.GetValue<string>());

        var history = (await (await partner.GetAsync($"/v1/audit?objectId={partnerId}")).ExpectAsync(HttpStatusCode.OK)).AsArray();
        var last = history[^1]!;
        Assert.Equal("account.updated", last["action"]!.GetValue<string>());
        Assert.Equal("+33 1 23 45 67 89", last["changes"]!["phone"]!["old"]!.GetValue<string>());
        Assert.Equal("+33 9 87 65 43 21", last["changes"]!["phone"]!["new"]!.GetValue<string>());
        Assert.StartsWith("partnerUser:", last["actor"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(SwitchyardApp.ClockStart, last["at"]!.GetValue<DateTimeOffset>());
        Assert.Contains(history, e => e!["reason"]?.GetValue<string>() == "Initial set-up");
    }

    [Fact]
    [Trait("rule", "ONB-3")]
    public async Task AccountEdit_InvalidFields_AllReportedAndNothingChanges_ONB3()
    {
        var (_, partner) = await app.PartnerAsync("Invalid Details");
        var problem = await (await partner.PatchJsonAsync("/v1/account", new
        {
            businessType = "pirate",
            phone = "12",
            address = new { country = "France" },
            publicDetails = new { website = "not a url", supportEmail = "nope" },
        })).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsObject();
        foreach (var field in new[] { "businessType", "phone", "country", "publicWebsite", "supportEmail" })
        {
            Assert.True(errors.ContainsKey(field), $"missing error for {field}: {problem}");
        }
        var account = await (await partner.GetAsync("/v1/account")).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(account["phone"]);
        Assert.Null(account["businessType"]);
    }

    [Fact]
    [Trait("rule", "ONB-1")]
    public async Task ListPartners_FiltersByStatusAsTheApiSpellsIt_ONB1()
    {
        var applied = await app.CreatePartnerAsync("Filter Applied", approve: false);
        var approved = await app.CreatePartnerAsync("Filter Approved");
        var op = app.Operator();

        var page = await (await op.GetAsync("/v1/partners?status=applied&limit=500")).ExpectAsync(HttpStatusCode.OK);
        var statuses = page["data"]!.AsArray().Select(p => p!["status"]!.GetValue<string>()).Distinct().ToArray();
        Assert.Equal(["applied"], statuses);
        Assert.Contains(page["data"]!.AsArray(), p => p!["id"]!.GetValue<string>() == applied);
        Assert.DoesNotContain(page["data"]!.AsArray(), p => p!["id"]!.GetValue<string>() == approved);

        var invalid = await (await op.GetAsync("/v1/partners?status=pending")).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalidStatus", invalid.Code());
        await (await op.GetAsync("/v1/partners?status=1")).ExpectAsync(HttpStatusCode.UnprocessableEntity);
    }
}
