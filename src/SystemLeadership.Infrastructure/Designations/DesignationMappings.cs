using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Evidence;

namespace SystemLeadership.Infrastructure.Designations;

/// <summary>Stores small value objects (a scheme's definition, training items) as jsonb, with enums by name.</summary>
internal static class Json
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter() } };

    public static PropertyBuilder<T> AsJson<T>(this PropertyBuilder<T> property) where T : class =>
        property.HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, Options),
            v => JsonSerializer.Deserialize<T>(v, Options)!,
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!));
}

internal sealed class ApplicationMapping : IEntityTypeConfiguration<DesignationApplication>
{
    public void Configure(EntityTypeBuilder<DesignationApplication> e)
    {
        e.ToTable("Applications");
        e.HasKey(a => new { a.TenantId, a.Id });
        e.HasIndex(a => new { a.TenantId, a.State });
        e.HasIndex(a => new { a.TenantId, a.ApplicantUserId });
        e.Property(a => a.State).HasConversion<string>().HasMaxLength(40);
        e.Property(a => a.Type).HasConversion<string>().HasMaxLength(60);
        e.Property(a => a.CurrentRole).HasConversion<string>().HasMaxLength(60);
        e.Property(a => a.Scheme).AsJson();
        // The scheme's names kept beside its definition by PostgreSQL, so a grid filters and shows them without the JSON.
        e.Property<string>(ApplicationGrid.SchemeNameColumn).HasComputedColumnSql("\"Scheme\" ->> 'Name'", stored: true);
        e.Property<string>(ApplicationGrid.SchemeShortNameColumn).HasComputedColumnSql("\"Scheme\" ->> 'ShortName'", stored: true);
        e.HasIndex(nameof(DesignationApplication.TenantId), ApplicationGrid.SchemeNameColumn);
        e.Property(a => a.RolePeriods).AsJson();
        e.Property(a => a.ApplicantName).HasMaxLength(200);
        e.Property(a => a.ApplicantEmail).HasMaxLength(256);
        e.Property(a => a.SchoolName).HasMaxLength(300);
        e.Property(a => a.SchoolOfstedRating).HasMaxLength(60);
        e.Property(a => a.TrackRecord).HasMaxLength(ApplicationAnswers.MaxStatementLength);
        e.Property(a => a.EvidenceOfImpact).HasMaxLength(ApplicationAnswers.MaxStatementLength);
        e.Property(a => a.Explanation).HasMaxLength(ApplicationAnswers.MaxStatementLength);
        e.Property(a => a.ProposedAllianceName).HasMaxLength(200);
        e.Property(a => a.FirstManagerEmail).HasMaxLength(256);
        e.Property(a => a.DecisionReason).HasMaxLength(4000);
        e.Property(a => a.DecidedByName).HasMaxLength(256);
        e.Property(a => a.Version).IsRowVersion();
        e.Ignore(a => a.Profile);
        e.Ignore(a => a.UnmetRules);
        e.Ignore(a => a.IsRenewal);
        e.Ignore(a => a.IsHeadteacher);
        e.Ignore(a => a.RefereeDescription);
    }
}

internal sealed class ReferenceMapping : IEntityTypeConfiguration<Reference>
{
    public void Configure(EntityTypeBuilder<Reference> e)
    {
        e.ToTable("References");
        e.HasKey(r => new { r.TenantId, r.Id });
        e.HasIndex(r => new { r.TenantId, r.TokenHash }).IsUnique();
        e.HasIndex(r => new { r.TenantId, r.ApplicationId });
        // The reminder job looks for pending references only.
        e.HasIndex(r => new { r.Outcome, r.RequestedAt });
        e.HasOne<DesignationApplication>().WithMany().HasForeignKey(r => new { r.TenantId, r.ApplicationId });
        e.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.TokenHash).HasMaxLength(64);
        e.Property(r => r.ReminderTokenHash).HasMaxLength(64);
        e.HasIndex(r => new { r.TenantId, r.ReminderTokenHash }).IsUnique();
        e.Property(r => r.RefereeName).HasMaxLength(200);
        e.Property(r => r.RefereeEmail).HasMaxLength(256);
        e.Property(r => r.ConfirmedRole).HasMaxLength(200);
        e.Property(r => r.Comments).HasMaxLength(4000);
        e.Property(r => r.DeclineReason).HasMaxLength(4000);
        e.Ignore(r => r.IsPending);
    }
}

