using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;

namespace Switchyard.Domain.ChannelMigration;

/// <summary>MIG-9: where a migration of one customer × app is.</summary>
public enum MigrationState
{
    Planned,
    CancellationSubmitted,
    CancellationActivated,
    OfferSent,
    OfferAccepted,
    Completed,
    Failed,
    Abandoned,
}

/// <summary>
/// MIG-9: moving one customer × app from the legacy channel to the platform along an allowed path:
/// Planned → CancellationSubmitted → CancellationActivated → OfferSent → OfferAccepted → Completed,
/// or Failed / Abandoned. Each step keeps the id of what it produced (the legacy cancellation, the
/// offer, the order), so a run resumes from where it stopped.
/// </summary>
public sealed class Migration : Entity<string>, IPartnerOwned, IAudited
{
    private Migration() { }

    public string PartnerId { get; private set; } = "";
    public CustomerId CustomerId { get; private set; }
    public CustomerOrgId CustomerOrgId { get; private set; }
    public CatalogEntryId CatalogEntryId { get; private set; }
    public MigrationPath Path { get; private set; }
    public MigrationState State { get; private set; }

    /// <summary>The legacy contract being moved.</summary>
    public string LegacyOrderId { get; private set; } = "";
    public DateOnly ContractEnd { get; private set; }

    /// <summary>MIG-5: the last day to submit the cancellation; null when it had already activated.</summary>
    public DateOnly? CancelBy { get; private set; }

    /// <summary>MIG-5, MIG-6: the day after the legacy contract ends.</summary>
    public DateOnly PlatformStart { get; private set; }

