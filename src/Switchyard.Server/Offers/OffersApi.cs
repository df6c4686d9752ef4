using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
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

        // UX-8: an operator reads every partner's offers here too; a partner key still sees only its own.
        group.MapGet("", ListAsync).WithName("listOffers").WithSummary("List offers; filter by status, customer, type")
            .WithDescription("The calling partner's offers, optionally by status, customer or type. An operator key lists every partner's offers.")
            .RequirePartnerAnyOrOperator(Permissions.AppView, Permissions.OffersManage)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}", GetAsync).WithName("getOffer").WithSummary("Read an offer")
            .WithDescription("One offer with its items, subtotal, status and dates.")
            .RequirePartnerAny(Permissions.AppView, Permissions.OffersManage).ProducesProblem(StatusCodes.Status404NotFound);
        // PRM-3: creating needs both permissions.
        group.MapPost("", CreateAsync).WithName("createOffer")
            .WithSummary("Create a draft offer")
            .WithDescription("Creates an offer in draft for one of your customers. Its type is derived, never chosen: an add-on when the customer already has an active order from you (it then ends with that order), otherwise initial. Needs both `app.view` and `offers.manage`.")
            .RequirePartner(Permissions.AppView, Permissions.OffersManage)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPatch("/{id}", UpdateAsync).WithName("updateOffer").WithSummary("Edit a draft offer")
            .WithDescription("Changes the fields given and keeps the others. Only drafts can be edited (409 otherwise); an add-on's end date follows its order.")
            .RequirePartner(Permissions.OffersManage).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id}/items", AddItemAsync).WithName("addOfferItem")
            .WithSummary("Add an item to a draft offer")
            .WithDescription("A product, a quantity and a monthly unit price in the offer's currency. The subtotal is recomputed as quantity × monthly price × 12 for every item. A product without a license mapping cannot be offered.")
            .RequirePartner(Permissions.OffersManage).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPatch("/{id}/items/{itemId}", UpdateItemAsync).WithName("updateOfferItem").WithSummary("Change an item of a draft")
            .WithDescription("Changes an item's quantity, monthly price or purchase order; the subtotal is recomputed. Drafts only.")
            .RequirePartner(Permissions.OffersManage).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/{id}/items/{itemId}", RemoveItemAsync).WithName("removeOfferItem").WithSummary("Remove an item of a draft")
            .WithDescription("Removes an item; the subtotal is recomputed. Drafts only.")
            .RequirePartner(Permissions.OffersManage).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/send", SendAsync).WithName("sendOffer")
            .WithSummary("Send an offer to the customer")
            .WithDescription("Checks the whole offer first and answers 422 listing every problem at once. Otherwise the offer is sent and the recipient and billing contact are emailed a link, or, when the customer's side is not ready (the organisation does not receive offers, or the recipient is not a user holding manage billing), the offer goes to error with a code saying why.")
            .RequirePartner(Permissions.OffersManage).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id}/retry", RetryAsync).WithName("retryOffer").WithSummary("Retry an offer in error")
            .WithDescription("Once the cause is fixed (for example the customer now receives offers), moves an offer in error to sent and emails it.")
            .RequirePartner(Permissions.OffersManage).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<Page<OfferDto>>, ProblemHttpResult>> ListAsync(
        SwitchyardDb db, [Description("draft, sent, accepted, rejected, error or expired")] string? status, string? customerId, [Description("initial or addOn")] string? type, int? limit, string? after, CancellationToken ct)
    {
        var page = await db.Offers.AsNoTracking().List(limit, after)
            .WhereEnum(status, "status", (Offer o) => o.Status)
            .WhereEnum(type, "type", (Offer o) => o.Type)
            .WhereIf(!string.IsNullOrEmpty(customerId), o => o.CustomerId == CustomerId.From(customerId!))
            .PageAsync(OfferDto.From, ct);
        return page.ToResult();
    }

    // One offer and its few items in one round trip (a join): the split query the server uses elsewhere would cost a second one.
    private static async Task<Results<Ok<OfferDto>, ProblemHttpResult>> GetAsync(string id, SwitchyardDb db, CancellationToken ct) =>
        await db.Offers.AsNoTracking().AsSingleQuery().SingleOrDefaultAsync(o => o.Id == OfferId.From(id), ct) is { } offer
            ? TypedResults.Ok(OfferDto.From(offer))
            : Problems.NotFound("Offer");

    private static async Task<Results<Created<OfferDto>, ProblemHttpResult>> CreateAsync(
        CreateOfferRequest request, SwitchyardDb db, Caller caller, TimeProvider clock, MarketplaceCalendar calendar, CancellationToken ct)
    {
        var offer = await CreateOffer.RunAsync(db, caller.RequirePartnerId(), request.CustomerId, request.ToDraft(),
            clock.GetUtcNow(), calendar, ct);
        return offer.IsFailure
            ? Problems.From(offer.Errors)
            : TypedResults.Created($"/v1/offers/{offer.Value.Id}", OfferDto.From(offer.Value));
    }

    private static async Task<Results<Ok<OfferDto>, ProblemHttpResult>> UpdateAsync(
        string id, UpdateOfferRequest request, SwitchyardDb db, HttpContext http, TimeProvider clock, MarketplaceCalendar calendar, CancellationToken ct)
    {
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == OfferId.From(id), ct);
        if (offer is null)
        {
            return Problems.NotFound("Offer");
        }
        if (IfMatch.Check(http, offer.Version) is { } stale)
        {
            return stale;
        }
        var edited = await EditOffer.FieldsAsync(db, offer, request.ToChanges(), request.Reason, calendar.DateOf(clock.GetUtcNow()), ct);
        return edited.IsFailure ? Problems.From(edited.Errors) : TypedResults.Ok(OfferDto.From(offer));
    }

    private static async Task<Results<Created<OfferDto>, ProblemHttpResult>> AddItemAsync(
        string id, AddOfferItemRequest request, SwitchyardDb db, CancellationToken ct)
    {
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == OfferId.From(id), ct);
        if (offer is null)
        {
            return Problems.NotFound("Offer");
        }
        var added = await EditOffer.AddItemAsync(db, offer, request.ProductId, request.Quantity, request.UnitPriceMonthly, request.PartnerPo, ct);
        return added.IsFailure ? Problems.From(added.Errors) : TypedResults.Created($"/v1/offers/{offer.Id}", OfferDto.From(offer));
    }

    private static async Task<Results<Ok<OfferDto>, ProblemHttpResult>> UpdateItemAsync(
        string id, string itemId, UpdateOfferItemRequest request, SwitchyardDb db, CancellationToken ct)
    {
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == OfferId.From(id), ct);
        if (offer is null)
        {
            return Problems.NotFound("Offer");
        }
        var changed = await EditOffer.UpdateItemAsync(db, offer, itemId, request.Quantity, request.UnitPriceMonthly, request.PartnerPo, ct);
        return changed.IsFailure ? Problems.From(changed.Errors) : TypedResults.Ok(OfferDto.From(offer));
    }

    private static async Task<Results<Ok<OfferDto>, ProblemHttpResult>> RemoveItemAsync(string id, string itemId, SwitchyardDb db, CancellationToken ct)
    {
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == OfferId.From(id), ct);
        if (offer is null)
        {
            return Problems.NotFound("Offer");
        }
        var removed = await EditOffer.RemoveItemAsync(db, offer, itemId, ct);
        return removed.IsFailure ? Problems.From(removed.Errors) : TypedResults.Ok(OfferDto.From(offer));
    }

    private static async Task<Results<Ok<OfferDto>, ProblemHttpResult>> SendAsync(
        string id, SwitchyardDb db, TimeProvider clock, MarketplaceCalendar calendar, OfferDelivery delivery, CancellationToken ct)
    {
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == OfferId.From(id), ct);
        if (offer is null)
        {
            return Problems.NotFound("Offer");
        }
        var sent = await SendOffer.RunAsync(db, offer, clock.GetUtcNow(), calendar, delivery, ct);
        return sent.IsFailure ? Problems.From(sent.Errors) : TypedResults.Ok(OfferDto.From(offer));
    }

    private static async Task<Results<Ok<OfferDto>, ProblemHttpResult>> RetryAsync(
        string id, SwitchyardDb db, TimeProvider clock, MarketplaceCalendar calendar, OfferDelivery delivery, CancellationToken ct)
    {
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == OfferId.From(id), ct);
        if (offer is null)
        {
            return Problems.NotFound("Offer");
        }
        var retried = await RetryOffer.RunAsync(db, offer, byOperator: false, clock.GetUtcNow(), calendar, delivery, ct);
        return retried.IsFailure ? Problems.From(retried.Errors) : TypedResults.Ok(OfferDto.From(offer));
    }
}
