using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;

namespace Switchyard.Domain.Offers;

public sealed partial class Offer
{
    /// <summary>
    /// OFF-5: adds a line (positive quantity, monthly price ≥ 0 in the currency's minor unit, optional
    /// partner PO). CAT-4: a product without license mappings is refused. OFF-4: drafts only.
    /// OFF-7: the subtotal is recomputed.
    /// </summary>
    public Result<OfferItem> AddItem(Product product, int quantity, decimal unitPriceMonthly, string? partnerPo)
    {
        if (Status != OfferStatus.Draft)
        {
            return OfferErrors.NotEditable(Status);
        }
        var errors = new List<Error>();
        if (product.PartnerId != PartnerId)
        {
            errors.Add(OfferErrors.UnknownProduct);
        }
        else if (!product.CanBeSold)
        {
            errors.Add(OfferErrors.ProductHasNoLicenses("productId", product.Name));
        }
        if (_items.Count >= MaxItems)
        {
            errors.Add(OfferErrors.TooManyItems);
        }
        var price = CheckLine(errors, quantity, unitPriceMonthly, partnerPo);
        if (errors.Count > 0)
        {
            return Result<OfferItem>.Failure(errors);
        }
        var item = OfferItem.Create(Id, product.Id, product.Name, quantity, price, Clean(partnerPo));
        _items.Add(item);
        Reprice();
        return item;
    }

    /// <summary>OFF-5: changes a line's quantity, price or partner PO (null keeps, "" clears the PO). OFF-4: drafts only.</summary>
    public Result<OfferItem> UpdateItem(OfferItemId itemId, int? quantity, decimal? unitPriceMonthly, string? partnerPo)
    {
        if (Status != OfferStatus.Draft)
        {
            return OfferErrors.NotEditable(Status);
        }
        var item = _items.Find(i => i.Id == itemId);
        if (item is null)
        {
            return OfferErrors.ItemNotFound(itemId.Value);
        }
        var errors = new List<Error>();
        var nextQuantity = quantity ?? item.Quantity;
        var nextPo = Pick(partnerPo, item.PartnerPo);
        var price = CheckLine(errors, nextQuantity, unitPriceMonthly ?? new Money(item.UnitPriceMonthlyMinor, Currency).Amount, nextPo);
        if (errors.Count > 0)
        {
            return Result<OfferItem>.Failure(errors);
        }
        item.Change(nextQuantity, price, nextPo);
        Reprice();
        return item;
    }

    /// <summary>Removes a line. OFF-4: drafts only.</summary>
    public Result<Unit> RemoveItem(OfferItemId itemId)
    {
        if (Status != OfferStatus.Draft)
        {
            return OfferErrors.NotEditable(Status);
        }
        var item = _items.Find(i => i.Id == itemId);
        if (item is null)
        {
            return OfferErrors.ItemNotFound(itemId.Value);
        }
        _items.Remove(item);
        Reprice();
        return Result.Ok();
    }

    // Returns the unit price in minor units; adds an error for every problem with the line.
    private long CheckLine(List<Error> errors, int quantity, decimal unitPriceMonthly, string? partnerPo)
    {
        if (quantity <= 0)
        {
            errors.Add(OfferErrors.InvalidQuantity);
        }
        Validate.MaxLength(errors, "partnerPo", partnerPo);
        if (unitPriceMonthly < 0)
        {
            errors.Add(OfferErrors.NegativePrice);
            return 0;
        }
        var price = Money.FromAmount(unitPriceMonthly, Currency, "unitPriceMonthly");
        if (price.IsFailure)
        {
            errors.AddRange(price.Errors);
            return 0;
        }
        if (quantity > 0 && !Pricing.FitsRange(quantity, price.Value))
        {
            errors.Add(OfferErrors.AmountTooLarge);
        }
        return price.Value.Minor;
    }

    // OFF-7: every line priced for the current term, then the subtotal as the sum of rounded lines.
    private void Reprice()
    {
        var currency = Currency;
        var proration = Proration;
        foreach (var item in _items)
        {
            item.Reprice(currency, proration);
        }
        SubtotalMinor = Pricing.Subtotal(_items.Select(i => new Money(i.LineTotalMinor, currency)), currency).Minor;
    }
}
