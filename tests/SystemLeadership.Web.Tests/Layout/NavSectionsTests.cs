using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Tenancy;
using SystemLeadership.Web.Components.Layout;

namespace SystemLeadership.Web.Tests.Layout;

/// <summary>The one place the menu is decided: each role sees its sections in the alliance the address names.</summary>
public class NavSectionsTests
{
    private static readonly Tenant Swaledale = new("Swaledale Alliance", "swaledale", 900001);
    private static readonly Tenant Learners = new("Learners First Alliance", "learnersfirst", 900101);

    private static Person PersonWith(params (Tenant Tenant, TenantRoles Roles)[] memberships) =>
        new("u1", "Pat Example", "pat@example.test", memberships.Select(m => new PersonMembership(m.Tenant, m.Roles)).ToList());

    private static List<string> Texts(IReadOnlyList<NavSection> sections) => sections.SelectMany(s => s.Links).Select(l => l.Text).ToList();

    [Fact]
    public void A_manager_sees_designations_schemes_and_the_whole_brokerage_cycle_of_their_alliance()
    {
        var sections = NavSections.For(PersonWith((Swaledale, TenantRoles.AllianceManager)), "swaledale", false, false);
        Assert.Equal(["Swaledale Alliance", "Brokerage and deployment", "You"], sections.Select(s => s.Title));
        Assert.Equal(["Home and applications", "Applications", "Designations", "Schemes", "Reports", "Import leaders", "Audit trail", "Brokerage board", "Visits", "Support requests", "Waiting for agreement", "Reimbursement claims", "Professional partnerships", "Joint practice development", "Networks", "Alliances", "Find a system leader", "Your account"], Texts(sections));
        Assert.All(sections.SelectMany(s => s.Links).Where(l => l.Href.StartsWith("/t/", StringComparison.Ordinal)), l => Assert.StartsWith("/t/swaledale", l.Href));
    }

    [Fact]
    public void A_College_administrator_sees_how_many_emails_wait_for_a_decision_beside_their_link()
    {
        var sections = NavSections.For(PersonWith(), null, isCollegeAdministrator: true, false);
        var counted = NavSections.WithCount(sections, "/college/emails", 3).SelectMany(s => s.Links).Where(l => l.Count > 0).ToList();
        Assert.Equal(("/college/emails", 3), (Assert.Single(counted).Href, counted[0].Count));
        Assert.DoesNotContain(NavSections.WithCount(NavSections.For(PersonWith((Swaledale, TenantRoles.AllianceManager)), "swaledale", false, false), "/college/emails", 3)
            .SelectMany(s => s.Links), l => l.Count > 0);
    }

    [Fact]
    public void What_needs_a_manager_is_counted_beside_the_link_where_it_is_done_and_the_rest_on_the_home()
    {
        var sections = NavSections.For(PersonWith((Swaledale, TenantRoles.AllianceManager)), "swaledale", false, false);
        List<Infrastructure.Reports.NeedsItem> items =
        [
            new("needs-review", "applications", 2, "applications?state=ReferenceReceived"),
            new("needs-triage", "requests", 1, "brokerage"),
            new("needs-enquiries", "enquiries", 3, "brokerage#enquiries"),
            new("needs-claims", "claims", 4, "claims"),
            new("needs-somewhere", "elsewhere", 5, "not-in-the-menu"),
        ];

        var counted = NavSections.WithCounts(sections, "swaledale", items).SelectMany(s => s.Links).Where(l => l.Count > 0)
            .ToDictionary(l => l.Text, l => l.Count);

        Assert.Equal(new Dictionary<string, int> { ["Applications"] = 2, ["Home and applications"] = 5, ["Brokerage board"] = 4, ["Reimbursement claims"] = 4 }, counted);
    }

    [Fact]
    public void A_system_leader_sees_their_deployments_and_designations_but_not_the_board_or_claims()
    {
        var texts = Texts(NavSections.For(PersonWith((Swaledale, TenantRoles.SystemLeader)), "swaledale", false, holdsDesignation: true));
        Assert.Contains("Deployments", texts);
        Assert.Contains("My designations", texts);
        Assert.Contains("My profile and availability", texts);
        Assert.DoesNotContain("Brokerage board", texts);
        Assert.DoesNotContain("Joint practice development", texts);
        Assert.DoesNotContain("Reimbursement claims", texts);
        Assert.DoesNotContain("Designations", texts);
    }

    [Fact]
    public void A_school_contact_can_ask_for_support_and_follow_their_requests()
    {
        var texts = Texts(NavSections.For(PersonWith((Swaledale, TenantRoles.SchoolContact)), "swaledale", false, false));
        Assert.Contains("Ask for support", texts);
        Assert.Contains("Support requests", texts);
        Assert.DoesNotContain("Brokerage board", texts);
    }

    [Fact]
    public void An_address_naming_an_alliance_the_person_is_not_in_shows_no_section_of_it()
    {
        var sections = NavSections.For(PersonWith((Swaledale, TenantRoles.AllianceManager)), "learnersfirst", false, false);
        Assert.Equal(["You"], sections.Select(s => s.Title));
        Assert.DoesNotContain(sections.SelectMany(s => s.Links), l => l.Href.Contains("learnersfirst", StringComparison.Ordinal));
    }

    [Fact]
    public void A_college_administrator_has_the_college_sections_once_even_in_the_colleges_own_tenant()
    {
        var sections = NavSections.For(PersonWith((Learners, TenantRoles.Applicant)), Tenant.CollegeSlug, isCollegeAdministrator: true, false);
        var hrefs = sections.SelectMany(s => s.Links).Select(l => l.Href).ToList();
        Assert.Equal(hrefs.Distinct(), hrefs);
        Assert.Contains("/college/register", hrefs);
        Assert.Contains("/t/college/designations", hrefs);
        Assert.DoesNotContain(sections, s => s.Title == "Brokerage and deployment");
    }

    [Fact]
    public void A_college_members_manager_role_gives_no_college_sections_without_the_administrator_role()
    {
        var sections = NavSections.For(PersonWith((Tenant.College(), TenantRoles.AllianceManager)), Tenant.CollegeSlug, isCollegeAdministrator: false, false);
        Assert.DoesNotContain(Texts(sections), t => t is "Designations" or "National register");
    }

    [Theory]
    [InlineData("t/swaledale/claims", "swaledale")]
    [InlineData("/t/swaledale?x=1", "swaledale")]
    [InlineData("/Account/Manage", null)]
    [InlineData("/t", null)]
    public void The_alliance_is_read_from_the_address(string path, string? slug) => Assert.Equal(slug, NavSections.SlugOf(path));
}
