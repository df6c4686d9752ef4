namespace Switchyard.Server.Notifications;

/// <summary>An email to send: a plain-text and an HTML body with the same content.</summary>
public sealed record EmailMessage(IReadOnlyList<string> To, string Subject, string TextBody, string HtmlBody)
{
    /// <summary>
    /// OPS-1: the outbox message's key. The Message-Id is derived from it (and it is sent as the
    /// X-Switchyard-Deduplication-Key header), so a message delivered twice after a crash is recognised
    /// as one by the receiver; the pickup folder keeps one file per key.
    /// </summary>
    public string? DeduplicationKey { get; init; }
}

/// <summary>
/// Sends email. The default writes .eml files to a pickup folder (works offline); SMTP when
/// configured. A failure throws <see cref="EmailDeliveryException"/> so callers can record it
/// (OFF-10: deliveryFailed).
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

public sealed class EmailDeliveryException(string message, Exception? inner = null, bool permanent = false) : Exception(message, inner)
{
    /// <summary>Retrying cannot help (a malformed address, a mail server's 5xx refusal).</summary>
    public bool Permanent { get; } = permanent;
}

/// <summary>Where mail goes: SWITCHYARD_SMTP_* for a real server, else the pickup folder.</summary>
public sealed record EmailSettings
{
    public string From { get; init; } = "Switchyard <no-reply@switchyard.local>";
    public string PickupDirectory { get; init; } = "mail-pickup";
    public string? SmtpHost { get; init; }
    public int SmtpPort { get; init; } = 587;
    public string? SmtpUser { get; init; }
    public string? SmtpPassword { get; init; }

    /// <summary>none, starttls (default when a user is set) or tls.</summary>
    public string SmtpSecurity { get; init; } = "auto";

    public static EmailSettings Read(IConfiguration config) => new()
    {
        From = config["SWITCHYARD_MAIL_FROM"] is { Length: > 0 } from ? from : "Switchyard <no-reply@switchyard.local>",
        PickupDirectory = config["SWITCHYARD_MAIL_PICKUP"] is { Length: > 0 } dir ? dir : "mail-pickup",
        SmtpHost = config["SWITCHYARD_SMTP_HOST"] is { Length: > 0 } host ? host : null,
        SmtpPort = int.TryParse(config["SWITCHYARD_SMTP_PORT"], System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : 587,
        SmtpUser = config["SWITCHYARD_SMTP_USER"],
        SmtpPassword = config["SWITCHYARD_SMTP_PASSWORD"],
        SmtpSecurity = config["SWITCHYARD_SMTP_SECURITY"] is { Length: > 0 } security ? security.ToLowerInvariant() : "auto",
    };
}
