namespace Switchyard.Domain.Common;

/// <summary>A persisted object with an opaque id and an optimistic-concurrency version (SEC-4).</summary>
public abstract class Entity
{
    /// <summary>Bumped by the data layer on every save; a stale version loses with 409.</summary>
    public long Version { get; private set; }

    /// <summary>The id as stored, for code that handles every kind of object alike (the audit trail).</summary>
    public abstract string IdValue { get; }
}

/// <summary>A persisted object whose id has its own type (<see cref="ITypedId{TSelf}"/>), or a plain string where none exists yet.</summary>
public abstract class Entity<TId> : Entity
    where TId : notnull
{
    public TId Id { get; protected init; } = default!;

    public override string IdValue => Id is ITypedId typed ? typed.Value : Id.ToString() ?? "";
}

/// <summary>A row owned by one partner (the tenant, SEC-1).</summary>
public interface IPartnerOwned
{
    string PartnerId { get; }
}

/// <summary>Changes to this object are recorded in the audit trail automatically (AUD-1).</summary>
public interface IAudited;

/// <summary>
/// An audited part of an aggregate (a product's license mapping): its changes are recorded in the
/// history of the aggregate that owns it.
/// </summary>
public interface IAuditedPart : IAudited
{
    string AuditObjectId { get; }

    string AuditObjectType { get; }
}
