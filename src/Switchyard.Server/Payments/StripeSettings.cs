using System.Globalization;

namespace Switchyard.Server.Payments;

/// <summary>
/// BIL-3, SEC-6: Stripe configuration. SWITCHYARD_STRIPE_SECRET_KEY selects Stripe as the provider new
/// partners onboard with; SWITCHYARD_STRIPE_WEBHOOK_SECRET (the endpoint's signing secret, <c>whsec_…</c>)
/// verifies inbound events; SWITCHYARD_STRIPE_WEBHOOK_TOLERANCE_SECONDS is the replay window (300).
/// </summary>
public sealed record StripeSettings
{
    public const string ProviderName = "stripe";

    public string? SecretKey { get; init; }
    public string? WebhookSecret { get; init; }
    public TimeSpan WebhookTolerance { get; init; } = TimeSpan.FromSeconds(300);

    public bool Enabled => !string.IsNullOrWhiteSpace(SecretKey);

    public static StripeSettings From(IConfiguration config)
    {
        var settings = new StripeSettings
        {
            SecretKey = Blank(config["SWITCHYARD_STRIPE_SECRET_KEY"]),
            WebhookSecret = Blank(config["SWITCHYARD_STRIPE_WEBHOOK_SECRET"]),
        };
        if (config["SWITCHYARD_STRIPE_WEBHOOK_TOLERANCE_SECONDS"] is { Length: > 0 } text)
        {
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) || seconds < 1 || seconds > 3600)
            {
                throw new InvalidOperationException($"SWITCHYARD_STRIPE_WEBHOOK_TOLERANCE_SECONDS '{text}' is not a number of seconds from 1 to 3600.");
            }
            settings = settings with { WebhookTolerance = TimeSpan.FromSeconds(seconds) };
        }
        if (settings.Enabled && settings.WebhookSecret is null)
        {
            throw new InvalidOperationException("SWITCHYARD_STRIPE_SECRET_KEY is set without SWITCHYARD_STRIPE_WEBHOOK_SECRET: Stripe's events (onboarding, paid invoices) could not be verified.");
        }
        return settings;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
