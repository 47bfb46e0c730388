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
