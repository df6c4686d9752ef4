using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Orders;
using Switchyard.Domain.Partners;
using Switchyard.Server.Auth;
using Switchyard.Server.Http;

namespace Switchyard.Server.Orders;

/// <summary>Orders (ORD-1/2), entitlements (ORD-6) and the operator's order error queue.</summary>
public static class OrdersApi
{
    public static void MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/orders").WithTags("Orders")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        // UX-8: an operator reads every partner's orders here too; a partner key still sees only its own.
        group.MapGet("", ListAsync).WithName("listOrders").WithSummary("List orders; filter by status and customer")
            .WithDescription("The calling partner's orders, optionally by status or customer. An operator key lists every partner's orders.")
            .RequirePartnerAnyOrOperator(Permissions.AppView)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}", GetAsync).WithName("getOrder").WithSummary("An order with its items and transaction timeline")
            .WithDescription("One order with its items, licenses, dates and the timeline of what happened to it.")
            .RequirePartner(Permissions.AppView).ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/v1/customers/{id}/entitlements", EntitlementsAsync).WithTags("Orders").WithName("getCustomerEntitlements")
            .WithSummary("Licensed quantity per product on a date")
            .WithDescription("What the customer is entitled to on the date given in `on` (today in the marketplace's time zone when omitted): for each product, the quantity of every active order added together, add-ons included.")
            .RequirePartner(Permissions.AppView)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var operatorGroup = app.MapGroup("/v1/operator/orders").WithTags("Orders (operator)").RequireOperator()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        operatorGroup.MapGet("", ListAllAsync).WithName("listAllOrders").WithSummary("Orders of every partner; filter by status (e.g. error)")
            .WithDescription("Operator key. Orders of every partner, for example those in error.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        operatorGroup.MapPost("/{id}/retry", RetryAsync).WithName("retryOrder").WithSummary("Retry an order in error")
            .WithDescription("Operator key. Tries the failed step again once its cause is fixed.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static Task<Results<Ok<Page<OrderDto>>, ProblemHttpResult>> ListAsync(
        SwitchyardDb db, [Description("new, processing, activated, expired or error")] string? status, string? customerId, int? limit, string? after, CancellationToken ct) =>
        PageAsync(db.Orders, status, customerId, null, limit, after, ct);

    private static Task<Results<Ok<Page<OrderDto>>, ProblemHttpResult>> ListAllAsync(
        SwitchyardDb db, [Description("new, processing, activated, expired or error")] string? status, string? partnerId, int? limit, string? after, CancellationToken ct) =>
        PageAsync(db.Orders, status, null, partnerId, limit, after, ct);

    private static async Task<Results<Ok<Page<OrderDto>>, ProblemHttpResult>> PageAsync(
        IQueryable<Order> query, string? status, string? customerId, string? partnerId, int? limit, string? after, CancellationToken ct)
    {
        var page = await query.AsNoTracking().AsSplitQuery().List(limit, after)
            .WhereEnum(status, "status", (Order o) => o.Status)
            .WhereIf(!string.IsNullOrEmpty(customerId), o => o.CustomerId == CustomerId.From(customerId!))
            .WhereIf(!string.IsNullOrEmpty(partnerId), o => o.PartnerId == partnerId)
            .PageAsync(OrderDto.From, ct);
        return page.ToResult();
    }

    private static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> GetAsync(string id, SwitchyardDb db, CancellationToken ct) =>
        await db.Orders.AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(o => o.Id == OrderId.From(id), ct) is { } order
            ? TypedResults.Ok(OrderDto.From(order))
            : Problems.NotFound("Order");

    private static async Task<Results<Ok<IReadOnlyList<EntitlementDto>>, ProblemHttpResult>> EntitlementsAsync(
        string id, DateOnly? on, SwitchyardDb db, TimeProvider clock, MarketplaceCalendar calendar, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == CustomerId.From(id), ct);
        if (customer is null)
        {
            return Problems.NotFound("Customer");
        }
        var date = on ?? calendar.DateOf(clock.GetUtcNow());
        return TypedResults.Ok(await Entitlements.OnAsync(db, customer.OrgId, date, ct));
    }

    private static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> RetryAsync(string id, SwitchyardDb db, TimeProvider clock, CancellationToken ct)
    {
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == OrderId.From(id), ct);
        if (order is null)
        {
            return Problems.NotFound("Order");
        }
        var retried = await RetryOrder.RunAsync(db, order, clock.GetUtcNow(), ct);
        return retried.IsFailure ? Problems.From(retried.Errors) : TypedResults.Ok(OrderDto.From(order));
    }
}
