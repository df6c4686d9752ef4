using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Server.Notifications;

namespace Switchyard.Api.Tests.Notifications;

/// <summary>
/// Both senders honour the IEmailSender contract: a message reaches its recipients with a text and an
/// HTML part, and a failure surfaces as EmailDeliveryException (which marks an offer deliveryFailed).
/// </summary>
public class EmailSenderContractTests
{
    private static readonly EmailMessage Message = new(
        ["billing@globex.example", "ap@globex.example"], "Your offer from Acme",
        "Open https://switchyard.local/o/1", "<p>Open <a href=\"https://switchyard.local/o/1\">the offer</a></p>");

    private static readonly TimeProvider Clock = TimeProvider.System;

    [Fact]
    [Trait("rule", "OFF-14")]
    public async Task Smtp_DeliversToEveryRecipient_WithTextAndHtml_OFF14()
    {
        await using var server = new SmtpRecorder();
        var sender = new SmtpEmailSender(new EmailSettings { SmtpHost = "127.0.0.1", SmtpPort = server.Port, SmtpSecurity = "none" }, Clock);

        await sender.SendAsync(Message, CancellationToken.None);

        var (recipients, data) = Assert.Single(server.Received);
        Assert.Equal(["billing@globex.example", "ap@globex.example"], recipients);
        Assert.Contains("Subject: Your offer from Acme", data, StringComparison.Ordinal);
        Assert.Contains("text/plain", data, StringComparison.Ordinal);
        Assert.Contains("text/html", data, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("rule", "OFF-10")]
    public async Task Smtp_RefusedRecipient_ThrowsDeliveryFailure_OFF10()
    {
        await using var server = new SmtpRecorder(refuseRecipients: true);
        var sender = new SmtpEmailSender(new EmailSettings { SmtpHost = "127.0.0.1", SmtpPort = server.Port, SmtpSecurity = "none" }, Clock);

        await Assert.ThrowsAsync<EmailDeliveryException>(() => sender.SendAsync(Message, CancellationToken.None));
    }

    [Fact]
    [Trait("rule", "OFF-10")]
    public async Task Smtp_NoServerListening_ThrowsDeliveryFailure_OFF10()
    {
        int port;
        await using (var server = new SmtpRecorder())
        {
            port = server.Port;
        }
        var sender = new SmtpEmailSender(new EmailSettings { SmtpHost = "127.0.0.1", SmtpPort = port, SmtpSecurity = "none" }, Clock);

        await Assert.ThrowsAsync<EmailDeliveryException>(() => sender.SendAsync(Message, CancellationToken.None));
    }

    [Fact]
    [Trait("rule", "OFF-14")]
    public async Task Pickup_WritesOneEmlFileWithBothParts_OFF14()
    {
        var folder = Path.Combine(Path.GetTempPath(), "switchyard-pickup-" + Guid.NewGuid().ToString("N"));
        try
        {
            var sender = new PickupDirectoryEmailSender(new EmailSettings { PickupDirectory = folder }, Clock);
            await sender.SendAsync(Message, CancellationToken.None);

            var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
            var text = await File.ReadAllTextAsync(file);
            Assert.Contains("billing@globex.example", text, StringComparison.Ordinal);
            Assert.Contains("text/html", text, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    [Trait("rule", "OFF-10")]
    public async Task Pickup_InvalidRecipient_ThrowsDeliveryFailure_OFF10()
    {
        var sender = new PickupDirectoryEmailSender(new EmailSettings { PickupDirectory = Path.GetTempPath() }, Clock);
        await Assert.ThrowsAsync<EmailDeliveryException>(() =>
            sender.SendAsync(Message with { To = ["not an address"] }, CancellationToken.None));
    }
}
