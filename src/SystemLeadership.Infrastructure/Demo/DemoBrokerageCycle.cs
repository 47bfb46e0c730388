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
/// Swaledale's brokerage over the last three terms, walked through the product's own use cases on a <see cref="DemoClock"/>,
/// so every page has its records with their feeds, audit and emails: support requests in every state, deployments
/// completed, active and paused with their visits, both forms and evaluations, and claims in every state.
/// Mary Somerville's days this term are left free, and the request waiting for triage is the only one.
/// </summary>
public static class DemoBrokerageCycle
{
    private static readonly Actor LocalAuthority = new("demo-north-yorkshire", "North Yorkshire Council", "school.improvement@northyorks.test", TenantRoles.None);

    public static async Task SeedAsync(IServiceProvider services, Tenant swaledale)
    {
        services.GetRequiredService<Tenancy.TenantContext>().SetTenant(swaledale.Id, swaledale.Slug);
        var clock = new DemoClock(DateTimeOffset.UtcNow);
        var world = await DemoWorld.LoadAsync(services, clock);
        if (world is null) return;
        var t0 = SchoolTerm.Of(clock.Today);
        var t1 = SchoolTerm.Of(t0.Start.AddDays(-1));
        var t2 = SchoolTerm.Of(t1.Start.AddDays(-1));

        await CompletedAndEvaluatedAsync(world, t2, t1);
        await CompletedAwaitingEvaluationAsync(world, t1);
        await ActiveAsync(world);
        await PausedAsync(world);
        await RequestsInEveryOtherStateAsync(world);
        await ClaimsInEveryStateAsync(world, t2, t1, t0);
    }

    /// <summary>Mary at Sowerby Gate from two terms ago into last: three visits, completed, and rated by the school.</summary>
    private static async Task CompletedAndEvaluatedAsync(DemoWorld w, SchoolTerm t2, SchoolTerm t1)
    {
        var joan = new Actor("demo-sowerby-gate", "Joan Hardy", "office@sowerbygate.test", TenantRoles.None);
        var start = DemoClock.Weekday(t2.Start.AddDays(28));
        var deployment = await w.AgreeAsync(900004, joan, LocalAuthority, start.AddDays(-21), "Maths", "Mary", start, DemoClock.Weekday(t1.Start.AddDays(45)), 12,
            ["Secure number fluency in years 3 and 4", "Coach the maths lead to lead staff training"]);
        foreach (var day in new[] { start.AddDays(7), start.AddDays(35), DemoClock.Weekday(t1.Start.AddDays(20)) })
            await w.VisitAsync(deployment, "Mary", DemoClock.Weekday(day), 4, record: true);
        await w.ReviewAsync(deployment, DemoClock.Weekday(t1.Start.AddDays(21)), ObjectiveStatus.OnTrack, "Fluency checks up in both year groups.");
        await w.MoveAsync(deployment, DemoClock.Weekday(t1.Start.AddDays(50)), DeploymentMove.Complete);
        w.Clock.On(DemoClock.Weekday(t1.Start.AddDays(55)));
        await w.Quality.EvaluateDeploymentAsync(deployment, new DeploymentEvaluationForm([5, 4],
            "Year 4 multiplication check scores rose from 61% to 84%; the maths lead now runs our staff meetings on fluency.", 4, true,
            "Mary was generous with her time and her resources."), joan);
    }

    /// <summary>Katherine at Stray Infant last term: two visits, completed; Tom Reid's Deployment Evaluation waits for him.</summary>
    private static async Task CompletedAwaitingEvaluationAsync(DemoWorld w, SchoolTerm t1)
    {
        var start = DemoClock.Weekday(t1.Start.AddDays(28));
        var deployment = await w.AgreeAsync(900006, w.Tom, w.Tom, t1.Start.AddDays(10), "Closing the gap", "Katherine", start, start.AddDays(56), 8,
            ["Close the reading gap for disadvantaged pupils in year 2", "Train two teaching assistants in phonics interventions"], commissionerKind: CommissionerKind.School);
        await w.VisitAsync(deployment, "Katherine", DemoClock.Weekday(start.AddDays(7)), 2, record: true);
        await w.VisitAsync(deployment, "Katherine", DemoClock.Weekday(start.AddDays(35)), 2, record: true);
        await w.MoveAsync(deployment, DemoClock.Weekday(start.AddDays(60)), DeploymentMove.Complete);
    }

    /// <summary>
    /// Grace at Aire Valley High now: one visit recorded and evaluated, one that took place waiting for its record, one to
    /// come; an objective reviewed as at risk.
    /// </summary>
    private static async Task ActiveAsync(DemoWorld w)
    {
        var nadia = new Actor("demo-aire-valley", "Nadia Karim", "deputy@airevalley.test", TenantRoles.None);
        var start = w.Clock.SchoolDay(-30);
        var deployment = await w.AgreeAsync(900007, nadia, LocalAuthority, start.AddDays(-21), "Assessment", "Grace", start, w.Clock.SchoolDay(60), 16,
            ["Moderate key stage 3 maths assessment across the department", "Coach the new head of maths"], phase: "Secondary");
        await w.VisitAsync(deployment, "Grace", w.Clock.SchoolDay(-21), 2, record: true);
        await w.ReviewAsync(deployment, w.Clock.SchoolDay(-20), ObjectiveStatus.AtRisk, "Two of five teachers have moderated so far.");
        await w.VisitAsync(deployment, "Grace", w.Clock.SchoolDay(-3), 2, record: false, scheduledOn: w.Clock.SchoolDay(-20));
        await w.VisitAsync(deployment, "Grace", w.Clock.SchoolDay(14), 2, record: false, scheduledOn: w.Clock.SchoolDay(-20));
    }

