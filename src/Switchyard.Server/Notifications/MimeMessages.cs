using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace Switchyard.Server.Notifications;

/// <summary>Builds the MIME message both senders write (multipart/alternative: text and HTML).</summary>
internal static class MimeMessages
{
    public static MimeMessage Build(EmailSettings settings, EmailMessage message)
    {
        if (message.To.Count == 0)
        {
            throw new EmailDeliveryException("The message has no recipient.", permanent: true);
        }
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(settings.From));
        foreach (var to in message.To.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!MailboxAddress.TryParse(to, out var address))
            {
                throw new EmailDeliveryException($"'{to}' is not a deliverable address.", permanent: true);
            }
            mime.To.Add(address);
        }
        mime.Subject = message.Subject;
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        if (message.DeduplicationKey is { } key)
        {
            mime.MessageId = StableId(key) + "@switchyard.local";
            mime.Headers.Add(DeduplicationHeader, key);
        }
        return mime;
    }

    /// <summary>OPS-1: the outbox key of the message, for receivers that deduplicate on a header.</summary>
    public const string DeduplicationHeader = "X-Switchyard-Deduplication-Key";

    /// <summary>A file- and Message-Id-safe name derived from a deduplication key (the same key, the same name).</summary>
    public static string StableId(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40];
}
