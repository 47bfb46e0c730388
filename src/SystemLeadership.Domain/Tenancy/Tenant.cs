using System.Text.RegularExpressions;

namespace SystemLeadership.Domain.Tenancy;

/// <summary>A teaching school alliance: the unit of isolation. National data, so not itself tenant-owned.</summary>
public sealed partial class Tenant
{
    private Tenant() { }

    public Tenant(string name, string slug, int leadTeachingSchoolUrn)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A tenant needs a name.", nameof(name));
        if (!SlugPattern().IsMatch(slug)) throw new ArgumentException("A slug is 2–60 lower-case letters, digits or hyphens.", nameof(slug));
        Id = Guid.NewGuid();
        Name = name.Trim();
        Slug = slug;
        LeadTeachingSchoolUrn = leadTeachingSchoolUrn;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public int LeadTeachingSchoolUrn { get; private set; }
    /// <summary>The College's own tenant: national designations (LLE, NLE/NSS, NLG, teaching schools) are decided here.</summary>
    public bool IsCollege { get; private set; }

    public const string CollegeSlug = "college";

    public static Tenant College() => new("National College", CollegeSlug, 0) { IsCollege = true };

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,59}$")]
    private static partial Regex SlugPattern();
}
