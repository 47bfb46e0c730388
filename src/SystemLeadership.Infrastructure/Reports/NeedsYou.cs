using SystemLeadership.Domain.Common;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Reports;

/// <summary>One thing waiting for this person: what, how many, and where (an address inside the alliance) it is done.</summary>
public sealed record NeedsItem(string Id, string Text, int Count, string Where);

/// <summary>
/// What needs this person now, by their roles in the current alliance: the manager's queues, the agreements asked of
/// them, the visits a leader has still to record. Counts are SQL aggregates; only what this person may act on counts.
/// </summary>
public sealed class NeedsYou(TenantDbContextFactory contexts, BrokerageViews brokerage, TimeProvider clock)
{
    /// <summary>How near its end a live deployment is listed for the broker to plan what follows.</summary>
    public const int EndingSoonDays = 14;

    public async Task<IReadOnlyList<NeedsItem>> ForAsync(Actor actor, CancellationToken ct = default)
    {
        List<NeedsItem> items = [];
        var now = clock.GetUtcNow();
        var today = UkTime.Day(now);
        await using var db = contexts.CreateDbContext();

        if (actor.Is(TenantRoles.AllianceManager))
        {
            var applications = await db.Applications.AsNoTracking()
                .Where(a => a.State == ApplicationState.ReferenceReceived || a.State == ApplicationState.InterviewScheduled)
                .GroupBy(a => a.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            Add("needs-review", "application with its references in, to review", "applications with their references in, to review", applications.FirstOrDefault(a => a.Key == ApplicationState.ReferenceReceived)?.Count ?? 0, "applications?state=ReferenceReceived");
            Add("needs-interviews", "application with an interview to hold or score", "applications with an interview to hold or score", applications.FirstOrDefault(a => a.Key == ApplicationState.InterviewScheduled)?.Count ?? 0, "applications?state=InterviewScheduled");
            // A reference asked for over a week ago with no answer yet: the first reminder has gone; the manager may chase.
            var chaseFrom = now - Reference.ReminderAfter[0];
            Add("needs-references", "application waiting over a week for its reference", "applications waiting over a week for their references",
                await db.Applications.CountAsync(a => a.State == ApplicationState.ReferenceRequested
                    && db.References.Any(r => r.ApplicationId == a.Id && r.Outcome == ReferenceOutcome.Pending && r.RequestedAt <= chaseFrom && r.ExpiresAt > now), ct),
                "applications?state=ReferenceRequested");
            Add("needs-triage", "support request to triage", "support requests to triage", await db.Set<Commission>().CountAsync(c => c.State == CommissionState.Requested, ct), "brokerage");
            Add("needs-enquiries", "school asking for support from the public directory", "schools asking for support from the public directory",
                await db.Set<Domain.LeaderDirectory.SupportEnquiry>().CountAsync(e => e.State == Domain.LeaderDirectory.EnquiryState.Received, ct), "brokerage#enquiries");
            Add("needs-network-invitations", "invitation to join a leaders' network", "invitations to join a leaders' network",
                await db.Set<NetworkInvitation>().IgnoreQueryFilters()
                    .CountAsync(i => i.InvitedTenantId == db.TenantId && i.State == NetworkInvitationState.Waiting, ct), "networks#invitations");
            Add("needs-pool-asks", "partner alliance's proposal for one of your leaders", "partner alliances' proposals for your leaders",
                await db.Set<PoolAsk>().CountAsync(a => a.State == PoolAskState.Waiting, ct), "networks#asks");
            Add("needs-overrun", "deployment with more days logged than agreed", "deployments with more days logged than agreed",
                await db.Set<Deployment>().CountAsync(d => d.State == DeploymentState.Active && d.LoggedHalfDays > d.AgreedHalfDays, ct), "brokerage");
            Add("needs-parties", "proposal waiting for its parties' agreement", "proposals waiting for their parties' agreement",
                await db.Set<Proposal>().CountAsync(p => p.State == ProposalState.AwaitingConsent, ct), "commissions?state=Accepted");
            var soon = today.AddDays(EndingSoonDays);
            // Those past their end and still live first of all: they need completing or extending.
            Add("needs-ending", $"live deployment ending in the next {EndingSoonDays} days or past its end", $"live deployments ending in the next {EndingSoonDays} days or past their end",
                await db.Set<Deployment>().CountAsync(d => d.State == DeploymentState.Active && d.End <= soon, ct), "brokerage/deployments?state=Active&sort=end");
            // The school's Deployment Evaluation Form is the quality check the alliance reports on: one missing is chased.
            Add("needs-school-evaluations", "finished deployment its school has not evaluated", "finished deployments their schools have not evaluated",
                await Unevaluated(db).CountAsync(ct), "brokerage/deployments?sort=end&desc=true");
            Add("needs-claims", "claim to approve", "claims to approve", await db.Set<Claim>().CountAsync(c => c.State == ClaimState.Submitted, ct), "claims");
            var horizon = today.AddDays(DesignationWorkflow.ExpiringSoonDays);
            Add("needs-expiring", $"designation ending in the next {DesignationWorkflow.ExpiringSoonDays} days", $"designations ending in the next {DesignationWorkflow.ExpiringSoonDays} days",
                await db.Designations.CountAsync(d => d.State == DesignationState.Active && d.EndDate >= today && d.EndDate <= horizon, ct), "reports#expiring");
        }

        // A panellist is any member the manager seated; once the interview has been held, their scores are awaited.
        Add("needs-scores", "interview you sat on, to score", "interviews you sat on, to score",
            await (from p in db.Panellists.AsNoTracking()
                   join i in db.Interviews.AsNoTracking() on p.InterviewId equals i.Id
                   join a in db.Applications.AsNoTracking() on i.ApplicationId equals a.Id
                   where p.UserId == actor.UserId && p.ScoredAt == null && i.ScheduledFor <= now && a.State == ApplicationState.InterviewScheduled
                   select p.Id).CountAsync(ct), "#panels");

        // Anyone may be a party, even with no role here (a pooled leader's headteacher is let in only to agree).
        var awaiting = await brokerage.AwaitingMyAgreementAsync(actor, ct);
        Add("needs-agreement", "proposal waiting for your agreement", "proposals waiting for your agreement", awaiting.Count(p => p.Moves.Contains(ProposalMove.Consent)), "agreements");

        if (actor.Is(TenantRoles.SystemLeader))
        {
            var toRecord = await (from v in db.Set<Visit>().AsNoTracking()
                                  join d in db.Set<Deployment>().AsNoTracking() on v.DeploymentId equals d.Id
                                  where d.LeaderUserId == actor.UserId && v.State == VisitState.Scheduled && v.StartsAt <= now
                                  select v.Id).CountAsync(ct);
            Add("needs-visits", "visit that has taken place, to record", "visits that have taken place, to record", toRecord, "deployments");
            // Then the leader's Visit Evaluation Form for each visit they recorded (004).
            var toEvaluate = await (from v in db.Set<Visit>().AsNoTracking()
                                    join d in db.Set<Deployment>().AsNoTracking() on v.DeploymentId equals d.Id
                                    where d.LeaderUserId == actor.UserId && v.State == VisitState.Recorded
                                        && !db.Set<Domain.Evaluations.VisitEvaluation>().Any(e => e.VisitId == v.Id)
                                    select v.Id).CountAsync(ct);
            Add("needs-visit-evaluations", "recorded visit to evaluate", "recorded visits to evaluate", toEvaluate, "deployments");
        }
        // The supported school's contact: the Deployment Evaluation Form at the end of each deployment (004).
        if (actor.Is(TenantRoles.SchoolContact) && !string.IsNullOrWhiteSpace(actor.Email))
        {
            var mine = LikePattern.Exactly(actor.Email.Trim());
            var toEvaluate = await Unevaluated(db).Where(d => EF.Functions.ILike(d.SupportedSchoolContactEmail, mine)).CountAsync(ct);
            Add("needs-evaluation", "finished deployment to evaluate", "finished deployments to evaluate", toEvaluate, "deployments");
        }

        return items;

        // Finished deployments with no Deployment Evaluation Form from their school: the school's to fill, the broker's to chase.
        static IQueryable<Deployment> Unevaluated(AppDbContext db) => db.Set<Deployment>().AsNoTracking()
            .Where(d => (d.State == DeploymentState.Completed || d.State == DeploymentState.EndedEarly)
                && !db.Set<Domain.Evaluations.DeploymentEvaluation>().Any(e => e.DeploymentId == d.Id));

        void Add(string id, string one, string many, int count, string where)
        {
            if (count > 0) items.Add(new NeedsItem(id, count == 1 ? one : many, count, where));
        }
    }
}
