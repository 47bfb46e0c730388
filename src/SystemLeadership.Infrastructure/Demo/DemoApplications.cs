using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Designations;

namespace SystemLeadership.Infrastructure.Demo;

/// <summary>
/// Applicants in every state, walked through the product's own use cases on a <see cref="DemoClock"/>. Swaledale: a draft,
/// one waiting for Amira Patel's reference, one with its reference in, one interviewed with one of two panellists' scores
/// in, one not designated, one withdrawn; and designations that end within 90 days and that were taken away. Learners
/// First: its own SLE designated, one waiting for a decision and one to triage. The College: a national queue (an NLG
/// application with its reference in, an LLE application waiting for its reference). Each applicant can sign in with the
/// demo password. The referees answer by the link they were emailed, as a referee does.
/// </summary>
public static partial class DemoApplications
{
    private sealed record Applicant(string Email, string Name, string Specialism, int SchoolUrn);

    private static readonly Applicant Ada = new("ada@swaledale.test", "Ada Lovelace", "ICT", 900004);
    private static readonly Applicant Alan = new("alan@swaledale.test", "Alan Turing", "Maths", 900001);
    private static readonly Applicant Dorothy = new("dorothy@swaledale.test", "Dorothy Hodgkin", "Science", 900007);
    private static readonly Applicant Rosalind = new("rosalind@swaledale.test", "Rosalind Franklin", "Science", 900009);
    private static readonly Applicant Charles = new("charles@swaledale.test", "Charles Babbage", "ICT", 900012);
    private static readonly Applicant Isaac = new("isaac@swaledale.test", "Isaac Newton", "Science", 900007);
    private static readonly Applicant Emmy = new("emmy@swaledale.test", "Emmy Noether", "Maths", 900002);
    private static readonly Applicant Michael = new("michael@swaledale.test", "Michael Faraday", "Science", 900003);
    private static readonly Applicant Rachel = new("rachel@learnersfirst.test", "Rachel Carson", "Science", 900002);
    private static readonly Applicant Chien = new("wu@learnersfirst.test", "Chien-Shiung Wu", "Maths", 900005);
    private static readonly Applicant Barbara = new("barbara@learnersfirst.test", "Barbara McClintock", "Science", 900008);
    private static readonly Applicant Frances = new("chair2@governors.test", "Frances Bell", "Governance", 900004);
    private static readonly Applicant Hannah = new("hannah@airevalley.test", "Hannah Moss", "Leadership of CPD", 900007);

    /// <summary>The demo accounts this adds, for the sign-in page and README.</summary>
    public static readonly IReadOnlyList<(string Email, string Name, string Role)> Accounts =
    [
        (Ada.Email, Ada.Name, "Applicant with an SLE application in draft, Swaledale Alliance"),
        (Alan.Email, Alan.Name, "Applicant waiting for Amira Patel's reference, Swaledale Alliance"),
        (Dorothy.Email, Dorothy.Name, "Applicant whose reference is in, waiting for a decision, Swaledale Alliance"),
        (Rosalind.Email, Rosalind.Name, "Applicant interviewed by David Okafor and Amira Patel (Amira's scores to come), Swaledale Alliance"),
        (Charles.Email, Charles.Name, "Applicant not designated, Swaledale Alliance"),
        (Isaac.Email, Isaac.Name, "SLE whose designation ends within 90 days, Swaledale Alliance"),
        (Emmy.Email, Emmy.Name, "Former SLE, de-designated, Swaledale Alliance"),
        (Michael.Email, Michael.Name, "Applicant who withdrew his SLE application, Swaledale Alliance"),
        (Rachel.Email, Rachel.Name, "SLE (science), Learners First Alliance"),
        (Chien.Email, Chien.Name, "Applicant whose reference is in, waiting for Owen Price's decision, Learners First Alliance"),
        (Barbara.Email, Barbara.Name, "Applicant waiting for her headteacher's reference, Learners First Alliance"),
        (Frances.Email, Frances.Name, "Chair of governors whose NLG application waits in the College's queue with its reference in"),
        (Hannah.Email, Hannah.Name, "Headteacher whose LLE application to the College waits for its reference"),
    ];

