using System.Globalization;

using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Offers;

namespace Switchyard.Domain.Orders;

/// <summary>
/// What an accepted offer became (OFF-11): the contract the marketplace processes, provisions,
/// invoices and expires (ORD-1..6). Every transition is one method that checks its source state.
/// </summary>
public sealed class Order : Entity<OrderId>, IPartnerOwned, IAudited
{
    private readonly List<OrderItem> _items = [];
    private readonly List<OrderTransaction> _transactions = [];

    // Transactions already stored when the order was loaded without its history (see ContinueHistoryAfter).
    private int _storedTransactions;

    private Order() { }

    public string PartnerId { get; private set; } = "";
    public CustomerId CustomerId { get; private set; }
    public CustomerOrgId CustomerOrgId { get; private set; }
    public OfferId OfferId { get; private set; }
    public OfferType Type { get; private set; }

    /// <summary>The initial order an add-on is tied to (OFF-6).</summary>
    public OrderId? ParentOrderId { get; private set; }
    public OrderStatus Status { get; private set; }
    public string? ErrorCode { get; private set; }

    /// <summary>Where a retry returns to: the status the order failed from (ORD-1).</summary>
    public OrderStatus? FailedFrom { get; private set; }
    public DateOnly StartDate { get; private set; }

    /// <summary>ORD-2: initial: start + 12 months − 1 day; add-on: the parent's end.</summary>
    public DateOnly EndDate { get; private set; }

    /// <summary>The contract term's first day: the start for an initial order, the parent's start for an add-on.
    /// A later add-on prorates against this term (OFF-7).</summary>
    public DateOnly TermStartDate { get; private set; }
    public string CurrencyCode { get; private set; } = "";
    public long SubtotalMinor { get; private set; }

    /// <summary>OFF-12: as captured at acceptance.</summary>
    public bool TaxExempt { get; private set; }

