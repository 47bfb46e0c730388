using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Domain.Reimbursement;

namespace SystemLeadership.Infrastructure.Brokerage;

// Every table keyed (TenantId, Id); state names stored as text; xmin as the concurrency token on records two people edit.

internal sealed class LeaderProfileMapping : IEntityTypeConfiguration<LeaderProfile>
{
    public void Configure(EntityTypeBuilder<LeaderProfile> e)
    {
        e.ToTable("LeaderProfiles");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.UserId }).IsUnique();
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Email).HasMaxLength(256);
        e.Property(x => x.SchoolName).HasMaxLength(300);
        e.Property(x => x.HeadteacherName).HasMaxLength(200);
        e.Property(x => x.HeadteacherEmail).HasMaxLength(256);
        e.Property(x => x.Version).IsRowVersion();
    }
}

internal sealed class CapacityCommitmentMapping : IEntityTypeConfiguration<CapacityCommitment>
{
    public void Configure(EntityTypeBuilder<CapacityCommitment> e)
    {
        e.ToTable("CapacityCommitments");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.LeaderProfileId, x.TermKey });
        e.HasOne<LeaderProfile>().WithMany().HasForeignKey(x => new { x.TenantId, x.LeaderProfileId });
        e.Property(x => x.TermKey).HasMaxLength(20);
    }
}

internal sealed class CommissionMapping : IEntityTypeConfiguration<Commission>
{
    public void Configure(EntityTypeBuilder<Commission> e)
    {
        e.ToTable("Commissions");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.State });
        e.HasIndex(x => new { x.TenantId, x.RaisedByUserId });
        e.HasIndex(x => new { x.TenantId, x.RequestKey }).IsUnique().HasFilter("\"RequestKey\" IS NOT NULL").HasDatabaseName(CommissionService.RequestKeyIndex);
        // The national figures' time to broker reads this index alone, not the wide rows (Reports/Dashboard.cs).
        e.HasIndex(x => x.AgreedProposalId).IncludeProperties(x => new { x.TenantId, x.RaisedAt })
            .HasFilter($"\"State\" = '{nameof(CommissionState.Brokered)}'").HasDatabaseName("IX_Commissions_Brokered_Figures");
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.CommissionerKind).HasConversion<string>().HasMaxLength(40);
        e.PrimitiveCollection(x => x.DesignationTypes).ElementType().HasConversion<string>();
        foreach (var p in new[] { nameof(Commission.SchoolName), nameof(Commission.CommissionerName), nameof(Commission.FunderName) })
            e.Property(p).HasMaxLength(300);
        foreach (var p in new[] { nameof(Commission.RaisedByEmail), nameof(Commission.CommissionerEmail), nameof(Commission.SupportedSchoolContactEmail) })
            e.Property(p).HasMaxLength(256);
        e.Property(x => x.RaisedByUserId).HasMaxLength(450);
        e.Property(x => x.RaisedByName).HasMaxLength(200);
        e.Property(x => x.Phase).HasMaxLength(60);
        e.Property(x => x.BrokerNote).HasMaxLength(4000);
        e.Property(x => x.RequesterReply).HasMaxLength(4000);
        e.Property(x => x.Version).IsRowVersion();
        e.Ignore(x => x.PlannedEnd);
        e.Ignore(x => x.Need);
    }
}

internal sealed class ProposalMapping : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> e)
    {
        e.ToTable("Proposals");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.CommissionId });
        e.HasIndex(x => new { x.TenantId, x.LeaderUserId });
        e.HasIndex(x => x.Id).IncludeProperties(x => new { x.TenantId, x.AgreedAt }).HasFilter("\"AgreedAt\" IS NOT NULL").HasDatabaseName("IX_Proposals_Agreed_Figures");
        e.HasOne<Commission>().WithMany().HasForeignKey(x => new { x.TenantId, x.CommissionId });
        e.HasOne<LeaderProfile>().WithMany().HasForeignKey(x => new { x.TenantId, x.LeaderProfileId });
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.RefusedBy).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.LeaderUserId).HasMaxLength(450);
        foreach (var p in new[] { nameof(Proposal.LeaderName), nameof(Proposal.HeadteacherName) }) e.Property(p).HasMaxLength(200);
        foreach (var p in new[] { nameof(Proposal.LeaderEmail), nameof(Proposal.HeadteacherEmail) }) e.Property(p).HasMaxLength(256);
        foreach (var p in new[] { nameof(Proposal.LeaderSchoolName), nameof(Proposal.FunderName), nameof(Proposal.Pattern) }) e.Property(p).HasMaxLength(300);
        foreach (var p in new[] { nameof(Proposal.ExpectedImpact), nameof(Proposal.SupportApproach), nameof(Proposal.RefusalReason), nameof(Proposal.ClosedNote) })
            e.Property(p).HasMaxLength(4000);
        e.Property(x => x.Version).IsRowVersion();
        e.Property(x => x.HomeAllianceName).HasMaxLength(200);
        e.Property(x => x.LeaderType).HasConversion<string>().HasMaxLength(60);
        e.Ignore(x => x.TotalPence);
        e.Ignore(x => x.IsPooled);
        e.Ignore(x => x.Parties);
        e.Ignore(x => x.AwaitingFrom);
    }
}

