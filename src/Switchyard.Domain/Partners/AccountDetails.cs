namespace Switchyard.Domain.Partners;

/// <summary>
/// ONB-3 business details. A null field in a change means "leave as is"; an empty string clears it.
/// </summary>
public sealed record AccountDetails
{
    public string? BusinessType { get; init; }
    public string? AddressLine1 { get; init; }
    public string? AddressLine2 { get; init; }
    public string? City { get; init; }
    public string? PostalCode { get; init; }
    public string? Region { get; init; }
    public string? Country { get; init; }
    public string? Phone { get; init; }
    public string? PublicName { get; init; }
    public string? PublicWebsite { get; init; }
    public string? SupportEmail { get; init; }
    public string? RepresentativeName { get; init; }
    public string? RepresentativeEmail { get; init; }
    public string? RepresentativeTitle { get; init; }
}

/// <summary>Business types a partner can declare.</summary>
public static class BusinessTypes
{
    public static readonly IReadOnlyList<string> All = ["company", "individual", "nonProfit", "governmentEntity"];
}
