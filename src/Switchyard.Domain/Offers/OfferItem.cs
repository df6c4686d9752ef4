using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;

namespace Switchyard.Domain.Offers;

/// <summary>OFF-5: one line of an offer. Prices are integer minor units of the offer's currency.</summary>
public sealed class OfferItem : Entity<OfferItemId>, IAuditedPart
{
    private OfferItem() { }

    public OfferId OfferId { get; private set; }

    string IAuditedPart.AuditObjectId => OfferId.Value;

    string IAuditedPart.AuditObjectType => "offer";
    public ProductId ProductId { get; private set; }

    /// <summary>The product's name when added: customer-facing (CAT-2), so the offer shows what was agreed.</summary>
    public string ProductName { get; private set; } = "";
    public int Quantity { get; private set; }
    public long UnitPriceMonthlyMinor { get; private set; }
    public string? PartnerPo { get; private set; }

    /// <summary>OFF-7: rounded line total for the offer's term (prorated on an add-on).</summary>
    public long LineTotalMinor { get; private set; }

    internal static OfferItem Create(OfferId offerId, ProductId productId, string productName, int quantity, long unitPriceMonthlyMinor, string? partnerPo) => new()
    {
        Id = OfferItemId.New(),
        OfferId = offerId,
        ProductId = productId,
        ProductName = productName,
        Quantity = quantity,
        UnitPriceMonthlyMinor = unitPriceMonthlyMinor,
        PartnerPo = partnerPo,
    };

    internal void Change(int quantity, long unitPriceMonthlyMinor, string? partnerPo)
    {
        Quantity = quantity;
        UnitPriceMonthlyMinor = unitPriceMonthlyMinor;
        PartnerPo = partnerPo;
    }

    internal void Reprice(Currency currency, Proration? proration) =>
        LineTotalMinor = Pricing.LineTotal(Quantity, new Money(UnitPriceMonthlyMinor, currency), proration).Minor;
}
