using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchyard.Domain.PlanMigration;

namespace Switchyard.Data.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.ToTable("accounts");
        b.HasKey(a => a.Id);
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.NormalisedName).HasMaxLength(260);
        b.Property(a => a.Plan).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.CurrencyCode).HasMaxLength(3);
        b.Property(a => a.CompanyName).HasMaxLength(200);
        b.Property(a => a.VatNumber).HasMaxLength(30);
        b.Property(a => a.MarketplacePage).HasMaxLength(300);
        b.Property(a => a.ContactEmail).HasMaxLength(254);
        b.Property(a => a.SourceAccountId).HasMaxLength(40);
        b.Ignore(a => a.Currency);
        b.Ignore(a => a.OutstandingDebt);
        b.Ignore(a => a.IsMarkedMigrated);
        b.HasIndex(a => a.NormalisedName);
        b.HasIndex(a => new { a.Status, a.Plan });
        b.HasIndex(a => a.SourceAccountId);
    }
}

internal sealed class PlanMigrationRequestConfiguration : IEntityTypeConfiguration<PlanMigrationRequest>
{
    public void Configure(EntityTypeBuilder<PlanMigrationRequest> b)
    {
        b.ToTable("plan_migration_requests");
        b.HasKey(r => r.Id);
        b.Property(r => r.AccountId).HasMaxLength(40);
        b.Property(r => r.AccountName).HasMaxLength(200);
        b.Property(r => r.TargetAccountId).HasMaxLength(40);
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.SourcePlan).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.TargetPlan).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.ContentSheet).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Title).HasMaxLength(100);
        b.Property(r => r.Description).HasMaxLength(PlanMigrationRequest.MaxDescription);
        b.Property(r => r.CurrencyCode).HasMaxLength(3);
        b.Property(r => r.CompanyName).HasMaxLength(200);
        b.Property(r => r.VatNumber).HasMaxLength(30);
        b.Property(r => r.RejectionReasons).HasMaxLength(PlanMigrationRequest.MaxReasons);
        b.Property(r => r.ReviewedBy).HasMaxLength(300);
        b.Property(r => r.CreatedBy).HasMaxLength(300);
        b.Property(r => r.BatchId).HasMaxLength(60);
        b.Ignore(r => r.SetupFee);
        b.Ignore(r => r.IsOpen);
        b.Ignore(r => r.ReviewName);
        b.Ignore(r => r.WaitsOn);
        b.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Checklist).WithOne().HasForeignKey(i => i.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Checklist).HasField("_checklist").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        b.HasMany(r => r.Tasks).WithOne().HasForeignKey(t => t.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Tasks).HasField("_tasks").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        b.HasIndex(r => new { r.AccountId, r.State });
        b.HasIndex(r => new { r.State, r.CreatedAt });
        b.HasIndex(r => r.BatchId);
    }
}

internal sealed class ChecklistItemConfiguration : IEntityTypeConfiguration<ChecklistItem>
{
    public void Configure(EntityTypeBuilder<ChecklistItem> b)
    {
        b.ToTable("plan_migration_checklist_items");
        b.HasKey(i => i.Id);
        b.Property(i => i.RequestId).HasMaxLength(40);
        b.Property(i => i.Key).HasMaxLength(40);
        b.Property(i => i.Label).HasMaxLength(200);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Explanation).HasMaxLength(ChecklistItem.MaxExplanation);
        b.Ignore(i => i.IsDone);
        b.HasIndex(i => new { i.RequestId, i.Key }).IsUnique();
    }
}

internal sealed class MigrationTaskConfiguration : IEntityTypeConfiguration<MigrationTask>
{
    public void Configure(EntityTypeBuilder<MigrationTask> b)
    {
        b.ToTable("plan_migration_tasks");
        b.HasKey(t => t.Id);
        b.Property(t => t.RequestId).HasMaxLength(40);
        b.Property(t => t.AccountName).HasMaxLength(200);
        b.Property(t => t.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(t => t.Team).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Title).HasMaxLength(300);
        b.Property(t => t.DependsOn).HasMaxLength(300);
        b.Property(t => t.Evidence).HasMaxLength(MigrationTask.MaxEvidence);
        b.Property(t => t.CompletedBy).HasMaxLength(300);
        b.Ignore(t => t.Dependencies);
        b.HasIndex(t => new { t.Team, t.Status, t.CreatedAt });
    }
}

internal sealed class TrainingDayConfiguration : IEntityTypeConfiguration<TrainingDay>
{
    public void Configure(EntityTypeBuilder<TrainingDay> b)
    {
        b.ToTable("training_days");
        b.HasKey(d => d.Id);
        b.Ignore(d => d.Free);
        b.HasIndex(d => d.Date).IsUnique();
        b.ToTable(t => t.HasCheckConstraint("ck_training_days_booked", "\"Booked\" >= 0 AND \"Booked\" <= \"Capacity\""));
    }
}
