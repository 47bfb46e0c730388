using SystemLeadership.Domain.Common;
using SystemLeadership.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Deployments;
using SystemLeadership.Infrastructure.Evaluations;
using SystemLeadership.Integration.Tests.Documents;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Brokerage;

public class BrokerageFlowTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_commission_goes_from_request_to_a_paid_claim_below_the_ui()
    {
        var w = await BrokerageWorld.CreateAsync(db);

        // Commission: raised, questioned, answered, accepted.
        var commission = await w.Commissions.RaiseCommissionAsync(w.Contact, w.Request());
        await w.Commissions.MoveCommissionAsync(commission.Id, commission.Version, CommissionMove.AskForInformation, w.Broker, "Which year groups?");
        commission = (await w.CommissionAsync(commission.Id))!;
        await w.Commissions.MoveCommissionAsync(commission.Id, commission.Version, CommissionMove.ProvideInformation, w.Contact, "Year 6");
        commission = (await w.CommissionAsync(commission.Id))!;
        await w.Commissions.MoveCommissionAsync(commission.Id, commission.Version, CommissionMove.Accept, w.Broker);

        // Find: Ada passes every filter and is ranked with her score explained.
        var found = await w.Finder.FindLeadersAsync(commission.Id);
        var ada = Assert.Single(found.Ranked);
        Assert.Equal(w.LeaderDesignationId, ada.Candidate.DesignationId);
        Assert.Contains("5.0 km away, within 10 km.", ada.Explanation);
        Assert.Equal(30_000, ada.Candidate.DayRatePence);

        // Propose and agree: every party, the head last.
        var proposal = await w.ProposalAwaitingHeadAsync(commission.Id);
        Assert.Equal(ProposalState.AwaitingConsent, proposal.State);
        Assert.Equal([ProposalMove.Consent, ProposalMove.Refuse], (await w.Views.ProposalAsync(proposal.Id, w.Head))!.Moves);
        await w.Proposals.ConsentAsync(proposal.Id, w.Head);
        proposal = (await w.ProposalAsync(proposal.Id))!;
        Assert.Equal(ProposalState.Agreed, proposal.State);
        Assert.Equal(CommissionState.Brokered, (await w.CommissionAsync(commission.Id))!.State);

        var agreement = PdfText.All((await w.Views.AgreementAsync(proposal.Id, w.Contact))!.Content);
        Assert.Contains("Deployment agreement", agreement);
        Assert.Contains("Raise year 6 maths attainment", agreement);
        Assert.Contains("£1,200.00", agreement);
        Assert.Contains("North Yorkshire Council", agreement);

        // Deploy: a visit with its calendar file, its two forms and its days.
        var deployment = Assert.Single(await w.MyDeploymentsAsync(w.Leader));
        var scheduled = await w.Visits.ScheduleVisitAsync(deployment.Id, new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero), 6, "Ash Primary", w.Leader);
        Assert.Null(scheduled.OverrunWarning);
        var ics = (await w.DeploymentViews.CalendarAsync(scheduled.Visit.Id, w.Contact))!.Content;
        Assert.Contains("DTSTART:20261005T090000Z", ics);
        Assert.Contains($"UID:{scheduled.Visit.Id:D}@app.test", ics);
        Assert.Contains("\r\nEND:VCALENDAR\r\n", ics);
        var overrun = await w.Visits.ScheduleVisitAsync(deployment.Id, new DateTimeOffset(2026, 10, 12, 9, 0, 0, TimeSpan.Zero), 3, "Ash Primary", w.Leader);
        Assert.StartsWith("Logging 1.5 days would take this deployment to 4.5 days", overrun.OverrunWarning);

        // Money only for what happened: a visit is recorded (its days logged and claimable) once it has started.
        var early = await Assert.ThrowsAsync<NotAllowedException>(() =>
            w.Visits.RecordVisitAsync(scheduled.Visit.Id, new VisitRecordForm("Observed year 6 maths", "", "", 6), w.Leader));
        Assert.Equal("This visit starts on 5 October 2026 at 10:00: record it once it has taken place.", early.Message);
        w.Clock.SetUtcNow(scheduled.Visit.StartsAt.AddMinutes(-1));
        await Assert.ThrowsAsync<NotAllowedException>(() =>
            w.Visits.RecordVisitAsync(scheduled.Visit.Id, new VisitRecordForm("Observed year 6 maths", "", "", 6), w.Leader));
        w.Clock.SetUtcNow(scheduled.Visit.StartsAt);
        await w.Visits.RecordVisitAsync(scheduled.Visit.Id, new VisitRecordForm("Observed year 6 maths", "Plan the next unit together", "Coaching on 12 October", 6), w.Leader);
        await w.Visits.EvaluateVisitAsync(scheduled.Visit.Id, new VisitEvaluationForm(4, "Good rapport", "Time for planning"), w.Leader);
        w.After(overrun.Visit);
        await Assert.ThrowsAsync<NotAllowedException>(() =>
            w.Visits.RecordVisitAsync(overrun.Visit.Id, new VisitRecordForm("More coaching", "", "", 3), w.Leader));
        await w.Visits.RecordVisitAsync(overrun.Visit.Id, new VisitRecordForm("More coaching", "", "", 2), w.Leader);
        Assert.Contains($"Visit record: {w.Leader.Name}, 5 October 2026", await w.EmailsToAsync(w.Contact.Email));
        Assert.Contains($"Visit evaluation: {w.Leader.Name} at {commission.SchoolName}", await w.EmailsToAsync(w.Head.Email));

        // Quality assurance: a review per objective, the end, the school's evaluation.
        await w.Quality.ReviewObjectiveAsync(deployment.Id, 0, ObjectiveStatus.OnTrack, "", false, w.Broker);
        await w.Quality.ReviewObjectiveAsync(deployment.Id, 1, ObjectiveStatus.AtRisk, "Maths lead on long-term absence", false, w.Broker);
        deployment = (await w.DeploymentAsync(deployment.Id))!;
        await w.Deployments.MoveAsync(deployment.Id, deployment.Version, DeploymentMove.Complete, w.Broker);
        var (evaluation, review) = await w.Quality.EvaluateDeploymentAsync(deployment.Id,
            new DeploymentEvaluationForm([5, 4], "Year 6 maths improved", 4, true, "Thank you"), w.Contact);
        Assert.Null(review);
        Assert.Equal([evaluation.Id], (await w.Quality.LeaderRecordAsync(w.Leader.UserId)).EvidenceOfImpact.Select(e => e.Id));

        // Reimbursement: the claim from logged days × rate, round the loop once, then paid.
        var claim = Assert.Single(await w.GenerateClaims.ForTermAsync(SchoolTerm.Of(new DateOnly(2026, 10, 1)), w.Broker));
        Assert.Equal(8, claim.TotalHalfDays);
        Assert.Equal(120_000, claim.TotalPence);
        Assert.Empty(await w.GenerateClaims.ForTermAsync(SchoolTerm.Of(new DateOnly(2026, 10, 1)), w.Broker));
        await w.Claims.MoveAsync(claim.Id, claim.Version, ClaimMove.Submit, w.Head);
        claim = (await w.ClaimAsync(claim.Id))!;
        await Assert.ThrowsAsync<NotAllowedException>(() => w.Claims.MoveAsync(claim.Id, claim.Version, ClaimMove.Approve, w.Head));
        await w.Claims.MoveAsync(claim.Id, claim.Version, ClaimMove.RequestChanges, w.Broker, "Confirm the 12 October visit");
        claim = (await w.ClaimAsync(claim.Id))!;
        await w.Claims.MoveAsync(claim.Id, claim.Version, ClaimMove.Submit, w.Head);
        claim = (await w.ClaimAsync(claim.Id))!;
        await w.Claims.MoveAsync(claim.Id, claim.Version, ClaimMove.Approve, w.Broker);
        claim = (await w.ClaimAsync(claim.Id))!;
        await w.Claims.MoveAsync(claim.Id, claim.Version, ClaimMove.MarkPaid, w.Broker, "BACS 2026-117");
        claim = (await w.ClaimAsync(claim.Id))!;
        Assert.Equal(ClaimState.Paid, claim.State);

        var statement = PdfText.All((await w.ClaimViews.StatementAsync(claim.Id, w.Head))!.Content);
        Assert.Contains("Reimbursement claim statement", statement);
        Assert.Contains("£1,200.00", statement);
        Assert.Contains("BACS 2026-117", statement);
        var csv = (await w.ClaimViews.FinanceCsvAsync(SchoolTerm.Of(new DateOnly(2026, 10, 1)), w.Broker))!;
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, rows.Length);
        // A file the finance system imports: no byte-order mark before the header.
        Assert.StartsWith("ClaimId,Term,", rows[0], StringComparison.Ordinal);
        Assert.EndsWith(",Paid,2026-10-05,Ada,Ash Primary " + w.Tenant.Slug[^6..] + ",6,300.00,900.00,1200.00,BACS 2026-117", rows[1]);

        // Every step audited, in one transaction with its record.
        await using var context = w.Context();
        var audited = await context.AuditEntries.Select(a => a.EntityType).Distinct().ToListAsync();
        Assert.Superset(new HashSet<string> { "Commission", "Proposal", "Deployment", "Visit", "VisitEvaluation", "ObjectiveReview", "DeploymentEvaluation", "Claim" },
            audited.ToHashSet());
    }

    [Fact]
    public async Task When_one_proposal_is_agreed_its_rivals_close_with_a_notice()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var bo = await w.AddLeaderAsync("Bo", 20);
        await w.AddLeaderAsync("Cy", 20);
        var commission = await w.AcceptedCommissionAsync();
        var winner = await w.ProposalAwaitingHeadAsync(commission.Id, "Ada");
        var rival = await w.ProposalAwaitingHeadAsync(commission.Id, "Bo");
        var draft = await w.Proposals.DraftProposalAsync(commission.Id, w.Leaders["Cy"].DesignationId, BrokerageWorld.Terms(), w.Broker);

        await w.Proposals.ConsentAsync(winner.Id, w.Head);

        var all = (await w.Views.CommissionAsync(commission.Id, w.Broker))!.Proposals.ToDictionary(p => p.Id);
        Assert.Equal(ProposalState.Agreed, all[winner.Id].State);
        Assert.Equal(ProposalState.Closed, all[rival.Id].State);
        Assert.Equal(ProposalState.Closed, all[draft.Id].State);
        Assert.Contains($"Proposal closed: support for {commission.SchoolName}", await w.EmailsToAsync(bo.Email));
        // A closed rival cannot be agreed afterwards, nor can it take the leader's days.
        await Assert.ThrowsAsync<NotAllowedException>(() => w.Proposals.ConsentAsync(rival.Id, w.Head));
        await using var context = w.Context();
        Assert.Equal(1, await context.Set<Deployment>().CountAsync(d => d.CommissionId == commission.Id));
    }

    [Fact]
    public async Task A_headteacher_refuses_with_a_reason_that_is_recorded_and_the_broker_is_told()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var commission = await w.AcceptedCommissionAsync();
        var proposal = await w.ProposalAwaitingHeadAsync(commission.Id);
        await w.Proposals.RefuseAsync(proposal.Id, w.Head, "Our own Ofsted inspection is due");
        proposal = (await w.ProposalAsync(proposal.Id))!;
        Assert.Equal(ProposalState.Refused, proposal.State);
        Assert.Equal(BrokerageRole.LeaderHeadteacher, proposal.RefusedBy);
        Assert.Equal("Our own Ofsted inspection is due", proposal.RefusalReason);
        Assert.Contains($"Deployment refused: {w.Leader.Name} for {commission.SchoolName}", await w.EmailsToAsync(w.Broker.Email));
    }

    [Fact]
    public async Task A_long_activity_feed_comes_newest_first_a_page_at_a_time_counting_only_what_the_person_may_see()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var commission = await w.AcceptedCommissionAsync();
        var before = (await w.Views.FeedAsync(commission.Id, w.Contact, shown: 100)).Entries.Count;
        await using (var context = w.Factory().CreateDbContext())
        {
            // Thirty notes for the broker only, each followed by one the school sees too: the school's pages hold only its own.
            var at = w.Clock.GetUtcNow();
            for (var i = 1; i <= 30; i++)
            {
                context.Add(new ActivityEntry(w.Tenant.Id, commission.Id, null, null, Audience.Broker, $"Broker's note {i}", "Broker", at.AddMinutes(2 * i)));
                context.Add(new ActivityEntry(w.Tenant.Id, commission.Id, null, null, Audience.Broker | Audience.SupportedSchool, $"Shared note {i}", "Broker", at.AddMinutes(2 * i + 1)));
            }
            await context.SaveChangesAsync();
        }

        var first = await w.Views.FeedAsync(commission.Id, w.Contact);
        Assert.Equal(BrokerageViews.FeedPage, first.Entries.Count);
        Assert.Equal("Shared note 30", first.Entries[0].Text);
        Assert.Equal("Shared note 11", first.Entries[^1].Text);
        Assert.DoesNotContain(first.Entries, e => e.Text.StartsWith("Broker's", StringComparison.Ordinal));
        Assert.True(first.Older);

        var all = await w.Views.FeedAsync(commission.Id, w.Contact, shown: 2 * BrokerageViews.FeedPage);
        Assert.Equal(30 + before, all.Entries.Count);
        Assert.False(all.Older);

        var broker = await w.Views.FeedAsync(commission.Id, w.Broker);
        Assert.Equal(["Shared note 30", "Broker's note 30", "Shared note 29"], broker.Entries.Take(3).Select(e => e.Text));
    }

    [Fact]
    public async Task The_activity_feed_shows_each_person_only_the_entries_they_are_an_audience_of()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var bo = await w.AddLeaderAsync("Bo", 20);
        var commission = await w.AcceptedCommissionAsync();
        var proposal = await w.ProposalAwaitingHeadAsync(commission.Id);
        await w.ProposalAwaitingHeadAsync(commission.Id, "Bo");
        await w.Proposals.ConsentAsync(proposal.Id, w.Head);
        var deployment = Assert.Single(await w.MyDeploymentsAsync(w.Leader));
        var visit = await w.Visits.ScheduleVisitAsync(deployment.Id, new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero), 2, "Ash Primary", w.Leader);
        w.After(visit.Visit);
        await w.Visits.RecordVisitAsync(visit.Visit.Id, new VisitRecordForm("Observed lessons", "", "", 2), w.Leader);
        await w.Visits.EvaluateVisitAsync(visit.Visit.Id, new VisitEvaluationForm(3, "", "Slow start"), w.Leader);

        static bool IsEvaluation(ActivityEntry e) => e.Text.Contains("Visit Evaluation", StringComparison.Ordinal);
        static bool IsRecord(ActivityEntry e) => e.Text.Contains("Visit Record", StringComparison.Ordinal);

        var broker = (await w.Views.FeedAsync(commission.Id, w.Broker, shown: 100)).Entries;
        var school = (await w.Views.FeedAsync(commission.Id, w.Contact, shown: 100)).Entries;
        var head = (await w.Views.FeedAsync(commission.Id, w.Head, shown: 100)).Entries;
        var leader = (await w.Views.FeedAsync(commission.Id, w.Leader, shown: 100)).Entries;
        var rivalLeader = (await w.Views.FeedAsync(commission.Id, bo, shown: 100)).Entries;
        var stranger = (await w.Views.FeedAsync(commission.Id, new("x", "Stranger", "x@example.org", SystemLeadership.Domain.Tenancy.TenantRoles.None), shown: 100)).Entries;

        Assert.Contains(broker, IsEvaluation);
        Assert.Contains(head, IsEvaluation);
        Assert.Contains(leader, IsEvaluation);
        Assert.DoesNotContain(school, IsEvaluation);
        Assert.Contains(school, IsRecord);
        // The shortlisting of a rival is the broker's business only; the rival's leader sees nothing of Ada's deployment.
        Assert.Contains(broker, e => e.Text.Contains("shortlisted Bo", StringComparison.Ordinal));
        Assert.DoesNotContain(school, e => e.Text.Contains("shortlisted", StringComparison.Ordinal));
        Assert.DoesNotContain(rivalLeader, IsRecord);
        Assert.Contains(rivalLeader, e => e.Text.Contains("was closed because another proposal was agreed", StringComparison.Ordinal));
        Assert.DoesNotContain(leader, e => e.Text.Contains("was closed because", StringComparison.Ordinal));
        Assert.Empty(stranger);
        Assert.True(broker.Count > school.Count);
    }

    [Fact]
    public async Task Two_people_saving_the_same_commission_the_second_is_told_it_changed()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var commission = await w.Commissions.RaiseCommissionAsync(w.Contact, w.Request());
        await w.Commissions.MoveCommissionAsync(commission.Id, commission.Version, CommissionMove.AskForInformation, w.Broker, "Which year groups?");
        await Assert.ThrowsAsync<SystemLeadership.Domain.Common.StaleException>(() =>
            w.Commissions.MoveCommissionAsync(commission.Id, commission.Version, CommissionMove.Decline, w.Broker, "Out of area"));
    }
}