    public string? CancellationOrderId { get; private set; }
    public Offers.OfferId? OfferId { get; private set; }
    public Orders.OrderId? OrderId { get; private set; }
    public string? FailureCode { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public bool IsFinished => State is MigrationState.Completed or MigrationState.Failed or MigrationState.Abandoned;

    /// <summary>Starts a migration along a path the decision allows; otherwise the refusal names the rule (MIG-2, MIG-5…).</summary>
    public static Result<Migration> Start(
        string partnerId, CustomerId customerId, CustomerOrgId customerOrgId, CatalogEntryId catalogEntryId, MigrationPath path, Decision decision, DateTimeOffset now)
    {
        if (path is not (MigrationPath.CancelAndMove or MigrationPath.AtRenewal or MigrationPath.KeepAndAdd))
        {
            return Errors.Validation("notAMigrationPath", "path", "A migration moves a legacy contract: choose cancelAndMove or atRenewal.");
        }
        if (decision.PlanFor(path) is not { } plan)
        {
            var refusal = decision.Refusal(path);
            return refusal.Count > 0
                ? Result<Migration>.Failure(refusal)
                : Errors.Validation("pathNotAllowed", "path", "This path is not allowed for this customer and app.");
        }
        var contract = decision.Contract!;
        return new Migration
        {
            Id = Ids.New(Ids.Migration),
            PartnerId = partnerId,
            CustomerId = customerId,
            CustomerOrgId = customerOrgId,
            CatalogEntryId = catalogEntryId,
            Path = path,
            State = contract.CancellationActivated ? MigrationState.CancellationActivated : MigrationState.Planned,
            LegacyOrderId = contract.OrderId,
            ContractEnd = plan.ContractEnd ?? contract.End,
            CancelBy = plan.CancelBy,
            PlatformStart = plan.PlatformStart,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// When the legacy cancellation is due: at once for cancel-and-move; on the cancel-by day for
    /// at-renewal (the legacy contract is kept as long as possible, and not renewed, MIG-6).
    /// </summary>
    public bool CancellationDue(DateOnly today) => State == MigrationState.Planned
        && (Path == MigrationPath.CancelAndMove || (CancelBy is { } by && today >= by) || CancelBy is null);

    /// <summary>Planned → CancellationSubmitted, linked to the cancellation order it produced (MIG-5).</summary>
    public Result<Unit> CancellationSubmitted(string cancellationOrderId, DateOnly today, DateTimeOffset now)
    {
        if (State != MigrationState.Planned)
        {
            return Illegal("submit the cancellation");
        }
        if (CancelBy is { } by && today > by)
        {
            return Errors.Conflict("cancelByPassed", $"The cancellation had to be submitted by {by:yyyy-MM-dd}.");
        }
        CancellationOrderId = cancellationOrderId;
        return MoveTo(MigrationState.CancellationSubmitted, now);
    }

    /// <summary>CancellationSubmitted → CancellationActivated (the legacy channel activated it, LEG-5).</summary>
    public Result<Unit> CancellationActivated(DateTimeOffset now) =>
        State == MigrationState.CancellationSubmitted ? MoveTo(MigrationState.CancellationActivated, now) : Illegal("activate the cancellation");

    /// <summary>MIG-5: the platform offer may be sent only after the cancellation has activated; it starts on <see cref="PlatformStart"/>.</summary>
    public Result<Unit> OfferWasSent(Offers.OfferId offerId, DateOnly serviceStart, DateTimeOffset now)
    {
        if (State != MigrationState.CancellationActivated)
        {
            return Errors.Conflict("cancellationNotActivated", "The platform offer can be sent only once the legacy cancellation has activated.");
        }
        if (serviceStart < PlatformStart)
        {
            return Errors.Validation("legacyContractActive", "serviceStartDate",
                $"The legacy contract runs until {ContractEnd:yyyy-MM-dd}; the platform service starts on {PlatformStart:yyyy-MM-dd} at the earliest.");
        }
        OfferId = offerId;
        return MoveTo(MigrationState.OfferSent, now);
    }

    /// <summary>OfferSent → OfferAccepted, linked to the order the acceptance created.</summary>
    public Result<Unit> OfferWasAccepted(Orders.OrderId orderId, DateTimeOffset now)
    {
        if (State != MigrationState.OfferSent)
        {
            return Illegal("record the acceptance");
        }
        OrderId = orderId;
        return MoveTo(MigrationState.OfferAccepted, now);
    }

    /// <summary>OfferAccepted → Completed on the platform start day (the renewal cutover).</summary>
    public Result<Unit> Complete(DateOnly today, DateTimeOffset now)
    {
        if (State != MigrationState.OfferAccepted)
        {
            return Illegal("complete");
        }
        if (today < PlatformStart)
        {
            return Errors.Conflict("notDue", $"The migration completes on {PlatformStart:yyyy-MM-dd}.");
        }
        return MoveTo(MigrationState.Completed, now);
    }

    public Result<Unit> Fail(string code, DateTimeOffset now)
    {
        if (IsFinished)
        {
            return Illegal("fail");
        }
        FailureCode = code;
        return MoveTo(MigrationState.Failed, now);
    }

    /// <summary>The partner gives up; only before the offer is accepted.</summary>
    public Result<Unit> Abandon(DateTimeOffset now)
    {
        if (IsFinished || State == MigrationState.OfferAccepted)
        {
            return Illegal("abandon");
        }
        return MoveTo(MigrationState.Abandoned, now);
    }

    private Result<Unit> MoveTo(MigrationState next, DateTimeOffset now)
    {
        State = next;
        UpdatedAt = now;
        return Result.Ok();
    }

    private Error Illegal(string what) =>
        Errors.Conflict("illegalTransition", $"Cannot {what} of a migration that is {MigrationStates.Name(State)}.");
}

public static class MigrationStates
{
    public static string Name(MigrationState state) => state switch
    {
        MigrationState.Planned => "planned",
        MigrationState.CancellationSubmitted => "cancellationSubmitted",
        MigrationState.CancellationActivated => "cancellationActivated",
        MigrationState.OfferSent => "offerSent",
        MigrationState.OfferAccepted => "offerAccepted",
        MigrationState.Completed => "completed",
        MigrationState.Failed => "failed",
        MigrationState.Abandoned => "abandoned",
    };
}
