using Switchyard.Domain.Catalog;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Orders;

namespace Switchyard.Domain.Offers;

/// <summary>The fields of a new offer (OFF-3), as the partner entered them; checked by <see cref="Offer.Create"/>.</summary>
public sealed record OfferDraft
{
    public string? TermSet { get; init; }
    public int? ContractTermMonths { get; init; }
    public DateOnly? ServiceStartDate { get; init; }
    public DateOnly? ValidUntil { get; init; }
    public string? PartnerPo { get; init; }
    public string? CustomerPo { get; init; }
    public string? Opportunity { get; init; }
    public string? Terms { get; init; }
    public string? RecipientEmail { get; init; }
    public string? BillingEmail { get; init; }
    public string? Currency { get; init; }

    /// <summary>Optional: defaults to the customer's org; when given it must be that org (15 or 18 characters).</summary>
    public string? CustomerOrgId { get; init; }
}

/// <summary>
/// A change to a draft (OFF-4, OFF-6). Null leaves a field as is; an empty string clears an optional text field.
/// </summary>
public sealed record OfferChanges
{
    public string? TermSet { get; init; }
    public int? ContractTermMonths { get; init; }
    public DateOnly? ServiceStartDate { get; init; }

    /// <summary>Never settable: derived (initial) or the parent's (add-on, OFF-6). Accepted only when unchanged.</summary>
    public DateOnly? EndDate { get; init; }
    public DateOnly? ValidUntil { get; init; }
    public string? PartnerPo { get; init; }
    public string? CustomerPo { get; init; }
    public string? Opportunity { get; init; }
    public string? Terms { get; init; }
    public string? RecipientEmail { get; init; }
    public string? BillingEmail { get; init; }
    public string? Currency { get; init; }
}

/// <summary>The customer's active order from this partner (OFF-1): the add-on's parent and its term.</summary>
public sealed record ParentOrder(OrderId OrderId, DateOnly TermStart, DateOnly TermEnd, string Currency);

/// <summary>What Create needs to know about the customer: who it is and whether it has an active order (OFF-1).</summary>
public sealed record CustomerContext(string PartnerId, CustomerId CustomerId, CustomerOrgId CustomerOrgId, ParentOrder? ActiveOrder)
{
    /// <summary>
    /// OFF-1: builds the context from the customer and its orders; an order from this partner in New,
    /// Processing or Activated makes the next offer an add-on tied to it (or to its parent, when it is itself an add-on).
    /// </summary>
    public static CustomerContext For(Customer customer, IEnumerable<Orders.Order> orders)
    {
        var active = orders
            .Where(o => o.PartnerId == customer.PartnerId && o.CustomerOrgId == customer.OrgId && o.IsActive)
            .OrderBy(o => o.Type == OfferType.Initial ? 0 : 1)
            .ThenByDescending(o => o.EndDate)
            .FirstOrDefault();
        var parent = active is null
            ? null
            : new ParentOrder(active.ParentOrderId ?? active.Id, active.TermStartDate, active.EndDate, active.CurrencyCode);
        return new CustomerContext(customer.PartnerId, customer.Id, customer.OrgId, parent);
    }
}

/// <summary>What Send checks beyond the offer itself (OFF-8).</summary>
public sealed record SendContext
{
    public required DateOnly Today { get; init; }
    public required DateTimeOffset Now { get; init; }

    /// <summary>ONB-1: only an approved partner sends offers.</summary>
    public required bool PartnerApproved { get; init; }

    /// <summary>ONB-2: charges and payouts enabled.</summary>
    public required bool PaymentAccountConnected { get; init; }

    /// <summary>The current products of the offer's items (CAT-4 is checked again: a mapping may have been removed).</summary>
    public required IReadOnlyCollection<Product> Products { get; init; }

    /// <summary>MIG-7: catalog entry ids the customer holds on the legacy channel on the service start date.</summary>
    public required IReadOnlySet<string> LegacyCatalogEntryIds { get; init; }

    /// <summary>Where customers open offers; the offer link is built from it (OFF-14).</summary>
    public required Uri PortalBaseUrl { get; init; }
}

/// <summary>What Retry needs (OFF-10): who retries, and the customer's current state to re-check the cause.</summary>
public sealed record RetryContext
{
    public required DateOnly Today { get; init; }
    public required DateTimeOffset Now { get; init; }
    public required bool ByOperator { get; init; }
    public required bool CustomerReceivesOffers { get; init; }
    public required IReadOnlyCollection<string> ManageBillingEmails { get; init; }
    public required Uri PortalBaseUrl { get; init; }
}

/// <summary>Who decides on an offer (OFF-11) and when.</summary>
public sealed record DecisionContext(CustomerUser User, DateOnly Today, DateTimeOffset Now);

/// <summary>What acceptance needs (OFF-11, OFF-12, ORD-3).</summary>
public sealed record AcceptContext
{
    public required CustomerUser User { get; init; }
    public required DateOnly Today { get; init; }
    public required DateTimeOffset Now { get; init; }

    /// <summary>OFF-12: the org's tax exemption as on file at acceptance; captured, never re-read.</summary>
    public required bool TaxExemptionOnFile { get; init; }

    /// <summary>The items' products: their license mappings are snapshotted onto the order (ORD-3).</summary>
    public required IReadOnlyCollection<Product> Products { get; init; }
}