    /// <summary>Katherine at St Wilfrid's: one visit, then paused while the school's headteacher is on leave.</summary>
    private static async Task PausedAsync(DemoWorld w)
    {
        var frank = new Actor("demo-st-wilfrids", "Frank Doyle", "office@stwilfrids.test", TenantRoles.None);
        var start = w.Clock.SchoolDay(-20);
        var deployment = await w.AgreeAsync(900012, frank, frank, start.AddDays(-14), "Closing the gap", "Katherine", start, w.Clock.SchoolDay(40), 4,
            ["Plan pupil premium spending with the governors"], commissionerKind: CommissionerKind.School);
        await w.VisitAsync(deployment, "Katherine", w.Clock.SchoolDay(-10), 2, record: true);
        await w.MoveAsync(deployment, w.Clock.SchoolDay(-5), DeploymentMove.Pause, "Paused at the school's request while its headteacher is on leave.");
    }

    /// <summary>
    /// The rest of the request states: one waiting for triage, one waiting for more information, one declined, one
    /// withdrawn, and one accepted with two rival proposals each waiting only for the leader's headteacher.
    /// </summary>
    private static async Task RequestsInEveryOtherStateAsync(DemoWorld w)
    {
        var ruth = DemoWorld.RuthBarker;
        await w.RaiseAsync(900002, ruth, ruth, w.Clock.SchoolDay(-2), "Early years", 6, w.Clock.SchoolDay(21), CommissionerKind.School);

        var asking = await w.RaiseAsync(900001, w.Broker, LocalAuthority, w.Clock.SchoolDay(-9), "Maths", 8, w.Clock.SchoolDay(28),
            contact: "office@swaledalebridge.test");
        await w.MoveCommissionAsync(asking, w.Clock.SchoolDay(-8), CommissionMove.AskForInformation, "Which year groups, and has the school a maths lead in post?");

        var nursery = new Actor("demo-abbey-view", "Lucy Marsh", "head@abbeyview.test", TenantRoles.Headteacher);
        var declined = await w.RaiseAsync(900008, nursery, nursery, w.Clock.SchoolDay(-40), "Early years", 10, w.Clock.SchoolDay(-20), CommissionerKind.School);
        await w.MoveCommissionAsync(declined, w.Clock.SchoolDay(-38), CommissionMove.Decline,
            "None of our leaders works in a maintained nursery; the local authority's early years team can help.");

        var special = new Actor("demo-ure-valley", "Owen Ellis", "head@urevalley.test", TenantRoles.Headteacher);
        var withdrawn = await w.RaiseAsync(900005, special, special, w.Clock.SchoolDay(-50), "Maths", 4, w.Clock.SchoolDay(-30), CommissionerKind.School);
        await w.MoveCommissionAsync(withdrawn, w.Clock.SchoolDay(-45), CommissionMove.Withdraw, "Our trust has found us support.");

        var laura = new Actor("demo-swaledale-bridge", "Laura Clegg", "head@swaledalebridge.test", TenantRoles.Headteacher);
        var rivals = await w.RaiseAsync(900001, laura, laura, w.Clock.SchoolDay(-6), "Assessment", 4, w.Clock.SchoolDay(14), CommissionerKind.School);
        await w.MoveCommissionAsync(rivals, w.Clock.SchoolDay(-5), CommissionMove.Accept);
        foreach (var leader in new[] { "Grace", "Katherine" })
            // Four half-days: with Grace's sixteen at Aire Valley it stays within her twenty a term whatever the day.
            await w.ProposeAsync(rivals, leader, w.Clock.SchoolDay(-4), w.Clock.SchoolDay(14), w.Clock.SchoolDay(60), 4,
                ["Agree a whole-school approach to assessing maths without levels"], consentHead: false);
    }

    /// <summary>
    /// Claims: two terms ago Mary's school was paid; last term its claim is approved and Katherine's school's submitted;
    /// this term Grace's school has a draft and Katherine's school was asked to change its claim.
    /// </summary>
    private static async Task ClaimsInEveryStateAsync(DemoWorld w, SchoolTerm t2, SchoolTerm t1, SchoolTerm t0)
    {
        w.Clock.On(t1.Start.AddDays(3));
        var older = await w.GenerateClaims.ForTermAsync(t2, w.Broker);
        await w.ClaimAsync(older, 900010, t1.Start.AddDays(5), ClaimMove.Submit, ClaimMove.Approve, ClaimMove.MarkPaid);

        w.Clock.On(t0.Start.AddDays(3));
        var last = await w.GenerateClaims.ForTermAsync(t1, w.Broker);
        await w.ClaimAsync(last, 900010, t0.Start.AddDays(5), ClaimMove.Submit, ClaimMove.Approve);
        await w.ClaimAsync(last, 900009, t0.Start.AddDays(6), ClaimMove.Submit);

        w.Clock.On(w.Clock.SchoolDay(-1));
        var current = await w.GenerateClaims.ForTermAsync(t0, w.Broker);
        await w.ClaimAsync(current, 900009, w.Clock.SchoolDay(-1), ClaimMove.Submit, ClaimMove.RequestChanges);
    }
}
