using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.Data.Outbox;
using Switchyard.Domain.Access;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Catalog;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Partners;

namespace Switchyard.Data.Configurations;

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> b)
    {
        b.ToTable("partners");
        b.HasKey(p => p.Id);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.PaymentStatus).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.PaymentProvider).HasMaxLength(20);
        b.Property(p => p.PaymentAccountRef).HasMaxLength(255);
        // ONB-2: a provider's account events find their partner by the account id.
        b.HasIndex(p => p.PaymentAccountRef);
        b.Ignore(p => p.Details);
        b.Ignore(p => p.IsApproved);
        b.Ignore(p => p.CanSendOffers);
        b.HasIndex(p => p.Status);
    }
}

internal sealed class CatalogEntryConfiguration : IEntityTypeConfiguration<CatalogEntry>
{
    public void Configure(EntityTypeBuilder<CatalogEntry> b)
    {
        b.ToTable("catalog_entries");
        b.HasKey(e => e.Id);
        b.Property(e => e.Name).HasMaxLength(200);
        b.HasOne<Partner>().WithMany().HasForeignKey(e => e.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("products");
        b.HasKey(p => p.Id);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Ignore(p => p.CanBeSold);
        b.HasOne<CatalogEntry>().WithMany().HasForeignKey(p => p.CatalogEntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Licenses).WithOne().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Licenses).HasField("_licenses").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
    }
}

internal sealed class LicenseMappingConfiguration : IEntityTypeConfiguration<LicenseMapping>
{
    public void Configure(EntityTypeBuilder<LicenseMapping> b)
    {
        b.ToTable("license_mappings");
        b.HasKey(l => l.Id);
        b.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(l => l.ExternalId).HasMaxLength(18);
        b.Property(l => l.CanonicalId).HasMaxLength(18);
        b.HasIndex(l => new { l.ProductId, l.CanonicalId }).IsUnique();
    }
}

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.ToTable("customers");
        b.HasKey(c => c.Id);
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.OrgId).HasMaxLength(18);
        b.Property(c => c.ContactEmail).HasMaxLength(254);
        b.HasIndex(c => new { c.PartnerId, c.OrgId }).IsUnique();
    }
}

internal sealed class CustomerOrgConfiguration : IEntityTypeConfiguration<CustomerOrg>
{
    public void Configure(EntityTypeBuilder<CustomerOrg> b)
    {
        b.ToTable("customer_orgs");
        b.HasKey(o => o.Id);
        b.Property(o => o.Id).HasMaxLength(18);
        b.Property(o => o.Name).HasMaxLength(200);
        b.Property(o => o.BillingCountry).HasMaxLength(2);
    }
}

internal sealed class CustomerUserConfiguration : IEntityTypeConfiguration<CustomerUser>
{
    public void Configure(EntityTypeBuilder<CustomerUser> b)
    {
        b.ToTable("customer_users");
        b.HasKey(u => u.Id);
        b.Property(u => u.Email).HasMaxLength(254);
        b.HasIndex(u => new { u.OrgId, u.Email }).IsUnique();
        b.HasOne<CustomerOrg>().WithMany().HasForeignKey(u => u.OrgId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("api_keys");
        b.HasKey(k => k.Id);
        b.Property(k => k.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(k => k.Prefix).HasMaxLength(20);
        b.Property(k => k.Hash).HasMaxLength(64);
        b.Property(k => k.Permissions).HasMaxLength(200);
        b.Property(k => k.Name).HasMaxLength(200);
        b.HasIndex(k => k.Prefix).IsUnique();
        b.HasIndex(k => k.PartnerId);
        b.Ignore(k => k.PermissionList);
        b.Ignore(k => k.IsRevoked);
    }
}

internal sealed class ConsoleUserConfiguration : IEntityTypeConfiguration<ConsoleUser>
{
    public void Configure(EntityTypeBuilder<ConsoleUser> b)
    {
        b.ToTable("console_users");
        b.HasKey(u => u.Id);
        b.Property(u => u.Email).HasMaxLength(254);
        b.Property(u => u.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(u => u.Permissions).HasMaxLength(200);
        b.HasIndex(u => u.Email).IsUnique();
        b.HasIndex(u => u.InvitationHash);
        b.Ignore(u => u.PermissionList);
        b.Ignore(u => u.IsActive);
    }
}

internal sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> b)
    {
        b.ToTable("sign_in_throttles");
        b.HasKey(t => t.Id);
        b.Property(t => t.Email).HasMaxLength(254);
        b.HasIndex(t => t.Email).IsUnique();
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.HasKey(a => a.Id);
        b.Property(a => a.ObjectType).HasMaxLength(60);
        b.Property(a => a.Action).HasMaxLength(100);
        b.Property(a => a.Actor).HasMaxLength(300);
        b.HasIndex(a => new { a.ObjectId, a.At });
        b.HasIndex(a => a.PartnerId);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable("idempotency_records");
        b.HasKey(r => new { r.Owner, r.Key });
        b.Property(r => r.Owner).HasMaxLength(64);
        b.Property(r => r.Key).HasMaxLength(255);
        b.Property(r => r.RequestHash).HasMaxLength(64);
        b.HasIndex(r => r.CreatedAt);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).HasMaxLength(40);
        b.Property(m => m.MessageType).HasMaxLength(OutboxMessage.MaxTypeLength);
        b.Property(m => m.DeduplicationKey).HasMaxLength(OutboxMessage.MaxKeyLength);
        b.Property(m => m.PartnerId).HasMaxLength(40);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);
        // OPS-1: one message per key and type, whoever enqueues it.
        b.HasIndex(m => new { m.MessageType, m.DeduplicationKey }).IsUnique();
        // The runner looks for pending messages that are due; the error queue for failed ones.
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
    }
}

internal sealed class ProviderEventConfiguration : IEntityTypeConfiguration<Payments.ProviderEvent>
{
    public void Configure(EntityTypeBuilder<Payments.ProviderEvent> b)
    {
        b.ToTable("provider_events");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).HasMaxLength(Payments.ProviderEvent.MaxIdLength);
        b.Property(e => e.Provider).HasMaxLength(20);
        b.Property(e => e.Type).HasMaxLength(Payments.ProviderEvent.MaxTypeLength);
        b.Property(e => e.Outcome).HasMaxLength(Payments.ProviderEvent.MaxOutcomeLength);
        b.Property(e => e.PartnerId).HasMaxLength(40);
        b.HasIndex(e => e.ReceivedAt);
    }
}

internal sealed class ClockStateConfiguration : IEntityTypeConfiguration<ClockState>
{
    public void Configure(EntityTypeBuilder<ClockState> b)
    {
        b.ToTable("clock_state");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
    }
}
