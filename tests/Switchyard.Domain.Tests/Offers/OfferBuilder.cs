using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Offers;
using Switchyard.Domain.Orders;

namespace Switchyard.Domain.Tests.Offers;

/// <summary>Small builders with fixed dates: "today" is 2026-12-01; an initial offer starts 2027-01-01.</summary>
internal static class A
{
    public const string PartnerId = "prt_a";
    public const string OtherPartnerId = "prt_b";
    public const string OrgId15 = "00D5g000004AbCd";
    public const string OtherOrgId15 = "00D5g000009XyZw";
    public const string Recipient = "buyer@example.com";
    public const string Billing = "ap@example.com";
    public const string PackageLicenseId = "0503000000AbCdE";
    public const string PermissionSetId = "0PS3000000XyZ12";

    public static readonly DateOnly Today = new(2026, 12, 1);
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Start = new(2027, 1, 1);
    public static readonly DateOnly ValidUntil = new(2026, 12, 20);
    public static readonly Uri Portal = new("https://market.example.com/customer/offers/");

    public static string OrgId => SalesforceId.To18(OrgId15);

    public static Customer Customer() => Domain.Customers.Customer.Create(PartnerId, "Acme", OrgId15, "it@example.com", Now).Value;

    public static CatalogEntry Entry(string name = "App A", string partnerId = PartnerId) =>
        CatalogEntry.Create(partnerId, name, contracted: true).Value;

    public static Product Product(string name = "Product A", bool licensed = true, CatalogEntry? entry = null, string partnerId = PartnerId)
    {
        var product = Domain.Catalog.Product.Create(partnerId, name, entry ?? Entry(partnerId: partnerId), Now).Value;
        if (licensed)
        {
            _ = product.AddLicense(LicenseKind.PackageLicense, PackageLicenseId).Value;
        }
        return product;
    }

    public static OfferDraft Draft(DateOnly? start = null) => new()
    {
        TermSet = OfferTerms.Net30UpfrontAnnual,
        ContractTermMonths = 12,
        ServiceStartDate = start ?? Start,
        ValidUntil = ValidUntil,
        PartnerPo = "PPO-1",
        Terms = "Standard terms.",
        RecipientEmail = Recipient,
        BillingEmail = Billing,
        Currency = "USD",
    };

    public static CustomerContext Context(ParentOrder? parent = null) => new(PartnerId, CustomerId.From("cus_1"), CustomerOrgId.From(OrgId), parent);

    /// <summary>The customer's active initial order for 2027 (365 days).</summary>
    public static ParentOrder Parent2027 => new(OrderId.From("ord_parent"), new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31), "USD");

    public static Offer InitialDraft(OfferDraft? draft = null) => Offer.Create(draft ?? Draft(), Context(), Today, Now).Value;

    public static Offer AddOnDraft(DateOnly start, DateOnly? today = null) =>
        Offer.Create(Draft(start) with { ValidUntil = start }, Context(Parent2027), today ?? start.AddDays(-14), Now).Value;

    public static Offer With(this Offer offer, Product product, int quantity = 10, decimal unitPriceMonthly = 100m)
    {
        _ = offer.AddItem(product, quantity, unitPriceMonthly, null).Value;
        return offer;
    }

    public static SendContext Send(IReadOnlyCollection<Product> products, DateOnly? today = null, IReadOnlySet<string>? legacy = null) => new()
    {
        Today = today ?? Today,
        Now = Now,
        PartnerApproved = true,
        PaymentAccountConnected = true,
        Products = products,
        LegacyCatalogEntryIds = legacy ?? new HashSet<string>(),
        PortalBaseUrl = Portal,
    };

    /// <summary>A sent initial offer for 10 × Product A at 100.00 USD a month, and its product.</summary>
    public static (Offer Offer, Product Product) SentOffer()
    {
        var product = Product();
        var offer = InitialDraft().With(product);
        _ = offer.Send(Send([product])).Value;
        return (offer, product);
    }

    public static CustomerUser User(string email = Recipient, bool manageBilling = true, string orgId15 = OrgId15) =>
        CustomerUser.Create(CustomerOrg.Create(orgId15, "Acme", Now).Value, email, manageBilling, Now).Value;

    public static AcceptContext Accept(Product product, CustomerUser? user = null, DateOnly? today = null, bool taxExempt = false) => new()
    {
        User = user ?? User(),
        Today = today ?? Today,
        Now = Now.AddHours(1),
        TaxExemptionOnFile = taxExempt,
        Products = [product],
    };

    /// <summary>A new order from an accepted initial offer (2027-01-01..2027-12-31, 10 × Product A).</summary>
    public static (Order Order, Product Product) NewOrder()
    {
        var (offer, product) = SentOffer();
        return (offer.Accept(Accept(product)).Value, product);
    }

    public static IEnumerable<string> Codes(this IEnumerable<Error> errors) => errors.Select(e => e.Code);
}
