using System.Net;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Offers;
using Switchyard.Server.Hosting;
using Switchyard.Server.Notifications;

namespace Switchyard.Server.Offers;

/// <summary>
/// OFF-10 and OFF-14: after an offer is sent (or retried), checks the customer side and emails the
/// recipient and billing address; a problem moves the offer to Error with its code instead of a 422.
/// </summary>
public sealed class OfferDelivery(IEmailSender email, PublicAddress address, ILogger<OfferDelivery> logger)
{
    /// <summary>Where customers open an offer; the emailed link points here.</summary>
    public Uri PortalBaseUrl => new(address.Url + "/console/customer/offers/");

    /// <summary>The org's opt-in and the emails of its users holding "manage billing".</summary>
    public static async Task<(bool ReceivesOffers, IReadOnlyList<string> BillingEmails)> CustomerSideAsync(SwitchyardDb db, string orgId, CancellationToken ct)
    {
        var receives = await db.CustomerOrgs.Where(o => o.Id == orgId).Select(o => (bool?)o.ReceiveOffers).SingleOrDefaultAsync(ct) ?? false;
        var emails = await db.CustomerUsers.Where(u => u.OrgId == orgId && u.ManageBilling).Select(u => u.Email).ToListAsync(ct);
        return (receives, emails);
    }

    /// <summary>OFF-10: marks the just-sent offer Error when the customer side is not ready. True when it is.</summary>
    public static async Task<bool> CheckCustomerSideAsync(SwitchyardDb db, Offer offer, CancellationToken ct)
    {
        var (receives, emails) = await CustomerSideAsync(db, offer.CustomerOrgId, ct);
        if (OfferIssues.CustomerSideProblem(offer, receives, emails) is { } code)
        {
            offer.MarkError(code);
            db.Audit.Describe(offer, AuditActions.OfferErrored, code);
            return false;
        }
        return true;
    }

    /// <summary>OFF-14: emails the offer; a delivery failure marks it Error (deliveryFailed). True when delivered.</summary>
    public async Task<bool> DeliverAsync(SwitchyardDb db, Offer offer, OfferNotification notification, string partnerName, CancellationToken ct)
    {
        try
        {
            await email.SendAsync(Render(offer, notification, partnerName), ct);
            return true;
        }
        catch (EmailDeliveryException ex)
        {
            logger.LogWarning(ex, "Offer {OfferId} could not be delivered", offer.Id);
            offer.MarkError(OfferIssues.DeliveryFailed);
            db.Audit.Describe(offer, AuditActions.OfferErrored, ex.Message);
            await db.SaveChangesAsync(ct);
            return false;
        }
    }

    private static EmailMessage Render(Offer offer, OfferNotification notification, string partnerName)
    {
        var lines = offer.Items.Select(i => $"{i.Quantity} × {i.ProductName}").ToList();
        var text = $"""
            {partnerName} has sent you a private offer.

            {string.Join(Environment.NewLine, lines)}
            Total for the term: {offer.Subtotal}
            Service: {offer.ServiceStartDate:yyyy-MM-dd} to {offer.EndDate:yyyy-MM-dd}, billed upfront annually, payment due in 30 days.
            Valid until: {offer.ValidUntil:yyyy-MM-dd}

            Review and accept it here: {notification.Link}
            """;
        var enc = HtmlEncoder();
        var html = $"""
            <p>{enc(partnerName)} has sent you a private offer.</p>
            <ul>{string.Concat(lines.Select(l => $"<li>{enc(l)}</li>"))}</ul>
            <p>Total for the term: <strong>{enc(offer.Subtotal.ToString())}</strong><br>
            Service: {offer.ServiceStartDate:yyyy-MM-dd} to {offer.EndDate:yyyy-MM-dd}, billed upfront annually, payment due in 30 days.<br>
            Valid until: {offer.ValidUntil:yyyy-MM-dd}</p>
            <p><a href="{enc(notification.Link.AbsoluteUri)}">Review and accept the offer</a></p>
            """;
        return new EmailMessage(notification.To, notification.Subject, text, html);
    }

    private static Func<string, string> HtmlEncoder() => WebUtility.HtmlEncode;
}
