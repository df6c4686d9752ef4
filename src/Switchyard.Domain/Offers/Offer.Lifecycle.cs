using System.Globalization;

using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;
using Switchyard.Domain.Orders;
using Switchyard.Domain.Partners;

namespace Switchyard.Domain.Offers;

public sealed partial class Offer
{
    /// <summary>
    /// OFF-8: validates everything at once and lists every problem (required fields, at least one item
    /// under <c>items</c>, dates not in the past, an add-on starting inside its parent's term, payment
    /// account connected, CAT-4 again, and MIG-7 <c>legacyContractActive</c> per item). ONB-1: an
    /// unapproved partner is refused first (403). On success the offer is Sent (OFF-9: final for the
    /// partner) and the OFF-14 notification to the recipient and billing address is returned.
    /// </summary>
    public Result<OfferNotification> Send(SendContext ctx)
    {
        if (Status != OfferStatus.Draft)
        {
            return OfferErrors.NotDraft(Status);
        }
        if (!ctx.PartnerApproved)
        {
            return PartnerErrors.NotApproved;
        }
        var errors = CurrentFields().Check(ParentForChecks(), ctx.Today, checkStartInPast: true, checkValidUntilInPast: true);
        if (_items.Count == 0)
        {
            errors.Add(OfferErrors.ItemsRequired);
        }
        if (!ctx.PaymentAccountConnected)
        {
            errors.Add(OfferErrors.PaymentAccountNotConnected);
        }
        var products = ProductsById(ctx.Products);
        for (var i = 0; i < _items.Count; i++)
        {
            var item = _items[i];
            var field = ItemField(i);
            if (!products.TryGetValue(item.ProductId, out var product))
            {
                errors.Add(OfferErrors.UnknownProductAt(field));
            }
            else if (!product.CanBeSold)
            {
                errors.Add(OfferErrors.ProductHasNoLicenses(field, item.ProductName));
            }
            else if (ctx.LegacyCatalogEntryIds.Contains(product.CatalogEntryId.Value))
            {
                errors.Add(OfferErrors.LegacyContractActive(field, item.ProductName));
            }
        }
        if (errors.Count > 0)
        {
            return Result<OfferNotification>.Failure(errors);
        }
        Status = OfferStatus.Sent;
        SentAt = ctx.Now;
        return Notification(ctx.PortalBaseUrl);
    }

    /// <summary>
    /// OFF-10: a customer-side condition found after sending (an <see cref="OfferIssues"/> code) moves
    /// the offer from Sent to Error; it is not a 422.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown code: the server only passes OfferIssues constants.</exception>
    public Result<Unit> MarkError(string code)
    {
        if (!OfferIssues.IsKnown(code))
        {
            throw new ArgumentException($"'{code}' is not an offer issue code.", nameof(code));
        }
        if (Status != OfferStatus.Sent)
        {
            return OfferErrors.NotSent(Status);
        }
        Status = OfferStatus.Error;
        ErrorCode = code;
        return Result.Ok();
    }

    /// <summary>
    /// OFF-10: Error → Sent once the cause is fixed. Operator-only codes refuse a partner (403); the
    /// customer side is checked again (still broken → 409 <c>offerIssueUnresolved</c>); a lapsed offer
    /// cannot come back (409 <c>offerExpired</c>). Returns the OFF-14 notification to send again.
    /// </summary>
    public Result<OfferNotification> Retry(RetryContext ctx)
    {
        if (Status != OfferStatus.Error)
        {
            return OfferErrors.NotInError(Status);
        }
        if (ErrorNeedsOperator && !ctx.ByOperator)
        {
            return OfferErrors.OperatorRequired(ErrorCode!);
        }
        if (ctx.Today > ValidUntil)
        {
            return OfferErrors.Expired(ValidUntil);
        }
        if (OfferIssues.CustomerSideProblem(this, ctx.CustomerReceivesOffers, ctx.ManageBillingEmails) is { } problem)
        {
            return OfferErrors.IssueUnresolved(problem);
        }
        Status = OfferStatus.Sent;
        ErrorCode = null;
        SentAt = ctx.Now;
        return Notification(ctx.PortalBaseUrl);
    }

