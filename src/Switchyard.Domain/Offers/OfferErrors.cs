using System.Globalization;

using Switchyard.Domain.Common;

namespace Switchyard.Domain.Offers;

/// <summary>Named offer failures. Codes are stable (clients and tests match on them); fields are the api.md JSON names.</summary>
public static class OfferErrors
{
    public static Error UnsupportedTermSet(string? value) => Errors.Validation("unsupportedTermSet", "termSet",
        $"Only the term set '{OfferTerms.Net30UpfrontAnnual}' (NET30, billed upfront annually) is supported; got '{value}'.");

    public static Error UnsupportedContractTerm(int value) => Errors.Validation("unsupportedContractTerm", "contractTermMonths",
        $"Contracts run exactly {OfferTerms.ContractTermMonths} months; got {value.ToString(CultureInfo.InvariantCulture)}.");

    public static Error UnsupportedCurrency(string? value) => Errors.Validation("unsupportedCurrency", "currency",
        $"'{value}' is not a supported ISO 4217 currency code.");

    public static Error DateInPast(string field, DateOnly value, DateOnly today) => Errors.Validation("dateInPast", field,
        $"{value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is in the past (today is {today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}).");

    public static readonly Error CustomerOrgMismatch = Errors.Validation("customerOrgMismatch", "customerOrgId",
        "The customer org id must be the selected customer's org.");

    public static Error StartOutsideParentTerm(DateOnly start, DateOnly end) => Errors.Validation("startOutsideParentTerm", "serviceStartDate",
        $"An add-on starts inside its parent order's term ({start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}).");

    public static Error CurrencyDiffersFromParent(string parentCurrency) => Errors.Validation("currencyMismatch", "currency",
        $"An add-on is billed in its parent order's currency, {parentCurrency}.");

    public static readonly Error CurrencyFixedWithItems = Errors.Validation("currencyFixedWithItems", "currency",
        "Remove the items before changing the currency: their prices are in the current one.");

    public static readonly Error AddOnEndDateFixed = Errors.Validation("addOnEndDateFixed", "endDate",
        "An add-on ends with its parent order; its end date cannot be changed.");

    public static readonly Error EndDateDerived = Errors.Validation("unsupportedContractTerm", "endDate",
        "An initial offer ends 12 months after its service start date; change the start date instead.");

    public static Error AddOnFieldFixed(string field) => Errors.Validation("addOnFieldFixed", field,
        $"'{field}' comes from the parent order and cannot be changed on an add-on. Editable: partnerPo, customerPo, serviceStartDate, validUntil, opportunity, recipientEmail.");

    public static Error NotEditable(OfferStatus status) => Errors.Conflict("offerNotEditable",
        $"Only a draft offer can be changed; this one is {Name(status)}.");

    public static Error NotDraft(OfferStatus status) => Errors.Conflict("offerNotDraft",
        $"Only a draft offer can be sent; this one is {Name(status)}.");

    public static readonly Error ItemsRequired = Errors.Validation("itemsRequired", "items", "Add at least one item before sending.");

    public static readonly Error TooManyItems = Errors.Validation("tooManyItems", "items",
        $"An offer holds at most {Offer.MaxItems.ToString(CultureInfo.InvariantCulture)} items.");

    public static Error ItemNotFound(string itemId) => Errors.NotFound($"Offer item '{itemId}'");

    public static readonly Error UnknownProduct = Errors.Validation("unknownProduct", "productId", "No product of yours has this id.");

    public static Error UnknownProductAt(string field) => Errors.Validation("unknownProduct", field, "No product of yours has this id.");

    public static Error ProductHasNoLicenses(string field, string productName) => Errors.Validation("productHasNoLicenses", field,
        $"'{productName}' has no license mapping, so nothing could be provisioned; map a package license or permission set first.");

    public static readonly Error InvalidQuantity = Errors.Validation("invalidQuantity", "quantity", "Quantity is a whole number greater than zero.");

    public static readonly Error NegativePrice = Errors.Validation("negativePrice", "unitPriceMonthly", "The monthly unit price cannot be negative.");

    public static readonly Error AmountTooLarge = Errors.Validation("amountTooLarge", "quantity", "The line total is too large to bill.");

    public static readonly Error PaymentAccountNotConnected = Errors.Validation("paymentAccountNotConnected", "paymentConnection",
        "Connect your payment account (POST /v1/account/payment-connection) before sending offers.");

    public static Error LegacyContractActive(string field, string productName) => Errors.Validation("legacyContractActive", field,
        $"The customer still holds '{productName}' on the legacy channel on the service start date; add licenses there, or migrate at renewal.");

    public static Error NotInError(OfferStatus status) => Errors.Conflict("offerNotInError",
        $"Only an offer in error can be retried; this one is {Name(status)}.");

    public static Error OperatorRequired(string code) => Errors.Forbidden("operatorRequired",
        $"Only a marketplace operator can clear the error '{code}'.");

    public static Error IssueUnresolved(string code) => Errors.Conflict("offerIssueUnresolved",
        $"The cause of the error is still present ('{code}'); fix it, then retry.");

    public static Error NotSent(OfferStatus status) => Errors.Conflict("offerNotSent",
        $"Only a sent offer can be accepted, rejected or marked in error; this one is {Name(status)}.");

    public static Error Expired(DateOnly validUntil) => Errors.Conflict("offerExpired",
        $"The offer was valid until {validUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.");

    public static Error StillValid(DateOnly validUntil) => Errors.Conflict("offerStillValid",
        $"The offer is valid until the end of {validUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.");

    public static readonly Error OfferNotFound = Errors.NotFound("Offer");

    public static readonly Error NotRecipient = Errors.Forbidden("notRecipient",
        "Only the offer's recipient can accept or reject it.");

    public static readonly Error ManageBillingRequired = Errors.Forbidden("manageBillingRequired",
        "Accepting or rejecting an offer needs the 'manage billing' right in your org.");

    private static string Name(OfferStatus status) => status.ToString().ToLowerInvariant();
}
