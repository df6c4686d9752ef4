using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Partners;
using Switchyard.Server.Auth;
using Switchyard.Server.Http;

namespace Switchyard.Server.Customers;

/// <summary>A partner's customers: the orgs it sells to (one record per org).</summary>
public static class CustomersApi
{
    public static void MapCustomersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/customers").WithTags("Customers")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        // UX-8: an operator reads every partner's customers here too (names for the offers and orders lists).
        group.MapGet("", ListAsync).WithName("listCustomers").WithSummary("List customers; filter by org id or name")
            .WithDescription("The calling partner's customers, optionally by org id (either spelling) or by part of the name. An operator key lists every partner's customers.")
            .RequirePartnerAnyOrOperator(Permissions.AppView, Permissions.OffersManage)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}", GetAsync).WithName("getCustomer").WithSummary("Read a customer")
            .WithDescription("One of the calling partner's customers.")
            .RequirePartnerAny(Permissions.AppView, Permissions.OffersManage).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", CreateAsync).WithName("createCustomer")
            .WithSummary("Add a customer by its org id (the org is registered with the marketplace if new)")
            .WithDescription("Adds a customer for the calling partner by its org id; the organisation is registered with the marketplace if it is new. The same org id twice answers 422.")
            .RequirePartner(Permissions.AppView).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPatch("/{id}", UpdateAsync).WithName("updateCustomer").WithSummary("Edit a customer's name or contact")
            .WithDescription("Changes a customer's name or contact email. Send the version you read in `If-Match` to refuse a concurrent change (409).")
            .RequirePartner(Permissions.AppView).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapCustomerImportApi();
    }

    private static async Task<Results<Ok<Page<CustomerDto>>, ProblemHttpResult>> ListAsync(
        SwitchyardDb db, string? orgId, string? name, int? limit, string? after, CancellationToken ct)
    {
        // Either spelling of an org id (15 or 18 characters) finds the customer.
        var canonical = !string.IsNullOrEmpty(orgId) && OrgIds.Validate(orgId).Count == 0 ? OrgIds.Canonical(orgId) : orgId;
        var page = await db.Customers.AsNoTracking().List(limit, after)
            .WhereIf(!string.IsNullOrEmpty(orgId), c => c.OrgId == CustomerOrgId.From(canonical!))
            .WhereIf(!string.IsNullOrEmpty(name), c => c.Name.Contains(name!))
            .PageAsync(CustomerDto.From, ct);
        return page.ToResult();
    }

    private static async Task<Results<Ok<CustomerDto>, ProblemHttpResult>> GetAsync(string id, SwitchyardDb db, CancellationToken ct) =>
        await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == CustomerId.From(id), ct) is { } customer
            ? TypedResults.Ok(CustomerDto.From(customer))
            : Problems.NotFound("Customer");

    private static async Task<Results<Created<CustomerDto>, ProblemHttpResult>> CreateAsync(
        CreateCustomerRequest request, SwitchyardDb db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var partnerId = caller.RequirePartnerId();
        var customer = await CustomerUseCases.AddCustomerAsync(db, partnerId, request.Name, request.OrgId, request.ContactEmail, clock.GetUtcNow(), ct);
        if (customer.IsFailure)
        {
            return Problems.From(customer.Errors);
        }
        return TypedResults.Created($"/v1/customers/{customer.Value.Id}", CustomerDto.From(customer.Value));
    }


    private static async Task<Results<Ok<CustomerDto>, ProblemHttpResult>> UpdateAsync(
        string id, UpdateCustomerRequest request, SwitchyardDb db, HttpContext http, CancellationToken ct)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == CustomerId.From(id), ct);
        if (customer is null)
        {
            return Problems.NotFound("Customer");
        }
        if (IfMatch.Check(http, customer.Version) is { } stale)
        {
            return stale;
        }
        var updated = await CustomerUseCases.UpdateCustomerAsync(db, customer, request.Name, request.ContactEmail, request.Reason, ct);
        return updated.IsSuccess ? TypedResults.Ok(CustomerDto.From(updated.Value)) : Problems.From(updated.Errors);
    }
}
