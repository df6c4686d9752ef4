using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;

namespace Switchyard.Server.Customers;

/// <summary>Adding customers, customer orgs and their users; shared by the API and the console.</summary>
public static class CustomerUseCases
{
    /// <summary>A partner edits a customer's name or contact (the API's PATCH and the console's edit form).</summary>
    public static async Task<Result<Customer>> UpdateCustomerAsync(
        SwitchyardDb db, Customer customer, string? name, string? contactEmail, string? reason, CancellationToken ct)
    {
        var updated = customer.Update(name, contactEmail);
        if (updated.IsFailure)
        {
            return Result<Customer>.Failure(updated.Errors);
        }
        db.Audit.Describe(customer, Switchyard.Domain.Auditing.AuditActions.CustomerUpdated, reason);
        await db.SaveChangesAsync(ct);
        return customer;
    }

    /// <summary>A partner adds a customer by org id; the org is registered with the marketplace when new.</summary>
    public static async Task<Result<Customer>> AddCustomerAsync(
        SwitchyardDb db, string partnerId, string? name, string? orgId, string? contactEmail, DateTimeOffset now, CancellationToken ct)
    {
        // ONB-1: customer orgs are marketplace-wide, so an applicant must not register them.
        var partner = await db.Partners.IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.Id == partnerId, ct);
        if (partner.EnsureApproved() is { IsFailure: true } notApproved)
        {
            return Result<Customer>.Failure(notApproved.Errors);
        }
        var customer = Customer.Create(partnerId, name, orgId, contactEmail, now);
        if (customer.IsFailure)
        {
            return customer;
        }
        var duplicate = Errors.Validation("duplicateCustomer", "orgId", "You already have a customer with this org id.");
        if (await db.Customers.AnyAsync(c => c.OrgId == customer.Value.OrgId, ct))
        {
            return duplicate;
        }
        if (!await db.CustomerOrgs.AnyAsync(o => o.Id == customer.Value.OrgId, ct))
        {
            db.CustomerOrgs.Add(CustomerOrg.Create(customer.Value.OrgId.Value, customer.Value.Name, now).Value);
        }
        db.Customers.Add(customer.Value);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // SEC-4: a concurrent request won a race the checks above could not see: the same customer
            // (unique partner + org), or the same new org registered by another partner at that moment.
            db.ChangeTracker.Clear();
            if (await db.Customers.AnyAsync(c => c.OrgId == customer.Value.OrgId, ct))
            {
                return duplicate;
            }
            db.Customers.Add(customer.Value);
            await db.SaveChangesAsync(ct);
        }
        return customer;
    }

    /// <summary>An operator registers a customer org.</summary>
    public static async Task<Result<CustomerOrg>> RegisterOrgAsync(
        SwitchyardDb db, string? orgId, string? name, DateTimeOffset now, CancellationToken ct, string? billingCountry = null)
    {
        var org = CustomerOrg.Create(orgId, name, now, billingCountry);
        if (org.IsFailure)
        {
            return org;
        }
        if (await db.CustomerOrgs.AnyAsync(o => o.Id == org.Value.Id, ct))
        {
            return Errors.Validation("duplicateOrg", "orgId", "A customer org with this id is already registered.");
        }
        db.CustomerOrgs.Add(org.Value);
        await db.SaveChangesAsync(ct);
        return org;
    }

    /// <summary>An operator adds a user to a customer org.</summary>
    public static async Task<Result<CustomerUser>> AddOrgUserAsync(
        SwitchyardDb db, CustomerOrg org, string? email, bool manageBilling, DateTimeOffset now, CancellationToken ct)
    {
        var user = CustomerUser.Create(org, email, manageBilling, now);
        if (user.IsFailure)
        {
            return user;
        }
        if (await db.CustomerUsers.AnyAsync(u => u.OrgId == org.Id && u.Email == user.Value.Email, ct))
        {
            return Errors.Validation("duplicateUser", "email", "This org already has a user with this email.");
        }
        db.CustomerUsers.Add(user.Value);
        await db.SaveChangesAsync(ct);
        return user;
    }

    /// <summary>
    /// OFF-10, OFF-12, BIL-1: the org opts in to offers, records its tax exemption and its billing country; from the
    /// customer API and portal (and the operator, for the country). Nothing is saved when the country is not valid.
    /// </summary>
    public static async Task<Result<Unit>> ChangeSettingsAsync(
        SwitchyardDb db, CustomerOrg org, bool? receiveOffers, bool? taxExemptionOnFile, string? billingCountry, CancellationToken ct)
    {
        var changed = org.ChangeSettings(receiveOffers, taxExemptionOnFile, billingCountry);
        if (changed.IsFailure)
        {
            return changed;
        }
        await db.SaveChangesAsync(ct);
        return changed;
    }
}
