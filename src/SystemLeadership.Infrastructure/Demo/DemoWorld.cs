using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Deployments;
using SystemLeadership.Infrastructure.Evaluations;
using SystemLeadership.Infrastructure.Reimbursement;

namespace SystemLeadership.Infrastructure.Demo;

/// <summary>
/// Swaledale's people as the brokerage use cases know them (the broker, Tom Reid, the three SLEs and their headteachers),
/// the use cases themselves on the demo's clock, and the steps the demo's history is made of.
/// </summary>
internal sealed class DemoWorld
{
    private sealed record Leader(Actor Actor, Guid DesignationId, Actor Head, int SchoolUrn);

    private readonly TenantDbContextFactory _contexts;
    private readonly Dictionary<string, Leader> _leaders;

    private DemoWorld(IServiceProvider services, DemoClock clock, Actor broker, Actor tom, Dictionary<string, Leader> leaders)
    {
        _contexts = services.GetRequiredService<TenantDbContextFactory>();
        Clock = clock;
        Broker = broker;
        Tom = tom;
        _leaders = leaders;
        Commissions = ActivatorUtilities.CreateInstance<CommissionService>(services, clock);
        Proposals = ActivatorUtilities.CreateInstance<ProposalService>(services, clock);
        Deployments = ActivatorUtilities.CreateInstance<DeploymentService>(services, clock);
        Visits = ActivatorUtilities.CreateInstance<VisitService>(services, clock);
        Quality = ActivatorUtilities.CreateInstance<QualityAssuranceService>(services, clock);
        GenerateClaims = ActivatorUtilities.CreateInstance<GenerateClaims>(services, clock);
        Claims = ActivatorUtilities.CreateInstance<ClaimService>(services, clock);
    }

    public DemoClock Clock { get; }
    public Actor Broker { get; }
    public Actor Tom { get; }
    public CommissionService Commissions { get; }
    public ProposalService Proposals { get; }
    public DeploymentService Deployments { get; }
    public VisitService Visits { get; }
    public QualityAssuranceService Quality { get; }
    public GenerateClaims GenerateClaims { get; }
    public ClaimService Claims { get; }

    /// <summary>The people, read from the accounts and designations the demo has written; null if any is missing.</summary>
    public static async Task<DemoWorld?> LoadAsync(IServiceProvider services, DemoClock clock)
    {
        await using var db = services.GetRequiredService<TenantDbContextFactory>().CreateDbContext();
        string[] emails = ["manager@swaledale.test", "contact@swaledale.test", "leader@swaledale.test", "leader2@swaledale.test", "leader3@swaledale.test"];
        var users = await db.Users.AsNoTracking().Where(u => emails.Contains(u.Email!)).ToDictionaryAsync(u => u.Email!, u => (u.Id, u.FullName));
        var profiles = await db.Set<LeaderProfile>().AsNoTracking().ToDictionaryAsync(p => p.Email);
        var designations = await db.Designations.AsNoTracking().Where(d => d.Type == DesignationType.SpecialistLeaderOfEducation)
            .ToDictionaryAsync(d => d.HolderEmail, d => d.Id);
        if (emails.Any(e => !users.ContainsKey(e))) return null;
        Dictionary<string, Leader> leaders = [];
        foreach (var (key, email) in new[] { ("Grace", "leader@swaledale.test"), ("Katherine", "leader2@swaledale.test"), ("Mary", "leader3@swaledale.test") })
        {
            if (!profiles.TryGetValue(email, out var p) || !designations.TryGetValue(email, out var designationId)) return null;
            var head = await db.Users.AsNoTracking().Where(u => u.Email == p.HeadteacherEmail).Select(u => u.Id).FirstOrDefaultAsync() ?? "demo-head-" + key;
            leaders[key] = new(new(users[email].Id, p.Name, email, TenantRoles.SystemLeader), designationId,
                new(head, p.HeadteacherName, p.HeadteacherEmail, TenantRoles.Headteacher), p.SchoolUrn);
        }
        var manager = users["manager@swaledale.test"];
        var contact = users["contact@swaledale.test"];
        return new DemoWorld(services, clock, new(manager.Id, manager.FullName, "manager@swaledale.test", TenantRoles.AllianceManager),
            new(contact.Id, contact.FullName, "contact@swaledale.test", TenantRoles.SchoolContact), leaders);
    }

