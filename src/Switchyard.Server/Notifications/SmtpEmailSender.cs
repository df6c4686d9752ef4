using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Switchyard.Server.Notifications;

/// <summary>Real delivery through an SMTP server (MailKit), used when SWITCHYARD_SMTP_HOST is set.</summary>
public sealed class SmtpEmailSender(EmailSettings settings, TimeProvider clock) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mime = MimeMessages.Build(settings, message);
        mime.Date = clock.GetUtcNow();
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(settings.SmtpHost ?? throw new EmailDeliveryException("No SMTP host is configured."), settings.SmtpPort, Security(), cancellationToken);
            if (!string.IsNullOrEmpty(settings.SmtpUser))
            {
                await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken);
            }
            await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            throw new EmailDeliveryException($"The mail server refused the message: {ex.Message}", ex, permanent: true);
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException
            or AuthenticationException or IOException or System.Net.Sockets.SocketException)
        {
            throw new EmailDeliveryException($"The mail server refused or dropped the message: {ex.Message}", ex);
        }
    }

    private SecureSocketOptions Security() => settings.SmtpSecurity switch
    {
        "none" => SecureSocketOptions.None,
        "tls" => SecureSocketOptions.SslOnConnect,
        "starttls" => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.Auto,
    };
}
