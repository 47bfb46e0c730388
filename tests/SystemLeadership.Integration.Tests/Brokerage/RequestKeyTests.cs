using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Brokerage;

/// <summary>
/// The signed-in forms that create a record carry a key: a support request, a visit, a JPD session or days away sent
/// again (a retry after an error whose answer was lost, or two presses at once) is made once, audited and emailed once,
/// never twice.
/// </summary>
public class RequestKeyTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static async Task<(int Requests, int Audits, int Emails)> StoredAsync(BrokerageWorld w, Guid key)
    {
        await using var admin = w.Db.NewAdminContext();
        var ids = await admin.Set<Commission>().IgnoreQueryFilters().Where(c => c.RequestKey == key).Select(c => c.Id).ToListAsync();
        var audits = await admin.AuditEntries.IgnoreQueryFilters().CountAsync(a => ids.Contains(a.EntityId));
        var emails = await admin.Outbox.CountAsync(o => o.To == w.Contact.Email);
        return (ids.Count, audits, emails);
    }

    [Fact]
    public async Task The_same_form_sent_again_raises_one_request_audited_and_emailed_once()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var request = w.Request() with { RequestKey = Guid.NewGuid() };

        var first = await w.Commissions.RaiseCommissionAsync(w.Contact, request);
        var again = await w.Commissions.RaiseCommissionAsync(w.Contact, request);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal((1, 1, 1), await StoredAsync(w, request.RequestKey!.Value));
        // A new form is a new request.
        var next = await w.Commissions.RaiseCommissionAsync(w.Contact, w.Request() with { RequestKey = Guid.NewGuid() });
        Assert.NotEqual(first.Id, next.Id);
    }

    [Fact]
    public async Task Two_presses_at_once_raise_one_request()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var request = w.Request() with { RequestKey = Guid.NewGuid() };

        var both = await Task.WhenAll(w.Commissions.RaiseCommissionAsync(w.Contact, request), w.Commissions.RaiseCommissionAsync(w.Contact, request));

        Assert.Equal(both[0].Id, both[1].Id);
        Assert.Equal((1, 1, 1), await StoredAsync(w, request.RequestKey!.Value));
    }

    [Fact]
    public async Task Another_persons_form_with_a_used_key_is_refused_not_taken_for_theirs()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var request = w.Request() with { RequestKey = Guid.NewGuid() };
        await w.Commissions.RaiseCommissionAsync(w.Contact, request);

        var refused = await Assert.ThrowsAsync<NotAllowedException>(() => w.Commissions.RaiseCommissionAsync(w.Broker, request));
        Assert.Equal("This form was already sent with other details. To ask again, open the form afresh.", refused.Message);
        Assert.Equal(1, (await StoredAsync(w, request.RequestKey!.Value)).Requests);
    }

    [Fact]
    public async Task The_same_visit_form_sent_again_or_twice_at_once_schedules_one_visit()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var deployment = await w.AgreedDeploymentAsync();
        var key = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 10, 19, 9, 0, 0, TimeSpan.Zero);

        var first = await w.Visits.ScheduleVisitAsync(deployment.Id, at, 2, "Ash Primary", w.Leader, key);
        var again = await w.Visits.ScheduleVisitAsync(deployment.Id, at, 2, "Ash Primary", w.Leader, key);
        var other = Guid.NewGuid();
        var both = await Task.WhenAll(
            w.Visits.ScheduleVisitAsync(deployment.Id, at.AddDays(7), 2, "Ash Primary", w.Leader, other),
            w.Visits.ScheduleVisitAsync(deployment.Id, at.AddDays(7), 2, "Ash Primary", w.Leader, other));

        Assert.Equal(first.Visit.Id, again.Visit.Id);
        // The same form sent with another place typed since is refused, not taken for the first.
        var changed = await Assert.ThrowsAsync<NotAllowedException>(() => w.Visits.ScheduleVisitAsync(deployment.Id, at, 2, "Beck Primary", w.Leader, key));
        Assert.Equal("This form was already sent with other details. To schedule another visit, open the form afresh.", changed.Message);
        Assert.Equal(both[0].Visit.Id, both[1].Visit.Id);
        await using var admin = w.Db.NewAdminContext();
        var visits = await admin.Set<Visit>().IgnoreQueryFilters().Where(v => v.DeploymentId == deployment.Id).ToListAsync();
        Assert.Equal(2, visits.Count);
        var ids = visits.Select(v => v.Id).ToList();
        Assert.Equal(2, await admin.AuditEntries.IgnoreQueryFilters().CountAsync(a => ids.Contains(a.EntityId) && a.Action == "Visit scheduled"));
    }

    [Fact]
    public async Task The_same_JPD_session_form_sent_again_or_twice_at_once_records_one_session()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        w.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 8, 18, 0, 0, TimeSpan.Zero));
        var input = new JpdSessionInput(w.LeaderDesignationId, "Reasoning in year 6 maths", new DateOnly(2026, 10, 8), null, 1.5m,
            [w.SupportedUrn, w.LeaderSchoolUrn], Guid.NewGuid());

        var first = await w.Jpd.RecordAsync(input, w.Broker);
        var again = await w.Jpd.RecordAsync(input, w.Broker);
        var other = input with { Date = new DateOnly(2026, 10, 7), RequestKey = Guid.NewGuid() };
        var both = await Task.WhenAll(w.Jpd.RecordAsync(other, w.Broker), w.Jpd.RecordAsync(other, w.Broker));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(both[0].Id, both[1].Id);
        var changed = await Assert.ThrowsAsync<NotAllowedException>(() => w.Jpd.RecordAsync(input with { Topic = "Fractions" }, w.Broker));
        Assert.Equal("This form was already sent with other details. To record another session, open the form afresh.", changed.Message);
        await using var admin = w.Db.NewAdminContext();
        var ids = await admin.Set<JpdSession>().IgnoreQueryFilters().Where(j => j.TenantId == w.Tenant.Id).Select(j => j.Id).ToListAsync();
        Assert.Equal(2, ids.Count);
        Assert.Equal(2, await admin.AuditEntries.IgnoreQueryFilters().CountAsync(a => ids.Contains(a.EntityId)));
    }

    [Fact]
    public async Task The_same_days_away_sent_again_or_twice_at_once_are_marked_once_and_the_brokers_told_once()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var deployment = await w.AgreedDeploymentAsync();
        var profile = (await w.Profiles.PageAsync(null, w.Leader))!.Profile.Id;
        var key = Guid.NewGuid();
        // Days inside the agreed deployment, so the brokers are emailed about them.
        var (from, to) = (deployment.Start.AddDays(7), deployment.Start.AddDays(9));

        var first = await w.Profiles.MarkAwayAsync(profile, from, to, "Exams", w.Leader, key);
        var again = await w.Profiles.MarkAwayAsync(profile, from, to, "Exams", w.Leader, key);
        var other = Guid.NewGuid();
        var both = await Task.WhenAll(
            w.Profiles.MarkAwayAsync(profile, to.AddDays(7), to.AddDays(8), null, w.Leader, other),
            w.Profiles.MarkAwayAsync(profile, to.AddDays(7), to.AddDays(8), null, w.Leader, other));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(both[0].Id, both[1].Id);
        var changed = await Assert.ThrowsAsync<NotAllowedException>(() => w.Profiles.MarkAwayAsync(profile, from, to.AddDays(1), "Exams", w.Leader, key));
        Assert.Equal("This form was already sent with other details. To mark other days, open the form afresh.", changed.Message);
        Assert.Equal(2, (await w.Profiles.PageAsync(profile, w.Broker))!.Away.Count);
        await using var admin = w.Db.NewAdminContext();
        var ids = new[] { first.Id, both[0].Id };
        Assert.Equal(2, await admin.AuditEntries.IgnoreQueryFilters().CountAsync(a => ids.Contains(a.EntityId)));
        Assert.Equal(2, await admin.Outbox.CountAsync(o => o.To == w.Broker.Email && o.Subject.Contains("away")));
    }
}