internal sealed class ActivityEntryMapping : IEntityTypeConfiguration<ActivityEntry>
{
    public void Configure(EntityTypeBuilder<ActivityEntry> e)
    {
        e.ToTable("ActivityEntries");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.CommissionId, x.At });
        e.Property(x => x.Text).HasMaxLength(2000);
        e.Property(x => x.ActorName).HasMaxLength(256);
    }
}

internal sealed class DeploymentMapping : IEntityTypeConfiguration<Deployment>
{
    public void Configure(EntityTypeBuilder<Deployment> e)
    {
        e.ToTable("Deployments");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.CommissionId });
        e.HasIndex(x => new { x.TenantId, x.LeaderUserId });
        e.HasIndex(x => new { x.TenantId, x.ProposalId }).IsUnique();
        // The KPI asks, per designation, whether a deployment started within three months of it; nationally across tenants
        // (the tenant included, so row-level security is checked from the index alone).
        e.HasIndex(x => new { x.DesignationId, x.Start }).IncludeProperties(x => x.TenantId);
        e.HasIndex(x => x.TenantId).IncludeProperties(x => new { x.AgreedHalfDays, x.LoggedHalfDays }).HasDatabaseName("IX_Deployments_Days_Figures");
        e.HasOne<Commission>().WithMany().HasForeignKey(x => new { x.TenantId, x.CommissionId });
        e.HasOne<Proposal>().WithMany().HasForeignKey(x => new { x.TenantId, x.ProposalId });
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.LeaderUserId).HasMaxLength(450);
        foreach (var p in new[] { nameof(Deployment.LeaderName), nameof(Deployment.HeadteacherName) }) e.Property(p).HasMaxLength(200);
        foreach (var p in new[] { nameof(Deployment.LeaderEmail), nameof(Deployment.HeadteacherEmail), nameof(Deployment.SupportedSchoolContactEmail), nameof(Deployment.CommissionerEmail) })
            e.Property(p).HasMaxLength(256);
        foreach (var p in new[] { nameof(Deployment.SchoolName), nameof(Deployment.LeaderSchoolName) }) e.Property(p).HasMaxLength(300);
        e.Property(x => x.LastMoveNote).HasMaxLength(4000);
        e.Property(x => x.Version).IsRowVersion();
        e.Ignore(x => x.RemainingHalfDays);
    }
}

internal sealed class VisitMapping : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> e)
    {
        e.ToTable("Visits");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.DeploymentId, x.StartsAt });
        e.HasIndex(x => new { x.TenantId, x.RequestKey }).IsUnique().HasFilter("\"RequestKey\" IS NOT NULL").HasDatabaseName(Deployments.VisitService.RequestKeyIndex);
        e.HasOne<Deployment>().WithMany().HasForeignKey(x => new { x.TenantId, x.DeploymentId });
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.Location).HasMaxLength(300);
        e.Property(x => x.Version).IsRowVersion();
        e.Ignore(x => x.EndsAt);
    }
}

internal sealed class VisitRecordMapping : IEntityTypeConfiguration<VisitRecord>
{
    public void Configure(EntityTypeBuilder<VisitRecord> e)
    {
        e.ToTable("VisitRecords");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.VisitId }).IsUnique();
        e.HasOne<Visit>().WithMany().HasForeignKey(x => new { x.TenantId, x.VisitId });
        foreach (var p in new[] { nameof(VisitRecord.Summary), nameof(VisitRecord.ActionsAgreed), nameof(VisitRecord.NextSteps) }) e.Property(p).HasMaxLength(8000);
    }
}

