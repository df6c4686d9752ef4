using Switchyard.Domain.Common;

namespace Switchyard.Domain.Offers;

/// <summary>The editable header of an offer, checked as one (OFF-2, OFF-3, OFF-6, OFF-8).</summary>
internal sealed record OfferFields(
    string? TermSet, int? ContractTermMonths, DateOnly? ServiceStartDate, DateOnly? ValidUntil,
    string? PartnerPo, string? CustomerPo, string? Opportunity, string? Terms,
    string? RecipientEmail, string? BillingEmail, string? Currency)
{
    /// <summary>Every problem with these fields. Past dates are checked only where asked (an edit of the PO
    /// must not fail because the draft's start date has since passed; Send checks everything).</summary>
    public List<Error> Check(ParentOrder? parent, DateOnly today, bool checkStartInPast, bool checkValidUntilInPast)
    {
        var errors = new List<Error>();
        if (string.IsNullOrEmpty(TermSet))
        {
            errors.Add(Errors.Required("termSet"));
        }
        else if (TermSet != OfferTerms.Net30UpfrontAnnual)
        {
            errors.Add(OfferErrors.UnsupportedTermSet(TermSet));
        }

        if (ContractTermMonths is not { } months)
        {
            errors.Add(Errors.Required("contractTermMonths"));
        }
        else if (months != OfferTerms.ContractTermMonths)
        {
            errors.Add(OfferErrors.UnsupportedContractTerm(months));
        }

        if (ServiceStartDate is not { } start)
        {
            errors.Add(Errors.Required("serviceStartDate"));
        }
        else if (Validate.DateInRange(errors, "serviceStartDate", start))
        {
            if (checkStartInPast && start < today)
            {
                errors.Add(OfferErrors.DateInPast("serviceStartDate", start, today));
            }
            if (parent is not null && (start < parent.TermStart || start > parent.TermEnd))
            {
                errors.Add(OfferErrors.StartOutsideParentTerm(parent.TermStart, parent.TermEnd));
            }
        }

        if (ValidUntil is not { } validUntil)
        {
            errors.Add(Errors.Required("validUntil"));
        }
        else if (Validate.DateInRange(errors, "validUntil", validUntil) && checkValidUntilInPast && validUntil < today)
        {
            errors.Add(OfferErrors.DateInPast("validUntil", validUntil, today));
        }

        Validate.MaxLength(errors, "partnerPo", PartnerPo);
        Validate.MaxLength(errors, "customerPo", CustomerPo);
        Validate.MaxLength(errors, "opportunity", Opportunity);
        Validate.Required(errors, "terms", Terms, Offer.MaxTermsLength, multiLine: true);
        Validate.Email(errors, "recipientEmail", RecipientEmail, required: true);
        Validate.Email(errors, "billingEmail", BillingEmail, required: false);

        if (string.IsNullOrEmpty(Currency))
        {
            errors.Add(Errors.Required("currency"));
        }
        else if (!Common.Currency.TryFrom(Currency, out _))
        {
            errors.Add(OfferErrors.UnsupportedCurrency(Currency));
        }
        else if (parent is not null && parent.Currency != Currency)
        {
            errors.Add(OfferErrors.CurrencyDiffersFromParent(parent.Currency));
        }
        return errors;
    }
}
