using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Auditing;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Designations;
using ApplicationTransition = SystemLeadership.Domain.Workflows.Transition<SystemLeadership.Domain.Designations.ApplicationState, SystemLeadership.Domain.Designations.ApplicationMove, SystemLeadership.Domain.Designations.ApplicationActor, SystemLeadership.Domain.Designations.ApplicationContext>;
using SystemLeadership.Domain.Evidence;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Evaluations;

namespace SystemLeadership.Infrastructure.Designations;

/// <summary>
/// A seat on the interview panel as one person may see it: the name and whether they have scored for everyone; the scores
/// and comments only for those <see cref="ApplicationSight.PanelScores"/> opens them to.
/// </summary>
public sealed record PanelSeat(string UserId, string Name, bool HasScored, IReadOnlyList<int>? Scores, int? Total, string? Comments);

/// <summary>
/// One application as one person may see it: only the parts <see cref="ApplicationParties"/> opens to them, and the
/// moves they may make now. Null means "not found" — not in this tenant, or not theirs to see — for pages and downloads alike.
/// </summary>
public sealed record ApplicationView(
    DesignationApplication Application,
    IReadOnlyList<ApplicationRole> Roles,
    ApplicationSight Sight,
    IReadOnlyList<Reference> References,
    Designation? Designation,
    Interview? Interview,
    IReadOnlyList<PanelSeat> Panel,
    Panellist? MySeat,
    IReadOnlyList<EvidenceSummary> Evidence,
    IReadOnlyList<AuditEntry> History,
    Designation? Renewing,
    LeaderRecord? RenewalEvidence,
    [property: System.Text.Json.Serialization.JsonIgnore] IReadOnlyList<ApplicationTransition> Moves,
    bool MayRequestReference)
{
    public bool Is(ApplicationRole role) => Roles.Contains(role);
}

/// <summary>Who sees which application, and what of it: the one place pages and endpoints ask.</summary>
public sealed class ApplicationViews(TenantDbContextFactory contexts, QualityAssuranceService deployments)
{
    /// <summary>The audit entries that carry a panellist's scores and comments.</summary>
    public const string ScoresRecorded = "Panel scores recorded";

    public async Task<ApplicationView?> ForAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (application is null) return null;
        var interview = await db.Interviews.AsNoTracking().FirstOrDefaultAsync(i => i.ApplicationId == id, ct);
        var panel = interview is null ? [] : await db.Panellists.AsNoTracking().Where(p => p.InterviewId == interview.Id).OrderBy(p => p.Name).ToListAsync(ct);
        var roles = ApplicationParties.Of(application, panel.Select(p => p.UserId), actor);
        if (roles.Count == 0) return null;
        var sight = ApplicationParties.Sight(application, roles, panel.Any(p => p.HasScored));

