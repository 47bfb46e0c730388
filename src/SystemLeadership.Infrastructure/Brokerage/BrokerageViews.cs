using SystemLeadership.Domain.Common;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Domain.Workflows;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Brokerage;

/// <summary>A support request as one person may see it: the proposals open to them, their moves, the deployment it led to.</summary>
public sealed record CommissionView(
    Commission Commission,
    IReadOnlyList<BrokerageRole> Roles,
    IReadOnlyList<Proposal> Proposals,
    IReadOnlyList<Transition<CommissionState, CommissionMove, BrokerageRole, Commission>> Moves,
    Deployment? Deployment)
{
    public bool Is(BrokerageRole role) => Roles.Contains(role);
}

/// <summary>A proposal as one person may see it, with its request and the consents they may give now.</summary>
public sealed record ProposalView(
    Proposal Proposal,
    Commission Commission,
    IReadOnlyList<BrokerageRole> Roles,
    IReadOnlyList<ProposalMove> Moves,
    Deployment? Deployment)
{
    public bool Is(BrokerageRole role) => Roles.Contains(role);
}

/// <summary>A proposal in a list, with the school it would support and the decisions this person may make on it now.</summary>
public sealed record ProposalSummary(Proposal Proposal, string SchoolName, IReadOnlyList<ProposalMove> Moves);

/// <summary>A page of a commission's activity, newest first, and whether older entries remain.</summary>
public sealed record Feed(IReadOnlyList<ActivityEntry> Entries, bool Older);

/// <summary>A generated document with the name it downloads as.</summary>
public sealed record DocumentFile(byte[] Content, string FileName);

/// <summary>
/// Who sees which support request and proposal, and what of them: the one place pages and downloads ask. Null means
/// "not found" — not in this tenant, or not this person's to see.
/// </summary>
public sealed class BrokerageViews(TenantDbContextFactory contexts, TimeProvider clock)
{
    public async Task<CommissionView?> CommissionAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var commission = await db.Set<Commission>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (commission is null) return null;
        var proposals = await db.Set<Proposal>().AsNoTracking().Where(p => p.CommissionId == id).OrderBy(p => p.CreatedAt).ToListAsync(ct);
        if (!CommissionParties.MaySee(commission, proposals, actor)) return null;
        var roles = CommissionParties.Of(commission, actor);
        var moves = roles.SelectMany(r => CommissionWorkflow.Table.MovesFor(commission, commission.State, r))
            // Brokering happens when a proposal is agreed, never as a button.
            .Where(t => t.Move != CommissionMove.MarkBrokered).GroupBy(t => t.Move).Select(g => g.First()).ToList();
        var deployment = commission.AgreedProposalId is { } agreed
            ? await db.Set<Deployment>().AsNoTracking().FirstOrDefaultAsync(d => d.ProposalId == agreed, ct)
            : null;
        if (deployment is not null && DeploymentParties.Of(deployment, actor).Count == 0) deployment = null;
        return new CommissionView(commission, roles, proposals.Where(p => CommissionParties.SeesProposal(p, roles)).ToList(), moves, deployment);
    }

    public async Task<ProposalView?> ProposalAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var proposal = await db.Set<Proposal>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (proposal is null) return null;
        var commission = await db.Set<Commission>().AsNoTracking().FirstAsync(c => c.Id == proposal.CommissionId, ct);
        var roles = ProposalParties.Of(proposal, commission, actor);
        if (!ProposalParties.MaySee(proposal, roles)) return null;
        var moves = MovesFor(proposal, roles);
        var deployment = proposal.State == ProposalState.Agreed
            ? await db.Set<Deployment>().AsNoTracking().FirstOrDefaultAsync(d => d.ProposalId == id, ct)
            : null;
        if (deployment is not null && DeploymentParties.Of(deployment, actor).Count == 0) deployment = null;
        return new ProposalView(proposal, commission, roles, moves, deployment);
    }

    /// <summary>The agreement PDF, for the parties to an agreed proposal; null for anyone else and before agreement.</summary>
    public async Task<DocumentFile?> AgreementAsync(Guid proposalId, Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var proposal = await db.Set<Proposal>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == proposalId, ct);
        if (proposal is null || proposal.State != ProposalState.Agreed) return null;
        var commission = await db.Set<Commission>().AsNoTracking().FirstAsync(c => c.Id == proposal.CommissionId, ct);
        if (!ProposalParties.MaySee(proposal, ProposalParties.Of(proposal, commission, actor))) return null;
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == proposal.TenantId, ct);
        return new DocumentFile(DeploymentAgreement.Render(proposal, commission, tenant.Name, clock.GetUtcNow()),
            $"deployment-agreement-{FileNames.Slug(commission.SchoolName)}.pdf");
    }

    /// <summary>Proposals waiting for this person's agreement, as leader, headteacher, supported school or commissioner.</summary>
    public async Task<IReadOnlyList<ProposalSummary>> AwaitingMyAgreementAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var email = actor.Email.Trim().ToLowerInvariant();