    public static async Task SeedAsync(IServiceProvider services, Tenant swaledale)
    {
        if (await Steps.ForAsync(services, swaledale, "manager@swaledale.test", "head@swaledale.test", "head2@swaledale.test") is not { } steps) return;
        var today = steps.Today;

        await steps.DraftAsync(Ada, today.AddDays(-3));
        var alan = await steps.SubmittedAsync(Alan, today.AddDays(-5));
        await steps.AskReferenceAsync(alan, Alan, "Amira Patel", "head2@swaledale.test", today.AddDays(-5));

        var dorothy = await steps.SubmittedAsync(Dorothy, today.AddDays(-30));
        await steps.ReferencedAsync(dorothy, Dorothy, today.AddDays(-30), today.AddDays(-24));

        var rosalind = await steps.SubmittedAsync(Rosalind, today.AddDays(-45));
        await steps.ReferencedAsync(rosalind, Rosalind, today.AddDays(-45), today.AddDays(-38));
        await steps.InterviewAsync(rosalind, today.AddDays(-20), DemoClock.Weekday(today.AddDays(-2)));

        var charles = await steps.SubmittedAsync(Charles, today.AddDays(-70));
        await steps.ReferencedAsync(charles, Charles, today.AddDays(-70), today.AddDays(-60));
        await steps.DecideAsync(charles, today.AddDays(-55), ApplicationMove.DoNotDesignate,
            "The track record does not yet show impact beyond your own school: please apply again after leading the trust's ICT network for a year.");

        // Isaac was designated almost four years ago: his designation ends within 90 days, so he is on the renewal list.
        var designatedIsaac = today.AddYears(-4).AddDays(60);
        var isaac = await steps.SubmittedAsync(Isaac, designatedIsaac.AddDays(-40));
        await steps.ReferencedAsync(isaac, Isaac, designatedIsaac.AddDays(-40), designatedIsaac.AddDays(-30));
        await steps.DecideAsync(isaac, designatedIsaac, ApplicationMove.Designate, "Strong science results and coaching record.");

        var designatedEmmy = today.AddYears(-1);
        var emmy = await steps.SubmittedAsync(Emmy, designatedEmmy.AddDays(-40));
        await steps.ReferencedAsync(emmy, Emmy, designatedEmmy.AddDays(-40), designatedEmmy.AddDays(-30));
        await steps.DecideAsync(emmy, designatedEmmy, ApplicationMove.Designate, "Excellent maths outcomes.");
        await steps.DeDesignateAsync(emmy, today.AddDays(-30), DeDesignationReason.CircumstancesChanged, "Left Swaledale for a post abroad.");

        var michael = await steps.SubmittedAsync(Michael, today.AddDays(-21));
        await steps.WithdrawAsync(michael, Michael, today.AddDays(-15), "I have taken a new post and cannot give the time this year.");
    }

    /// <summary>
    /// Learners First's own work, made by its manager Owen Price: Rachel Carson designated an SLE last spring, Chien-Shiung
    /// Wu's reference in and waiting for his decision, Barbara McClintock waiting for her reference, and a support request
    /// from St Chloë's waiting for triage.
    /// </summary>
    public static async Task SeedLearnersFirstAsync(IServiceProvider services, Tenant learnersFirst)
    {
        if (await Steps.ForAsync(services, learnersFirst, "manager@learnersfirst.test") is not { } steps) return;
        var today = steps.Today;

        var designated = today.AddMonths(-8);
        var rachel = await steps.SubmittedAsync(Rachel, designated.AddDays(-35));
        await steps.ReferencedAsync(rachel, Rachel, designated.AddDays(-35), designated.AddDays(-28));
        await steps.DecideAsync(rachel, designated, ApplicationMove.Designate, "Science outcomes well above the national average for three years.");

        var chien = await steps.SubmittedAsync(Chien, today.AddDays(-18));
        await steps.ReferencedAsync(chien, Chien, today.AddDays(-18), today.AddDays(-12));

        var barbara = await steps.SubmittedAsync(Barbara, today.AddDays(-4));
        await steps.AskReferenceAsync(barbara, Barbara, "Lucy Marsh", "head@abbeyview.test", today.AddDays(-4));

        await steps.RaiseAsync(900002, DemoWorld.RuthBarker, today.AddDays(-3), "Science", 6);
    }

    /// <summary>
    /// The College's national queue: Frances Bell, chair of Sowerby Gate's governors for six years, applies to be an NLG and
    /// her headteacher's reference is in; Hannah Moss, head of Aire Valley High, applies to be an LLE and waits for hers.
    /// </summary>
    public static async Task SeedCollegeQueueAsync(IServiceProvider services, Tenant college)
    {
        if (await Steps.ForAsync(services, college, "college@systemleadership.test") is not { } steps) return;
        var today = steps.Today;

        var frances = await steps.SubmittedAsync(Frances, today.AddDays(-16), DesignationType.NationalLeaderOfGovernance,
            new ApplicationAnswers(LeadershipRole.ChairOfGovernors, 72, [], Frances.SchoolUrn,
                "Chair of Sowerby Gate's governing board through its conversion to an academy and two Ofsted inspections.",
                RolePeriods: [new RolePeriod("Sowerby Gate Primary Academy", today.AddYears(-6), null)]));
        await steps.ReferencedAsync(frances, Frances, today.AddDays(-16), today.AddDays(-9));

        var hannah = await steps.SubmittedAsync(Hannah, today.AddDays(-6), DesignationType.LocalLeaderOfEducation,
            new ApplicationAnswers(LeadershipRole.Headteacher, 60, [Hannah.Specialism], Hannah.SchoolUrn,
                "Headteacher of Aire Valley High for five years; leads the area's heads' coaching group."));
        await steps.AskReferenceAsync(hannah, Hannah, "Chair of governors, Aire Valley High", "governors@airevalley.test", today.AddDays(-6));
    }

