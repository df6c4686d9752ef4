namespace Switchyard.Domain.Offers;

/// <summary>
/// OFF-14: the email a send (or a successful retry) must produce: to the recipient and the billing
/// address (distinct), with the offer's link. The server renders and delivers it.
/// </summary>
public sealed record OfferNotification(OfferId OfferId, IReadOnlyList<string> To, string Subject, Uri Link);
