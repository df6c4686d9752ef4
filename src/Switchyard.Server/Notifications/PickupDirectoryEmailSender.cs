namespace Switchyard.Server.Notifications;

/// <summary>
/// The default sender: each message becomes an .eml file in the pickup folder, readable by any mail client.
/// A message with a deduplication key is named after it (OPS-1: delivered twice, it is still one file) and
/// written whole or not at all (a temporary file renamed).
/// </summary>
public sealed class PickupDirectoryEmailSender(EmailSettings settings, TimeProvider clock) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mime = MimeMessages.Build(settings, message);
        mime.Date = clock.GetUtcNow();
        try
        {
            Directory.CreateDirectory(settings.PickupDirectory);
            var name = message.DeduplicationKey is { } key
                ? MimeMessages.StableId(key) + ".eml"
                : $"{clock.GetUtcNow():yyyyMMddTHHmmss}-{Guid.NewGuid():N}.eml";
            var temporary = Path.Combine(settings.PickupDirectory, $".{Guid.NewGuid():N}.tmp");
            await mime.WriteToAsync(temporary, cancellationToken);
            File.Move(temporary, Path.Combine(settings.PickupDirectory, name), overwrite: true);
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
