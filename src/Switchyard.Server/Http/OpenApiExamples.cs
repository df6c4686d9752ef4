using System.Text.Json.Nodes;

namespace Switchyard.Server.Http;

/// <summary>Example request bodies shown in the API reference (/docs), by operation id: the offer lifecycle and onboarding.</summary>
public static class OpenApiExamples
{
    public static readonly IReadOnlyDictionary<string, JsonNode> RequestBodies = new Dictionary<string, JsonNode>(StringComparer.Ordinal)
    {
        ["createPartner"] = new JsonObject { ["name"] = "Acme Analytics" },
        ["rejectPartner"] = new JsonObject { ["reason"] = "The business details could not be verified." },
        ["createCatalogEntry"] = new JsonObject { ["name"] = "Acme Insights", ["contracted"] = true },
        ["createPartnerApiKey"] = new JsonObject { ["permissions"] = new JsonArray("app.view", "offers.manage") },
        ["createCustomerOrg"] = new JsonObject { ["orgId"] = "00D5e000000AbCd", ["name"] = "Globex Corporation" },
        ["createCustomerUser"] = new JsonObject { ["email"] = "billing@globex.example", ["manageBilling"] = true },
        ["createCustomerApiKey"] = new JsonObject { ["email"] = "billing@globex.example" },
        ["updateCustomerSettings"] = new JsonObject { ["receiveOffers"] = true, ["taxExemptionOnFile"] = false },
        ["createProduct"] = new JsonObject { ["name"] = "Insights Standard", ["catalogEntryId"] = "app_0193f1c2a7b07c41a3e2d4f5b6c7d8e9" },
        ["addProductLicense"] = new JsonObject { ["kind"] = "packageLicense", ["externalId"] = "0505e000000AbCd" },
        ["createCustomer"] = new JsonObject
        {
            ["name"] = "Globex Corporation",
            ["orgId"] = "00D5e000000AbCd",
            ["contactEmail"] = "billing@globex.example",
        },
        ["createOffer"] = new JsonObject
        {
            ["customerId"] = "cus_0193f1c2a7b07c41a3e2d4f5b6c7d8e9",
            ["termSet"] = "net30UpfrontAnnual",
            ["contractTermMonths"] = 12,
            ["serviceStartDate"] = "2027-02-01",
            ["validUntil"] = "2027-01-20",
            ["customerPo"] = "PO-4471",
            ["terms"] = "Standard subscription terms.",
            ["recipientEmail"] = "billing@globex.example",
            ["currency"] = "USD",
        },
        ["updateOffer"] = new JsonObject { ["validUntil"] = "2027-01-27", ["customerPo"] = "PO-4471-B", ["reason"] = "The customer asked for another week." },
        ["addOfferItem"] = new JsonObject
        {
            ["productId"] = "prd_0193f1c2a7b07c41a3e2d4f5b6c7d8e9",
            ["quantity"] = 10,
            ["unitPriceMonthly"] = 125.25m,
        },
        ["updateOfferItem"] = new JsonObject { ["quantity"] = 12, ["unitPriceMonthly"] = 120.00m },
        ["rejectOffer"] = new JsonObject { ["reason"] = "We chose another plan." },
        ["setClock"] = new JsonObject { ["now"] = "2027-02-01T00:00:00Z" },
    };
}
