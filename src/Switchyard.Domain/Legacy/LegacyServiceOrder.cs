using Switchyard.Domain.Common;

namespace Switchyard.Domain.Legacy;

/// <summary>
/// LEG-1: a service order of the legacy channel, imported with its original ids and received date
/// (LEG-2), or produced by a migration (the cancellation it submits, MIG-5).
/// </summary>
/// <remarks>
/// Not audited row by row: an import writes one audit entry with its counts (LEG-2); a status change
/// by a migration or an operator is recorded on the migration or by the activate endpoint.
/// </remarks>
public sealed class LegacyServiceOrder : Entity<string>, IPartnerOwned
{
    public const int MaxExternalIdLength = 80;
    public const int MaxQuantity = 1_000_000;

    private LegacyServiceOrder() { }

    public string PartnerId { get; private set; } = "";
    public string ExternalId { get; private set; } = "";
    public string CustomerOrgId { get; private set; } = "";
    public string CustomerName { get; private set; } = "";
    public string CatalogEntryId { get; private set; } = "";
    public LegacyOrderType Type { get; private set; }
    public int Quantity { get; private set; }
    public long UnitPriceMinor { get; private set; }
    public string CurrencyCode { get; private set; } = "";
    public DateOnly ContractStart { get; private set; }

    /// <summary>The renewal date.</summary>
    public DateOnly ContractEnd { get; private set; }
    public LegacyOrderStatus Status { get; private set; }

    /// <summary>LEG-2: when the legacy channel received it, kept exactly as imported.</summary>
    public DateTimeOffset ReceivedAt { get; private set; }
    public DateTimeOffset? ActivatedAt { get; private set; }

    /// <summary>A cancellation a migration submitted: the migration it belongs to.</summary>
    public string? MigrationId { get; private set; }

    /// <summary>LEG-1 fields, already validated by the import (or built by a migration).</summary>
    public sealed record Fields(
        string ExternalId, string CustomerOrgId, string CustomerName, string CatalogEntryId, LegacyOrderType Type, int Quantity,
        long UnitPriceMinor, string CurrencyCode, DateOnly ContractStart, DateOnly ContractEnd, LegacyOrderStatus Status, DateTimeOffset ReceivedAt);

    public static LegacyServiceOrder Create(string partnerId, Fields f) => new()
    {
        Id = Ids.New(Ids.LegacyOrder),
        PartnerId = partnerId,
        ExternalId = f.ExternalId,
        CustomerOrgId = f.CustomerOrgId,
        CustomerName = f.CustomerName,
        CatalogEntryId = f.CatalogEntryId,
        Type = f.Type,
        Quantity = f.Quantity,
        UnitPriceMinor = f.UnitPriceMinor,
        CurrencyCode = f.CurrencyCode,
        ContractStart = f.ContractStart,
        ContractEnd = f.ContractEnd,
        Status = f.Status,
        ReceivedAt = f.ReceivedAt,
    };

    /// <summary>MIG-5: the cancellation a cancel-and-move (or at-renewal) migration submits: it ends the contract on its end date, so it is not renewed.</summary>
    public static LegacyServiceOrder CancellationFor(LegacyServiceOrder contract, string migrationId, DateTimeOffset now) => new()
    {
        Id = Ids.New(Ids.LegacyOrder),
        PartnerId = contract.PartnerId,
        ExternalId = "sy-" + migrationId,
        CustomerOrgId = contract.CustomerOrgId,
        CustomerName = contract.CustomerName,
        CatalogEntryId = contract.CatalogEntryId,
        Type = LegacyOrderType.Cancellation,
        Quantity = contract.Quantity,
        UnitPriceMinor = 0,
        CurrencyCode = contract.CurrencyCode,
        ContractStart = contract.ContractEnd,
        ContractEnd = contract.ContractEnd,
        Status = LegacyOrderStatus.Submitted,
        ReceivedAt = now,
        MigrationId = migrationId,
    };

    /// <summary>LEG-3: true when the imported fields differ from the stored ones (the row is then updated).</summary>
    public bool Differs(Fields f) =>
        CustomerOrgId != f.CustomerOrgId || CustomerName != f.CustomerName || CatalogEntryId != f.CatalogEntryId || Type != f.Type
        || Quantity != f.Quantity || UnitPriceMinor != f.UnitPriceMinor || CurrencyCode != f.CurrencyCode
        || ContractStart != f.ContractStart || ContractEnd != f.ContractEnd || Status != f.Status || ReceivedAt != f.ReceivedAt;

    public void Update(Fields f)
    {
        CustomerOrgId = f.CustomerOrgId;
        CustomerName = f.CustomerName;
        CatalogEntryId = f.CatalogEntryId;
        Type = f.Type;
        Quantity = f.Quantity;
        UnitPriceMinor = f.UnitPriceMinor;
        CurrencyCode = f.CurrencyCode;
        ContractStart = f.ContractStart;
        ContractEnd = f.ContractEnd;
        Status = f.Status;
        ReceivedAt = f.ReceivedAt;
    }

    /// <summary>The legacy channel activated a submitted (or received) order, e.g. a cancellation (LEG-5).</summary>
    public Result<Unit> Activate(DateTimeOffset now)
    {
        if (Status is not (LegacyOrderStatus.Submitted or LegacyOrderStatus.Received))
        {
            return Errors.Conflict("legacyOrderNotSubmitted", $"Only a submitted or received legacy order can be activated; this one is {LegacySpellings.Name(Status)}.");
        }
        Status = LegacyOrderStatus.Activated;
        ActivatedAt = now;
        return Result.Ok();
    }

    /// <summary>OPS-1: the legacy channel never received this submitted order (every delivery failed).</summary>
    public Result<Unit> MarkError()
    {
        if (Status != LegacyOrderStatus.Submitted)
        {
            return Errors.Conflict("legacyOrderNotSubmitted", $"Only a submitted legacy order can fail to reach the legacy channel; this one is {LegacySpellings.Name(Status)}.");
        }
        Status = LegacyOrderStatus.Error;
        return Result.Ok();
    }

    /// <summary>LEG-5: counts as (part of) a contract: not a cancellation, and submitted, received or activated.</summary>
    public bool IsContract => Type != LegacyOrderType.Cancellation
        && Status is LegacyOrderStatus.Submitted or LegacyOrderStatus.Received or LegacyOrderStatus.Activated;

    public bool IsActivatedCancellation => Type == LegacyOrderType.Cancellation && Status == LegacyOrderStatus.Activated;

    /// <summary>A cancellation on its way (submitted or received, not yet activated).</summary>
    public bool IsPendingCancellation => Type == LegacyOrderType.Cancellation
        && Status is LegacyOrderStatus.Submitted or LegacyOrderStatus.Received;
}
