using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Reimbursement;

namespace SystemLeadership.Infrastructure.Brokerage;

// Networks (003 §2, §6): the networks and their members (national), invitations, the pool, partners' asks and claims paid
// through a home alliance (each owned by one tenant, keyed (TenantId, Id), states as text, xmin as the concurrency token).

internal sealed class LeaderNetworkMapping : IEntityTypeConfiguration<LeaderNetwork>
{
    public void Configure(EntityTypeBuilder<LeaderNetwork> e)
    {
        e.ToTable("LeaderNetworks");
        e.Property(x => x.Name).HasMaxLength(200);
        e.HasOne<SystemLeadership.Domain.Tenancy.Tenant>().WithMany().HasForeignKey(x => x.FoundedByTenantId);
    }
}

internal sealed class NetworkInvitationMapping : IEntityTypeConfiguration<NetworkInvitation>
{
    public void Configure(EntityTypeBuilder<NetworkInvitation> e)
    {
        e.ToTable("NetworkInvitations");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.InvitedTenantId, x.State });
        e.HasIndex(x => new { x.TenantId, x.NetworkId });
        e.HasOne<LeaderNetwork>().WithMany().HasForeignKey(x => x.NetworkId);
        e.HasOne<SystemLeadership.Domain.Tenancy.Tenant>().WithMany().HasForeignKey(x => x.TenantId);
        e.HasOne<SystemLeadership.Domain.Tenancy.Tenant>().WithMany().HasForeignKey(x => x.InvitedTenantId);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        foreach (var p in new[] { nameof(NetworkInvitation.InvitedByName), nameof(NetworkInvitation.NetworkName), nameof(NetworkInvitation.InvitedTenantName),
                     nameof(NetworkInvitation.InvitedByUserName), nameof(NetworkInvitation.AnsweredByName) })
            e.Property(p).HasMaxLength(200);
        e.Property(x => x.Version).IsRowVersion();
    }
}

internal sealed class PoolAskMapping : IEntityTypeConfiguration<PoolAsk>
{
    public void Configure(EntityTypeBuilder<PoolAsk> e)
    {
        e.ToTable("PoolAsks");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.ProposalId }).IsUnique();
        e.HasIndex(x => new { x.TenantId, x.State });
        e.HasOne<LeaderProfile>().WithMany().HasForeignKey(x => new { x.TenantId, x.LeaderProfileId });
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        foreach (var p in new[] { nameof(PoolAsk.PartnerName), nameof(PoolAsk.LeaderName), nameof(PoolAsk.DecidedByName) }) e.Property(p).HasMaxLength(200);
        e.Property(x => x.SupportedSchoolName).HasMaxLength(300);
        e.Property(x => x.Note).HasMaxLength(4000);
        e.Property(x => x.Version).IsRowVersion();
    }
}

internal sealed class NetworkMemberMapping : IEntityTypeConfiguration<NetworkMember>
{
    public void Configure(EntityTypeBuilder<NetworkMember> e)
    {
        e.ToTable("NetworkMembers");
        e.HasKey(x => new { x.NetworkId, x.TenantId });
        e.HasIndex(x => x.TenantId);
        e.HasOne<LeaderNetwork>().WithMany().HasForeignKey(x => x.NetworkId);
        e.HasOne<SystemLeadership.Domain.Tenancy.Tenant>().WithMany().HasForeignKey(x => x.TenantId);
    }
}

internal sealed class PooledLeaderMapping : IEntityTypeConfiguration<PooledLeader>
{
    public void Configure(EntityTypeBuilder<PooledLeader> e)
    {
        e.ToTable("PooledLeaders");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.DesignationId }).IsUnique();
        e.HasOne<LeaderProfile>().WithMany().HasForeignKey(x => new { x.TenantId, x.LeaderProfileId });
        e.Property(x => x.Type).HasConversion<string>().HasMaxLength(60);
        e.Property(x => x.TenantName).HasMaxLength(200);
        e.Property(x => x.HolderUserId).HasMaxLength(450);
        e.Property(x => x.HolderName).HasMaxLength(200);
        e.Property(x => x.HolderEmail).HasMaxLength(256);
        e.Property(x => x.SchoolName).HasMaxLength(300);
        e.Property(x => x.HeadteacherName).HasMaxLength(200);
        e.Property(x => x.HeadteacherEmail).HasMaxLength(256);
        e.Property(x => x.TermKey).HasMaxLength(20);
    }
}

internal sealed class PartnerClaimMapping : IEntityTypeConfiguration<PartnerClaim>
{
    public void Configure(EntityTypeBuilder<PartnerClaim> e)
    {
        e.ToTable("PartnerClaims");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.ClaimId }).IsUnique();
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.PartnerName).HasMaxLength(200);
        e.Property(x => x.TermKey).HasMaxLength(20);
        e.Property(x => x.BrokerNote).HasMaxLength(4000);
        e.Property(x => x.PaymentReference).HasMaxLength(200);
        e.Property(x => x.Version).IsRowVersion();
    }
}
