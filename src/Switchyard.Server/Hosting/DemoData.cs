using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Offers;
using Switchyard.Domain.Partners;

namespace Switchyard.Server.Hosting;

/// <summary>
/// `--demo` / SWITCHYARD_DEMO=1 on an empty database: a small living marketplace so a newcomer sees
/// the console with data. Later features extend it.
/// </summary>
public sealed class DemoData(TimeProvider clock, MarketplaceCalendar calendar, IPasswordHasher<ConsoleUser> hasher, ILogger<DemoData> logger)
{
    public const string PartnerUserEmail = "partner@acme.example";
    public const string CustomerUserEmail = "billing@globex.example";

    public async Task LoadAsync(SwitchyardDb db, string url, CancellationToken ct)
    {
        if (await db.Partners.AnyAsync(ct))
        {
            logger.LogInformation("Demo data skipped: the database already has partners");
            return;
        }
        var now = clock.GetUtcNow();
        var acme = Partner.Apply("Acme Analytics", now).Value;
        acme.Approve(now);
        acme.UpdateDetails(new AccountDetails
        {
            BusinessType = "company",
            AddressLine1 = "1 Market Street",
            City = "San Francisco",
            PostalCode = "94105",
            Region = "CA",
            Country = "US",
            Phone = "+1 415 555 0100",
            PublicName = "Acme Analytics",
            PublicWebsite = "https://acme.example",
            SupportEmail = "support@acme.example",
            RepresentativeName = "Ada Lovelace",
            RepresentativeEmail = "ada@acme.example",
            RepresentativeTitle = "CEO",
        });
        acme.StartPaymentOnboarding("embedded", "ledger:" + acme.Id);
        acme.MarkPaymentConnected();
        var pending = Partner.Apply("Initech Software", now).Value;
        db.Partners.AddRange(acme, pending);

        var insights = CatalogEntry.Create(acme.Id, "Acme Insights", contracted: true).Value;
        var forecast = CatalogEntry.Create(acme.Id, "Acme Forecast", contracted: true).Value;
        var labs = CatalogEntry.Create(acme.Id, "Acme Labs (beta)", contracted: false).Value;
        db.CatalogEntries.AddRange(insights, forecast, labs);

        var standard = Product.Create(acme.Id, "Insights Standard", insights, now).Value;
        standard.AddLicense(LicenseKind.PackageLicense, "050000000000001");
        var premium = Product.Create(acme.Id, "Insights Premium", insights, now).Value;
        premium.AddLicense(LicenseKind.PackageLicense, "050000000000001");
        premium.AddLicense(LicenseKind.PermissionSet, "0PS000000000001");
        var planner = Product.Create(acme.Id, "Forecast Planner", forecast, now).Value;
        planner.AddLicense(LicenseKind.PackageLicense, "050000000000002");
        db.Products.AddRange(standard, premium, planner);

        var globexOrg = CustomerOrg.Create("00D000000000001", "Globex Corporation", now).Value;
        var initrodeOrg = CustomerOrg.Create("00D000000000002", "Initrode", now).Value;
        db.CustomerOrgs.AddRange(globexOrg, initrodeOrg);
        var globex = Customer.Create(acme.Id, "Globex Corporation", globexOrg.Id.Value, CustomerUserEmail, now).Value;
        db.Customers.AddRange(globex, Customer.Create(acme.Id, "Initrode", initrodeOrg.Id.Value, "it@initrode.example", now).Value);
        var billing = CustomerUser.Create(globexOrg, CustomerUserEmail, manageBilling: true, now).Value;
        db.CustomerUsers.AddRange(billing, CustomerUser.Create(globexOrg, "viewer@globex.example", manageBilling: false, now).Value);

        var partnerPassword = Secrets.Random(16);
        var invited = ConsoleUser.InvitePartnerUser(acme, PartnerUserEmail, Permissions.PartnerPermissions, now).Value;
        invited.User.AcceptInvitation(invited.InvitationToken, hasher.HashPassword(invited.User, partnerPassword), now);
        db.ConsoleUsers.Add(invited.User);

        // The customer portal: Globex's billing user signs in to the same console and accepts offers there.
        var customerPassword = Secrets.Random(16);
        var customerInvite = ConsoleUser.InviteCustomerUser(globexOrg, billing, now).Value;
        customerInvite.User.AcceptInvitation(customerInvite.InvitationToken, hasher.HashPassword(customerInvite.User, customerPassword), now);
        db.ConsoleUsers.Add(customerInvite.User);

        // Two offers from Acme to Globex: a draft to edit and send, and a sent one waiting for the customer.
        var today = calendar.DateOf(now);
        var context = CustomerContext.For(globex, []);
        var draft = Offer.Create(DemoOffer(today, "Renewal of the analytics pilot"), context, today, now).Value;
        draft.AddItem(standard, 25, 40m, null);
        var sent = Offer.Create(DemoOffer(today, "Forecasting for the finance team"), context, today, now).Value;
        sent.AddItem(premium, 10, 95m, "ACME-PO-1001");
        sent.AddItem(planner, 5, 60m, null);
        sent.Send(new SendContext
        {
            Today = today,
            Now = now,
            PartnerApproved = true,
            PaymentAccountConnected = true,
            Products = [standard, premium, planner],
            LegacyCatalogEntryIds = new HashSet<string>(StringComparer.Ordinal),
            PortalBaseUrl = new Uri(url.TrimEnd('/') + "/console/customer/offers/"),
        });
        db.Offers.AddRange(draft, sent);

        var partnerKey = ApiKey.ForPartner(acme, Permissions.PartnerPermissions, "Demo key", "system:demo", now).Value;
        var customerKey = ApiKey.ForCustomerUser(globexOrg.Id, billing.Id, "Demo customer key", "system:demo", now);
        db.ApiKeys.AddRange(partnerKey.Key, customerKey.Key);
        await db.SaveChangesAsync(ct);

        foreach (var line in new[]
        {
            "=== Demo data loaded ===",
            $"Partner console: {url}/console  sign in as {PartnerUserEmail} with password {partnerPassword}",
            $"Customer portal: {url}/console  sign in as {CustomerUserEmail} with password {customerPassword} (offer {sent.Id} waits for acceptance)",
            $"Partner API key (Acme Analytics, app.view + offers.manage): {partnerKey.Token}",
            $"Customer API key ({CustomerUserEmail}, Globex): {customerKey.Token}",
            "",
        })
        {
            Console.WriteLine(line);
        }
    }

    // UX-7: service from tomorrow by the server's clock, so a newcomer can accept the sent offer and watch the order
    // activate the next day (or at once with SWITCHYARD_CLOCK=manual and the Clock page). Valid for two weeks.
    private static OfferDraft DemoOffer(DateOnly today, string opportunity) => new()
    {
        TermSet = OfferTerms.Net30UpfrontAnnual,
        ContractTermMonths = OfferTerms.ContractTermMonths,
        ServiceStartDate = today.AddDays(1),
        ValidUntil = today.AddDays(14),
        Opportunity = opportunity,
        Terms = "Acme standard subscription terms.",
        RecipientEmail = CustomerUserEmail,
        Currency = "USD",
    };
}
