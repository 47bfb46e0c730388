using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;

namespace SystemLeadership.Infrastructure.Brokerage;

// Support given outside a deployment: professional partnerships with new heads and their sessions, and JPD group sessions.

internal sealed class ProfessionalPartnershipMapping : IEntityTypeConfiguration<ProfessionalPartnership>
{
    public void Configure(EntityTypeBuilder<ProfessionalPartnership> e)
    {
        e.ToTable("ProfessionalPartnerships");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.LeaderUserId });
        e.HasIndex(x => new { x.TenantId, x.EvaluationTokenHash });
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.LeaderUserId).HasMaxLength(450);
        foreach (var p in new[] { nameof(ProfessionalPartnership.LeaderName), nameof(ProfessionalPartnership.NewHeadName), nameof(ProfessionalPartnership.MatchedByName) })
            e.Property(p).HasMaxLength(200);
        foreach (var p in new[] { nameof(ProfessionalPartnership.LeaderEmail), nameof(ProfessionalPartnership.NewHeadEmail) }) e.Property(p).HasMaxLength(256);
        e.Property(x => x.SchoolName).HasMaxLength(300);
        e.Property(x => x.EvaluationTokenHash).HasMaxLength(64);
        e.Property(x => x.EndNote).HasMaxLength(ProfessionalPartnership.CommentMaxLength);
        e.Property(x => x.EvaluationComment).HasMaxLength(ProfessionalPartnership.CommentMaxLength);
        e.Property(x => x.Version).IsRowVersion();
        e.Ignore(x => x.SupportEnds);
    }
}

internal sealed class PartnerSessionMapping : IEntityTypeConfiguration<PartnerSession>
{
    public void Configure(EntityTypeBuilder<PartnerSession> e)
    {
        e.ToTable("PartnerSessions");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.PartnershipId });
        e.HasOne<ProfessionalPartnership>().WithMany().HasForeignKey(x => new { x.TenantId, x.PartnershipId }).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.Note).HasMaxLength(ProfessionalPartnership.CommentMaxLength);
    }
}

internal sealed class JpdSessionMapping : IEntityTypeConfiguration<JpdSession>
{
    public void Configure(EntityTypeBuilder<JpdSession> e)
    {
        e.ToTable("JpdSessions");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.TermKey, x.ClaimId });
        e.HasIndex(x => new { x.TenantId, x.RequestKey }).IsUnique().HasFilter("\"RequestKey\" IS NOT NULL").HasDatabaseName(Reimbursement.JpdSessionService.RequestKeyIndex);
        e.HasOne<LeaderProfile>().WithMany().HasForeignKey(x => new { x.TenantId, x.LeaderProfileId }).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.LeaderUserId).HasMaxLength(450);
        e.Property(x => x.LeaderName).HasMaxLength(200);
        e.Property(x => x.LeaderSchoolName).HasMaxLength(300);
        e.Property(x => x.Topic).HasMaxLength(JpdSession.TopicMaxLength);
        e.Property(x => x.Hours).HasPrecision(5, 2);
        e.Property(x => x.RecordedByName).HasMaxLength(200);
        e.Property(x => x.TermKey).HasMaxLength(20);
        e.Ignore(x => x.ClaimDescription);
    }
}
