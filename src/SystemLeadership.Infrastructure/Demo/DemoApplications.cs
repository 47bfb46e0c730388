using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Designations;

namespace SystemLeadership.Infrastructure.Demo;

/// <summary>
/// Swaledale's applicants in every state, walked through the product's own use cases on a <see cref="DemoClock"/>: a draft,
/// one waiting for Amira Patel's reference, one with its reference in, one interviewed with one of two panellists' scores
/// in, one not designated; and designations that end within 90 days and that were taken away. Each applicant can sign
/// in with the demo password. The referees answer by the link they were emailed, as a referee does.
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
    ];

    public static async Task SeedAsync(IServiceProvider services, Tenant swaledale)
    {
        services.GetRequiredService<Tenancy.TenantContext>().SetTenant(swaledale.Id, swaledale.Slug);
        var clock = new DemoClock(DateTimeOffset.UtcNow);
        var changes = new Changes(clock);
        var steps = new Steps(services, changes, clock, swaledale);
        if (!await steps.LoadPeopleAsync()) return;
        var today = clock.Today;

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
    }

    [GeneratedRegex(@"/reference/[^/\s]+/(?<token>[A-Za-z0-9_\-]+)")]
    private static partial Regex ReferenceLink();

    private sealed class Steps(IServiceProvider services, Changes changes, DemoClock clock, Tenant swaledale)
    {
        private readonly TenantDbContextFactory _contexts = services.GetRequiredService<TenantDbContextFactory>();
        private readonly ApplicationService _applications = ActivatorUtilities.CreateInstance<ApplicationService>(services, changes);
        private readonly ReferenceService _references = ActivatorUtilities.CreateInstance<ReferenceService>(services, changes);
        private readonly InterviewService _interviews = ActivatorUtilities.CreateInstance<InterviewService>(services, changes);
        private readonly DesignationService _designations = ActivatorUtilities.CreateInstance<DesignationService>(services, changes);
        private Actor _manager = null!;
        private readonly Dictionary<string, (string Id, string Name)> _heads = [];
        private readonly Dictionary<string, Actor> _applicants = [];

        public async Task<bool> LoadPeopleAsync()
        {
            await using var db = _contexts.CreateDbContext();
            var manager = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == "manager@swaledale.test");
            var heads = await db.Users.AsNoTracking().Where(u => u.Email == "head@swaledale.test" || u.Email == "head2@swaledale.test").ToListAsync();
            if (manager is null || heads.Count != 2) return false;
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
                db.Memberships.Add(new Membership(swaledale.Id, user.Id, TenantRoles.Applicant));
                await db.SaveChangesAsync();
            }
            return _applicants[person.Email] = new(user.Id, person.Name, person.Email, TenantRoles.Applicant);
        }

        public async Task<Guid> DraftAsync(Applicant person, DateOnly on)
        {
            var actor = await AccountAsync(person);
            clock.On(on, 19);
            var draft = await _applications.StartAsync(actor, DesignationType.SpecialistLeaderOfEducation.ToString());
            await _applications.SaveAnswersAsync(draft.Id, draft.Version, new ApplicationAnswers(LeadershipRole.MiddleLeader, 40, [person.Specialism], person.SchoolUrn,
                $"I lead {person.Specialism.ToLowerInvariant()} across our school and have coached two colleagues who are now subject leads elsewhere."), actor);
            return draft.Id;
        }

        public async Task<Guid> SubmittedAsync(Applicant person, DateOnly on)
        {
            var id = await DraftAsync(person, on.AddDays(-2));
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
            await using (var db = _contexts.ForTenant(swaledale.Id))
                body = await db.Outbox.AsNoTracking().Where(e => e.To == referee).OrderByDescending(e => e.CreatedAt).Select(e => e.TextBody).FirstAsync();
            clock.On(answered, 16);
            await _references.RespondAsync(swaledale.Slug, ReferenceLink().Match(body).Groups["token"].Value, new ReferenceResponse(true, "Deputy headteacher", 4,
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