    /// <summary>A support request for this school, raised on this day by a person who speaks for it (or by the broker for it).</summary>
    public async Task<Guid> RaiseAsync(int urn, Actor raiser, Actor commissioner, DateOnly on, string specialism, int halfDays, DateOnly desiredStart,
        CommissionerKind kind = CommissionerKind.LocalAuthority, string? contact = null, string phase = "Primary", int weeks = 8)
    {
        Clock.On(on, 9);
        return (await Commissions.RaiseCommissionAsync(raiser, Request(urn, commissioner, contact ?? raiser.Email, specialism, halfDays, desiredStart, kind, phase, weeks))).Id;
    }

    /// <summary>A request for an SLE in this specialism, funded by its commissioner: the demo's every request is one.</summary>
    public static CommissionRequest Request(int urn, Actor commissioner, string contactEmail, string specialism, int halfDays, DateOnly desiredStart,
        CommissionerKind kind, string phase = "Primary", int weeks = 8) =>
        new(urn, kind, commissioner.Name, commissioner.Email, contactEmail, commissioner.Name,
            new SupportNeed([specialism], phase, [DesignationType.SpecialistLeaderOfEducation], [], PriorityReasons.None, desiredStart, weeks, halfDays));

    /// <summary>Ruth Barker, head of St Chloë's: she asks Swaledale and Learners First for support.</summary>
    public static readonly Actor RuthBarker = new("demo-st-chloes", "Ruth Barker", "head@stchloes.test", TenantRoles.Headteacher);

    public async Task MoveCommissionAsync(Guid id, DateOnly on, CommissionMove move, string? note = null)
    {
        Clock.On(on, 11);
        await using var db = _contexts.CreateDbContext();
        var commission = await db.Set<Commission>().AsNoTracking().FirstAsync(c => c.Id == id);
        var actor = move == CommissionMove.Withdraw ? new Actor(commission.RaisedByUserId, commission.RaisedByName, commission.RaisedByEmail, TenantRoles.None) : Broker;
        await Commissions.MoveCommissionAsync(id, commission.Version, move, actor, note);
    }

    /// <summary>A proposal of this leader, sent for agreement and agreed by every party but (unless asked) the leader's headteacher.</summary>
    public async Task<Guid> ProposeAsync(Guid commissionId, string leaderKey, DateOnly on, DateOnly start, DateOnly end, int halfDays,
        IReadOnlyList<string> objectives, bool consentHead = true)
    {
        var leader = _leaders[leaderKey];
        Clock.On(on, 10);
        var terms = new ProposalTerms(objectives, "Pupils' progress back to the national average within the year",
            "Coaching the school's lead; joint planning, observation and feedback", [], halfDays, "Half a day a fortnight", start, end);
        var draft = await Proposals.DraftProposalAsync(commissionId, leader.DesignationId, terms, Broker);
        await Proposals.ProposeAsync(draft.Id, await VersionAsync<Proposal>(draft.Id, p => p.Version), Broker);
        await using (var db = _contexts.CreateDbContext())
        {
            var commission = await db.Set<Commission>().AsNoTracking().FirstAsync(c => c.Id == commissionId);
            Clock.On(on.AddDays(1), 12);
            List<Actor> parties = [leader.Actor, Party(commission.SupportedSchoolContactEmail, commission), Party(commission.CommissionerEmail, commission)];
            if (consentHead) parties.Add(leader.Head);
            foreach (var party in parties.DistinctBy(p => p.Email.ToLowerInvariant())) await Proposals.ConsentAsync(draft.Id, party);
        }
        return draft.Id;
    }

    /// <summary>A request raised, accepted and agreed for this leader: the deployment it became.</summary>
    public async Task<Guid> AgreeAsync(int urn, Actor contact, Actor commissioner, DateOnly raisedOn, string specialism, string leaderKey,
        DateOnly start, DateOnly end, int halfDays, IReadOnlyList<string> objectives,
        CommissionerKind commissionerKind = CommissionerKind.LocalAuthority, string phase = "Primary")
    {
        var raiser = contact.Roles == TenantRoles.None ? Broker : contact;
        var weeks = Math.Max(1, (end.DayNumber - start.DayNumber + 6) / 7);
        var commission = await RaiseAsync(urn, raiser, commissioner, raisedOn, specialism, halfDays, start, commissionerKind, contact.Email, phase, weeks);
        await MoveCommissionAsync(commission, raisedOn.AddDays(1), CommissionMove.Accept);
        var proposal = await ProposeAsync(commission, leaderKey, raisedOn.AddDays(2), start, end, halfDays, objectives);
        await using var db = _contexts.CreateDbContext();
        return await db.Set<Deployment>().AsNoTracking().Where(d => d.ProposalId == proposal).Select(d => d.Id).FirstAsync();
    }

