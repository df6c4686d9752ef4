namespace Switchyard.Data;

/// <summary>
/// Who the current unit of work acts for: the tenant filter (SEC-1) and the audit actor (AUD-1).
/// One per request or worker run.
/// </summary>
public sealed class DataScope
{
    // Matches no partner: a customer user reads partner rows only through explicit org-scoped queries.
    private const string NoPartner = "\u0000none";

    /// <summary>
    /// Null: every partner (operator, workers). Otherwise the only partner visible. Until a caller is
    /// known nothing is visible, so a forgotten scope fails closed.
    /// </summary>
    public string? PartnerId { get; private set; } = NoPartner;

    /// <summary>Who acts, as written in the audit trail: "operator:…", "partnerUser:…", "system:worker".</summary>
    public string Actor { get; private set; } = "anonymous";

    public static DataScope System(string actor = "system") => new() { PartnerId = null, Actor = actor };

    public void ForOperator(string actor)
    {
        PartnerId = null;
        Actor = actor;
    }

    public void ForPartner(string partnerId, string actor)
    {
        PartnerId = partnerId;
        Actor = actor;
    }

    public void ForCustomer(string actor)
    {
        PartnerId = NoPartner;
        Actor = actor;
    }

    public void ForSystem(string actor)
    {
        PartnerId = null;
        Actor = actor;
    }
}
