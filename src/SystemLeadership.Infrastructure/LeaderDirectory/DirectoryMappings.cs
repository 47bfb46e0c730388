using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SystemLeadership.Domain.LeaderDirectory;

namespace SystemLeadership.Infrastructure.LeaderDirectory;

internal sealed class DirectoryListingMapping : IEntityTypeConfiguration<DirectoryListing>
{
    public void Configure(EntityTypeBuilder<DirectoryListing> e)
    {
        e.ToTable("DirectoryListings");
        e.HasKey(l => new { l.TenantId, l.Id });
        // The public address of an entry is the listing's id alone.
        e.HasIndex(l => l.Id).IsUnique();
        e.HasIndex(l => new { l.TenantId, l.HolderUserId }).IsUnique();
        e.Property(l => l.HolderUserId).HasMaxLength(450);
        e.Property(l => l.About).HasMaxLength(DirectoryListing.MaxAboutLength);
        e.Property(l => l.Version).IsRowVersion();
    }
}

internal sealed class SupportEnquiryMapping : IEntityTypeConfiguration<SupportEnquiry>
{
    public void Configure(EntityTypeBuilder<SupportEnquiry> e)
    {
        e.ToTable("SupportEnquiries");
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.TokenHash }).IsUnique();
        e.HasIndex(x => new { x.TenantId, x.RequestKey }).IsUnique().HasFilter("\"RequestKey\" IS NOT NULL").HasDatabaseName(SupportEnquiries.RequestKeyIndex);
        e.HasIndex(x => new { x.TenantId, x.State, x.ConfirmedAt });
        e.HasIndex(x => new { x.TenantId, x.ContactEmail, x.AskedAt });
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.LeaderName).HasMaxLength(300);
        e.Property(x => x.SchoolName).HasMaxLength(300);
        e.Property(x => x.ContactName).HasMaxLength(200);
        e.Property(x => x.ContactEmail).HasMaxLength(256);
        e.Property(x => x.Need).HasMaxLength(SupportEnquiry.MaxNeedLength);
        e.Property(x => x.TokenHash).HasMaxLength(64);
        e.Property(x => x.HandledByName).HasMaxLength(256);
        e.Property(x => x.HandledNote).HasMaxLength(1000);
        e.Property(x => x.Version).IsRowVersion();
    }
}
