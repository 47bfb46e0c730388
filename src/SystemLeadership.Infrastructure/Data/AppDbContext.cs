using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Auditing;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Evidence;
using SystemLeadership.Domain.Messaging;
using SystemLeadership.Domain.Schools;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Infrastructure.Data;

/// <summary>
/// One context per operation (IDbContextFactory in Blazor Server), rented from <see cref="AppDbContextPool"/>. The
/// tenant is fixed when the context is made or rented, and cleared when it is given back:
/// lock 1 is the global query filter below, lock 2 the row-level-security policies, whose settings the interceptor makes in each transaction.
/// It also holds the data-protection key ring (<see cref="DataProtectionKeys"/>): a global table like the Identity ones.
/// </summary>
public class AppDbContext : IdentityDbContext<ApplicationUser>, IDataProtectionKeyContext
{
    // Not public: the pool needs its one public constructor to be the options-only one.
    internal AppDbContext(DbContextOptions<AppDbContext> options, TenantContext tenant) : base(options) => Enter(tenant);

    /// <summary>For <see cref="AppDbContextPool"/>: made with no tenant, so it sees no tenant-owned row until it is rented.</summary>
    public AppDbContext(DbContextOptions<AppDbContext> options) : base(options) => Enter(NoTenant);

    private static readonly TenantContext NoTenant = new();

    public Guid? TenantId { get; private set; }
    public string? UserId { get; private set; }
    /// <summary>The College's national register: read (never write) designations of every tenant. See RowLevelSecurity.</summary>
    public bool NationalRead { get; private set; }

    /// <summary>Rented from <see cref="AppDbContextPool"/>: given back on disposal, to be handed to someone else.</summary>
    internal bool FromPool { get; private set; }

    /// <summary>Fixes whom this context works for: when it is made, or each time the pool hands it out.</summary>
    internal void Enter(TenantContext tenant, bool fromPool = false)
    {
        FromPool = fromPool;
        TenantId = tenant.TenantId;
        UserId = tenant.UserId;
        NationalRead = tenant.NationalRead;
        // Even a single-statement save runs in a transaction, which the interceptor opens with the tenant set.
        // (Set again on each rent: the pool puts the context's settings back to their defaults on return.)
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
    }

    /// <summary>Given back (to the pool, or for good): it keeps no tenant, no person, and no mark of an earlier write.</summary>
    private void Leave()
    {
        TenantId = null;
        UserId = null;
        NationalRead = false;
        WritesNeverRetried.Forget(this);
    }

    // A second disposal by the same holder, before anyone rents the context again, gives nothing back: EF's lease is
    // spent by the first (ContextPoolTests). One after someone has rented it again would give back theirs, so a pooled
    // context is disposed by its one holder only, once.
    public override void Dispose()
    {
        Leave();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override async ValueTask DisposeAsync()
    {
        Leave();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    // Guid.Empty matches no tenant, so a context made with no tenant sees no tenant-owned rows.
    private Guid FilterTenantId => TenantId ?? Guid.Empty;

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<School> Schools => Set<School>();
    public DbSet<DesignationApplication> Applications => Set<DesignationApplication>();
    public DbSet<Reference> References => Set<Reference>();
    public DbSet<Designation> Designations => Set<Designation>();
    public DbSet<Scheme> Schemes => Set<Scheme>();
    public DbSet<Interview> Interviews => Set<Interview>();
    public DbSet<Domain.LeaderDirectory.DirectoryListing> DirectoryListings => Set<Domain.LeaderDirectory.DirectoryListing>();
    public DbSet<Panellist> Panellists => Set<Panellist>();
    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<OutboxEmail> Outbox => Set<OutboxEmail>();
    /// <summary>The keys that protect sign-in cookies and antiforgery tokens, shared by every node and kept over restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<ApplicationUser>().Property(u => u.FullName).HasMaxLength(200);

        builder.Entity<Tenant>(e =>
        {
            e.ToTable("Tenants");
            e.HasIndex(t => t.Slug).IsUnique();
            e.Property(t => t.Name).HasMaxLength(200);
            e.Property(t => t.Slug).HasMaxLength(60);
        });

        builder.Entity<Membership>(e =>
        {
            e.ToTable("Memberships");
            e.HasKey(m => new { m.TenantId, m.Id });
            e.HasIndex(m => new { m.TenantId, m.UserId }).IsUnique();
            e.HasIndex(m => m.UserId);
            e.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId);
            e.Property(m => m.UserId).HasMaxLength(450);
        });

        builder.Entity<School>(e =>
        {
            e.ToTable("Schools");
            e.HasKey(s => s.Urn);
            e.Property(s => s.Urn).ValueGeneratedNever();
            e.Property(s => s.Name).HasMaxLength(300);
            e.HasIndex(s => s.Name);
            // Where leaders' schools are, for the dashboards' breakdown by place, read from the index alone.
            e.HasIndex(s => s.Urn).IncludeProperties(s => new { s.Region, s.LaName }).HasDatabaseName("IX_Schools_Place");
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditEntries");
            e.HasKey(a => new { a.TenantId, a.Id });
            e.HasIndex(a => new { a.TenantId, a.EntityId, a.At });
            // The audit trail's page: the alliance's latest changes first.
            e.HasIndex(a => new { a.TenantId, a.At });
            e.Property(a => a.EntityType).HasMaxLength(60);
            e.Property(a => a.Action).HasMaxLength(100);
            e.Property(a => a.FromState).HasMaxLength(40);
            e.Property(a => a.ToState).HasMaxLength(40);
            e.Property(a => a.ActorUserId).HasMaxLength(450);
            e.Property(a => a.ActorName).HasMaxLength(256);
            e.Property(a => a.Detail).HasMaxLength(4000);
        });

        builder.Entity<OutboxEmail>(e =>
        {
            e.ToTable("OutboxEmails");
            e.HasIndex(o => new { o.SentAt, o.NextAttemptAt });
            e.Property(o => o.To).HasMaxLength(256);
            e.Property(o => o.Subject).HasMaxLength(300);
            e.Ignore(o => o.GaveUp);
            e.Ignore(o => o.InDoubt);
            e.Ignore(o => o.Sending);
            e.Ignore(o => o.CanSendAgain);
            e.Ignore(o => o.MessageId);
        });

        builder.Entity<DataProtectionKey>().ToTable("DataProtectionKeys");

        // Each feature keeps its own mappings (IEntityTypeConfiguration) beside its code.
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        foreach (var entity in builder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(entity.ClrType).HasQueryFilter(TenantFilter(entity.ClrType));
        }
    }

    private LambdaExpression TenantFilter(Type entityType)
    {
        // e => e.TenantId == this.FilterTenantId, with the field read per context instance.
        var e = Expression.Parameter(entityType, "e");
        var body = Expression.Equal(
            Expression.Property(e, nameof(ITenantOwned.TenantId)),
            Expression.Property(Expression.Constant(this), nameof(FilterTenantId)));
        return Expression.Lambda(body, e);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseWritesOutsideTenant();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseWritesOutsideTenant();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Lock 1 for writes: the database would refuse too (WITH CHECK), but failing here names the cause.
    private void RefuseWritesOutsideTenant()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && entry.Entity.TenantId != TenantId)
            {
                throw new CrossTenantWriteException(entry.Entity.GetType().Name);
            }
        }
    }
}

public sealed class CrossTenantWriteException(string entity)
    : InvalidOperationException($"Refused to write a {entity} that belongs to another tenant.");
