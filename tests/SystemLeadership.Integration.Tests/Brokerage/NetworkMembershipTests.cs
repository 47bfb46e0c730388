using Microsoft.EntityFrameworkCore;
using Npgsql;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Deployments;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Brokerage;

/// <summary>Networks: starting one, invitations answered or not, leaving, and who finds whose shared leaders (003 §2, §6).</summary>
public class NetworkMembershipTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_leader_pooled_by_a_network_partner_appears_in_the_search_only_while_shared_and_only_to_partners()
    {
        var a = await BrokerageWorld.CreateAsync(db);
        var b = await BrokerageWorld.CreateAsync(db);
        var outsider = await BrokerageWorld.CreateAsync(db);
        await a.NetworkWithAsync(b);

        var commission = await a.AcceptedCommissionAsync();
        var outsiderCommission = await outsider.AcceptedCommissionAsync();
        bool SeesB(MatchResult result) => result.Ranked.Any(r => r.Candidate.DesignationId == b.LeaderDesignationId);

        Assert.False(SeesB(await a.Finder.FindLeadersAsync(commission.Id)));

        await b.Networks.ShareWithNetworksAsync(b.LeaderDesignationId, share: true, b.Broker);
        var found = await a.Finder.FindLeadersAsync(commission.Id);
        var pooled = Assert.Single(found.Ranked, r => r.Candidate.DesignationId == b.LeaderDesignationId);
        Assert.True(pooled.Candidate.SharedByAnotherTenant);
        Assert.Equal(b.Tenant.Id, pooled.Candidate.TenantId);
        Assert.Contains(found.Ranked, r => r.Candidate.DesignationId == a.LeaderDesignationId && !r.Candidate.SharedByAnotherTenant);
        Assert.False(SeesB(await outsider.Finder.FindLeadersAsync(outsiderCommission.Id)));

        await b.Networks.ShareWithNetworksAsync(b.LeaderDesignationId, share: false, b.Broker);
        Assert.False(SeesB(await a.Finder.FindLeadersAsync(commission.Id)));
    }

    [Fact]
    public async Task An_invited_alliance_declines_then_accepts_and_leaving_ends_the_pooling_at_once()
    {
        var a = await BrokerageWorld.CreateAsync(db);
        var b = await BrokerageWorld.CreateAsync(db);
        var outsider = await BrokerageWorld.CreateAsync(db);
        var network = await a.Networks.CreateNetworkAsync("Dales Network", a.Broker);
        await b.Networks.ShareWithNetworksAsync(b.LeaderDesignationId, share: true, b.Broker);
        var commission = await a.AcceptedCommissionAsync();
        bool SeesB(MatchResult result) => result.Ranked.Any(r => r.Candidate.DesignationId == b.LeaderDesignationId);

        await a.Networks.InviteAsync(network, b.Tenant.Id, a.Broker);
        Assert.Contains($"{a.Tenant.Name} invites you to the Dales Network network", await b.EmailsToAsync($"broker-{b.Tenant.Slug[^6..]}@alliance.test"));
        await Assert.ThrowsAsync<NotAllowedException>(() => a.Networks.InviteAsync(network, b.Tenant.Id, a.Broker));
        var invitation = Assert.Single((await b.Networks.OverviewAsync(b.Broker)).InvitationsToUs);
        Assert.Equal("Dales Network", invitation.NetworkName);

        // Nobody else can see or answer it: not the outsider, not by a direct query, not by invitation id.
        Assert.Empty((await outsider.Networks.OverviewAsync(outsider.Broker)).InvitationsToUs);
        await Assert.ThrowsAsync<NotFoundException>(() => outsider.Networks.AnswerInvitationAsync(invitation.Id, accept: true, outsider.Broker));
        Assert.Equal(0, await ExecuteAsync("SELECT count(*) FROM \"NetworkInvitations\" WHERE \"Id\" = @id", outsider, invitation.Id, scalar: true));
        Assert.Equal(0, await ExecuteAsync("UPDATE \"NetworkInvitations\" SET \"State\" = 'Accepted' WHERE \"Id\" = @id", outsider, invitation.Id));
        // The invited alliance reads it but cannot change it itself: its answer is written in the inviter's tenant.
        Assert.Equal(1, await ExecuteAsync("SELECT count(*) FROM \"NetworkInvitations\" WHERE \"Id\" = @id", b, invitation.Id, scalar: true));
        Assert.Equal(0, await ExecuteAsync("UPDATE \"NetworkInvitations\" SET \"State\" = 'Accepted' WHERE \"Id\" = @id", b, invitation.Id));
        // Nor can a tenant join a network it was not invited to by writing its own member row.
        var joined = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(
            $"INSERT INTO \"NetworkMembers\" (\"NetworkId\", \"TenantId\", \"JoinedAt\") VALUES (@id, '{outsider.Tenant.Id}', now())", outsider, network));
        Assert.Equal("42501", joined.SqlState);
        Assert.Equal(0, await ExecuteAsync("DELETE FROM \"NetworkInvitations\" WHERE \"Id\" = @id", b, invitation.Id));
        await Assert.ThrowsAsync<NotAllowedException>(() => b.Networks.AnswerInvitationAsync(invitation.Id, accept: true, b.Leader));

        await b.Networks.AnswerInvitationAsync(invitation.Id, accept: false, b.Broker);
        Assert.Empty((await b.Networks.OverviewAsync(b.Broker)).Networks);
        var sent = Assert.Single(Assert.Single((await a.Networks.OverviewAsync(a.Broker)).Networks).Invitations);
        Assert.Equal(NetworkInvitationState.Declined, sent.State);
        Assert.Equal("Bea Broker", sent.AnsweredByName);
        Assert.False(SeesB(await a.Finder.FindLeadersAsync(commission.Id)));
        await Assert.ThrowsAsync<NotAllowedException>(() => b.Networks.AnswerInvitationAsync(invitation.Id, accept: true, b.Broker));

        await a.Networks.InviteAsync(network, b.Tenant.Id, a.Broker);
        await b.Networks.AnswerInvitationAsync(Assert.Single((await b.Networks.OverviewAsync(b.Broker)).InvitationsToUs).Id, accept: true, b.Broker);
        var bIn = Assert.Single((await b.Networks.OverviewAsync(b.Broker)).Networks);
        Assert.Equal(new[] { a.Tenant.Name, b.Tenant.Name }.Order(), bIn.Members.Order());
        Assert.True(SeesB(await a.Finder.FindLeadersAsync(commission.Id)));
        await Assert.ThrowsAsync<NotAllowedException>(() => a.Networks.InviteAsync(network, b.Tenant.Id, a.Broker));
        // Only members invite; the outsider cannot act on the network at all.
        await Assert.ThrowsAsync<NotFoundException>(() => outsider.Networks.InviteAsync(network, outsider.Tenant.Id, outsider.Broker));

        await b.Networks.LeaveAsync(network, b.Broker);
        Assert.False(SeesB(await a.Finder.FindLeadersAsync(commission.Id)));
        Assert.Equal([a.Tenant.Name], Assert.Single((await a.Networks.OverviewAsync(a.Broker)).Networks).Members);
        await Assert.ThrowsAsync<NotFoundException>(() => b.Networks.LeaveAsync(network, b.Broker));
    }

    /// <summary>Runs one statement as the application's role with the world's tenant set (lock 2 alone, no query filter).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The statements are fixed in the tests above.")]
    private async Task<long> ExecuteAsync(string sql, BrokerageWorld asWorld, Guid id, bool scalar = false)
    {
        await using var connection = new NpgsqlConnection(db.Connections.App);
        await connection.OpenAsync();
        await using (var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, false)", connection))
        {
            set.Parameters.AddWithValue("t", asWorld.Tenant.Id.ToString());
            await set.ExecuteNonQueryAsync();
        }
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return scalar ? (long)(await command.ExecuteScalarAsync())! : await command.ExecuteNonQueryAsync();
    }
}