#pragma warning disable CA1862 // EF translates ToLower to SQL lower().
        var rows = await (from p in db.Set<Proposal>().AsNoTracking()
                          join c in db.Set<Commission>().AsNoTracking() on p.CommissionId equals c.Id
                          where p.State == ProposalState.AwaitingConsent
                                && (p.LeaderUserId == actor.UserId || p.HeadteacherEmail.ToLower() == email
                                    || c.SupportedSchoolContactEmail.ToLower() == email || c.CommissionerEmail.ToLower() == email)
                          orderby p.CreatedAt
                          select new { p, c }).ToListAsync(ct);
#pragma warning restore CA1862
        return rows.Where(x => ProposalParties.MaySee(x.p, ProposalParties.Of(x.p, x.c, actor)))
            .Select(x => new ProposalSummary(x.p, x.c.SchoolName, MovesFor(x.p, ProposalParties.Of(x.p, x.c, actor)))).ToList();
    }

    /// <summary>Every proposal out of draft for a leader this person is the headteacher (or chair) of: what has been asked of their staff.</summary>
    public async Task<IReadOnlyList<ProposalSummary>> AskedOfMyStaffAsync(Actor headteacher, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var email = headteacher.Email.Trim().ToLowerInvariant();
#pragma warning disable CA1862 // EF translates ToLower to SQL lower().
        var rows = await (from p in db.Set<Proposal>().AsNoTracking()
                          join c in db.Set<Commission>().AsNoTracking() on p.CommissionId equals c.Id
                          where p.HeadteacherEmail.ToLower() == email && p.State != ProposalState.Draft
                          orderby p.CreatedAt descending
                          select new { p, c }).ToListAsync(ct);
#pragma warning restore CA1862
        return rows.Where(x => ProposalParties.Of(x.p, x.c, headteacher).Contains(BrokerageRole.LeaderHeadteacher))
            .Select(x => new ProposalSummary(x.p, x.c.SchoolName, MovesFor(x.p, ProposalParties.Of(x.p, x.c, headteacher)))).ToList();
    }

    /// <summary>
    /// The broker's board: commissions and deployments counted by state, the open commissions (the queue's order) and the
    /// live deployments, soonest ending first, each with its next scheduled visit.
    /// </summary>
    public async Task<BrokerBoard?> BoardAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.Is(TenantRoles.AllianceManager)) return null;
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

    /// <summary>How many entries of a commission's activity a page shows, and how many more each "older" adds.</summary>
    public const int FeedPage = 20;

    /// <summary>
    /// The newest <paramref name="shown"/> entries of a commission's activity that this person is an audience of, and
    /// whether older ones remain. The audience is decided in SQL: the parts this person plays in the commission, and,
    /// for the leader and headteacher audiences, the leader of the proposal or deployment the entry is about (never a
    /// rival's), so a long feed is read a page at a time.
    /// </summary>
    public async Task<Feed> FeedAsync(Guid commissionId, Actor actor, int shown = FeedPage, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var commission = await db.Set<Commission>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == commissionId, ct) ?? throw new NotFoundException();
        var general = CommissionParties.AudienceOf(CommissionParties.Of(commission, actor));
        // The headteacher's address as the other queries match it: case-insensitively, the whole address (ILIKE, escaped).
        var email = string.IsNullOrWhiteSpace(actor.Email) ? null : LikePattern.Exactly(actor.Email.Trim());
        var entries = await (from a in db.Set<ActivityEntry>().AsNoTracking()
                             where a.CommissionId == commissionId
                             join d in db.Set<Deployment>().AsNoTracking() on a.DeploymentId equals (Guid?)d.Id into deployments
                             from d in deployments.DefaultIfEmpty()
                             join p in db.Set<Proposal>().AsNoTracking() on a.ProposalId equals (Guid?)p.Id into proposals
                             from p in proposals.DefaultIfEmpty()
                             // The entry's leader and headteacher: its deployment's if it has one, else its proposal's.
                             let leaderId = d != null ? d.LeaderUserId : p != null ? p.LeaderUserId : null
                             let headEmail = d != null ? d.HeadteacherEmail : p != null ? p.HeadteacherEmail : null
                             where (a.Audiences & general) != Audience.None
                                   || ((a.Audiences & Audience.Leader) != Audience.None && leaderId != null && leaderId == actor.UserId)
                                   || ((a.Audiences & Audience.LeaderHeadteacher) != Audience.None && email != null && headEmail != null && EF.Functions.ILike(headEmail, email))
                             orderby a.At descending, a.Id descending
                             select a).Take(Math.Max(shown, 1) + 1).ToListAsync(ct);
        var older = entries.Count > Math.Max(shown, 1);
        return new Feed(older ? entries[..^1] : entries, older);
    }

    /// <summary>The decisions these parts may make on a proposal now (rivals are closed by the system, never by a person).</summary>
    private static List<ProposalMove> MovesFor(Proposal proposal, IReadOnlyList<BrokerageRole> roles) =>
        roles.SelectMany(role => ProposalWorkflow.Table.MovesFor(proposal, proposal.State, role))
            .Where(t => t.Move != ProposalMove.CloseAsRival).Select(t => t.Move).Distinct().ToList();
}