    /// <summary>
    /// OFF-11: the recipient, holding "manage billing", accepts a sent, unexpired offer (another org:
    /// 404; another user: 403; not Sent or expired: 409). OFF-12: the tax exemption on file now is
    /// captured and never changes. ORD-2/ORD-3: returns the new order (New) with each item's licenses.
    /// </summary>
    public Result<Order> Accept(AcceptContext ctx)
    {
        if (CheckDecision(ctx.User, ctx.Today) is { } refused)
        {
            return refused;
        }
        var products = ProductsById(ctx.Products);
        var errors = new List<Error>();
        for (var i = 0; i < _items.Count; i++)
        {
            if (!products.TryGetValue(_items[i].ProductId, out var product))
            {
                errors.Add(OfferErrors.UnknownProductAt(ItemField(i)));
            }
            else if (!product.CanBeSold)
            {
                errors.Add(OfferErrors.ProductHasNoLicenses(ItemField(i), _items[i].ProductName));
            }
        }
        if (errors.Count > 0)
        {
            return Result<Order>.Failure(errors);
        }
        TaxExempt = ctx.TaxExemptionOnFile;
        var order = Order.FromAcceptedOffer(this, products, ctx.Now);
        Status = OfferStatus.Accepted;
        DecidedAt = ctx.Now;
        AcceptedBy = ctx.User.Email;
        OrderId = order.Id;
        return order;
    }

    /// <summary>OFF-11: the recipient, holding "manage billing", rejects a sent, unexpired offer, optionally saying why.</summary>
    public Result<Unit> Reject(DecisionContext ctx, string? reason)
    {
        if (CheckDecision(ctx.User, ctx.Today) is { } refused)
        {
            return refused;
        }
        var errors = new List<Error>();
        Validate.MaxLength(errors, "reason", reason, MaxReasonLength);
        if (errors.Count > 0)
        {
            return Result<Unit>.Failure(errors);
        }
        Status = OfferStatus.Rejected;
        DecidedAt = ctx.Now;
        RejectionReason = Clean(reason);
        return Result.Ok();
    }

    /// <summary>
    /// OFF-13: a sent offer lapses after its valid-until day (TIM-1: <paramref name="today"/> is the
    /// marketplace date). A worker calls it; anything not due answers a conflict, so a second run is
    /// harmless but visible (TIM-2).
    /// </summary>
    public Result<Unit> Expire(DateOnly today, DateTimeOffset now)
    {
        if (Status != OfferStatus.Sent)
        {
            return OfferErrors.NotSent(Status);
        }
        if (today <= ValidUntil)
        {
            return OfferErrors.StillValid(ValidUntil);
        }
        Status = OfferStatus.Expired;
        DecidedAt = now;
        return Result.Ok();
    }

    // OFF-11: who may decide, then whether the offer is still open. Identity first (404, 403), then state (409).
    private Error? CheckDecision(Customers.CustomerUser user, DateOnly today)
    {
        if (user.OrgId != CustomerOrgId)
        {
            return OfferErrors.OfferNotFound;
        }
        if (!string.Equals(Customers.CustomerUser.NormalizeEmail(user.Email), Customers.CustomerUser.NormalizeEmail(RecipientEmail), StringComparison.Ordinal))
        {
            return OfferErrors.NotRecipient;
        }
        if (!user.ManageBilling)
        {
            return OfferErrors.ManageBillingRequired;
        }
        if (Status == OfferStatus.Expired || (Status == OfferStatus.Sent && today > ValidUntil))
        {
            return OfferErrors.Expired(ValidUntil);
        }
        return Status == OfferStatus.Sent ? null : OfferErrors.NotSent(Status);
    }

    // OFF-14: one email to the recipient and, when different, the billing address.
    private OfferNotification Notification(Uri portalBaseUrl)
    {
        var to = new[] { RecipientEmail, EffectiveBillingEmail }.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var link = new Uri(portalBaseUrl.AbsoluteUri.TrimEnd('/') + "/" + Uri.EscapeDataString(Id.Value));
        var subject = string.Create(CultureInfo.InvariantCulture,
            $"You have a new offer ({Subtotal}), valid until {ValidUntil:yyyy-MM-dd}");
        return new OfferNotification(Id, to, subject, link);
    }

    private Dictionary<ProductId, Product> ProductsById(IEnumerable<Product> products) =>
        products.Where(p => p.PartnerId == PartnerId).DistinctBy(p => p.Id).ToDictionary(p => p.Id);

    private static string ItemField(int index) => string.Create(CultureInfo.InvariantCulture, $"items[{index}].productId");
}
