using SystemLeadership.Domain.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.LeaderDirectory;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Demo;

/// <summary>
/// Brokerage demo data for Swaledale: three designated SLEs with their schools, headteachers and the days they can
/// give, so a support request from Tom Reid (contact at Stray Infant School, URN 900006) has leaders to match; each
/// listed in the public directory.
/// </summary>
public static class DemoBrokerage
{
    private sealed record Leader(string Email, int SchoolUrn, string[] Specialisms, string HeadteacherEmail, int CapacityHalfDaysPerTerm,
        Func<SchoolTerm, DateOnly> DesignatedOn, bool ShowSchoolInDirectory = true);

    private static SchoolTerm Before(SchoolTerm term) => SchoolTerm.Of(term.Start.AddDays(-1));

    // Grace teaches in a secondary school, so a primary request filters her out with the reason shown.
    private static readonly Leader[] Leaders =
    [
        // Designated in time for the brokerage history DemoBrokerageCycle writes: Mary and Katherine each deployed within
        // three months of designation, Grace (designated two years ago) first deployed this term.
        new("leader@swaledale.test", 900003, ["Maths", "Assessment"], "head@swaledale.test", 20, t => t.Start.AddYears(-2)),
        new("leader2@swaledale.test", 900009, ["Maths", "Closing the gap"], "head3@swaledale.test", 16, t => Before(t).Start.AddDays(-30)),
        // Listed in the public directory without her school's name: it shows only its phase and area.
        new("leader3@swaledale.test", 900010, ["Maths", "Early years"], "head2@swaledale.test", 12, t => Before(Before(t)).Start.AddDays(-30), ShowSchoolInDirectory: false),
    ];

    /// <summary>Accounts DemoData creates without a membership: they join Swaledale here.</summary>
    private static readonly (string Email, TenantRoles Roles)[] Members =
    [
        ("leader2@swaledale.test", TenantRoles.SystemLeader),
        ("leader3@swaledale.test", TenantRoles.SystemLeader),
        ("head3@swaledale.test", TenantRoles.Headteacher),
    ];

    public static async Task SeedAsync(IServiceProvider services, Tenant swaledale)
    {
        var contexts = services.GetRequiredService<TenantDbContextFactory>();
        await using var db = contexts.ForTenant(swaledale.Id);
        var emails = Leaders.Select(l => l.Email).Concat(Leaders.Select(l => l.HeadteacherEmail)).Concat(Members.Select(m => m.Email)).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => emails.Contains(u.Email!)).ToDictionaryAsync(u => u.Email!, u => (u.Id, u.FullName));
        foreach (var (email, roles) in Members)
        {
            if (!users.TryGetValue(email, out var user)) continue;
            if (!await db.Memberships.AnyAsync(m => m.UserId == user.Id)) db.Memberships.Add(new Membership(swaledale.Id, user.Id, roles));
        }

