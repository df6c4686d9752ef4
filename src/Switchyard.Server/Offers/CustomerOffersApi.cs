using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Offers;
using Switchyard.Server.Auth;
using Switchyard.Server.Http;

namespace Switchyard.Server.Offers;

/// <summary>
/// The customer's side of offers (OFF-11, OFF-12): offers addressed to the caller's org only; another
/// org's offer answers 404 (SEC-1).
/// </summary>
public static class CustomerOffersApi
{
    public static void MapCustomerOffersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/customer/offers").WithTags("Customer").RequireCustomer()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", ListAsync).WithName("listCustomerOffers").WithSummary("Offers addressed to your org (sent and decided; never drafts)")
            .WithDescription("Customer key. Offers addressed to your organisation that were sent or decided; drafts are never shown.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}", GetAsync).WithName("getCustomerOffer").WithSummary("Read an offer addressed to your org")
            .WithDescription("Customer key. One offer addressed to your organisation.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/accept", AcceptAsync).WithName("acceptOffer")
            .WithSummary("Accept an offer")
            .WithDescription("Customer key. Only the offer's recipient holding manage billing may accept, before the offer expires; a tax exemption must already be on file. Accepting creates the order and answers with its id.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/reject", RejectAsync).WithName("rejectOffer").WithSummary("Reject an offer, with an optional reason")
            .WithDescription("Customer key. The recipient declines the offer; the reason is shown to the partner.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>Offers of the caller's org that the customer may see: anything past draft.</summary>
    internal static IQueryable<Offer> Visible(SwitchyardDb db, Caller caller) => DecideOffer.VisibleTo(db, caller.OrgId);

    private static async Task<Results<Ok<Page<OfferDto>>, ProblemHttpResult>> ListAsync(
        SwitchyardDb db, Caller caller, [Description("draft, sent, accepted, rejected, error or expired")] string? status, int? limit, string? after, CancellationToken ct)
    {
        var page = await Visible(db, caller).AsNoTracking().List(limit, after)
            .WhereEnum(status, "status", (Offer o) => o.Status)
            .PageAsync(OfferDto.From, ct);
        return page.ToResult();
    }

    private static async Task<Results<Ok<OfferDto>, ProblemHttpResult>> GetAsync(string id, SwitchyardDb db, Caller caller, CancellationToken ct) =>
        await Visible(db, caller).AsNoTracking().SingleOrDefaultAsync(o => o.Id == OfferId.From(id), ct) is { } offer
            ? TypedResults.Ok(OfferDto.From(offer))
            : Problems.NotFound("Offer");

    private static async Task<Results<Ok<AcceptOfferResponse>, ProblemHttpResult>> AcceptAsync(
        string id, SwitchyardDb db, Caller caller, TimeProvider clock, MarketplaceCalendar calendar, CancellationToken ct)
    {
        var offer = await Visible(db, caller).SingleOrDefaultAsync(o => o.Id == OfferId.From(id), ct);
        var user = await CallerUserAsync(db, caller, ct);
        if (offer is null || user is null)
        {
            return Problems.NotFound("Offer");
        }
        var accepted = await DecideOffer.AcceptAsync(db, offer, user, clock.GetUtcNow(), calendar, ct);
        return accepted.IsFailure ? Problems.From(accepted.Errors) : TypedResults.Ok(new AcceptOfferResponse(offer.Id.Value, accepted.Value.Id.Value));
    }

    private static async Task<Results<Ok<OfferDto>, ProblemHttpResult>> RejectAsync(
        string id, RejectOfferRequest? request, SwitchyardDb db, Caller caller, TimeProvider clock, MarketplaceCalendar calendar, CancellationToken ct)
    {
        var offer = await Visible(db, caller).SingleOrDefaultAsync(o => o.Id == OfferId.From(id), ct);
        var user = await CallerUserAsync(db, caller, ct);
        if (offer is null || user is null)
        {
            return Problems.NotFound("Offer");
        }
        var rejected = await DecideOffer.RejectAsync(db, offer, user, request?.Reason, clock.GetUtcNow(), calendar, ct);
        return rejected.IsFailure ? Problems.From(rejected.Errors) : TypedResults.Ok(OfferDto.From(offer));
    }

    private static Task<CustomerUser?> CallerUserAsync(SwitchyardDb db, Caller caller, CancellationToken ct) =>
        db.CustomerUsers.AsNoTracking().SingleOrDefaultAsync(u => u.Id == CustomerUserId.From(caller.CustomerUserId ?? "") && u.OrgId == caller.Org, ct);
}