        var references = await db.References.AsNoTracking().Where(r => r.ApplicationId == id).OrderBy(r => r.RequestedAt).ToListAsync(ct);
        var designation = await db.Designations.AsNoTracking().FirstOrDefaultAsync(d => d.ApplicationId == id && d.Type == application.Type, ct);
        var evidence = await db.EvidenceFiles.AsNoTracking().Where(f => f.ApplicationId == id).OrderBy(f => f.UploadedAt)
            .Select(f => new EvidenceSummary(f.Id, f.FileName, f.ContentType, f.SizeBytes, f.UploadedAt)).ToListAsync(ct);
        var history = await db.AuditEntries.AsNoTracking().Where(a => a.EntityId == id).OrderBy(a => a.At).ToListAsync(ct);
        Designation? renewing = application.RenewsDesignationId is { } renewsId
            ? await db.Designations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == renewsId, ct)
            : null;
        var renewalEvidence = application.IsRenewal ? await deployments.LeaderRecordAsync(application.ApplicantUserId, ct) : null;

        var seats = panel.Select(p => new PanelSeat(p.UserId, p.Name, p.HasScored, p.Scores, p.Total, p.Comments)).ToList();
        var mySeat = roles.Contains(ApplicationRole.Panellist) ? panel.First(p => p.UserId == actor.UserId) : null;

        return WithMoves(Seen(new ApplicationView(application, roles, sight, references, designation, interview, seats, mySeat, evidence, history,
            renewing, renewalEvidence, [], false)));
    }

    /// <summary>
    /// Panel scores and comments only for those <see cref="ApplicationSight.PanelScores"/> opens them to: the seats lose
    /// them, and so does the trail, which repeats each panellist's.
    /// </summary>
    private static ApplicationView Seen(ApplicationView view) => view.Sight.PanelScores ? view : view with
    {
        Panel = [.. view.Panel.Select(p => p with { Scores = null, Total = null, Comments = null })],
        History = [.. view.History.Where(h => h.Action != ScoresRecorded)],
    };

    /// <summary>
    /// An application as read for a page's prerender and carried in the page to its circuit, for <paramref name="actor"/>
    /// on <paramref name="tenantId"/>'s page: who may see it is decided again; a read made for anyone whose part or sight
    /// differs (signed in as someone else meanwhile, or a read tampered with) is null, so the page reads again; the moves
    /// are worked out again.
    /// </summary>
    public static ApplicationView? From(ApplicationView read, Actor actor, Guid tenantId)
    {
        // Not read here, so the tenant's query filter did not see it: the tenant is checked as the filter would.
        if (read.Application.TenantId != tenantId) return null;
        var roles = ApplicationParties.Of(read.Application, read.Panel.Select(p => p.UserId), actor);
        if (roles.Count == 0 || !roles.SequenceEqual(read.Roles)) return null;
        if (ApplicationParties.Sight(read.Application, roles, read.Panel.Any(p => p.HasScored)) != read.Sight) return null;
        if (read.MySeat is { } seat && seat.UserId != actor.UserId) return null;
        // Filtered again as a read is, whatever the carried one held.
        return WithMoves(Seen(read));
    }

    /// <summary>The moves this person may make now, and whether they may ask for another reference, from what the view holds.</summary>
    private static ApplicationView WithMoves(ApplicationView view)
    {
        var facts = new DecisionFacts(
            view.References.Count(r => r.Outcome == ReferenceOutcome.Confirmed),
            view.References.Count(r => r.Outcome == ReferenceOutcome.Pending),
            view.Panel.Count > 0 && view.Panel.All(p => p.HasScored));
        return view with
        {
            Moves = ApplicationService.MovesFor(view.Application, view.Roles, facts),
            MayRequestReference = view.Sight.ManageReferences
                && view.Application.MovesFor(ApplicationActor.Applicant, facts).Any(m => m.Move == ApplicationMove.RequestReference),
        };
    }

    /// <summary>An evidence file for download, for whoever may see its application; null for anyone else and any other tenant.</summary>
    public async Task<EvidenceFile?> DownloadAsync(Guid applicationId, Guid fileId, Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is null) return null;
        var panel = await db.Interviews.Where(i => i.ApplicationId == applicationId)
            .Join(db.Panellists, i => i.Id, p => p.InterviewId, (i, p) => p.UserId).ToListAsync(ct);
        if (ApplicationParties.Of(application, panel, actor).Count == 0) return null;
        return await db.EvidenceFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.ApplicationId == applicationId, ct);
    }

    /// <summary>
    /// What a person has here, for their home, in one statement with only what the home shows: their own applications
    /// (latest first), the designations they hold (newest first), the interview panels they sit on and, for a system
    /// leader, their time in the term <paramref name="termKey"/> (what their school releases, what deployments hold).
    /// </summary>
    public async Task<Yours> YoursAsync(Actor actor, string? termKey = null, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var me = actor.UserId;
        var (applications, designations) = (ApplicationsOf(db, me), DesignationsOf(db, me));
        // The lists hang off the context's own tenant row, so that EF reads them in one statement; a person has a few
        // of each, so the join of them is small.
        var yours = await db.Tenants.AsNoTracking().Where(t => t.Id == db.TenantId)
            .Select(t => new Yours(
                applications.ToList(),
                designations.ToList(),
                // The interviews this person sits on whose applications wait on them: theirs to score once held.
                (from i in db.Interviews
                 join a in db.Applications on i.ApplicationId equals a.Id
                 join p in db.Panellists on i.Id equals p.InterviewId
                 where p.UserId == me && a.State == ApplicationState.InterviewScheduled
                 orderby i.ScheduledFor
                 select new YourPanel(a.Id, a.ApplicantName, EF.Property<string>(a, ApplicationGrid.SchemeShortNameColumn), i.ScheduledFor, i.Location, p.ScoredAt != null))
                    .ToList(),
                db.Set<LeaderProfile>().Where(p => p.UserId == me)
                    .Select(p => new YourTime(p.SchoolName, p.CapacityHalfDaysPerTerm,
                        db.Set<CapacityCommitment>().Where(c => c.LeaderProfileId == p.Id && c.TermKey == termKey).Sum(c => c.HalfDays)))
                    .ToList()))
            .AsSingleQuery()
            .FirstOrDefaultAsync(ct);
        return yours ?? Yours.None;
    }

    /// <summary>
    /// What decides which schemes a person may start here (<see cref="Yours.MayApplyFor"/>, <see cref="Yours.DraftFor"/>):
    /// their applications and designations in one statement, without the home's panels and term time.
    /// </summary>
    public async Task<Yours> YoursToApplyAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var (applications, designations) = (ApplicationsOf(db, actor.UserId), DesignationsOf(db, actor.UserId));
        // Only the two lists come from the query (EF would make empty lists in the projection one shared constant).
        var yours = await db.Tenants.AsNoTracking().Where(t => t.Id == db.TenantId)
            .Select(t => new { Applications = applications.ToList(), Designations = designations.ToList() })
            .AsSingleQuery()
            .FirstOrDefaultAsync(ct);
        return yours is null ? Yours.None : new Yours(yours.Applications, yours.Designations, [], []);
    }

    /// <summary>A person's own applications here, latest first, as their home lists them.</summary>
    private static IQueryable<YourApplication> ApplicationsOf(AppDbContext db, string me) =>
        db.Applications.Where(a => a.ApplicantUserId == me).OrderByDescending(a => a.SubmittedAt ?? a.LastSavedAt)
            .Select(a => new YourApplication(a.Id, EF.Property<string>(a, ApplicationGrid.SchemeNameColumn),
                EF.Property<string>(a, ApplicationGrid.SchemeShortNameColumn), a.RenewsDesignationId != null, a.State, a.SubmittedAt,
                a.SchemeId, a.Type));

    /// <summary>The designations a person holds here, newest first.</summary>
    private static IQueryable<YourDesignation> DesignationsOf(AppDbContext db, string me) =>
        db.Designations.Where(d => d.HolderUserId == me).OrderByDescending(d => d.StartDate)
            .Select(d => new YourDesignation(d.Id, d.SchemeName, d.State, d.StartDate, d.EndDate, d.SchemeId, d.Type));
}