internal sealed class DesignationMapping : IEntityTypeConfiguration<Designation>
{
    public void Configure(EntityTypeBuilder<Designation> e)
    {
        e.ToTable("Designations");
        e.HasKey(d => new { d.TenantId, d.Id });
        e.HasIndex(d => new { d.TenantId, d.HolderUserId });
        e.HasIndex(d => new { d.State, d.EndDate });
        // The national figures read these alone, not the wide rows (Reports/Dashboard.cs): the active leaders by designation,
        // specialism and school; the SLEs first designated, for the three-month KPI.
        e.HasIndex(d => d.SchemeShortName).IncludeProperties(d => new { d.TenantId, d.SchoolUrn, d.Specialisms })
            .HasFilter($"\"State\" = '{nameof(DesignationState.Active)}'").HasDatabaseName("IX_Designations_Active_Figures");
        e.HasIndex(d => d.StartDate).IncludeProperties(d => new { d.TenantId, d.Id })
            .HasFilter($"\"Type\" = '{nameof(DesignationType.SpecialistLeaderOfEducation)}' AND \"LinkedDesignationId\" IS NULL")
            .HasDatabaseName("IX_Designations_FirstSle_Figures");
        e.HasOne<DesignationApplication>().WithMany().HasForeignKey(d => new { d.TenantId, d.ApplicationId });
        e.Property(d => d.State).HasConversion<string>().HasMaxLength(30);
        e.Property(d => d.Type).HasConversion<string>().HasMaxLength(60);
        e.Property(d => d.HolderRole).HasConversion<string>().HasMaxLength(60);
        e.Property(d => d.EndReason).HasConversion<string>().HasMaxLength(40);
        e.Property(d => d.HolderName).HasMaxLength(300);
        e.Property(d => d.HolderEmail).HasMaxLength(256);
        e.Property(d => d.SchemeName).HasMaxLength(SchemeDefinition.MaxNameLength);
        e.Property(d => d.SchemeShortName).HasMaxLength(12);
        e.Property(d => d.SchoolName).HasMaxLength(300);
        e.Property(d => d.DesignatedByName).HasMaxLength(256);
        e.Property(d => d.EndedByName).HasMaxLength(256);
        e.Property(d => d.EndNote).HasMaxLength(4000);
        e.Property(d => d.ReviewFlag).HasMaxLength(500);
        e.Property(d => d.Training).AsJson();
        e.Property(d => d.Version).IsRowVersion();
        e.Ignore(d => d.IsCurrent);
        e.Ignore(d => d.TrainingComplete);
    }
}

internal sealed class SchemeMapping : IEntityTypeConfiguration<Scheme>
{
    public void Configure(EntityTypeBuilder<Scheme> e)
    {
        e.ToTable("Schemes");
        e.HasKey(s => new { s.TenantId, s.Id });
        e.HasIndex(s => new { s.TenantId, s.Name }).IsUnique();
        e.Property(s => s.Name).HasMaxLength(SchemeDefinition.MaxNameLength);
        e.Property(s => s.Definition).AsJson();
        e.Property(s => s.Version).IsRowVersion();
    }
}

internal sealed class InterviewMapping : IEntityTypeConfiguration<Interview>
{
    public void Configure(EntityTypeBuilder<Interview> e)
    {
        e.ToTable("Interviews");
        e.HasKey(i => new { i.TenantId, i.Id });
        e.HasIndex(i => new { i.TenantId, i.ApplicationId }).IsUnique();
        e.HasOne<DesignationApplication>().WithMany().HasForeignKey(i => new { i.TenantId, i.ApplicationId });
        e.Property(i => i.Location).HasMaxLength(300);
        e.Property(i => i.Version).IsRowVersion();
    }
}

internal sealed class PanellistMapping : IEntityTypeConfiguration<Panellist>
{
    public void Configure(EntityTypeBuilder<Panellist> e)
    {
        e.ToTable("Panellists");
        e.HasKey(p => new { p.TenantId, p.Id });
        e.HasIndex(p => new { p.TenantId, p.InterviewId, p.UserId }).IsUnique();
        e.HasOne<Interview>().WithMany().HasForeignKey(p => new { p.TenantId, p.InterviewId });
        e.Property(p => p.UserId).HasMaxLength(450);
        e.Property(p => p.Name).HasMaxLength(256);
        e.Property(p => p.Comments).HasMaxLength(4000);
        e.Property(p => p.Version).IsRowVersion();
        e.Ignore(p => p.HasScored);
        e.Ignore(p => p.Total);
    }
}

internal sealed class EvidenceFileMapping : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> e)
    {
        e.ToTable("EvidenceFiles");
        e.HasKey(f => new { f.TenantId, f.Id });
        e.HasIndex(f => new { f.TenantId, f.ApplicationId });
        e.HasOne<DesignationApplication>().WithMany().HasForeignKey(f => new { f.TenantId, f.ApplicationId });
        e.Property(f => f.FileName).HasMaxLength(200);
        e.Property(f => f.ContentType).HasMaxLength(100);
        e.Property(f => f.UploadedByUserId).HasMaxLength(450);
    }
}