internal sealed class VisitEvaluationMapping : IEntityTypeConfiguration<VisitEvaluation>
{
    public void Configure(EntityTypeBuilder<VisitEvaluation> e)
    {
        e.ToTable("VisitEvaluations");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.VisitId }).IsUnique();
        e.HasOne<Visit>().WithMany().HasForeignKey(x => new { x.TenantId, x.VisitId });
        foreach (var p in new[] { nameof(VisitEvaluation.WhatWorked), nameof(VisitEvaluation.Concerns) }) e.Property(p).HasMaxLength(8000);
    }
}

internal sealed class DayLogEntryMapping : IEntityTypeConfiguration<DayLogEntry>
{
    public void Configure(EntityTypeBuilder<DayLogEntry> e)
    {
        e.ToTable("DayLogEntries");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.DeploymentId });
        e.HasIndex(x => new { x.TenantId, x.LeaderSchoolUrn, x.TermKey, x.ClaimId });
        e.HasOne<Deployment>().WithMany().HasForeignKey(x => new { x.TenantId, x.DeploymentId });
        e.Property(x => x.LeaderUserId).HasMaxLength(450);
        e.Property(x => x.LeaderName).HasMaxLength(200);
        e.Property(x => x.LeaderSchoolName).HasMaxLength(300);
        e.Property(x => x.TermKey).HasMaxLength(20);
    }
}

internal sealed class ObjectiveReviewMapping : IEntityTypeConfiguration<ObjectiveReview>
{
    public void Configure(EntityTypeBuilder<ObjectiveReview> e)
    {
        e.ToTable("ObjectiveReviews");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.DeploymentId, x.At });
        e.HasOne<Deployment>().WithMany().HasForeignKey(x => new { x.TenantId, x.DeploymentId });
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Objective).HasMaxLength(2000);
        e.Property(x => x.Note).HasMaxLength(4000);
        e.Property(x => x.ReviewerName).HasMaxLength(200);
    }
}

internal sealed class DeploymentEvaluationMapping : IEntityTypeConfiguration<DeploymentEvaluation>
{
    public void Configure(EntityTypeBuilder<DeploymentEvaluation> e)
    {
        e.ToTable("DeploymentEvaluations");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.DeploymentId }).IsUnique();
        e.HasIndex(x => new { x.TenantId, x.LeaderUserId });
        e.HasOne<Deployment>().WithMany().HasForeignKey(x => new { x.TenantId, x.DeploymentId });
        e.Property(x => x.LeaderUserId).HasMaxLength(450);
        e.Property(x => x.ImpactSeen).HasMaxLength(8000);
        e.Property(x => x.Comments).HasMaxLength(8000);
        e.Property(x => x.CompletedByName).HasMaxLength(200);
    }
}

internal sealed class QaReviewMapping : IEntityTypeConfiguration<QaReview>
{
    public void Configure(EntityTypeBuilder<QaReview> e)
    {
        e.ToTable("QaReviews");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.LeaderUserId });
        e.HasOne<Deployment>().WithMany().HasForeignKey(x => new { x.TenantId, x.DeploymentId });
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.LeaderUserId).HasMaxLength(450);
        e.Property(x => x.Outcome).HasMaxLength(4000);
        e.Property(x => x.Version).IsRowVersion();
    }
}

internal sealed class ClaimMapping : IEntityTypeConfiguration<Claim>
{
    public void Configure(EntityTypeBuilder<Claim> e)
    {
        e.ToTable("Claims");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.SchoolUrn, x.TermKey });
        e.HasMany(x => x.Lines).WithOne().HasForeignKey(l => new { l.TenantId, l.ClaimId });
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.SchoolName).HasMaxLength(300);
        e.Property(x => x.TermKey).HasMaxLength(20);
        e.Property(x => x.BrokerNote).HasMaxLength(4000);
        e.Property(x => x.PaymentReference).HasMaxLength(200);
        e.Property(x => x.PayeeName).HasMaxLength(200);
        e.Property(x => x.Version).IsRowVersion();
    }
}

internal sealed class ClaimLineMapping : IEntityTypeConfiguration<ClaimLine>
{
    public void Configure(EntityTypeBuilder<ClaimLine> e)
    {
        e.ToTable("ClaimLines");
        e.HasKey(x => new { x.TenantId, x.Id });
        // A logged day or a JPD session is paid once: one line for each, ever.
        e.HasIndex(x => new { x.TenantId, x.SourceId }).IsUnique();
        e.Property(x => x.LeaderName).HasMaxLength(200);
        e.Property(x => x.SupportedSchoolName).HasMaxLength(300);
    }
}
