namespace SystemLeadership.Infrastructure.LeaderDirectory;

/// <summary>
/// The public directory's read model: one row per current designation of a leader who consented to be listed, kept by
/// database triggers in the same transaction as the designation or the listing that changed it (migration
/// PublicDirectory), so a suspension, de-designation or withdrawn consent takes the row away with the change itself.
/// Rows carry only what may be published. The directory role may read <see cref="PublishedColumns"/> and nothing
/// else in the database but the schools register; the tenant and the holder's account id stay unreadable to it.
/// </summary>
public static class DirectoryReadModel
{
    public const string Table = "DirectoryEntries";

    public static readonly IReadOnlyList<string> PublishedColumns =
    [
        "ListingId", "Name", "Type", "SchemeName", "SchemeShortName", "StartDate", "EndDate", "Specialisms",
        "SchoolUrn", "SchoolName", "Phase", "LaName", "Region", "Easting", "Northing", "About", "AllianceName", "AllianceSlug", "ListedSince",
    ];
}
