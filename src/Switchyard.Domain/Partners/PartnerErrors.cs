using Switchyard.Domain.Common;

namespace Switchyard.Domain.Partners;

public static class PartnerErrors
{
    public static readonly Error NotApproved = Errors.Forbidden("partnerNotApproved",
        "The partner has not been approved yet; an operator must approve it before it can create products, offers or customers.");

    public static readonly Error Rejected = Errors.Forbidden("partnerRejected",
        "The partner's application was rejected; its keys and users can no longer use Switchyard.");

    public static Error CannotDecide(PartnerStatus status) => Errors.Conflict("partnerAlreadyDecided",
        $"The partner is {status.ToString().ToLowerInvariant()}; only an applied partner can be approved or rejected.");

    public static readonly Error ReasonRequired = Errors.Validation("required", "reason", "Say why the partner is rejected.");

    public static Error BusinessDetailsMissing(IReadOnlyList<string> missing) => Errors.Conflict("businessDetailsMissing",
        $"The application has no business details yet ({string.Join(", ", missing)} missing): the partner fills them in on its account page before it can be approved.");
}
