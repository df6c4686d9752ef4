using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Common;
using Switchyard.Domain.Offers;
using Switchyard.Server.Auth;
using Switchyard.Server.Http;

namespace Switchyard.Server.Offers;

/// <summary>The operator's error queue for offers (OFF-10): see every errored offer and retry it, including operator-only codes.</summary>
public static class OperatorOffersApi
{
    public static void MapOperatorOffersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/operator/offers").WithTags("Offers (operator)").RequireOperator()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", ListAsync).WithName("listAllOffers").WithSummary("Offers of every partner; filter by status (e.g. error)")
            .WithDescription("Operator key. Offers of every partner, for example those in error that need an operator.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id}/retry", RetryAsync).WithName("operatorRetryOffer").WithSummary("Retry an offer in error, whatever the cause")
            .WithDescription("Operator key. Like a partner's retry, but also for causes only an operator can clear.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<Page<OfferDto>>, ProblemHttpResult>> ListAsync(
        SwitchyardDb db, [Description("draft, sent, accepted, rejected, error or expired")] string? status, string? partnerId, int? limit, string? after, CancellationToken ct)
    {
        var page = await db.Offers.AsNoTracking().List(limit, after)
            .WhereEnum(status, "status", (Offer o) => o.Status)
            .WhereIf(!string.IsNullOrEmpty(partnerId), o => o.PartnerId == partnerId)
            .PageAsync(OfferDto.From, ct);
        return page.ToResult();
    }

    private static async Task<Results<Ok<OfferDto>, ProblemHttpResult>> RetryAsync(
        string id, SwitchyardDb db, TimeProvider clock, MarketplaceCalendar calendar, OfferDelivery delivery, CancellationToken ct)
    {
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == OfferId.From(id), ct);
        if (offer is null)
        {
            return Problems.NotFound("Offer");
        }
        var retried = await RetryOffer.RunAsync(db, offer, byOperator: true, clock.GetUtcNow(), calendar, delivery, ct);
        return retried.IsFailure ? Problems.From(retried.Errors) : TypedResults.Ok(OfferDto.From(offer));
    }
}
