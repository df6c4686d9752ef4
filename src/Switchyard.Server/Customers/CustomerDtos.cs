using Switchyard.Domain.Customers;

namespace Switchyard.Server.Customers;

public sealed record CreateCustomerRequest(string? Name, string? OrgId, string? ContactEmail);

public sealed record UpdateCustomerRequest(string? Name, string? ContactEmail, string? Reason);

public sealed record CustomerDto(string Id, string Name, string OrgId, string ContactEmail, DateTimeOffset CreatedAt, long Version)
{
    public static CustomerDto From(Customer c) => new(c.Id, c.Name, c.OrgId, c.ContactEmail, c.CreatedAt, c.Version);
}

public sealed record CreateCustomerOrgRequest(string? OrgId, string? Name);

public sealed record CustomerOrgDto(string OrgId, string Name, bool ReceiveOffers, bool TaxExemptionOnFile, DateTimeOffset CreatedAt)
{
    public static CustomerOrgDto From(CustomerOrg o) => new(o.Id, o.Name, o.ReceiveOffers, o.TaxExemptionOnFile, o.CreatedAt);
}

public sealed record CreateCustomerUserRequest(string? Email, bool? ManageBilling);

public sealed record CustomerUserDto(string Id, string OrgId, string Email, bool ManageBilling)
{
    public static CustomerUserDto From(CustomerUser u) => new(u.Id.Value, u.OrgId, u.Email, u.ManageBilling);
}

public sealed record CustomerKeyRequest(string? Email, string? Name);

public sealed record CustomerSettingsRequest(bool? ReceiveOffers, bool? TaxExemptionOnFile);

public sealed record CustomerSettingsDto(string OrgId, bool ReceiveOffers, bool TaxExemptionOnFile);
