using Switchyard.Domain.Customers;

namespace Switchyard.Domain.Offers;

/// <summary>
/// OFF-10: customer-side conditions that move a sent offer to Error (not a 422: the partner did
/// nothing wrong and cannot see the customer's org), and who may clear each one.
/// </summary>
public static class OfferIssues
{
    /// <summary>The customer org has not opted in to receive offers; the customer fixes it, the partner retries.</summary>
    public const string CustomerNotOptedIn = "customerNotOptedIn";

    /// <summary>The recipient or billing email has no user in the org holding "manage billing".</summary>
    public const string NoBillingUser = "noBillingUser";

    /// <summary>The offer email could not be delivered; the partner may retry (e.g. after fixing the address).</summary>
    public const string DeliveryFailed = "deliveryFailed";

    /// <summary>The marketplace could not process the offer; only an operator can clear it.</summary>
    public const string ProcessingFailed = "processingFailed";

    public static readonly IReadOnlyList<string> All = [CustomerNotOptedIn, NoBillingUser, DeliveryFailed, ProcessingFailed];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code, StringComparer.Ordinal);

    /// <summary>OFF-10: codes whose cause sits with the marketplace, so a partner retry is refused.</summary>
    public static bool NeedsOperator(string code) => code == ProcessingFailed;

    /// <summary>
    /// OFF-10: the first customer-side problem with delivering <paramref name="offer"/>, or null.
    /// </summary>
    /// <param name="offer">The sent offer (its recipient and billing emails).</param>
    /// <param name="receivesOffers">The org's opt-in (CustomerOrg.ReceiveOffers).</param>
    /// <param name="manageBillingEmails">Emails of the org's users holding "manage billing".</param>
    public static string? CustomerSideProblem(Offer offer, bool receivesOffers, IEnumerable<string> manageBillingEmails)
    {
        if (!receivesOffers)
        {
            return CustomerNotOptedIn;
        }
        var billingUsers = manageBillingEmails.Select(CustomerUser.NormalizeEmail).ToHashSet(StringComparer.Ordinal);
        var needed = new[] { offer.RecipientEmail, offer.EffectiveBillingEmail };
        return needed.All(e => billingUsers.Contains(CustomerUser.NormalizeEmail(e))) ? null : NoBillingUser;
    }
}
