using Switchyard.Domain.Customers;

namespace Switchyard.Server.Customers;

public sealed record CreateCustomerRequest(string? Name, string? OrgId, string? ContactEmail);

public sealed record UpdateCustomerRequest(string? Name, string? ContactEmail, string? Reason);

public sealed record CustomerDto(string Id, string Name, string OrgId, string ContactEmail, DateTimeOffset CreatedAt, long Version)
{
    public static CustomerDto From(Customer c) => new(c.Id.Value, c.Name, c.OrgId.Value, c.ContactEmail, c.CreatedAt, c.Version);
}

/// <param name="OrgId">The org id, 15 or 18 characters.</param>
/// <param name="Name">The organisation's name.</param>
/// <param name="BillingCountry">The org's billing country, ISO 3166 two-letter code (e.g. DE); it picks the tax rate of its invoices.</param>
public sealed record CreateCustomerOrgRequest(string? OrgId, string? Name, string? BillingCountry = null);

/// <param name="BillingCountry">The two-letter code to set, or an empty string to clear it.</param>
public sealed record UpdateCustomerOrgRequest(string? BillingCountry);

public sealed record CustomerOrgDto(string OrgId, string Name, bool ReceiveOffers, bool TaxExemptionOnFile, string? BillingCountry, DateTimeOffset CreatedAt)
{
    public static CustomerOrgDto From(CustomerOrg o) => new(o.Id.Value, o.Name, o.ReceiveOffers, o.TaxExemptionOnFile, o.BillingCountry, o.CreatedAt);
}

public sealed record CreateCustomerUserRequest(string? Email, bool? ManageBilling);

public sealed record CustomerUserDto(string Id, string OrgId, string Email, bool ManageBilling)
{
    public static CustomerUserDto From(CustomerUser u) => new(u.Id.Value, u.OrgId.Value, u.Email, u.ManageBilling);
}

public sealed record CustomerKeyRequest(string? Email, string? Name);

/// <param name="ReceiveOffers">Whether the organisation receives private offers.</param>
/// <param name="TaxExemptionOnFile">Whether a tax exemption is on file (before acceptance).</param>
/// <param name="BillingCountry">The org's billing country, ISO 3166 two-letter code; an empty string clears it.</param>
public sealed record CustomerSettingsRequest(bool? ReceiveOffers, bool? TaxExemptionOnFile, string? BillingCountry = null);

public sealed record CustomerSettingsDto(string OrgId, bool ReceiveOffers, bool TaxExemptionOnFile, string? BillingCountry)
{
    public static CustomerSettingsDto From(CustomerOrg o) => new(o.Id.Value, o.ReceiveOffers, o.TaxExemptionOnFile, o.BillingCountry);
}