        var urns = Leaders.Select(l => l.SchoolUrn).ToList();
        var schools = await db.Schools.AsNoTracking().Where(s => urns.Contains(s.Urn)).ToDictionaryAsync(s => s.Urn);
        var now = DateTimeOffset.UtcNow;
        foreach (var leader in Leaders)
        {
            if (!users.TryGetValue(leader.Email, out var person) || !users.TryGetValue(leader.HeadteacherEmail, out var head)) continue;
            var school = schools[leader.SchoolUrn];
            // The term by the UK date, as the brokerage history reckons it (DemoClock.Today).
            var designatedOn = leader.DesignatedOn(SchoolTerm.Of(DateOnly.FromDateTime(Domain.Common.UkTime.Local(now))));
            var decided = new DateTimeOffset(designatedOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            var application = new DesignationApplication(swaledale.Id, person.Id, person.FullName, leader.Email, Presets.Sle);
            application.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 48, leader.Specialisms, leader.SchoolUrn,
                $"Leads {string.Join(" and ", leader.Specialisms).ToLowerInvariant()} at {school.Name}; has coached leaders in three other schools."),
                school.Name, school.OfstedRating, decided.AddDays(-60));
            // The designation path in brief: submitted, the headteacher's reference confirmed, interviewed and designated.
            application.Apply(ApplicationMove.Submit, ApplicationActor.Applicant, decided.AddDays(-60));
            application.Apply(ApplicationMove.RequestReference, ApplicationActor.Applicant, decided.AddDays(-60));
            application.Apply(ApplicationMove.ConfirmReference, ApplicationActor.Referee, decided.AddDays(-50), facts: new DecisionFacts(0, 1, false));
            application.Apply(ApplicationMove.Designate, ApplicationActor.AllianceManager, decided, "Demo designation.", new DecisionFacts(1, 0, true), "Margaret Thompson");
            db.Applications.Add(application);
            db.Designations.Add(new Designation(application, designatedOn, "Margaret Thompson"));
            var profile = new LeaderProfile(swaledale.Id, person.Id, person.FullName, leader.Email, leader.SchoolUrn, school.Name,
                false, head.FullName, leader.HeadteacherEmail, leader.CapacityHalfDaysPerTerm);
            db.Set<LeaderProfile>().Add(profile);
            if (leader == Leaders[0])
            {
                // Grace facilitated a maths JPD group last week (or on the first day of this term): it waits for this term's claims.
                var today = UkTime.Day(now);
                var termStart = SchoolTerm.Of(today).Start;
                var held = today.AddDays(-7) < termStart ? termStart : today.AddDays(-7);
                db.Set<JpdSession>().Add(new JpdSession(swaledale.Id, profile, Money.DayRateFor(false), "Reasoning and problem solving in key stage 2 maths",
                    held, JpdRules.HalfDaysFor(null, 1.5m), 1.5m, [.. schools.Values.Select(s => (s.Urn, s.Name))], "Margaret Thompson", now));
            }
            // Each has agreed to the public directory (a trigger writes their entry with the designation).
            var listing = new DirectoryListing(swaledale.Id, person.Id);
            listing.Publish(leader.ShowSchoolInDirectory,
                $"I lead {string.Join(" and ", leader.Specialisms).ToLowerInvariant()} and have coached leaders in three other schools across the Dales.", now);
            db.DirectoryListings.Add(listing);
        }
        SeedPartnership(db, swaledale, users, schools, now);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// David Okafor, Grace's headteacher, is an LLE and professional partner to Priya Shah, new head of Stray Infant School
    /// since the start of last term, with six hours given so far.
    /// </summary>
    private static void SeedPartnership(AppDbContext db, Tenant swaledale, Dictionary<string, (string Id, string FullName)> users,
        Dictionary<int, Domain.Schools.School> schools, DateTimeOffset now)
    {
        if (!users.TryGetValue("head@swaledale.test", out var head) || !schools.TryGetValue(900003, out var school)) return;
        var application = new DesignationApplication(swaledale.Id, head.Id, head.FullName, "head@swaledale.test", Presets.Lle);
        application.UpdateAnswers(new ApplicationAnswers(LeadershipRole.Headteacher, 96, ["Leadership of CPD"], school.Urn,
            "Headteacher of Moorside Academy for eight years; coaches new heads across the Dales."), school.Name, school.OfstedRating, now);
        application.Apply(ApplicationMove.Submit, ApplicationActor.Applicant, now);
        application.Apply(ApplicationMove.RequestReference, ApplicationActor.Applicant, now);
        application.Apply(ApplicationMove.ConfirmReference, ApplicationActor.Referee, now, facts: new DecisionFacts(0, 1, false));
        application.Apply(ApplicationMove.Designate, ApplicationActor.AllianceManager, now, "Demo designation.", new DecisionFacts(1, 0, true), "Margaret Thompson");
        var designation = new Designation(application, SchoolTerm.Of(UkTime.Day(now)).Start, "Margaret Thompson");
        db.Applications.Add(application);
        db.Designations.Add(designation);
        var today = UkTime.Day(now);
        var partnership = new ProfessionalPartnership(swaledale.Id, designation.Id, head.Id, head.FullName, "head@swaledale.test",
            "Priya Shah", "priya.shah@stray-infant.test", 900006, "Stray Infant School", today.AddDays(-120), "Margaret Thompson", now);
        db.Set<ProfessionalPartnership>().Add(partnership);
        db.Set<PartnerSession>().Add(partnership.Log(today.AddDays(-60), 3 * 60, "First meeting: the school improvement plan", today, now));
        db.Set<PartnerSession>().Add(partnership.Log(today.AddDays(-20), 3 * 60, "Coaching before the governors' meeting", today, now));
    }

    /// <summary>
    /// Swaledale has started a network, shares Katherine Johnson (leader2) with it, and has invited Learners First, whose manager
    /// sees the invitation waiting. Made through the service, as Swaledale's manager would.
    /// </summary>
    public static async Task SeedNetworkAsync(IServiceProvider services, Tenant swaledale, Tenant learnersFirst)
    {
        services.GetRequiredService<Tenancy.TenantContext>().SetTenant(swaledale.Id, swaledale.Slug);
        var contexts = services.GetRequiredService<TenantDbContextFactory>();
        await using var db = contexts.ForTenant(swaledale.Id);
        var manager = await db.Users.AsNoTracking().FirstAsync(u => u.Email == "manager@swaledale.test");
        var shared = await db.Designations.AsNoTracking().Where(d => d.HolderEmail == "leader2@swaledale.test").Select(d => d.Id).FirstOrDefaultAsync();
        var actor = new Actor(manager.Id, manager.FullName, manager.Email!, TenantRoles.AllianceManager);
        var networks = services.GetRequiredService<Brokerage.NetworkService>();
        var network = await networks.CreateNetworkAsync("Yorkshire Dales Network", actor);
        if (shared != Guid.Empty) await networks.ShareWithNetworksAsync(shared, share: true, actor);
        await networks.InviteAsync(network, learnersFirst.Id, actor);
    }
}
