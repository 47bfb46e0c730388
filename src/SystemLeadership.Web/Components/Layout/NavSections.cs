using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Reports;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Web.Components.Layout;

/// <summary>A link in the menu, with how many things behind it wait for the person (0: none, or not counted).</summary>
public sealed record NavLink(string Href, string Text, string Id, int Count = 0);

public sealed record NavSection(string Title, IReadOnlyList<NavLink> Links);

/// <summary>
/// Every section a person's roles give them: in the alliance the address names (by their roles there), in the College
/// (for College administrators), and their account. The one place the menu is decided; pages still check access
/// themselves (the menu only leaves out what a person cannot open).
/// </summary>
public static class NavSections
{
    public static IReadOnlyList<NavSection> For(Person person, string? slug, bool isCollegeAdministrator, bool holdsDesignation)
    {
        List<NavSection> sections = [];
        var here = slug is null ? null : person.In(slug);
        var isCollege = slug == Tenant.CollegeSlug;
        if (here is not null || (isCollege && isCollegeAdministrator))
        {
            var roles = here?.Roles ?? TenantRoles.None;
            var manages = isCollege ? isCollegeAdministrator : roles.HasFlag(TenantRoles.AllianceManager);
            var name = here?.Tenant.Name ?? "National College";
            var t = $"/t/{slug}";

            List<NavLink> designation = [new(t, isCollege ? "National applications" : "Home and applications", "nav-home")];
            if (manages) designation.Add(new($"{t}/applications", isCollege ? "Every national application" : "Applications", "nav-applications"));
            if (manages) designation.Add(new($"{t}/designations", "Designations", "nav-designations"));
            if (manages && !isCollege) designation.Add(new($"{t}/schemes", "Schemes", "nav-schemes"));
            if (manages && !isCollege) designation.Add(new($"{t}/reports", "Reports", "nav-reports"));
            if (manages && !isCollege) designation.Add(new($"{t}/import-leaders", "Import leaders", "nav-import"));
            if (manages) designation.Add(new($"{t}/audit", "Audit trail", "nav-audit"));
            // LLEs designated by the College are matched there with new heads (003 §3: the College's database of professional partners).
            if (isCollege && (manages || roles.HasFlag(TenantRoles.SystemLeader))) designation.Add(new($"{t}/partnerships", "Professional partnerships", "nav-partnerships"));
            if (holdsDesignation) designation.Add(new($"{t}/my-designations", "My designations", "nav-my-designations"));
            sections.Add(new(name, designation));

            if (!isCollege && here is not null)
            {
                List<NavLink> brokerage = [];
                if (manages) brokerage.Add(new($"{t}/brokerage", "Brokerage board", "nav-board"));
                if (manages) brokerage.Add(new($"{t}/brokerage/visits", "Visits", "nav-visits"));
                if (roles.HasFlag(TenantRoles.SchoolContact) || manages) brokerage.Add(new($"{t}/commissions", "Support requests", "nav-requests"));
                if (roles.HasFlag(TenantRoles.SchoolContact)) brokerage.Add(new($"{t}/commissions/new", "Ask for support", "nav-new-request"));
                // Anyone with a place here, even one let in only to agree (a pooled leader's headteacher has no role).
                brokerage.Add(new($"{t}/agreements", "Waiting for agreement", "nav-agreements"));
                if (roles.HasFlag(TenantRoles.SystemLeader) || roles.HasFlag(TenantRoles.SchoolContact) || roles.HasFlag(TenantRoles.Headteacher))
                    brokerage.Add(new($"{t}/deployments", "Deployments", "nav-deployments"));
                if (roles.HasFlag(TenantRoles.SystemLeader)) brokerage.Add(new($"{t}/my-profile", "My profile and availability", "nav-my-profile"));
                if (manages || roles.HasFlag(TenantRoles.Headteacher)) brokerage.Add(new($"{t}/claims", "Reimbursement claims", "nav-claims"));
                if (manages || roles.HasFlag(TenantRoles.SystemLeader)) brokerage.Add(new($"{t}/partnerships", "Professional partnerships", "nav-partnerships"));
                if (manages) brokerage.Add(new($"{t}/jpd", "Joint practice development", "nav-jpd"));
                if (manages) brokerage.Add(new($"{t}/networks", "Networks", "nav-networks"));
                if (brokerage.Count > 0) sections.Add(new("Brokerage and deployment", brokerage));
            }
        }
        if (isCollegeAdministrator)
        {
            sections.Add(new("College", [
                new("/t/college", "National applications", "nav-college-applications"),
                new("/college", "College overview", "nav-college"),
                new("/college/register", "National register", "nav-register"),
                new("/college/reports", "National dashboard", "nav-national-reports"),
                new("/admin/schools", "Import schools from GIAS", "nav-schools"),
                new("/college/emails", "Emails needing a decision", "nav-emails"),
            ]));
        }
        sections.Add(new("You", [
            new("/alliances", person.Memberships.Count > 1 ? "Your alliances" : "Alliances", "nav-alliances"),
            new("/directory", "Find a system leader", "nav-directory"),
            new("/Account/Manage", "Your account", "nav-account"),
        ]));
        return DropRepeats(sections);
    }

    /// <summary>A College administrator in the College's tenant would see "National applications" twice.</summary>
    private static List<NavSection> DropRepeats(List<NavSection> sections)
    {
        HashSet<string> seen = [];
        return sections
            .Select(s => s with { Links = s.Links.Where(l => seen.Add(l.Href)).ToList() })
            .Where(s => s.Links.Count > 0)
            .ToList();
    }

    /// <summary>
    /// The counts of what needs the person (NeedsYou) beside the links where each is done; a count whose page is not in
    /// the menu goes on the alliance's home, which lists every one.
    /// </summary>
    public static IReadOnlyList<NavSection> WithCounts(IReadOnlyList<NavSection> sections, string slug, IReadOnlyList<NeedsItem> items)
    {
        var t = $"/t/{slug}";
        var hrefs = sections.SelectMany(s => s.Links).Select(l => l.Href).ToHashSet(StringComparer.Ordinal);
        var counts = items
            .Select(i => (Href: i.Where.Split('#', '?')[0] is { Length: > 0 } page ? $"{t}/{page}" : t, i.Count))
            .GroupBy(x => hrefs.Contains(x.Href) ? x.Href : t)
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Count), StringComparer.Ordinal);
        return sections.Select(s => s with { Links = s.Links.Select(l => counts.TryGetValue(l.Href, out var n) ? l with { Count = n } : l).ToList() }).ToList();
    }

    /// <summary>One link's count, wherever it is in the menu (e.g. the College's emails needing a decision).</summary>
    public static IReadOnlyList<NavSection> WithCount(IReadOnlyList<NavSection> sections, string href, int count) =>
        sections.Select(s => s with { Links = s.Links.Select(l => l.Href == href ? l with { Count = count } : l).ToList() }).ToList();

    /// <summary>The alliance slug in an address such as /t/swaledale/claims, or null outside an alliance.</summary>
    public static string? SlugOf(string baseRelativePath)
    {
        var parts = baseRelativePath.Split('?', '#')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && parts[0] == "t" ? Uri.UnescapeDataString(parts[1]) : null;
    }
}
