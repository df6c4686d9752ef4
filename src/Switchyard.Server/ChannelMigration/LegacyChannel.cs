using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Data.Outbox;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.ChannelMigration;
using Switchyard.Domain.Legacy;

namespace Switchyard.Server.ChannelMigration;

/// <summary>A cancellation a migration asks the legacy channel to make (MIG-5, MIG-6).</summary>
public sealed record LegacyCancellationRequest(
    string CancellationOrderId, string MigrationId, string PartnerId, string CustomerOrgId, string CatalogEntryId,
    string ContractOrderId, DateOnly ContractEnd, DateTimeOffset SubmittedAt);

/// <summary>The legacy order channel, as the migration steps reach it (only ever from the outbox, OPS-1).</summary>
public interface ILegacyChannel
{
    /// <summary>Submits a cancellation; the receiver keeps one per deduplication key.</summary>
    Task SubmitCancellationAsync(LegacyCancellationRequest request, string deduplicationKey, CancellationToken cancellationToken);
}

/// <summary>Where the default legacy channel drops its requests (SWITCHYARD_LEGACY_PICKUP).</summary>
public sealed record LegacyChannelSettings(string PickupDirectory)
{
    public static LegacyChannelSettings Read(IConfiguration config) =>
        new(config["SWITCHYARD_LEGACY_PICKUP"] is { Length: > 0 } dir ? dir : "legacy-pickup");
}

/// <summary>
/// The default legacy channel: each request becomes a JSON file in a pickup folder for the legacy
/// tool's batch upload, named after its deduplication key (delivered twice, it is still one file) and
/// written whole or not at all.
/// </summary>
public sealed class PickupDirectoryLegacyChannel(LegacyChannelSettings settings) : ILegacyChannel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task SubmitCancellationAsync(LegacyCancellationRequest request, string deduplicationKey, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.PickupDirectory);
        var name = "cancellation-" + string.Concat(deduplicationKey.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_')) + ".json";
        var temporary = Path.Combine(settings.PickupDirectory, $".{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(new { deduplicationKey, request }, Json), cancellationToken);
        File.Move(temporary, Path.Combine(settings.PickupDirectory, name), overwrite: true);
    }
}

/// <summary>
/// OPS-1, MIG-9: delivers the legacy cancellation a migration step wrote (in the same save as the step)
/// to the legacy channel, keyed by the cancellation order's id. The legacy channel only activates what it
/// received, so the migration waits for the delivery; when every attempt failed the cancellation is in
/// error and the migration failed, shown in the operator's error queue.
/// </summary>
public sealed class LegacyCancellationHandler(ILegacyChannel channel, TimeProvider clock) : Outbox.IOutboxHandler
{
    public const string Type = "legacy.cancellation";

    public string MessageType => Type;

    public string Label => "Legacy cancellation";

    public static void Enqueue(SwitchyardDb db, Migration migration, LegacyServiceOrder contract, LegacyServiceOrder cancellation) =>
        db.EnqueueOutbox(Type, cancellation.Id, new LegacyCancellationRequest(cancellation.Id, migration.Id, migration.PartnerId,
            contract.CustomerOrgId, contract.CatalogEntryId, contract.Id, contract.ContractEnd, cancellation.ReceivedAt), migration.PartnerId);

    /// <summary>True once the cancellation reached the legacy channel.</summary>
    public static Task<bool> DeliveredAsync(SwitchyardDb db, string cancellationOrderId, CancellationToken ct) =>
        db.OutboxMessages.AsNoTracking().AnyAsync(m => m.MessageType == Type && m.DeduplicationKey == cancellationOrderId && m.Status == OutboxStatus.Delivered, ct);

    public Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        channel.SubmitCancellationAsync(message.Read<LegacyCancellationRequest>(), Type + ":" + message.DeduplicationKey, cancellationToken);

    public async Task OnFailedAsync(SwitchyardDb db, OutboxMessage message, CancellationToken cancellationToken)
    {
        var request = message.Read<LegacyCancellationRequest>();
        var now = clock.GetUtcNow();
        var cancellation = await db.LegacyServiceOrders.SingleOrDefaultAsync(o => o.Id == request.CancellationOrderId, cancellationToken);
        cancellation?.MarkError();
        var migration = await db.Migrations.SingleOrDefaultAsync(m => m.Id == request.MigrationId, cancellationToken);
        if (migration is { State: MigrationState.CancellationSubmitted } && migration.Fail("legacyCancellationFailed", now).IsSuccess)
        {
            db.Audit.Describe(migration, AuditActions.MigrationFailed, message.LastError);
        }
    }
}
