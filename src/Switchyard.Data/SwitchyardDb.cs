using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data.Auditing;
using Switchyard.Data.Outbox;
using Switchyard.Domain.Access;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Billing;
using Switchyard.Domain.Catalog;
using Switchyard.Domain.ChannelMigration;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Legacy;
using Switchyard.Domain.Offers;
using Switchyard.Domain.Orders;
using Switchyard.Domain.Partners;
using Switchyard.Domain.PlanMigration;

namespace Switchyard.Data;

/// <summary>
/// The one database. Applies the tenant filter to every partner-owned row (SEC-1), bumps the
/// concurrency version of every changed aggregate (SEC-4) and writes the audit trail (AUD-1) in the
/// same transaction as the change.
/// </summary>
/// <remarks>
/// Provider-specific subclasses exist only so each provider keeps its own migrations.
/// </remarks>
public abstract class SwitchyardDb : DbContext, IDataProtectionKeyContext
{
    /// <summary>A context for the system (migrations, tools); the server leases pooled ones per scope.</summary>
    protected SwitchyardDb(DbContextOptions options) : base(options)
    {
        Lease(DataScope.System(), TimeProvider.System);
    }

    public DataScope Scope { get; private set; }
    public AuditNotes Audit { get; private set; }
    protected TimeProvider Clock { get; private set; }

    /// <summary>
    /// Gives a (pooled, reused) context to one unit of work: whose data it may see, the server's clock and
    /// empty audit notes. EF Core resets its own state when a context returns to the pool; this is ours.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Scope), nameof(Audit), nameof(Clock))]
    public void Lease(DataScope scope, TimeProvider clock)
    {
        Scope = scope;
        Clock = clock;
        Audit = new AuditNotes();
    }

    /// <summary>Read by the query filters; null shows every tenant.</summary>
    internal string? TenantId => Scope.PartnerId;

    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<CatalogEntry> CatalogEntries => Set<CatalogEntry>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<LicenseMapping> LicenseMappings => Set<LicenseMapping>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<CustomerOrg> CustomerOrgs => Set<CustomerOrg>();
    public DbSet<CustomerUser> CustomerUsers => Set<CustomerUser>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ConsoleUser> ConsoleUsers => Set<ConsoleUser>();
    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();
    public DbSet<Offer> Offers => Set<Offer>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<LicenseGrant> LicenseGrants => Set<LicenseGrant>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<ClockState> ClockStates => Set<ClockState>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<PlanMigrationRequest> PlanMigrationRequests => Set<PlanMigrationRequest>();
    public DbSet<MigrationTask> PlanMigrationTasks => Set<MigrationTask>();
    public DbSet<TrainingDay> TrainingDays => Set<TrainingDay>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<CreditNote> CreditNotes => Set<CreditNote>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<Payout> Payouts => Set<Payout>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<InvoiceSequence> InvoiceSequences => Set<InvoiceSequence>();

    /// <summary>OPS-1: side effects waiting to leave the database (see <see cref="OutboxEnqueue"/>).</summary>
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Payments.ProviderEvent> ProviderEvents => Set<Payments.ProviderEvent>();
    public DbSet<LegacyServiceOrder> LegacyServiceOrders => Set<LegacyServiceOrder>();
    public DbSet<LegacyImport> LegacyImports => Set<LegacyImport>();
    public DbSet<Migration> Migrations => Set<Migration>();

    /// <summary>
    /// The key ring that protects console cookies and antiforgery tokens, shared by every server
    /// instance over this database and kept across restarts.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Conventions shared by both providers; a provider's context adds its own and calls this first.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        Conventions.TypedIdConversion.Apply(configurationBuilder);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SwitchyardDb).Assembly);

        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            var clr = entityType.ClrType;
            if (typeof(Entity).IsAssignableFrom(clr) && entityType.BaseType is null)
            {
                modelBuilder.Entity(clr).Property(nameof(Entity.Version)).IsConcurrencyToken();
            }
            if (typeof(IPartnerOwned).IsAssignableFrom(clr) && entityType.BaseType is null)
            {
                modelBuilder.Entity(clr).HasQueryFilter(TenantFilter(clr, nameof(IPartnerOwned.PartnerId)));
                modelBuilder.Entity(clr).HasIndex(nameof(IPartnerOwned.PartnerId));
            }
        }
        modelBuilder.Entity<Partner>().HasQueryFilter(p => TenantId == null || p.Id == TenantId);
        modelBuilder.Entity<AuditEntry>().HasQueryFilter(a => TenantId == null || a.PartnerId == TenantId);
        modelBuilder.Entity<ApiKey>().HasQueryFilter(k => TenantId == null || k.PartnerId == TenantId);
    }

    /// <summary>Synchronous saves exist for framework stores (the data-protection key ring); the app saves asynchronously.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // The audit trail is written in the same save as the change, so both commit or fail together.
    private void PrepareSave()
    {
        ChangeTracker.DetectChanges();
        var now = Clock.GetUtcNow();
        var audit = AuditRecorder.Collect(ChangeTracker, Scope, Audit, now);
        BumpVersions();
        StampOutbox(now);
        AuditEntries.AddRange(audit);
        Audit.Clear();
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<Entity>())
        {
            var version = entry.Property(e => e.Version);
            if (entry.State == EntityState.Added)
            {
                version.CurrentValue = 1;
            }
            else if (entry.State == EntityState.Modified)
            {
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }

    // OPS-1: a message enqueued in this save is due now, by the server's clock (the manual one included).
    private void StampOutbox(DateTimeOffset now)
    {
        foreach (var entry in ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added))
        {
            if (entry.Entity.CreatedAt == default)
            {
                entry.Entity.CreatedAt = now;
                entry.Entity.NextAttemptAt = now;
            }
        }
    }

    // e => TenantId == null || e.PartnerId == TenantId, built per entity type.
    private LambdaExpression TenantFilter(Type clr, string property)
    {
        var parameter = Expression.Parameter(clr, "e");
        var tenant = Expression.Property(Expression.Constant(this), nameof(TenantId));
        var body = Expression.OrElse(
            Expression.Equal(tenant, Expression.Constant(null, typeof(string))),
            Expression.Equal(Expression.Property(parameter, property), tenant));
        return Expression.Lambda(body, parameter);
    }
}
