namespace Switchyard.Domain.Access;

/// <summary>Who a key or console user acts as.</summary>
public enum ActorKind
{
    Operator,
    PartnerUser,
    CustomerUser,
}
