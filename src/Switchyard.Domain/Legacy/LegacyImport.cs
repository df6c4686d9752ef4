using Switchyard.Domain.Common;

namespace Switchyard.Domain.Legacy;

/// <summary>
/// LEG-2, LEG-3: the record of one applied import of legacy service orders, with its counts and the
/// file's SHA-256; its creation is the import's single audit entry (AUD-1).
/// </summary>
public sealed class LegacyImport : Entity<string>, IPartnerOwned, IAudited
{
    private LegacyImport() { }

    public string PartnerId { get; private set; } = "";
    public string Format { get; private set; } = "";
    public int Rows { get; private set; }
    public int Created { get; private set; }
    public int Updated { get; private set; }
    public int Unchanged { get; private set; }
    public string FileSha256 { get; private set; } = "";

    /// <summary>Set for a consolidation (LEG-4): the partner org whose export was merged.</summary>
    public string? SourcePartner { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static LegacyImport Record(string id, string partnerId, string format, int rows, int created, int updated, int unchanged,
        string sha256, string? sourcePartner, DateTimeOffset now) => new()
        {
            Id = id,
            PartnerId = partnerId,
            Format = format,
            Rows = rows,
            Created = created,
            Updated = updated,
            Unchanged = unchanged,
            FileSha256 = sha256,
            SourcePartner = sourcePartner,
            CreatedAt = now,
        };

    public static string NewId() => Ids.New(Ids.LegacyImport);
}
