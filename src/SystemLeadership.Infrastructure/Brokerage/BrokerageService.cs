using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Designations;

namespace SystemLeadership.Infrastructure.Brokerage;

// Emails are compared case-insensitively in SQL with lower(): EF translates ToLower, not string.Equals with a comparison.
#pragma warning disable CA1862

public sealed record CommissionRequest(
    int SchoolUrn, CommissionerKind CommissionerKind, string CommissionerName, string CommissionerEmail,
    string SupportedSchoolContactEmail, string FunderName, SupportNeed Need);

/// <summary>
/// Commission → match → propose → agree. Each change is one SaveChanges with its audit entry, emails and feed entry.
/// Agreeing locks the leader's profile row (SELECT … FOR UPDATE) so two agreements cannot spend the same free days.
/// </summary>
public sealed class BrokerageService(TenantDbContextFactory contexts, TimeProvider clock, AppLinks links)
{
    private static readonly Audience CommissionAudience = Audience.Broker | Audience.SupportedSchool | Audience.Commissioner;

    public async Task<Commission> RaiseCommissionAsync(Actor requester, CommissionRequest request, CancellationToken ct = default)
    {
        // The people a request names become parties who agree the deployment, so only those who speak for schools raise one.
        if (!(requester.Is(TenantRoles.SchoolContact) || requester.Is(TenantRoles.Headteacher) || requester.Is(TenantRoles.AllianceManager)))
            throw new NotAllowedException("Support is requested by a school contact, a headteacher or the alliance's broker.");
        await using var db = contexts.CreateDbContext();
        var r = new BrokerageRecorder(db, clock);
        var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Urn == request.SchoolUrn, ct)
            ?? throw new InvalidInputException(nameof(request), $"No school has URN {request.SchoolUrn}.");
        var commission = new Commission(r.TenantId, school.Urn, school.Name, requester.UserId, requester.Name, requester.Email,
            request.CommissionerKind, request.CommissionerName, request.CommissionerEmail, request.SupportedSchoolContactEmail,
            request.FunderName, request.Need, r.Now);
        db.Set<Commission>().Add(commission);
        r.Audit(nameof(Commission), commission.Id, requester, "Support requested", null, commission.State.ToString(), $"{school.Name} ({school.Urn})");
        r.Activity(commission.Id, null, null, CommissionAudience, $"{requester.Name} asked for support for {school.Name}.", requester);
        var slug = await SlugAsync(db, ct);
        r.EmailAll(await r.BrokerEmailsAsync(ct), $"New support request: {school.Name}",
            $"""
            {requester.Name} has asked for support for {school.Name} (URN {school.Urn}), funded by {commission.FunderName}.
            Specialisms: {string.Join(", ", commission.Specialisms)}. {HalfDays.Describe(commission.HalfDays)} from {commission.DesiredStart:d MMMM yyyy}.

            {links.Commission(slug, commission.Id)}
            """);
        r.EmailAll([requester.Email, commission.CommissionerEmail, commission.SupportedSchoolContactEmail],
            $"Your support request for {school.Name} has been received",
            $"""
            The request for support for {school.Name} has been received and will be considered by the alliance's broker.

            {links.Commission(slug, commission.Id)}
            """);
        await BrokerageRecorder.SaveAsync(db, ct);
        return commission;
    }

    /// <summary>The broker's queue: open requests first, then the rest, newest first.</summary>
    public async Task<IReadOnlyList<Commission>> CommissionsAsync(CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Set<Commission>().AsNoTracking()
            .OrderBy(c => c.State == CommissionState.Requested ? 0 : c.State == CommissionState.Accepted ? 1 : 2)
            .ThenByDescending(c => c.RaisedAt).ToListAsync(ct);
    }

    /// <summary>
    /// The broker's board: commissions and deployments counted by state, the open commissions (the queue's order) and the
    /// live deployments, soonest ending first, each with its next scheduled visit.
    /// </summary>
    public async Task<BrokerBoard> BoardAsync(CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        await db.Database.OpenConnectionAsync(ct);
        var commissionCounts = await db.Set<Commission>().GroupBy(c => c.State).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var deploymentCounts = await db.Set<Deployment>().GroupBy(d => d.State).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var open = await db.Set<Commission>().AsNoTracking()
            .Where(c => c.State == CommissionState.Requested || c.State == CommissionState.MoreInformationRequested || c.State == CommissionState.Accepted)
            .OrderBy(c => c.State == CommissionState.Requested ? 0 : c.State == CommissionState.Accepted ? 1 : 2)
            .ThenByDescending(c => c.RaisedAt)
            .Select(c => new BoardCommission(c.Id, c.SchoolName, c.State, c.RaisedAt, c.DesiredStart, c.HalfDays, c.Specialisms))
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var live = await db.Set<Deployment>().AsNoTracking()
            .Where(d => d.State == DeploymentState.Active || d.State == DeploymentState.Paused)
            .OrderBy(d => d.End).ThenBy(d => d.Id)
            .Select(d => new BoardDeployment(d.Id, d.SchoolName, d.LeaderName, d.State, d.Start, d.End, d.AgreedHalfDays, d.LoggedHalfDays,
                db.Set<Visit>().Where(v => v.DeploymentId == d.Id && v.State == VisitState.Scheduled && v.StartsAt >= now)
                    .Min(v => (DateTimeOffset?)v.StartsAt)))
            .ToListAsync(ct);
        return new(commissionCounts, deploymentCounts, open, live);
    }

    /// <summary>What this person asked for, or is the supported school or commissioner of.</summary>
    public async Task<IReadOnlyList<Commission>> MyCommissionsAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var email = actor.Email.ToLower();
        return await db.Set<Commission>().AsNoTracking()
            .Where(c => c.RaisedByUserId == actor.UserId || c.SupportedSchoolContactEmail.ToLower() == email || c.CommissionerEmail.ToLower() == email)
            .OrderByDescending(c => c.RaisedAt).ToListAsync(ct);
    }

    public async Task MoveCommissionAsync(Guid id, uint version, CommissionMove move, Actor actor, string? note = null, CancellationToken ct = default)
    {
        if (move == CommissionMove.MarkBrokered) throw new NotAllowedException("A commission is brokered when a proposal is agreed.");
        await using var db = contexts.CreateDbContext();
        var r = new BrokerageRecorder(db, clock);
        var commission = await db.Set<Commission>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException();
        db.Entry(commission).Property(c => c.Version).OriginalValue = version;
        var role = CommissionParties.Of(commission, actor).Where(p => CommissionWorkflow.Table.RowsFor(commission.State, p).Any(t => t.Move == move))
            .Cast<BrokerageRole?>().FirstOrDefault() ?? throw new NotAllowedException("You cannot make that move on this request now.");
        var from = commission.State;
        var t = commission.Apply(move, role, note);
        r.Audit(nameof(Commission), commission.Id, actor, t.Label, from.ToString(), commission.State.ToString(), note);
        var text = move switch
        {
            CommissionMove.Accept => $"{actor.Name} accepted the request for brokerage.",
            CommissionMove.AskForInformation => $"{actor.Name} asked for more information: {note}",
            CommissionMove.ProvideInformation => $"{actor.Name} sent more information: {note}",
            CommissionMove.Decline => $"{actor.Name} declined the request: {note}",
            _ => $"{actor.Name}: {t.Label}.",
        };
        r.Activity(commission.Id, null, null, CommissionAudience, text, actor);
        var slug = await SlugAsync(db, ct);
        var body = $"""
            {text}

            {links.Commission(slug, commission.Id)}
            """;
        if (move == CommissionMove.ProvideInformation || move == CommissionMove.Withdraw)
            r.EmailAll(await r.BrokerEmailsAsync(ct), $"Support request for {commission.SchoolName}: {t.Label.ToLowerInvariant()}", body);
        else
            r.EmailAll([commission.RaisedByEmail, commission.CommissionerEmail, commission.SupportedSchoolContactEmail],
                $"Support request for {commission.SchoolName}: {CommissionWorkflow.Display(commission.State).ToLowerInvariant()}", body);
        await BrokerageRecorder.SaveAsync(db, ct);
    }

    /// <summary>The leaders who pass every hard filter, ranked with their scores explained, and those filtered out with why.</summary>
    public async Task<MatchResult> FindLeadersAsync(Guid commissionId, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        // One connection for the whole search: the tenant is set once, not before each of its statements.
        await db.Database.OpenConnectionAsync(ct);
        var found = await (from c in db.Set<Commission>().AsNoTracking()
                           where c.Id == commissionId
                           join s in db.Schools.AsNoTracking() on c.SchoolUrn equals s.Urn into schools
                           from s in schools.DefaultIfEmpty()
                           select new { Commission = c, s.Trust, s.Easting, s.Northing, s.Phase, Found = s != null }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException();
        var commission = found.Commission;
        var school = found.Found ? new { found.Trust, found.Easting, found.Northing, found.Phase } : null;
        var spread = SchoolTerm.Spread(commission.DesiredStart, commission.PlannedEnd, commission.HalfDays);
        var firstTerm = spread[0].Term;
        var request = new MatchRequest(commission.SchoolUrn, school?.Trust, school?.Easting, school?.Northing,
            commission.Phase ?? school?.Phase, commission.Specialisms, commission.DesignationTypes, commission.SchemeIds,
            commission.PlannedEnd, spread[0].HalfDays);
        var candidates = await CandidatesAsync(db, firstTerm, commission.Specialisms, ct);
        candidates.AddRange(await PooledCandidatesAsync(db, firstTerm, ct));
        return Matching.Find(request, candidates);
    }

    /// <summary>
    /// Leaders other tenants pool through a network this tenant has joined. Lock 1 is lifted for exactly those partner
    /// tenants; lock 2's policy on PooledLeaders lets a network partner read the pooled rows and nothing else of theirs.
    /// </summary>
    private static async Task<List<LeaderCandidate>> PooledCandidatesAsync(AppDbContext db, SchoolTerm term, CancellationToken ct)
    {
        var mine = db.TenantId!.Value;
        var networks = db.Set<NetworkMember>().Where(m => m.TenantId == mine).Select(m => m.NetworkId);
        var partners = await db.Set<NetworkMember>().Where(m => networks.Contains(m.NetworkId) && m.TenantId != mine)
            .Select(m => m.TenantId).Distinct().ToListAsync(ct);
        if (partners.Count == 0) return [];
        var pooled = await db.Set<PooledLeader>().IgnoreQueryFilters().AsNoTracking().Where(p => partners.Contains(p.TenantId)).ToListAsync(ct);
        var urns = pooled.Where(p => p.SchoolUrn is not null).Select(p => p.SchoolUrn!.Value).Distinct().ToList();
        var schools = await db.Schools.AsNoTracking().Where(s => urns.Contains(s.Urn)).ToDictionaryAsync(s => s.Urn, ct);
        return pooled.Select(p =>
        {
            var school = p.SchoolUrn is { } urn ? schools.GetValueOrDefault(urn) : null;
            return p.ToCandidate(term, school?.Easting, school?.Northing, school?.Phase, school?.Trust);
        }).ToList();
    }

    /// <summary>Joins an agreed network for this tenant (opt-in: each alliance joins for itself).</summary>
    public async Task JoinNetworkAsync(Guid networkId, Actor broker, CancellationToken ct = default)
    {
        RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new BrokerageRecorder(db, clock);
        if (!await db.Set<LeaderNetwork>().AnyAsync(n => n.Id == networkId, ct)) throw new NotFoundException();
        if (await db.Set<NetworkMember>().AnyAsync(m => m.NetworkId == networkId && m.TenantId == r.TenantId, ct)) return;
        db.Set<NetworkMember>().Add(new NetworkMember(networkId, r.TenantId, r.Now));
        r.Audit(nameof(NetworkMember), networkId, broker, "Joined a leaders' network", null, null);
        await BrokerageRecorder.SaveAsync(db, ct);
    }

    /// <summary>Offers a leader to this tenant's networks (or withdraws the offer), as a snapshot refreshed on each share.</summary>
    public async Task ShareWithNetworksAsync(Guid designationId, bool share, Actor broker, CancellationToken ct = default)
    {
        RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new BrokerageRecorder(db, clock);
        var designation = await db.Designations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == designationId, ct) ?? throw new NotFoundException();
        var profile = await db.Set<LeaderProfile>().FirstOrDefaultAsync(p => p.UserId == designation.HolderUserId, ct)
            ?? throw new NotAllowedException("This leader has no profile yet.");
        var existing = await db.Set<PooledLeader>().FirstOrDefaultAsync(p => p.DesignationId == designationId, ct);
        profile.ShareWithNetwork(share);
        if (!share)
        {
            if (existing is not null) db.Set<PooledLeader>().Remove(existing);
        }
        else
        {
            var term = SchoolTerm.Of(DateOnly.FromDateTime(r.Now.UtcDateTime));
            var candidate = (await CandidatesAsync(db, term, [], ct)).Single(c => c.DesignationId == designationId);
            if (!candidate.IsActive) throw new NotAllowedException("Only an active designation can be shared.");
            if (existing is null)
            {
                var tenantName = await db.Tenants.AsNoTracking().Where(t => t.Id == r.TenantId).Select(t => t.Name).FirstAsync(ct);
                db.Set<PooledLeader>().Add(new PooledLeader(r.TenantId, tenantName, candidate, profile.Id, profile.CapacityHalfDaysPerTerm, term, r.Now));
            }
            else
            {
                existing.Refresh(candidate, profile.CapacityHalfDaysPerTerm, term, r.Now);
            }
        }
        r.Audit(nameof(LeaderProfile), profile.Id, broker, share ? "Shared with networks" : "No longer shared with networks", null, null, designation.HolderName);
        await BrokerageRecorder.SaveAsync(db, ct);
    }

    /// <summary>
    /// Builds the search's input from this tenant's designations and leader profiles. Joins Designations on its existing
    /// columns only; the school comes from the leader's profile until designations carry their own.
    /// </summary>
    private static async Task<List<LeaderCandidate>> CandidatesAsync(AppDbContext db, SchoolTerm term, IReadOnlyList<string> specialisms, CancellationToken ct)
    {
        // The leader's school in the same statement (it was a second one), and only the columns the search reads.
        var rows = await (from d in db.Designations.AsNoTracking()
                          join p in db.Set<LeaderProfile>().AsNoTracking() on d.HolderUserId equals p.UserId
                          join s in db.Schools.AsNoTracking() on p.SchoolUrn equals s.Urn into schools
                          from s in schools.DefaultIfEmpty()
                          select new
                          {
                              Designation = new { d.Id, d.TenantId, d.HolderUserId, d.HolderName, d.Type, d.SchemeId, d.Specialisms, d.EndDate, d.DayRatePence, d.State },
                              Profile = new { p.Id, p.UserId, p.SchoolUrn, p.IsHeadteacher, p.CapacityHalfDaysPerTerm },
                              School = new { Found = s != null, s.Easting, s.Northing, s.Phase, s.Trust },
                          }).ToListAsync(ct);
        var profileIds = rows.Select(r => r.Profile.Id).Distinct().ToList();
        var committed = await db.Set<CapacityCommitment>().AsNoTracking()
            .Where(c => profileIds.Contains(c.LeaderProfileId) && c.TermKey == term.Key)
            .GroupBy(c => c.LeaderProfileId).Select(g => new { g.Key, HalfDays = g.Sum(c => c.HalfDays) })
            .ToDictionaryAsync(g => g.Key, g => g.HalfDays, ct);
        var userIds = rows.Select(r => r.Profile.UserId).Distinct().ToList();
        var ratings = (await db.Set<DeploymentEvaluation>().AsNoTracking().Where(e => userIds.Contains(e.LeaderUserId))
            .Select(e => new { e.LeaderUserId, e.ObjectiveRatings }).ToListAsync(ct))
            .GroupBy(e => e.LeaderUserId).ToDictionary(g => g.Key, g => g.SelectMany(e => e.ObjectiveRatings).ToList());
        var past = await (from d in db.Set<Deployment>().AsNoTracking()
                          join c in db.Set<Commission>().AsNoTracking() on d.CommissionId equals c.Id
                          where userIds.Contains(d.LeaderUserId)
                          select new { d.LeaderUserId, c.Specialisms }).ToListAsync(ct);

        return rows.Select(x =>
        {
            var school = x.School.Found ? x.School : null;
            return new LeaderCandidate(
                x.Designation.Id, x.Designation.TenantId, x.Designation.HolderUserId, x.Designation.HolderName, x.Designation.Type,
                x.Designation.SchemeId, x.Designation.Specialisms, x.Profile.SchoolUrn, school?.Easting, school?.Northing, school?.Phase, school?.Trust,
                // The designation's own rate (its scheme's, head rate for heads) where it has one.
                x.Designation.EndDate, x.Designation.DayRatePence ?? Money.DayRateFor(x.Profile.IsHeadteacher),
                Capacity.Free(x.Profile.CapacityHalfDaysPerTerm, committed.GetValueOrDefault(x.Profile.Id)),
                ratings.GetValueOrDefault(x.Profile.UserId) ?? [],
                past.Count(p => p.LeaderUserId == x.Profile.UserId && p.Specialisms.Intersect(specialisms).Any()),
                IsActive: x.Designation.State == DesignationState.Active);
        }).ToList();
    }

    /// <summary>Shortlisting a leader is drafting a proposal for them; nothing is assigned until every party agrees.</summary>
    public async Task<Proposal> DraftProposalAsync(Guid commissionId, Guid designationId, ProposalTerms terms, Actor broker, CancellationToken ct = default)
    {
        RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new BrokerageRecorder(db, clock);
        var commission = await db.Set<Commission>().FirstOrDefaultAsync(c => c.Id == commissionId, ct) ?? throw new NotFoundException();
        if (commission.State != CommissionState.Accepted) throw new NotAllowedException("Proposals are made on a commission accepted for brokerage.");
        var designation = await db.Designations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == designationId, ct) ?? throw new NotFoundException();
        if (designation.State != DesignationState.Active) throw new NotAllowedException("That designation is not active.");
        var profile = await db.Set<LeaderProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.UserId == designation.HolderUserId, ct)
            ?? throw new NotAllowedException("This leader has no profile yet: record their school and the days they can give.");
        var leader = new ProposedLeader(designation.Id, profile.Id, profile.UserId, profile.Name, profile.Email, profile.SchoolUrn,
            profile.SchoolName, profile.IsHeadteacher, profile.HeadteacherName, profile.HeadteacherEmail,
            // The rate the leader was shown at in the match: their designation's (its scheme's, heads' rate for heads).
            designation.DayRatePence ?? Money.DayRateFor(profile.IsHeadteacher));
        var proposal = new Proposal(commission, leader, terms, r.Now);
        db.Set<Proposal>().Add(proposal);
        r.Audit(nameof(Proposal), proposal.Id, broker, "Proposal drafted", null, proposal.State.ToString(), $"{leader.Name}, {HalfDays.Describe(terms.HalfDays)}");
        r.Activity(commission.Id, proposal.Id, null, Audience.Broker, $"{broker.Name} shortlisted {leader.Name} and drafted a proposal.", broker);
        await BrokerageRecorder.SaveAsync(db, ct);
        return proposal;
    }

    public async Task ReviseProposalAsync(Guid id, uint version, ProposalTerms terms, Actor broker, CancellationToken ct = default)
    {
        RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new BrokerageRecorder(db, clock);
        var proposal = await LoadProposalAsync(db, id, version, ct);
        proposal.Revise(terms);
        r.Audit(nameof(Proposal), proposal.Id, broker, "Proposal revised", null, null);
        await BrokerageRecorder.SaveAsync(db, ct);
    }

    public async Task ProposeAsync(Guid id, uint version, Actor broker, CancellationToken ct = default)
    {
        RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new BrokerageRecorder(db, clock);
        var proposal = await LoadProposalAsync(db, id, version, ct);
        var commission = await db.Set<Commission>().AsNoTracking().FirstAsync(c => c.Id == proposal.CommissionId, ct);
        var t = proposal.Apply(ProposalMove.Propose, BrokerageRole.Broker, r.Now);
        r.Audit(nameof(Proposal), proposal.Id, broker, t.Label, ProposalState.Draft.ToString(), proposal.State.ToString());
        r.Activity(commission.Id, proposal.Id, null, Audience.Everyone,
            $"{broker.Name} proposed {proposal.LeaderName} for {HalfDays.Describe(proposal.HalfDays)} ({proposal.Pattern}), " +
            $"{proposal.Start:d MMMM yyyy} to {proposal.End:d MMMM yyyy}, {Money.Format(proposal.TotalPence)} funded by {proposal.FunderName}.", broker);
        var slug = await SlugAsync(db, ct);
        r.EmailAll([proposal.LeaderEmail, proposal.HeadteacherEmail, commission.SupportedSchoolContactEmail, commission.CommissionerEmail],
            $"Please agree: support for {commission.SchoolName} by {proposal.LeaderName}",
            $"""
            A deployment has been proposed and needs the agreement of everyone involved: the system leader, their headteacher
            (who may refuse it, with a reason), the supported school and the commissioner.

            School: {commission.SchoolName}
            Leader: {proposal.LeaderName}, {proposal.LeaderSchoolName}
            Objectives: {string.Join("; ", proposal.Objectives)}
            Time: {HalfDays.Describe(proposal.HalfDays)}, {proposal.Pattern}, {proposal.Start:d MMMM yyyy} to {proposal.End:d MMMM yyyy}
            Cost: {Money.Format(proposal.TotalPence)} at {Money.Format(proposal.DayRatePence)} a day, funded by {proposal.FunderName}

            {links.Proposal(slug, proposal.Id)}
            """);
        await BrokerageRecorder.SaveAsync(db, ct);
    }

    public Task ConsentAsync(Guid id, Actor actor, CancellationToken ct = default) => DecideAsync(id, actor, ProposalMove.Consent, null, ct);

    public Task RefuseAsync(Guid id, Actor actor, string reason, CancellationToken ct = default) => DecideAsync(id, actor, ProposalMove.Refuse, reason, ct);

    public async Task WithdrawProposalAsync(Guid id, uint version, Actor broker, string reason, CancellationToken ct = default)
    {
        RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new BrokerageRecorder(db, clock);
        var proposal = await LoadProposalAsync(db, id, version, ct);
        var from = proposal.State;
        var t = proposal.Apply(ProposalMove.Withdraw, BrokerageRole.Broker, r.Now, reason);
        r.Audit(nameof(Proposal), proposal.Id, broker, t.Label, from.ToString(), proposal.State.ToString(), reason);
        r.Activity(proposal.CommissionId, proposal.Id, null, from == ProposalState.Draft ? Audience.Broker : Audience.Everyone,
            $"{broker.Name} withdrew the proposal for {proposal.LeaderName}: {reason}", broker);
        if (from == ProposalState.AwaitingConsent)
            r.EmailAll([proposal.LeaderEmail, proposal.HeadteacherEmail], "A proposed deployment has been withdrawn",
                $"The proposal for {proposal.LeaderName} has been withdrawn: {reason}");
        await BrokerageRecorder.SaveAsync(db, ct);
    }

    /// <summary>
    /// One party agrees or refuses. The whole decision runs in a transaction that first locks the leader's profile row,
    /// so when this is the last agreement the free days it checks cannot be spent by another agreement meanwhile.
    /// </summary>
    private async Task DecideAsync(Guid id, Actor actor, ProposalMove move, string? reason, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var r = new BrokerageRecorder(db, clock);
        var peek = await db.Set<Proposal>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockLeaderAsync(db, r.TenantId, peek.LeaderProfileId, ct);
        // Read again under the lock: what another agreement committed while we waited is now visible.
        var proposal = await db.Set<Proposal>().FirstAsync(p => p.Id == id, ct);
        var commission = await db.Set<Commission>().FirstAsync(c => c.Id == proposal.CommissionId, ct);
        var roles = ProposalParties.Of(proposal, commission, actor)
            .Where(role => ProposalWorkflow.Table.MovesFor(proposal, proposal.State, role).Any(t => t.Move == move)).ToList();
        if (roles.Count == 0)
        {
            // Let the table say why (already agreed, not a party, or not waiting any more).
            var any = ProposalParties.Of(proposal, commission, actor).Where(Proposal.ConsentingParties.Contains).DefaultIfEmpty(BrokerageRole.System).First();
            proposal.Apply(move, any, r.Now, reason);
        }
        var from = proposal.State;
        var slug = await SlugAsync(db, ct);
        foreach (var role in roles)
        {
            if (proposal.State != ProposalState.AwaitingConsent) break;
            var t = proposal.Apply(move, role, r.Now, reason);
            r.Audit(nameof(Proposal), proposal.Id, actor, $"{t.Label} (as {ProposalWorkflow.PartyName(role)})", from.ToString(), proposal.State.ToString(), reason);
        }

        if (move == ProposalMove.Refuse)
        {
            var who = ProposalWorkflow.PartyName(proposal.RefusedBy!.Value);
            r.Activity(commission.Id, proposal.Id, null, Audience.Everyone, $"{actor.Name} ({who}) refused the deployment of {proposal.LeaderName}: {reason}", actor);
            r.EmailAll([.. await r.BrokerEmailsAsync(ct), proposal.LeaderEmail],
                $"Deployment refused: {proposal.LeaderName} for {commission.SchoolName}",
                $"""
                {actor.Name} ({who}) has refused the proposed deployment. The reason given: {reason}

                {links.Proposal(slug, proposal.Id)}
                """);
        }
        else
        {
            r.Activity(commission.Id, proposal.Id, null, Audience.Everyone,
                $"{actor.Name} agreed ({string.Join(", ", roles.Select(ProposalWorkflow.PartyName))}).", actor);
            if (proposal.State == ProposalState.Agreed) await AgreeAsync(db, r, proposal, commission, actor, slug, ct);
        }
        await BrokerageRecorder.SaveAsync(db, ct);
        await transaction.CommitAsync(ct);
    }

    private async Task AgreeAsync(AppDbContext db, BrokerageRecorder r, Proposal proposal, Commission commission, Actor actor, string slug, CancellationToken ct)
    {
        var profile = await db.Set<LeaderProfile>().AsNoTracking().FirstAsync(p => p.Id == proposal.LeaderProfileId, ct);
        await CommitCapacityAsync(db, profile, proposal.Id, proposal.Start, proposal.End, proposal.HalfDays, ct);

        var deployment = new Deployment(proposal, commission);
        db.Set<Deployment>().Add(deployment);
        var from = commission.State;
        commission.Apply(CommissionMove.MarkBrokered, BrokerageRole.System, agreedProposalId: proposal.Id);
        r.Audit(nameof(Commission), commission.Id, actor, "Brokered", from.ToString(), commission.State.ToString(), $"Proposal {proposal.Id}");
        r.Audit(nameof(Deployment), deployment.Id, actor, "Deployment agreed", null, deployment.State.ToString());
        r.Activity(commission.Id, proposal.Id, deployment.Id, Audience.Everyone,
            $"Everyone has agreed: {proposal.LeaderName} will support {commission.SchoolName} from {proposal.Start:d MMMM yyyy}.", actor);
        r.EmailAll([proposal.LeaderEmail, proposal.HeadteacherEmail, commission.SupportedSchoolContactEmail, commission.CommissionerEmail, .. await r.BrokerEmailsAsync(ct)],
            $"Deployment agreed: {proposal.LeaderName} for {commission.SchoolName}",
            $"""
            Every party has agreed the deployment. The deployment agreement is ready to download.

            {links.Deployment(slug, deployment.Id)}
            """);

        var rivals = await db.Set<Proposal>()
            .Where(p => p.CommissionId == commission.Id && p.Id != proposal.Id && (p.State == ProposalState.Draft || p.State == ProposalState.AwaitingConsent))
            .ToListAsync(ct);
        foreach (var rival in rivals)
        {
            var was = rival.State;
            rival.Apply(ProposalMove.CloseAsRival, BrokerageRole.System, r.Now, $"Another proposal for {commission.SchoolName} was agreed.");
            r.Audit(nameof(Proposal), rival.Id, actor, "Closed: another proposal was agreed", was.ToString(), rival.State.ToString());
            r.Activity(commission.Id, rival.Id, null, was == ProposalState.Draft ? Audience.Broker : Audience.Broker | Audience.Leader | Audience.LeaderHeadteacher,
                $"The proposal for {rival.LeaderName} was closed because another proposal was agreed.", actor);
            if (was == ProposalState.AwaitingConsent)
                r.EmailAll([rival.LeaderEmail, rival.HeadteacherEmail], $"Proposal closed: support for {commission.SchoolName}",
                    $"""
                    Thank you for considering this deployment. Another proposal for {commission.SchoolName} has been agreed, so the
                    proposal for {rival.LeaderName} is now closed and nothing more is needed from you.
                    """);
        }
    }

    /// <summary>Takes a row lock on the leader's profile for the rest of the transaction.</summary>
    internal static async Task LockLeaderAsync(AppDbContext db, Guid tenantId, Guid leaderProfileId, CancellationToken ct)
    {
        var found = await db.Database
            .SqlQuery<Guid>($"""SELECT "Id" AS "Value" FROM "LeaderProfiles" WHERE "TenantId" = {tenantId} AND "Id" = {leaderProfileId} FOR UPDATE""")
            .ToListAsync(ct);
        if (found.Count == 0) throw new NotFoundException();
    }

    /// <summary>Holds the days against the leader's capacity term by term; call with the leader's row locked.</summary>
    internal static async Task CommitCapacityAsync(AppDbContext db, LeaderProfile profile, Guid proposalId, DateOnly start, DateOnly end, int halfDays, CancellationToken ct)
    {
        var wanted = SchoolTerm.Spread(start, end, halfDays);
        var keys = wanted.Select(w => w.Term.Key).ToList();
        var committed = (await db.Set<CapacityCommitment>().AsNoTracking()
                .Where(c => c.LeaderProfileId == profile.Id && keys.Contains(c.TermKey))
                .GroupBy(c => c.TermKey).Select(g => new { g.Key, HalfDays = g.Sum(c => c.HalfDays) }).ToListAsync(ct))
            .ToDictionary(g => SchoolTerm.Parse(g.Key), g => g.HalfDays);
        var shortfalls = Capacity.Shortfalls(profile.CapacityHalfDaysPerTerm, committed, wanted);
        if (shortfalls.Count > 0)
        {
            throw new NotAllowedException(
                $"{profile.Name} does not have the days free: " +
                string.Join("; ", shortfalls.Select(s => $"{s.Term} would be over by {HalfDays.Describe(s.OverBy)}")) + ".");
        }
        foreach (var (term, days) in wanted)
        {
            db.Set<CapacityCommitment>().Add(new CapacityCommitment(profile.TenantId, profile.Id, proposalId, term, days));
        }
    }

    /// <summary>The commission's activity, only the entries this person is an audience of.</summary>
    public async Task<IReadOnlyList<ActivityEntry>> FeedAsync(Guid commissionId, Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var commission = await db.Set<Commission>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == commissionId, ct) ?? throw new NotFoundException();
        var proposals = await db.Set<Proposal>().AsNoTracking().Where(p => p.CommissionId == commissionId).ToDictionaryAsync(p => p.Id, ct);
        var deployments = await db.Set<Deployment>().AsNoTracking().Where(d => d.CommissionId == commissionId).ToDictionaryAsync(d => d.Id, ct);
        var entries = await db.Set<ActivityEntry>().AsNoTracking().Where(a => a.CommissionId == commissionId).OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync(ct);
        var general = CommissionParties.AudienceOf(CommissionParties.Of(commission, actor));
        return entries.Where(e => e.VisibleTo(general | LeaderAudience(e, actor, proposals, deployments))).ToList();
    }

    // The leader and headteacher audiences are those of the proposal or deployment an entry is about, not of any rival.
    private static Audience LeaderAudience(ActivityEntry e, Actor actor, Dictionary<Guid, Proposal> proposals, Dictionary<Guid, Deployment> deployments)
    {
        var (leaderId, headEmail) = e.DeploymentId is { } d && deployments.TryGetValue(d, out var dep) ? (dep.LeaderUserId, dep.HeadteacherEmail)
            : e.ProposalId is { } p && proposals.TryGetValue(p, out var prop) ? (prop.LeaderUserId, prop.HeadteacherEmail)
            : (null, null);
        var audience = Audience.None;
        if (leaderId is not null && leaderId == actor.UserId) audience |= Audience.Leader;
        if (Actor.SameEmail(headEmail, actor.Email)) audience |= Audience.LeaderHeadteacher;
        return audience;
    }

    public async Task<LeaderProfile> SaveLeaderProfileAsync(Actor broker, string userId, string name, string email, int schoolUrn, bool isHeadteacher,
        string headteacherName, string headteacherEmail, int capacityHalfDaysPerTerm, CancellationToken ct = default)
    {
        RequireBroker(broker);
        await using var db = contexts.CreateDbContext();
        var r = new BrokerageRecorder(db, clock);
        var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Urn == schoolUrn, ct);
        var schoolName = school?.Name ?? $"URN {schoolUrn}";
        var profile = await db.Set<LeaderProfile>().FirstOrDefaultAsync(p => p.UserId == userId, ct);
        if (profile is null)
        {
            profile = new LeaderProfile(r.TenantId, userId, name, email, schoolUrn, schoolName, isHeadteacher, headteacherName, headteacherEmail, capacityHalfDaysPerTerm);
            db.Set<LeaderProfile>().Add(profile);
        }
        else
        {
            profile.Update(schoolUrn, schoolName, isHeadteacher, headteacherName, headteacherEmail, capacityHalfDaysPerTerm);
        }
        r.Audit(nameof(LeaderProfile), profile.Id, broker, "Leader profile saved", null, null,
            $"{schoolName}; {HalfDays.Describe(capacityHalfDaysPerTerm)} a term");
        await BrokerageRecorder.SaveAsync(db, ct);
        return profile;
    }

    /// <summary>A leader's profile and the half days agreed deployments hold in each term (by term key).</summary>
    public async Task<(LeaderProfile Profile, IReadOnlyDictionary<string, int> Committed)?> LeaderCapacityAsync(string userId, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var profile = await db.Set<LeaderProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, ct);
        if (profile is null) return null;
        var committed = await db.Set<CapacityCommitment>().AsNoTracking().Where(c => c.LeaderProfileId == profile.Id)
            .GroupBy(c => c.TermKey).Select(g => new { g.Key, HalfDays = g.Sum(c => c.HalfDays) }).ToDictionaryAsync(g => g.Key, g => g.HalfDays, ct);
        return (profile, committed);
    }

    private static async Task<Proposal> LoadProposalAsync(AppDbContext db, Guid id, uint version, CancellationToken ct)
    {
        var proposal = await db.Set<Proposal>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException();
        db.Entry(proposal).Property(p => p.Version).OriginalValue = version;
        return proposal;
    }

    internal static void RequireBroker(Actor actor)
    {
        if (!actor.Is(SystemLeadership.Domain.Tenancy.TenantRoles.AllianceManager)) throw new NotAllowedException("Only the alliance's broker can do that.");
    }

    internal static async Task<string> SlugAsync(AppDbContext db, CancellationToken ct) =>
        await db.Tenants.AsNoTracking().Where(t => t.Id == db.TenantId).Select(t => t.Slug).FirstAsync(ct);
}
