namespace Switchyard.Server.Notifications;

/// <summary>The default sender: each message becomes an .eml file in the pickup folder, readable by any mail client.</summary>
public sealed class PickupDirectoryEmailSender(EmailSettings settings, TimeProvider clock) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mime = MimeMessages.Build(settings, message);
        mime.Date = clock.GetUtcNow();
        try
        {
            Directory.CreateDirectory(settings.PickupDirectory);
            var name = $"{clock.GetUtcNow():yyyyMMddTHHmmss}-{Guid.NewGuid():N}.eml";
            await mime.WriteToAsync(Path.Combine(settings.PickupDirectory, name), cancellationToken);
        }
        catch (IOException ex)
        {
            throw new EmailDeliveryException($"Could not write to the mail pickup folder '{settings.PickupDirectory}'.", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new EmailDeliveryException($"No permission to write to the mail pickup folder '{settings.PickupDirectory}'.", ex);
        }
    }
}
