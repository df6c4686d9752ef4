using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Common;
using Switchyard.Domain.Offers;

namespace Switchyard.Server.Offers;

/// <summary>
/// Changes to a draft offer: its fields (OFF-4, OFF-6) and its items (OFF-5, OFF-7, CAT-4). Each saves and
/// audits on success and changes nothing on failure. Shared by the API and the console's offer editor.
/// </summary>
public static class EditOffer
{
    /// <summary>OFF-4/OFF-6: edits the fields of a draft.</summary>
    public static async Task<Result<Unit>> FieldsAsync(
        SwitchyardDb db, Offer offer, OfferChanges changes, string? reason, DateOnly today, CancellationToken ct)
    {
        var edited = offer.Edit(changes, today);
        if (edited.IsFailure)
        {
            return edited;
        }
        db.Audit.Describe(offer, AuditActions.OfferUpdated, reason);
        await db.SaveChangesAsync(ct);
        return edited;
    }

    /// <summary>OFF-5, CAT-4: adds an item; every missing or unknown input is reported at once.</summary>
    public static async Task<Result<OfferItem>> AddItemAsync(
        SwitchyardDb db, Offer offer, string? productId, int? quantity, decimal? unitPriceMonthly, string? partnerPo, CancellationToken ct)
    {
        var missing = new List<Error>();
        if (string.IsNullOrWhiteSpace(productId))
        {
            missing.Add(Errors.Required("productId"));
        }
        if (quantity is null)
        {
            missing.Add(Errors.Required("quantity"));
        }
        if (unitPriceMonthly is null)
        {
            missing.Add(Errors.Required("unitPriceMonthly"));
        }
        var product = string.IsNullOrWhiteSpace(productId)
            ? null
            : await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == productId, ct);
        if (product is null && !string.IsNullOrWhiteSpace(productId))
        {
            missing.Add(Errors.Validation("unknownProduct", "productId", "No product of yours has this id; list yours with GET /v1/products."));
        }
        if (missing.Count > 0)
        {
            return Result<OfferItem>.Failure(missing);
        }
        var added = offer.AddItem(product!, quantity!.Value, unitPriceMonthly!.Value, partnerPo);
        if (added.IsFailure)
        {
            return added;
        }
        db.Audit.Describe(added.Value, AuditActions.OfferItemAdded);
        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>OFF-5: changes an item's quantity, price or partner PO.</summary>
    public static async Task<Result<OfferItem>> UpdateItemAsync(
        SwitchyardDb db, Offer offer, string itemId, int? quantity, decimal? unitPriceMonthly, string? partnerPo, CancellationToken ct)
    {
        var changed = offer.UpdateItem(itemId, quantity, unitPriceMonthly, partnerPo);
        if (changed.IsFailure)
        {
            return changed;
        }
        db.Audit.Describe(changed.Value, AuditActions.OfferItemChanged);
        await db.SaveChangesAsync(ct);
        return changed;
    }

    /// <summary>Removes an item of a draft.</summary>
    public static async Task<Result<Unit>> RemoveItemAsync(SwitchyardDb db, Offer offer, string itemId, CancellationToken ct)
    {
        var removed = offer.RemoveItem(itemId);
        if (removed.IsFailure)
        {
            return removed;
        }
        await db.SaveChangesAsync(ct);
        return removed;
    }
}
