using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Catalog;
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
            : await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == ProductId.From(productId!), ct);
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
        var changed = offer.UpdateItem(OfferItemId.From(itemId), quantity, unitPriceMonthly, partnerPo);
        if (changed.IsFailure)
        {
            return changed;
        }
        db.Audit.Describe(changed.Value, AuditActions.OfferItemChanged);
        await db.SaveChangesAsync(ct);
        return changed;
    }

    /// <summary>One line's new quantity, price and partner PO.</summary>
    public sealed record ItemChange(string ItemId, int? Quantity, decimal? UnitPriceMonthly, string? PartnerPo);

    /// <summary>
    /// OFF-5, UX-5: changes several items in one save: a problem on any line saves none, and every line's problems
    /// are returned by item id. With <paramref name="save"/> false the lines are only checked.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<Error>>> ItemsAsync(
        SwitchyardDb db, Offer offer, IReadOnlyList<ItemChange> changes, bool save, CancellationToken ct)
    {
        var failures = new Dictionary<string, IReadOnlyList<Error>>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            var changed = offer.UpdateItem(OfferItemId.From(change.ItemId), change.Quantity, change.UnitPriceMonthly, change.PartnerPo);
            if (changed.IsFailure)
            {
                failures[change.ItemId] = changed.Errors;
            }
            else
            {
                db.Audit.Describe(changed.Value, AuditActions.OfferItemChanged);
            }
        }
        if (failures.Count > 0 || !save)
        {
            // Nothing is saved: the lines already changed in memory go back to what is stored.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Modified).ToList())
            {
                await entry.ReloadAsync(ct);
            }
            return failures;
        }
        await db.SaveChangesAsync(ct);
        return failures;
    }

    /// <summary>Removes an item of a draft.</summary>
    public static async Task<Result<Unit>> RemoveItemAsync(SwitchyardDb db, Offer offer, string itemId, CancellationToken ct)
    {
        var removed = offer.RemoveItem(OfferItemId.From(itemId));
        if (removed.IsFailure)
        {
            return removed;
        }
        await db.SaveChangesAsync(ct);
        return removed;
    }
}