    /// <summary>BIL-1: the invoice goes here.</summary>
    public string BillingEmail { get; private set; } = "";
    public string? PartnerPo { get; private set; }
    public string? CustomerPo { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ActivatedAt { get; private set; }

    public IReadOnlyList<OrderItem> Items => _items;

    /// <summary>ORD-2: in time order (ties in the order they were recorded), whatever order storage returns them in.</summary>
    public IReadOnlyList<OrderTransaction> Transactions => [.. _transactions.OrderBy(t => t.At).ThenBy(t => t.Sequence)];

    public Currency Currency => Currency.From(CurrencyCode);
    public Money Subtotal => new(SubtotalMinor, Currency);

    /// <summary>OFF-1: an order in New, Processing or Activated makes the customer's next offer an add-on.</summary>
    public bool IsActive => Status switch
    {
        OrderStatus.New or OrderStatus.Processing or OrderStatus.Activated => true,
        OrderStatus.Expired or OrderStatus.Error => false,
    };

    /// <summary>OFF-11, ORD-2: the order an accepted offer creates (status New), items with their license snapshot.</summary>
    internal static Order FromAcceptedOffer(Offer offer, IReadOnlyDictionary<ProductId, Product> products, DateTimeOffset now)
    {
        var order = new Order
        {
            Id = OrderId.New(),
            PartnerId = offer.PartnerId,
            CustomerId = offer.CustomerId,
            CustomerOrgId = offer.CustomerOrgId,
            OfferId = offer.Id,
            Type = offer.Type,
            ParentOrderId = offer.ParentOrderId,
            Status = OrderStatus.New,
            StartDate = offer.ServiceStartDate,
            EndDate = offer.EndDate,
            TermStartDate = offer.ParentTermStart ?? offer.ServiceStartDate,
            CurrencyCode = offer.CurrencyCode,
            SubtotalMinor = offer.SubtotalMinor,
            TaxExempt = offer.TaxExempt,
            BillingEmail = offer.EffectiveBillingEmail,
            PartnerPo = offer.PartnerPo,
            CustomerPo = offer.CustomerPo,
            CreatedAt = now,
        };
        order._items.AddRange(offer.Items.Select(line => OrderItem.Create(order.Id, line, products[line.ProductId])));
        order.Record(now, TransactionKind.StatusChanged, $"Created from accepted offer {offer.Id}: new.", offer.Id.Value, offer.SubtotalMinor);
        return order;
    }

    /// <summary>ORD-1: New → Processing, on or after the start date (TIM-2: driven by the worker's clock).</summary>
    public Result<Unit> StartProcessing(DateOnly today, DateTimeOffset now)
    {
        if (Status != OrderStatus.New)
        {
            return OrderErrors.NotNew(Status);
        }
        if (today < StartDate)
        {
            return OrderErrors.NotDue(StartDate);
        }
        return MoveTo(OrderStatus.Processing, now);
    }

    /// <summary>
    /// ORD-1, ORD-3: Processing → Activated. Returns the grants to store: for each item, each mapped
    /// license to the customer org with the item's quantity, from the start to the end date (ORD-4:
    /// they add to the org's other grants; ORD-5: they end with the order).
    /// </summary>
    public Result<IReadOnlyList<LicenseGrant>> Activate(DateTimeOffset now)
    {
        if (Status != OrderStatus.Processing)
        {
            return OrderErrors.NotProcessing(Status);
        }
        var grants = _items
            .SelectMany(item => item.Licenses.Select(license => LicenseGrant.For(this, item, license)))
            .ToList();
        foreach (var grant in grants)
        {
            Record(now, TransactionKind.Provisioned, string.Create(CultureInfo.InvariantCulture,
                $"Granted {grant.Quantity} × {grant.LicenseKind} {grant.LicenseExternalId} ({ProductName(grant.ProductId)}) to org {CustomerOrgId}."),
                grant.Id, null);
        }
        ActivatedAt = now;
        MoveTo(OrderStatus.Activated, now);
        return grants;
    }

    /// <summary>ORD-1: New or Processing → Error with a code (e.g. provisioning failed).</summary>
    public Result<Unit> Fail(string code, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        if (Status is not (OrderStatus.New or OrderStatus.Processing))
        {
            return OrderErrors.CannotFail(Status);
        }
        FailedFrom = Status;
        ErrorCode = code;
        return MoveTo(OrderStatus.Error, now, code);
    }

    /// <summary>ORD-1: an operator retries an errored order: it returns to the status it failed from.</summary>
    public Result<Unit> Retry(DateTimeOffset now)
    {
        if (Status != OrderStatus.Error)
        {
            return OrderErrors.NotInError(Status);
        }
        var back = FailedFrom ?? OrderStatus.New;
        FailedFrom = null;
        ErrorCode = null;
        return MoveTo(back, now);
    }

    /// <summary>ORD-5: Activated → Expired once the end date has passed; its grants end on the end date.</summary>
    public Result<Unit> Expire(DateOnly today, DateTimeOffset now)
    {
        if (Status != OrderStatus.Activated)
        {
            return OrderErrors.NotActivated(Status);
        }
        if (today <= EndDate)
        {
            return OrderErrors.NotEnded(EndDate);
        }
        return MoveTo(OrderStatus.Expired, now);
    }

    /// <summary>
    /// TIM-2: a due transition loads orders without their history (which only grows); the transactions it
    /// records then continue the stored sequence after <paramref name="lastSequence"/>. Only the transactions
    /// recorded since are in <see cref="Transactions"/>.
    /// </summary>
    public void ContinueHistoryAfter(int lastSequence)
    {
        if (_transactions.Count > 0)
        {
            throw new InvalidOperationException("The order's history is loaded; its sequence continues by itself.");
        }
        _storedTransactions = lastSequence;
    }

    /// <summary>ORD-2: records a money movement (invoice, payment, payout) in the order's history.</summary>
    public Result<OrderTransaction> RecordFinance(TransactionKind kind, string description, DateTimeOffset at, string? reference, Money? amount)
    {
        var financial = kind switch
        {
            TransactionKind.Invoiced or TransactionKind.PaymentReceived or TransactionKind.PayoutSent => true,
            TransactionKind.StatusChanged or TransactionKind.Provisioned => false,
        };
        if (!financial)
        {
            return OrderErrors.NotFinancial(kind);
        }
        if (amount is { } money && money.Currency.Code != CurrencyCode)
        {
            return Errors.Validation("currencyMismatch", "amount", $"The order is in {CurrencyCode}.");
        }
        return Record(at, kind, description, reference, amount?.Minor);
    }

    private Result<Unit> MoveTo(OrderStatus next, DateTimeOffset now, string? code = null)
    {
        var from = Status;
        Status = next;
        var text = code is null
            ? $"Status {Name(from)} → {Name(next)}."
            : $"Status {Name(from)} → {Name(next)} ({code}).";
        Record(now, TransactionKind.StatusChanged, text, null, null);
        return Result.Ok();
    }

    private OrderTransaction Record(DateTimeOffset at, TransactionKind kind, string description, string? reference, long? amountMinor)
    {
        var transaction = OrderTransaction.Create(Id, _storedTransactions + _transactions.Count + 1, at, kind, description, reference, amountMinor);
        _transactions.Add(transaction);
        return transaction;
    }

    private string ProductName(ProductId productId) => _items.First(i => i.ProductId == productId).ProductName;

    private static string Name(OrderStatus status) => status.ToString().ToLowerInvariant();
}