/// <summary>A person's own applications, designations, interview panels and term's time in one alliance, as their home shows them.</summary>
public sealed record Yours(IReadOnlyList<YourApplication> Applications, IReadOnlyList<YourDesignation> Designations, IReadOnlyList<YourPanel> Panels,
    IReadOnlyList<YourTime> Time)
{
    /// <summary>Someone with nothing in this alliance yet.</summary>
    public static readonly Yours None = new([], [], [], []);

    /// <summary>
    /// Of the schemes offered, those this person may start an application for: none for someone who decides here (the
    /// alliance's managers, College administrators in the College); otherwise each they neither hold (active or
    /// suspended) nor have an application open for.
    /// </summary>
    public IReadOnlyList<AvailableScheme> MayApplyFor(IEnumerable<AvailableScheme> offered, Actor me) => me.Is(TenantRoles.AllianceManager) ? [] : offered
        .Where(s => !Designations.Any(d => Is(s, d.SchemeId, d.Type) && d.State is DesignationState.Active or DesignationState.Suspended))
        .Where(s => !Applications.Any(a => Is(s, a.SchemeId, a.Type) && a.State is not (ApplicationState.Designated or ApplicationState.NotDesignated or ApplicationState.Withdrawn)))
        .ToList();

    /// <summary>This person's draft for the scheme, which starting it again opens rather than making a second.</summary>
    public YourApplication? DraftFor(AvailableScheme scheme) =>
        Applications.FirstOrDefault(a => Is(scheme, a.SchemeId, a.Type) && a.State == ApplicationState.Draft && !a.IsRenewal);

    /// <summary>
    /// Whether an application or designation is for the scheme: an alliance's own scheme by its id (its name may change),
    /// a national one (no id) by its designation type; never by name.
    /// </summary>
    private static bool Is(AvailableScheme scheme, Guid? schemeId, DesignationType type) =>
        scheme.SchemeId is { } id ? schemeId == id : schemeId is null && type == scheme.Definition.Type;
}

/// <summary>A system leader's term: the half days their school releases them for, and those agreed deployments hold.</summary>
public sealed record YourTime(string SchoolName, int CapacityHalfDays, int AgreedHalfDays)
{
    public int FreeHalfDays => Capacity.Free(CapacityHalfDays, AgreedHalfDays);
}

/// <summary>An interview this person sits on the panel of, for an application still waiting on it.</summary>
public sealed record YourPanel(Guid ApplicationId, string ApplicantName, string SchemeShortName, DateTimeOffset At, string Location, bool Scored);

public sealed record YourApplication(Guid Id, string SchemeName, string SchemeShortName, bool IsRenewal, ApplicationState State, DateTimeOffset? SubmittedAt,
    Guid? SchemeId, DesignationType Type);

public sealed record YourDesignation(Guid Id, string SchemeName, DesignationState State, DateOnly StartDate, DateOnly? EndDate, Guid? SchemeId, DesignationType Type);
