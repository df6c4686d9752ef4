using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.Domain.ChannelMigration;
using Switchyard.Domain.Legacy;

namespace Switchyard.Data.Configurations;

internal sealed class LegacyServiceOrderConfiguration : IEntityTypeConfiguration<LegacyServiceOrder>
{
    public const string Table = "legacy_service_orders";

    public void Configure(EntityTypeBuilder<LegacyServiceOrder> b)
    {
        b.ToTable(Table);
        b.HasKey(o => o.Id);
        b.Property(o => o.ExternalId).HasMaxLength(LegacyServiceOrder.MaxExternalIdLength);
        b.Property(o => o.CustomerOrgId).HasMaxLength(18);
        b.Property(o => o.CustomerName).HasMaxLength(200);
        b.Property(o => o.CatalogEntryId).HasMaxLength(40);
        b.Property(o => o.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.CurrencyCode).HasMaxLength(3);
        b.Property(o => o.MigrationId).HasMaxLength(40);
        b.Ignore(o => o.IsContract);
        b.Ignore(o => o.IsActivatedCancellation);
        b.Ignore(o => o.IsPendingCancellation);
        // LEG-3: one row per (partner, external id), whatever the number of imports or crashes.
        b.HasIndex(o => new { o.PartnerId, o.ExternalId }).IsUnique();
        b.HasIndex(o => new { o.PartnerId, o.CustomerOrgId, o.CatalogEntryId });
    }
}

internal sealed class LegacyImportConfiguration : IEntityTypeConfiguration<LegacyImport>
{
    public void Configure(EntityTypeBuilder<LegacyImport> b)
    {
        b.ToTable("legacy_imports");
        b.HasKey(i => i.Id);
        b.Property(i => i.Format).HasMaxLength(10);
        b.Property(i => i.FileSha256).HasMaxLength(64);
        b.Property(i => i.SourcePartner).HasMaxLength(200);
    }
}

internal sealed class MigrationConfiguration : IEntityTypeConfiguration<Migration>
{
    public void Configure(EntityTypeBuilder<Migration> b)
    {
        b.ToTable("channel_migrations");
        b.HasKey(m => m.Id);
        b.Property(m => m.CustomerOrgId).HasMaxLength(18);
        b.Property(m => m.CatalogEntryId).HasMaxLength(40);
        b.Property(m => m.Path).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.State).HasConversion<string>().HasMaxLength(30);
        b.Property(m => m.LegacyOrderId).HasMaxLength(40);
        b.Property(m => m.CancellationOrderId).HasMaxLength(40);
        b.Property(m => m.OfferId).HasMaxLength(40);
        b.Property(m => m.OrderId).HasMaxLength(40);
        b.Property(m => m.FailureCode).HasMaxLength(50);
        b.Ignore(m => m.IsFinished);
        b.HasIndex(m => new { m.PartnerId, m.State });
        b.HasIndex(m => new { m.CustomerOrgId, m.CatalogEntryId });
        // TIM-2: the runner looks for unfinished migrations.
        b.HasIndex(m => m.State);
    }
}
