using Switchyard.Domain.Partners;

namespace Switchyard.Server.Partners;

public sealed record ApplyPartnerRequest(string? Name);

public sealed record RejectPartnerRequest(string? Reason);

public sealed record PaymentConnectionDto(string Provider, PaymentConnectionStatus Status);

public sealed record PartnerDto(
    string Id, string Name, PartnerStatus Status, DateTimeOffset AppliedAt, DateTimeOffset? DecidedAt, string? RejectionReason,
    PaymentConnectionDto PaymentConnection)
{
    public static PartnerDto From(Partner p) => new(p.Id, p.Name, p.Status, p.AppliedAt, p.DecidedAt, p.RejectionReason,
        new PaymentConnectionDto(p.PaymentProvider, p.PaymentStatus));
}

/// <summary>ONB-3: the partner's account as the partner sees and edits it.</summary>
public sealed record AccountDto(
    string Id, string Name, PartnerStatus Status, string? BusinessType, AddressDto Address, string? Phone,
    PublicDetailsDto PublicDetails, RepresentativeDto Representative, PaymentConnectionDto PaymentConnection, long Version)
{
    public static AccountDto From(Partner p) => new(p.Id, p.Name, p.Status, p.BusinessType,
        new AddressDto(p.AddressLine1, p.AddressLine2, p.City, p.PostalCode, p.Region, p.Country), p.Phone,
        new PublicDetailsDto(p.PublicName, p.PublicWebsite, p.SupportEmail),
        new RepresentativeDto(p.RepresentativeName, p.RepresentativeEmail, p.RepresentativeTitle),
        new PaymentConnectionDto(p.PaymentProvider, p.PaymentStatus), p.Version);
}

public sealed record AddressDto(string? Line1, string? Line2, string? City, string? PostalCode, string? Region, string? Country);

public sealed record PublicDetailsDto(string? Name, string? Website, string? SupportEmail);

public sealed record RepresentativeDto(string? Name, string? Email, string? Title);

/// <summary>A partial update: omitted fields stay as they are, an empty string clears one.</summary>
public sealed record UpdateAccountRequest(
    string? Name, string? BusinessType, AddressDto? Address, string? Phone, PublicDetailsDto? PublicDetails,
    RepresentativeDto? Representative, string? Reason)
{
    public AccountDetails ToDetails() => new()
    {
        BusinessType = BusinessType,
        AddressLine1 = Address?.Line1,
        AddressLine2 = Address?.Line2,
        City = Address?.City,
        PostalCode = Address?.PostalCode,
        Region = Address?.Region,
        Country = Address?.Country,
        Phone = Phone,
        PublicName = PublicDetails?.Name,
        PublicWebsite = PublicDetails?.Website,
        SupportEmail = PublicDetails?.SupportEmail,
        RepresentativeName = Representative?.Name,
        RepresentativeEmail = Representative?.Email,
        RepresentativeTitle = Representative?.Title,
    };
}

public sealed record PaymentOnboardingDto(PaymentConnectionStatus Status, string? OnboardingUrl);