    [GeneratedRegex(@"/reference/[^/\s]+/(?<token>[A-Za-z0-9_\-]+)")]
    private static partial Regex ReferenceLink();

    private sealed class Steps(IServiceProvider services, Changes changes, DemoClock clock, Tenant tenant)
    {
        private readonly TenantDbContextFactory _contexts = services.GetRequiredService<TenantDbContextFactory>();
        private readonly ApplicationService _applications = ActivatorUtilities.CreateInstance<ApplicationService>(services, changes);
        private readonly ReferenceService _references = ActivatorUtilities.CreateInstance<ReferenceService>(services, changes);
        private readonly InterviewService _interviews = ActivatorUtilities.CreateInstance<InterviewService>(services, changes);
        private readonly DesignationService _designations = ActivatorUtilities.CreateInstance<DesignationService>(services, changes);
        private Actor _manager = null!;
        private readonly Dictionary<string, (string Id, string Name)> _heads = [];
        private readonly Dictionary<string, Actor> _applicants = [];

        /// <summary>
        /// The steps in this tenant, on a demo clock of their own from the real now, with its deciding manager and the
        /// headteachers who sit on its interview panels; null if any of them is missing.
        /// </summary>
        public static async Task<Steps?> ForAsync(IServiceProvider services, Tenant tenant, string managerEmail, params string[] headEmails)
        {
            services.GetRequiredService<Tenancy.TenantContext>().SetTenant(tenant.Id, tenant.Slug);
            var clock = new DemoClock(DateTimeOffset.UtcNow);
            var steps = new Steps(services, new Changes(clock), clock, tenant);
            return await steps.LoadPeopleAsync(managerEmail, headEmails) ? steps : null;
        }

        public DateOnly Today => clock.Today;

        private async Task<bool> LoadPeopleAsync(string managerEmail, string[] headEmails)
        {
            await using var db = _contexts.CreateDbContext();
            var manager = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == managerEmail);
            var heads = await db.Users.AsNoTracking().Where(u => headEmails.Contains(u.Email!)).ToListAsync();
            if (manager is null || heads.Count != headEmails.Length) return false;
            _manager = new(manager.Id, manager.FullName, manager.Email!, TenantRoles.AllianceManager);
            foreach (var head in heads) _heads[head.Email!] = (head.Id, head.FullName);
            return true;
        }

        private async Task<Actor> AccountAsync(Applicant person)
        {
            if (_applicants.TryGetValue(person.Email, out var known)) return known;
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = person.Email, Email = person.Email, EmailConfirmed = true, FullName = person.Name };
            var created = await users.CreateAsync(user, DemoData.Password);
            if (!created.Succeeded) throw new InvalidOperationException($"Demo user {person.Email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            await using (var db = _contexts.CreateDbContext())
            {
                db.Memberships.Add(new Membership(tenant.Id, user.Id, TenantRoles.Applicant));
                await db.SaveChangesAsync();
            }
            return _applicants[person.Email] = new(user.Id, person.Name, person.Email, TenantRoles.Applicant);
        }

        /// <summary>An application started on this day (an SLE's, unless another designation is named) with these answers.</summary>
        public async Task<Guid> DraftAsync(Applicant person, DateOnly on, DesignationType type = DesignationType.SpecialistLeaderOfEducation, ApplicationAnswers? answers = null)
        {
            var actor = await AccountAsync(person);
            clock.On(on, 19);
            var draft = await _applications.StartAsync(actor, type.ToString());
            await _applications.SaveAnswersAsync(draft.Id, draft.Version, answers ?? new ApplicationAnswers(LeadershipRole.MiddleLeader, 40, [person.Specialism], person.SchoolUrn,
                $"I lead {person.Specialism.ToLowerInvariant()} across our school and have coached two colleagues who are now subject leads elsewhere."), actor);
            return draft.Id;
        }

        public async Task<Guid> SubmittedAsync(Applicant person, DateOnly on, DesignationType type = DesignationType.SpecialistLeaderOfEducation, ApplicationAnswers? answers = null)
        {
            var id = await DraftAsync(person, on.AddDays(-2), type, answers);
            clock.On(on, 20);
            await _applications.MoveAsync(id, await VersionAsync(id), ApplicationMove.Submit, _applicants[person.Email]);
            return id;
        }

