using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Access;
using Switchyard.Domain.Catalog;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Partners;

namespace Switchyard.Server.Hosting;

/// <summary>
/// `--demo` / SWITCHYARD_DEMO=1 on an empty database: a small living marketplace so a newcomer sees
/// the console with data. Later features extend it.
/// </summary>
public sealed class DemoData(TimeProvider clock, IPasswordHasher<ConsoleUser> hasher, ILogger<DemoData> logger)
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
        db.Customers.AddRange(
            Customer.Create(acme.Id, "Globex Corporation", globexOrg.Id, CustomerUserEmail, now).Value,
            Customer.Create(acme.Id, "Initrode", initrodeOrg.Id, "it@initrode.example", now).Value);
        var billing = CustomerUser.Create(globexOrg, CustomerUserEmail, manageBilling: true, now).Value;
        db.CustomerUsers.AddRange(billing, CustomerUser.Create(globexOrg, "viewer@globex.example", manageBilling: false, now).Value);

        var partnerPassword = Secrets.Random(16);
        var invited = ConsoleUser.InvitePartnerUser(acme, PartnerUserEmail, Permissions.PartnerPermissions, now).Value;
        invited.User.AcceptInvitation(invited.InvitationToken, hasher.HashPassword(invited.User, partnerPassword), now);
        db.ConsoleUsers.Add(invited.User);

        var partnerKey = ApiKey.ForPartner(acme, Permissions.PartnerPermissions, "Demo key", "system:demo", now).Value;
        var customerKey = ApiKey.ForCustomerUser(globexOrg.Id, billing.Id, "Demo customer key", "system:demo", now);
        db.ApiKeys.AddRange(partnerKey.Key, customerKey.Key);
        await db.SaveChangesAsync(ct);

        foreach (var line in new[]
        {
            "=== Demo data loaded ===",
            $"Partner console: {url}/console  sign in as {PartnerUserEmail} with password {partnerPassword}",
            $"Partner API key (Acme Analytics, app.view + offers.manage): {partnerKey.Token}",
            $"Customer API key ({CustomerUserEmail}, Globex): {customerKey.Token}",
            "",
        })
        {
            Console.WriteLine(line);
        }
    }
}
