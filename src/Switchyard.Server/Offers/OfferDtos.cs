using Switchyard.Domain.Offers;

namespace Switchyard.Server.Offers;

public sealed record CreateOfferRequest(
    string? CustomerId, string? TermSet, int? ContractTermMonths, DateOnly? ServiceStartDate, DateOnly? ValidUntil,
    string? PartnerPo, string? CustomerPo, string? Opportunity, string? Terms, string? RecipientEmail, string? BillingEmail,
    string? Currency, string? CustomerOrgId)
{
    public OfferDraft ToDraft() => new()
    {
        TermSet = TermSet,
        ContractTermMonths = ContractTermMonths,
        ServiceStartDate = ServiceStartDate,
        ValidUntil = ValidUntil,
        PartnerPo = PartnerPo,
        CustomerPo = CustomerPo,
        Opportunity = Opportunity,
        Terms = Terms,
        RecipientEmail = RecipientEmail,
        BillingEmail = BillingEmail,
        Currency = Currency,
        CustomerOrgId = CustomerOrgId,
    };
}

/// <summary>OFF-4/OFF-6: a partial edit of a draft; omitted fields are kept.</summary>
public sealed record UpdateOfferRequest(
    string? TermSet, int? ContractTermMonths, DateOnly? ServiceStartDate, DateOnly? EndDate, DateOnly? ValidUntil,
    string? PartnerPo, string? CustomerPo, string? Opportunity, string? Terms, string? RecipientEmail, string? BillingEmail,
    string? Currency, string? Reason)
{
    public OfferChanges ToChanges() => new()
    {
        TermSet = TermSet,
        ContractTermMonths = ContractTermMonths,
        ServiceStartDate = ServiceStartDate,
        EndDate = EndDate,
        ValidUntil = ValidUntil,
        PartnerPo = PartnerPo,
        CustomerPo = CustomerPo,
        Opportunity = Opportunity,
        Terms = Terms,
        RecipientEmail = RecipientEmail,
        BillingEmail = BillingEmail,
        Currency = Currency,
    };
}

public sealed record AddOfferItemRequest(string? ProductId, int? Quantity, decimal? UnitPriceMonthly, string? PartnerPo);

public sealed record UpdateOfferItemRequest(int? Quantity, decimal? UnitPriceMonthly, string? PartnerPo);

public sealed record RejectOfferRequest(string? Reason);

public sealed record AcceptOfferResponse(string OfferId, string OrderId);

public sealed record OfferItemDto(string Id, string ProductId, string ProductName, int Quantity, decimal UnitPriceMonthly, string? PartnerPo, decimal LineTotal);

public sealed record OfferDto(
    string Id, OfferType Type, OfferStatus Status, string? ErrorCode, bool ErrorNeedsOperator, string CustomerId, string CustomerOrgId,
    string? ParentOrderId, string TermSet, int ContractTermMonths, DateOnly ServiceStartDate, DateOnly EndDate, DateOnly ValidUntil,
    string? PartnerPo, string? CustomerPo, string? Opportunity, string Terms, string RecipientEmail, string? BillingEmail,
    string Currency, decimal Subtotal, IReadOnlyList<OfferItemDto> Items, DateTimeOffset CreatedAt, DateTimeOffset? SentAt,
    DateTimeOffset? DecidedAt, string? OrderId, string? RejectionReason, bool TaxExempt, long Version)
{
    public static OfferDto From(Offer o)
    {
        var currency = o.Currency;
        return new OfferDto(o.Id.Value, o.Type, o.Status, o.ErrorCode, o.ErrorNeedsOperator, o.CustomerId.Value, o.CustomerOrgId.Value, o.ParentOrderId?.Value,
            o.TermSet, o.ContractTermMonths, o.ServiceStartDate, o.EndDate, o.ValidUntil, o.PartnerPo, o.CustomerPo, o.Opportunity,
            o.Terms, o.RecipientEmail, o.BillingEmail, o.CurrencyCode, o.Subtotal.Amount,
            o.Items.Select(i => new OfferItemDto(i.Id.Value, i.ProductId.Value, i.ProductName, i.Quantity,
                new Domain.Common.Money(i.UnitPriceMonthlyMinor, currency).Amount, i.PartnerPo,
                new Domain.Common.Money(i.LineTotalMinor, currency).Amount)).ToList(),
            o.CreatedAt, o.SentAt, o.DecidedAt, o.OrderId?.Value, o.RejectionReason, o.TaxExempt, o.Version);
    }
}