        public async Task AskReferenceAsync(Guid id, Applicant person, string refereeName, string refereeEmail, DateOnly on)
        {
            clock.On(on, 20);
            await _references.RequestAsync(id, await VersionAsync(id), refereeName, refereeEmail, _applicants[person.Email]);
        }

        /// <summary>The reference asked of the applicant's headteacher and confirmed from the emailed link.</summary>
        public async Task ReferencedAsync(Guid id, Applicant person, DateOnly asked, DateOnly answered)
        {
            // One referee a person, so the link followed is theirs.
            var referee = $"head.for.{person.Email.Split('@')[0]}@school{person.SchoolUrn}.test";
            await AskReferenceAsync(id, person, "The applicant's headteacher", referee, asked);
            string body;
            // The alliance's own email: the app role reads its tenant's outbox rows, unsent ones with their links.
            await using (var db = _contexts.ForTenant(tenant.Id))
                body = await db.Outbox.AsNoTracking().Where(e => e.To == referee).OrderByDescending(e => e.CreatedAt).Select(e => e.TextBody).FirstAsync();
            clock.On(answered, 16);
            await _references.RespondAsync(tenant.Slug, ReferenceLink().Match(body).Groups["token"].Value, new ReferenceResponse(true, "Deputy headteacher", 4,
                ReleaseTimeConfirmed: true, $"{person.Name} is an outstanding {person.Specialism.ToLowerInvariant()} leader whom colleagues already seek out.", null, 6));
        }

        /// <summary>An interview on this day, scored so far by David Okafor only.</summary>
        public async Task InterviewAsync(Guid id, DateOnly scheduledOn, DateOnly held)
        {
            clock.On(scheduledOn, 10);
            await _applications.MoveAsync(id, await VersionAsync(id), ApplicationMove.Shortlist, _manager);
            var panel = _heads.Values.Select(h => h.Id).ToList();
            await _interviews.ScheduleAsync(id, await VersionAsync(id), DemoClock.Morning(held), "Swaledale Bridge Community Primary School", panel, _manager);
            clock.On(held, 15);
            await using var db = _contexts.CreateDbContext();
            var david = _heads["head@swaledale.test"];
            var panellist = await db.Panellists.AsNoTracking().Join(db.Interviews, p => p.InterviewId, i => i.Id, (p, i) => new { p, i })
                .Where(x => x.i.ApplicationId == id && x.p.UserId == david.Id).Select(x => x.p).FirstAsync();
            await _interviews.ScoreAsync(id, panellist.Id, panellist.Version, [.. Interview.Criteria.Select((_, i) => i % 2 == 0 ? 4 : 3)],
                "Clear on how she would build capacity rather than do the work herself.", new(david.Id, david.Name, "head@swaledale.test", TenantRoles.Headteacher));
        }

        public async Task WithdrawAsync(Guid id, Applicant person, DateOnly on, string reason)
        {
            clock.On(on, 18);
            await _applications.MoveAsync(id, await VersionAsync(id), ApplicationMove.Withdraw, _applicants[person.Email], reason);
        }

        /// <summary>A support request a school's headteacher raised with the alliance on this day, waiting for triage.</summary>
        public async Task RaiseAsync(int urn, Actor head, DateOnly on, string specialism, int halfDays)
        {
            clock.On(on, 9);
            await ActivatorUtilities.CreateInstance<CommissionService>(services, clock)
                .RaiseCommissionAsync(head, DemoWorld.Request(urn, head, head.Email, specialism, halfDays, on.AddDays(28), CommissionerKind.School));
        }

        public async Task DecideAsync(Guid id, DateOnly on, ApplicationMove move, string reason)
        {
            clock.On(on, 11);
            await _applications.MoveAsync(id, await VersionAsync(id), move, _manager, reason, move == ApplicationMove.Designate ? on : null);
        }

        public async Task DeDesignateAsync(Guid applicationId, DateOnly on, DeDesignationReason reason, string note)
        {
            clock.On(on, 11);
            await using var db = _contexts.CreateDbContext();
            var designation = await db.Designations.AsNoTracking().FirstAsync(d => d.ApplicationId == applicationId);
            await _designations.MoveAsync(designation.Id, designation.Version, DesignationMove.DeDesignate, _manager, reason, note, on);
        }

        private async Task<uint> VersionAsync(Guid id)
        {
            await using var db = _contexts.CreateDbContext();
            return await db.Applications.AsNoTracking().Where(a => a.Id == id).Select(a => a.Version).FirstAsync();
        }
    }
}
