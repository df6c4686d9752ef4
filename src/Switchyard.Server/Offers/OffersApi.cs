using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;
using Switchyard.Domain.Offers;
using Switchyard.Domain.Partners;
using Switchyard.Server.Auth;
using Switchyard.Server.Http;

namespace Switchyard.Server.Offers;

/// <summary>Partner endpoints for private offers (OFF-1..10, PRM-2/3).</summary>
public static class OffersApi
{
    public static void MapOffersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/offers").WithTags("Offers")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("", ListAsync).WithName("listOffers").WithSummary("List offers; filter by status, customer, type")
            .RequirePartnerAny(Permissions.AppView, Permissions.OffersManage)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}", GetAsync).WithName("getOffer").WithSummary("Read an offer")
            .RequirePartnerAny(Permissions.AppView, Permissions.OffersManage).ProducesProblem(StatusCodes.Status404NotFound);
        // PRM-3: creating needs both permissions.
        group.MapPost("", CreateAsync).WithName("createOffer")
            .WithSummary("Create a draft offer; its type (initial or add-on) is derived from the customer's orders (OFF-1)")
            .RequirePartner(Permissions.AppView, Permissions.OffersManage)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPatch("/{id}", UpdateAsync).WithName("updateOffer").WithSummary("Edit a draft (OFF-4, OFF-6)")
            .RequirePartner(Permissions.OffersManage).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id}/items", AddItemAsync).WithName("addOfferItem")
            .WithSummary("Add an item; the subtotal is recomputed (OFF-5, OFF-7, CAT-4)")
            .RequirePartner(Permissions.OffersManage).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPatch("/{id}/items/{itemId}", UpdateItemAsync).WithName("updateOfferItem").WithSummary("Change an item of a draft")
            .RequirePartner(Permissions.OffersManage).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/{id}/items/{itemId}", RemoveItemAsync).WithName("removeOfferItem").WithSummary("Remove an item of a draft")
            .RequirePartner(Permissions.OffersManage).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/send", SendAsync).WithName("sendOffer")
            .WithSummary("Send: every problem is listed at once (422), or the offer is sent and emailed (OFF-8, OFF-14), or errored (OFF-10)")
            .RequirePartner(Permissions.OffersManage).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id}/retry", RetryAsync).WithName("retryOffer").WithSummary("Error → Sent once the cause is fixed (OFF-10)")
            .RequirePartner(Permissions.OffersManage).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<Page<OfferDto>>, ProblemHttpResult>> ListAsync(
        SwitchyardDb db, string? status, string? customerId, string? type, int? limit, string? after, CancellationToken ct)
    {
        var paging = Paging.Parse(limit, after);
        if (paging.IsFailure)
        {
            return Problems.From(paging.Errors);
        }
        var query = db.Offers.AsNoTracking();
        var statusFilter = EnumFilter.Parse<OfferStatus>(status, "status");
        if (statusFilter.IsFailure)
        {
            return Problems.From(statusFilter.Errors);
        }
        if (statusFilter.Value is { } s)
        {
            query = query.Where(o => o.Status == s);
        }
        var typeFilter = EnumFilter.Parse<OfferType>(type, "type");
        if (typeFilter.IsFailure)
        {
            return Problems.From(typeFilter.Errors);
        }
        if (typeFilter.Value is { } t)
        {
            query = query.Where(o => o.Type == t);
        }
        if (!string.IsNullOrEmpty(customerId))
        {
            query = query.Where(o => o.CustomerId == customerId);
        }
        return TypedResults.Ok(await query.ToPageAsync(paging.Value.Limit, paging.Value.After, OfferDto.From, ct));
    }

    private static async Task<Results<Ok<OfferDto>, ProblemHttpResult>> GetAsync(string id, SwitchyardDb db, CancellationToken ct) =>
        await db.Offers.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct) is { } offer
            ? TypedResults.Ok(OfferDto.From(offer))
            : Problems.NotFound("Offer");

    private static async Task<Results<Created<OfferDto>, ProblemHttpResult>> CreateAsync(
        CreateOfferRequest request, SwitchyardDb db, HttpContext http, TimeProvider clock, MarketplaceCalendar calendar, CancellationToken ct)
    {
        if (await Partners.ApprovedPartner.CheckAsync(db, http, ct) is { } notApproved)
        {
            return notApproved;
        }
        if (string.IsNullOrWhiteSpace(request.CustomerId))
        {
            return Problems.From(Errors.Required("customerId"));
        }
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.CustomerId, ct);
        if (customer is null)
        {
            return Problems.From(Errors.Validation("unknownCustomer", "customerId", "No customer of yours has this id; list yours with GET /v1/customers."));
        }
        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerOrgId == customer.OrgId).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var offer = Offer.Create(request.ToDraft(), CustomerContext.For(customer, orders), calendar.DateOf(now), now);
        if (offer.IsFailure)
        {
            return Problems.From(offer.Errors);
        }
        db.Offers.Add(offer.Value);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/v1/offers/{offer.Value.Id}", OfferDto.From(offer.Value));
    }

    private static async Task<Results<Ok<OfferDto>, ProblemHttpResult>> UpdateAsync(
        string id, UpdateOfferRequest request, SwitchyardDb db, HttpContext http, TimeProvider clock, MarketplaceCalendar calendar, CancellationToken ct)
    {
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (offer is null)
        {
            return Problems.NotFound("Offer");
        }
        if (IfMatch.Check(http, offer.Version) is { } stale)
        {
            return stale;
        }
        var edited = offer.Edit(request.ToChanges(), calendar.DateOf(clock.GetUtcNow()));
        if (edited.IsFailure)
        {
            return Problems.From(edited.Errors);
        }
        db.Audit.Describe(offer, "offer.updated", request.Reason);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(OfferDto.From(offer));
    }

    private static async Task<Results<Created<OfferDto>, ProblemHttpResult>> AddItemAsync(
        string id, AddOfferItemRequest request, SwitchyardDb db, CancellationToken ct)
    {
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (offer is null)
        {
            return Problems.NotFound("Offer");
        }
        var missing = new List<Error>();
        if (string.IsNullOrWhiteSpace(request.ProductId))
        {
            missing.Add(Errors.Required("productId"));
        }
        if (request.Quantity is null)
        {
            missing.Add(Errors.Required("quantity"));
        }
        if (request.UnitPriceMonthly is null)
        {
            missing.Add(Errors.Required("unitPriceMonthly"));
        }
        var product = string.IsNullOrWhiteSpace(request.ProductId)
            ? null
            : await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.ProductId, ct);
        if (product is null && !string.IsNullOrWhiteSpace(request.ProductId))
        {
            missing.Add(Errors.Validation("unknownProduct", "productId", "No product of yours has this id; list yours with GET /v1/products."));
        }
        if (missing.Count > 0)
        {
            return Problems.From(missing);
        }
        var added = offer.AddItem(product!, request.Quantity!.Value, request.UnitPriceMonthly!.Value, request.PartnerPo);
        if (added.IsFailure)
        {
            return Problems.From(added.Errors);
        }
        db.Audit.Describe(added.Value, "offer.itemAdded");
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/v1/offers/{offer.Id}", OfferDto.From(offer));
    }

    private static async Task<Results<Ok<OfferDto>, ProblemHttpResult>> UpdateItemAsync(
        string id, string itemId, UpdateOfferItemRequest request, SwitchyardDb db, CancellationToken ct)
    {
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (offer is null)
        {
            return Problems.NotFound("Offer");
        }
        var changed = offer.UpdateItem(itemId, request.Quantity, request.UnitPriceMonthly, request.PartnerPo);
        if (changed.IsFailure)
        {
            return Problems.From(changed.Errors);
        }
        db.Audit.Describe(changed.Value, "offer.itemChanged");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(OfferDto.From(offer));
    }

    private static async Task<Results<Ok<OfferDto>, ProblemHttpResult>> RemoveItemAsync(string id, string itemId, SwitchyardDb db, CancellationToken ct)
    {
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (offer is null)
        {
            return Problems.NotFound("Offer");
        }
        var removed = offer.RemoveItem(itemId);
        if (removed.IsFailure)
        {
            return Problems.From(removed.Errors);
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(OfferDto.From(offer));
    }

    private static async Task<Results<Ok<OfferDto>, ProblemHttpResult>> SendAsync(
        string id, SwitchyardDb db, HttpContext http, TimeProvider clock, MarketplaceCalendar calendar, OfferDelivery delivery, CancellationToken ct)
    {
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (offer is null)
        {
            return Problems.NotFound("Offer");
        }
        var partner = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == offer.PartnerId, ct);
        var productIds = offer.Items.Select(i => i.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var sent = offer.Send(new SendContext
        {
            Today = calendar.DateOf(now),
            Now = now,
            PartnerApproved = partner.IsApproved,
            PaymentAccountConnected = partner.CanSendOffers,
            Products = products,
            // MIG-7: filled from the legacy channel once it is imported (LEG rules); none yet.
            LegacyCatalogEntryIds = new HashSet<string>(StringComparer.Ordinal),
            PortalBaseUrl = delivery.PortalBaseUrl,
        });
        if (sent.IsFailure)
        {
            return Problems.From(sent.Errors);
        }
        db.Audit.Describe(offer, "offer.sent");
        var ready = await OfferDelivery.CheckCustomerSideAsync(db, offer, ct);
        await db.SaveChangesAsync(ct);
        if (ready)
        {
            await delivery.DeliverAsync(db, offer, sent.Value, partner.Name, ct);
        }
        return TypedResults.Ok(OfferDto.From(offer));
    }

    private static async Task<Results<Ok<OfferDto>, ProblemHttpResult>> RetryAsync(
        string id, SwitchyardDb db, HttpContext http, TimeProvider clock, MarketplaceCalendar calendar, OfferDelivery delivery, CancellationToken ct)
    {
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == id, ct);
        return offer is null
            ? Problems.NotFound("Offer")
            : await RetryOfferAsync(offer, byOperator: false, db, clock, calendar, delivery, ct);
    }

    /// <summary>OFF-10: shared by the partner's and the operator's retry.</summary>
    internal static async Task<Results<Ok<OfferDto>, ProblemHttpResult>> RetryOfferAsync(
        Offer offer, bool byOperator, SwitchyardDb db, TimeProvider clock, MarketplaceCalendar calendar, OfferDelivery delivery, CancellationToken ct)
    {
        var (receives, emails) = await OfferDelivery.CustomerSideAsync(db, offer.CustomerOrgId, ct);
        var now = clock.GetUtcNow();
        var retried = offer.Retry(new RetryContext
        {
            Today = calendar.DateOf(now),
            Now = now,
            ByOperator = byOperator,
            CustomerReceivesOffers = receives,
            ManageBillingEmails = emails,
            PortalBaseUrl = delivery.PortalBaseUrl,
        });
        if (retried.IsFailure)
        {
            return Problems.From(retried.Errors);
        }
        db.Audit.Describe(offer, "offer.retried");
        await db.SaveChangesAsync(ct);
        var partnerName = await db.Partners.IgnoreQueryFilters().Where(p => p.Id == offer.PartnerId).Select(p => p.Name).SingleAsync(ct);
        await delivery.DeliverAsync(db, offer, retried.Value, partnerName, ct);
        return TypedResults.Ok(OfferDto.From(offer));
    }
}
