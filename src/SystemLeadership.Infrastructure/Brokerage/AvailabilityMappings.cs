using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;

namespace SystemLeadership.Infrastructure.Brokerage;

// A leader's days away and a school's own days for its leaders: keyed (TenantId, Id) like every tenant's table.

internal sealed class AwayPeriodMapping : IEntityTypeConfiguration<AwayPeriod>
{
    public void Configure(EntityTypeBuilder<AwayPeriod> e)
    {
        e.ToTable("AwayPeriods");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.LeaderProfileId, x.From });
        e.HasIndex(x => new { x.TenantId, x.RequestKey }).IsUnique().HasFilter("\"RequestKey\" IS NOT NULL").HasDatabaseName(LeaderProfileService.AwayRequestKeyIndex);
        e.HasOne<LeaderProfile>().WithMany().HasForeignKey(x => new { x.TenantId, x.LeaderProfileId }).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Reason).HasMaxLength(AwayPeriod.ReasonMaxLength);
        e.Ignore(x => x.Span);
    }
}

internal sealed class SchoolCapacityMapping : IEntityTypeConfiguration<SchoolCapacity>
{
    public void Configure(EntityTypeBuilder<SchoolCapacity> e)
    {
        e.ToTable("SchoolCapacities");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.SchoolUrn }).IsUnique();
        e.Property(x => x.SchoolName).HasMaxLength(300);
        e.Property(x => x.Version).IsRowVersion();
    }
}
