using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Brokerage;

/// <summary>
/// A support request form carries a key: sent again (a retry after an error whose answer was lost, or two presses at
/// once), it raises one request, audited and emailed once, never two.
/// </summary>
public class CommissionRequestKeyTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
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
        Assert.Equal("This form was already sent. To ask again, open the form afresh.", refused.Message);
        Assert.Equal(1, (await StoredAsync(w, request.RequestKey!.Value)).Requests);
    }
}
