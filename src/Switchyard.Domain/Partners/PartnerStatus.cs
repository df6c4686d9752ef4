namespace Switchyard.Domain.Partners;

/// <summary>ONB-1: a partner applies; an operator approves or rejects.</summary>
public enum PartnerStatus
{
    Applied,
    Approved,
    Rejected,
}

/// <summary>ONB-2: the partner's payment account.</summary>
public enum PaymentConnectionStatus
{
    NotConnected,
    Onboarding,
    Connected,
    Restricted,
}
