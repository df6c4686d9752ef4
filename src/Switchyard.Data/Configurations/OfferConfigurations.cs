using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Offers;
using Switchyard.Domain.Orders;

namespace Switchyard.Data.Configurations;

internal sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> b)
    {
        b.ToTable("offers");
        b.HasKey(o => o.Id);
        b.Property(o => o.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.ErrorCode).HasMaxLength(50);
        b.Property(o => o.TermSet).HasMaxLength(40);
        b.Property(o => o.CurrencyCode).HasMaxLength(3);
        b.Property(o => o.CustomerOrgId).HasMaxLength(18);
        b.Property(o => o.RecipientEmail).HasMaxLength(254);
        b.Property(o => o.BillingEmail).HasMaxLength(254);
        b.Property(o => o.AcceptedBy).HasMaxLength(254);
        b.Property(o => o.PartnerPo).HasMaxLength(200);
        b.Property(o => o.CustomerPo).HasMaxLength(200);
        b.Property(o => o.Opportunity).HasMaxLength(200);
        b.Property(o => o.Terms).HasMaxLength(Offer.MaxTermsLength);
        b.Property(o => o.RejectionReason).HasMaxLength(Offer.MaxReasonLength);
        b.Ignore(o => o.Currency);
        b.Ignore(o => o.Subtotal);
        b.Ignore(o => o.EffectiveBillingEmail);
        b.Ignore(o => o.ErrorNeedsOperator);
        b.Ignore(o => o.Proration);
        b.HasOne<Customer>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OfferId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(o => o.Items).HasField("_items").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        b.HasIndex(o => new { o.PartnerId, o.Status });
        b.HasIndex(o => new { o.CustomerOrgId, o.Status });
        // The expiry worker looks for sent offers past their valid-until day (OFF-13).
        b.HasIndex(o => new { o.Status, o.ValidUntil });
    }
}

internal sealed class OfferItemConfiguration : IEntityTypeConfiguration<OfferItem>
{
    public void Configure(EntityTypeBuilder<OfferItem> b)
    {
        b.ToTable("offer_items");
        b.HasKey(i => i.Id);
        b.Property(i => i.ProductName).HasMaxLength(200);
        b.Property(i => i.PartnerPo).HasMaxLength(200);
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("orders");
        b.HasKey(o => o.Id);
        b.Property(o => o.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.FailedFrom).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.ErrorCode).HasMaxLength(50);
        b.Property(o => o.CurrencyCode).HasMaxLength(3);
        b.Property(o => o.CustomerOrgId).HasMaxLength(18);
        b.Property(o => o.BillingEmail).HasMaxLength(254);
        b.Property(o => o.PartnerPo).HasMaxLength(200);
        b.Property(o => o.CustomerPo).HasMaxLength(200);
        b.Ignore(o => o.Currency);
        b.Ignore(o => o.Subtotal);
        b.Ignore(o => o.IsActive);
        b.HasOne<Offer>().WithOne().HasForeignKey<Order>(o => o.OfferId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => o.OfferId).IsUnique();
        b.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(o => o.Items).HasField("_items").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        b.HasMany(o => o.Transactions).WithOne().HasForeignKey(t => t.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(o => o.Transactions).HasField("_transactions").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        b.HasIndex(o => new { o.PartnerId, o.Status });
        b.HasIndex(o => new { o.CustomerOrgId, o.Status });
        // The transition worker finds due orders by status and date (ORD-1, ORD-5).
        b.HasIndex(o => new { o.Status, o.StartDate });
        b.HasIndex(o => new { o.Status, o.EndDate });
        // Creating an offer looks for the customer's latest initial (else add-on) order with this partner (OFF-1):
        // one backward index probe per type, however many orders the customer has.
        b.HasIndex(o => new { o.CustomerOrgId, o.PartnerId, o.Type, o.EndDate });
    }
}

internal sealed class OrderItemConfiguration : IEntityTypeConfiguration<OrderItem>
{
    public void Configure(EntityTypeBuilder<OrderItem> b)
    {
        b.ToTable("order_items");
        b.HasKey(i => i.Id);
        b.Property(i => i.ProductName).HasMaxLength(200);
        b.Property(i => i.PartnerPo).HasMaxLength(200);
        b.OwnsMany(i => i.Licenses, l =>
        {
            l.ToTable("order_item_licenses");
            l.WithOwner().HasForeignKey("OrderItemId");
            l.Property<int>("Id");
            l.HasKey("Id");
            l.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            l.Property(x => x.ExternalId).HasMaxLength(18);
        });
        b.Navigation(i => i.Licenses).HasField("_licenses").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class OrderTransactionConfiguration : IEntityTypeConfiguration<OrderTransaction>
{
    public void Configure(EntityTypeBuilder<OrderTransaction> b)
    {
        b.ToTable("order_transactions");
        b.HasKey(t => t.Id);
        b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(t => t.Description).HasMaxLength(500);
        b.Property(t => t.Reference).HasMaxLength(100);
    }
}

internal sealed class LicenseGrantConfiguration : IEntityTypeConfiguration<LicenseGrant>
{
    public void Configure(EntityTypeBuilder<LicenseGrant> b)
    {
        b.ToTable("license_grants");
        b.HasKey(g => g.Id);
        b.Property(g => g.CustomerOrgId).HasMaxLength(18);
        b.Property(g => g.LicenseKind).HasConversion<string>().HasMaxLength(20);
        b.Property(g => g.LicenseExternalId).HasMaxLength(18);
        b.HasIndex(g => new { g.CustomerOrgId, g.FromDate, g.ToDate });
        b.HasIndex(g => g.OrderId);
    }
}
