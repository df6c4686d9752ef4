using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.Domain.Billing;
using Switchyard.Domain.Orders;
using Switchyard.Domain.Partners;

namespace Switchyard.Data.Configurations;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> b)
    {
        b.ToTable("invoices");
        b.HasKey(i => i.Id);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.CurrencyCode).HasMaxLength(3);
        b.Property(i => i.CustomerOrgId).HasMaxLength(18);
        b.Property(i => i.CustomerName).HasMaxLength(200);
        b.Property(i => i.BillingEmail).HasMaxLength(254);
        b.Property(i => i.PartnerPo).HasMaxLength(200);
        b.Property(i => i.CustomerPo).HasMaxLength(200);
        b.Property(i => i.TaxCountry).HasMaxLength(2);
        b.Property(i => i.TaxRatePercent).HasConversion(PercentConverter.Instance);
        b.Ignore(i => i.Currency);
        b.Ignore(i => i.Subtotal);
        b.Ignore(i => i.Tax);
        b.Ignore(i => i.Total);
        b.Ignore(i => i.Paid);
        b.Ignore(i => i.Credited);
        b.Ignore(i => i.AmountDue);
        b.Ignore(i => i.DisplayNumber);
        b.HasOne<Partner>().WithMany().HasForeignKey(i => i.PartnerId).OnDelete(DeleteBehavior.Restrict);
        // BIL-1: an order is invoiced exactly once.
        b.HasOne<Order>().WithOne().HasForeignKey<Invoice>(i => i.OrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => i.OrderId).IsUnique();
        // BIL-1: one number per partner, never reused.
        b.HasIndex(i => new { i.PartnerId, i.Number }).IsUnique();
        b.HasIndex(i => new { i.CustomerOrgId, i.Status });
        b.HasIndex(i => new { i.Status, i.DueDate });
        b.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(i => i.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> b)
    {
        b.ToTable("invoice_lines");
        b.HasKey(l => l.Id);
        b.Property(l => l.ProductName).HasMaxLength(200);
    }
}

internal sealed class CreditNoteConfiguration : IEntityTypeConfiguration<CreditNote>
{
    public void Configure(EntityTypeBuilder<CreditNote> b)
    {
        b.ToTable("credit_notes");
        b.HasKey(c => c.Id);
        b.Property(c => c.CurrencyCode).HasMaxLength(3);
        b.Property(c => c.CustomerOrgId).HasMaxLength(18);
        b.Property(c => c.Reason).HasMaxLength(500);
        b.Ignore(c => c.Amount);
        b.HasOne<Invoice>().WithMany().HasForeignKey(c => c.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.ToTable("payments");
        b.HasKey(p => p.Id);
        b.Property(p => p.CurrencyCode).HasMaxLength(3);
        b.Property(p => p.Reference).HasMaxLength(200);
        b.Ignore(p => p.Amount);
        b.HasOne<Invoice>().WithMany().HasForeignKey(p => p.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Payout>().WithMany().HasForeignKey(p => p.PayoutId).OnDelete(DeleteBehavior.Restrict);
        // BIL-4: the payout worker finds what is not yet paid out.
        b.HasIndex(p => new { p.PayoutId, p.ReceivedOn });
    }
}

internal sealed class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> b)
    {
        b.ToTable("payouts");
        b.HasKey(p => p.Id);
        b.Property(p => p.CurrencyCode).HasMaxLength(3);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.FeePercent).HasConversion(PercentConverter.Instance);
        b.Property(p => p.ProviderReference).HasMaxLength(200);
        b.Ignore(p => p.Currency);
        b.Ignore(p => p.Gross);
        b.Ignore(p => p.Fee);
        b.Ignore(p => p.Net);
        b.HasIndex(p => p.Status);
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        b.ToTable("ledger_entries");
        b.HasKey(e => e.Id);
        b.Property(e => e.CurrencyCode).HasMaxLength(3);
        b.Property(e => e.Kind).HasMaxLength(40);
        b.Property(e => e.Reference).HasMaxLength(40);
        b.Ignore(e => e.IsBalanced);
        b.HasIndex(e => e.Reference);
        b.OwnsMany(e => e.Lines, l =>
        {
            l.ToTable("ledger_lines");
            l.WithOwner().HasForeignKey("EntryId");
            l.Property<int>("Id");
            l.HasKey("Id");
            l.Property(x => x.Account).HasConversion<string>().HasMaxLength(20);
        });
        b.Navigation(e => e.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class InvoiceSequenceConfiguration : IEntityTypeConfiguration<InvoiceSequence>
{
    public void Configure(EntityTypeBuilder<InvoiceSequence> b)
    {
        b.ToTable("invoice_sequences");
        b.HasKey(s => s.Id);
    }
}
