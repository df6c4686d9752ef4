using System.Net;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Data.Outbox;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Offers;
using Switchyard.Server.Hosting;
using Switchyard.Server.Notifications;

namespace Switchyard.Server.Offers;

/// <summary>
/// OFF-10 and OFF-14: after an offer is sent (or retried), checks the customer side and emails the
/// recipient and billing address; a problem moves the offer to Error with its code instead of a 422.
/// OPS-1: the email is an outbox message written in the same save as the send, delivered afterwards
/// by <see cref="OfferEmailHandler"/>.
/// </summary>
public sealed class OfferDelivery(PublicAddress address)
{
    /// <summary>Where customers open an offer; the emailed link points here.</summary>
    public Uri PortalBaseUrl => new(address.Url + "/console/customer/offers/");

    /// <summary>The org's opt-in and the emails of its users holding "manage billing".</summary>
    public static async Task<(bool ReceivesOffers, IReadOnlyList<string> BillingEmails)> CustomerSideAsync(SwitchyardDb db, CustomerOrgId orgId, CancellationToken ct)
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

    /// <summary>
    /// OFF-14, OPS-1: enqueues the offer's email in the caller's save. The deduplication key is the offer
    /// and the version it is sent at, so each send or retry is one email, delivered once.
    /// </summary>
    public static void Enqueue(SwitchyardDb db, Offer offer, OfferNotification notification, string partnerName) =>
        db.EnqueueOutbox(OfferEmailHandler.Type, $"{offer.Id}/v{offer.Version}",
            new OfferEmail(offer.Id.Value, Render(offer, notification, partnerName)), offer.PartnerId);

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

/// <summary>The payload of an offer email: the offer it announces and the rendered message.</summary>
public sealed record OfferEmail(string OfferId, EmailMessage Email);

/// <summary>
/// OFF-14, OPS-1: sends an offer's email, the outbox key as its Message-Id. When every attempt failed
/// (or the address is refused), the offer moves to Error with deliveryFailed (OFF-10) so it can be retried.
/// </summary>
public sealed class OfferEmailHandler(IEmailSender email) : Outbox.IOutboxHandler
{
    public const string Type = "offer.email";

    public string MessageType => Type;

    public string Label => "Offer email";

    public async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var payload = message.Read<OfferEmail>();
        try
        {
            await email.SendAsync(payload.Email with { DeduplicationKey = message.MessageType + ":" + message.DeduplicationKey }, cancellationToken);
        }
        catch (EmailDeliveryException ex) when (ex.Permanent)
        {
            throw new Outbox.OutboxRefusedException(ex.Message, ex);
        }
    }

    public async Task OnFailedAsync(SwitchyardDb db, OutboxMessage message, CancellationToken cancellationToken)
    {
        var offerId = message.Read<OfferEmail>().OfferId;
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == OfferId.From(offerId), cancellationToken);
        if (offer is { Status: OfferStatus.Sent } && offer.MarkError(OfferIssues.DeliveryFailed).IsSuccess)
        {
            db.Audit.Describe(offer, AuditActions.OfferErrored, message.LastError);
        }
    }
}
