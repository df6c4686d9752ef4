using MimeKit;

namespace Switchyard.Server.Notifications;

/// <summary>Builds the MIME message both senders write (multipart/alternative: text and HTML).</summary>
internal static class MimeMessages
{
    public static MimeMessage Build(EmailSettings settings, EmailMessage message)
    {
        if (message.To.Count == 0)
        {
            throw new EmailDeliveryException("The message has no recipient.");
        }
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(settings.From));
        foreach (var to in message.To.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!MailboxAddress.TryParse(to, out var address))
            {
                throw new EmailDeliveryException($"'{to}' is not a deliverable address.");
            }
            mime.To.Add(address);
        }
        mime.Subject = message.Subject;
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }
}