    private static readonly string[] Summaries =
    [
        "Observed two lessons with the subject lead and agreed what to look for next time",
        "Joint planning of the next unit; modelled a lesson with the class teacher watching",
        "Reviewed pupils' books with the lead and fed back to the staff meeting",
    ];

    /// <summary>A visit scheduled a week before (or on the day given); once it has taken place, recorded and evaluated when asked.</summary>
    public async Task VisitAsync(Guid deploymentId, string leaderKey, DateOnly day, int halfDays, bool record, DateOnly? scheduledOn = null)
    {
        var leader = _leaders[leaderKey].Actor;
        Clock.On(scheduledOn ?? day.AddDays(-7), 8);
        var visit = (await Visits.ScheduleVisitAsync(deploymentId, DemoClock.Morning(day), halfDays, "At the school", leader)).Visit;
        if (!record || visit.StartsAt > Clock.RealNow) return;
        Clock.On(day, 17);
        var summary = Summaries[Math.Abs(visit.StartsAt.DayOfYear) % Summaries.Length];
        await Visits.RecordVisitAsync(visit.Id, new VisitRecordForm(summary, "The lead tries the approach with one class before the next visit",
            "Look at the effect on pupils' work together", halfDays), leader);
        await Visits.EvaluateVisitAsync(visit.Id, new VisitEvaluationForm(4, "The lead took ownership of the next steps", ""), leader);
    }

    public async Task ReviewAsync(Guid deploymentId, DateOnly on, ObjectiveStatus status, string note)
    {
        Clock.On(on, 15);
        await Quality.ReviewObjectiveAsync(deploymentId, 0, status, note, isFinal: false, Broker);
    }

    public async Task MoveAsync(Guid deploymentId, DateOnly on, DeploymentMove move, string? note = null)
    {
        Clock.On(on, 15);
        await Deployments.MoveAsync(deploymentId, await VersionAsync<Deployment>(deploymentId, d => d.Version), move, Broker, note);
    }

    /// <summary>Takes the claim for this school through these moves: submitted by the leader's headteacher, the rest by the broker.</summary>
    public async Task ClaimAsync(IReadOnlyList<Claim> claims, int schoolUrn, DateOnly on, params ClaimMove[] moves)
    {
        if (claims.FirstOrDefault(c => c.SchoolUrn == schoolUrn) is not { } claim) return;
        var head = _leaders.Values.First(l => l.SchoolUrn == schoolUrn).Head;
        foreach (var (move, i) in moves.Select((m, i) => (m, i)))
        {
            Clock.On(on.AddDays(i), 11);
            var note = move switch
            {
                ClaimMove.RequestChanges => "The visit on the 3rd is logged as a day; the Visit Record says half a day. Please check and resubmit.",
                ClaimMove.MarkPaid => "BACS-" + claim.Id.ToString("N")[..8].ToUpperInvariant(),
                _ => null,
            };
            await Claims.MoveAsync(claim.Id, await VersionAsync<Claim>(claim.Id, c => c.Version), move, move == ClaimMove.Submit ? head : Broker, note);
        }
    }

    private Actor Party(string email, Commission commission) =>
        email.Equals(Tom.Email, StringComparison.OrdinalIgnoreCase) ? Tom
        : email.Equals(commission.RaisedByEmail, StringComparison.OrdinalIgnoreCase) ? new(commission.RaisedByUserId, commission.RaisedByName, email, TenantRoles.None)
        : new("demo-" + email, email == commission.CommissionerEmail ? commission.CommissionerName : commission.SchoolName, email, TenantRoles.None);

    private async Task<uint> VersionAsync<T>(Guid id, System.Linq.Expressions.Expression<Func<T, uint>> version) where T : class
    {
        await using var db = _contexts.CreateDbContext();
        return await db.Set<T>().AsNoTracking().Where(e => EF.Property<Guid>(e, "Id") == id).Select(version).FirstAsync();
    }
}
