using SystemLeadership.Domain.Common;
using SystemLeadership.Infrastructure.Auditing;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Deployments;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Infrastructure.Evaluations;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Brokerage;

/// <summary>Tenant B runs the whole flow, so every brokerage table has rows; tenant A must neither read nor write any of them.</summary>
public class BrokerageIsolationTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private BrokerageWorld _a = null!;
    private BrokerageWorld _b = null!;
    private Ids _ids = null!;

    private sealed record Ids(Guid Commission, Guid Proposal, Guid Deployment, Guid Visit, Guid QaReview, Guid Claim, Guid Profile, Guid Away, Guid Jpd, Guid Partnership);

    public async Task InitializeAsync()
    {
        _a = await BrokerageWorld.CreateAsync(db);
        _b = await BrokerageWorld.CreateAsync(db);
        var w = _b;
        var commission = await w.AcceptedCommissionAsync();
        var proposal = await w.ProposalAwaitingHeadAsync(commission.Id);
        await w.Proposals.ConsentAsync(proposal.Id, w.Head);
        // Shared, but A is in no network with B: still invisible to A.
        await w.Networks.ShareWithNetworksAsync(w.LeaderDesignationId, share: true, w.Broker);
        var deployment = Assert.Single(await w.MyDeploymentsAsync(w.Leader));
        var visit = (await w.Visits.ScheduleVisitAsync(deployment.Id, new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero), 2, "Ash Primary", w.Leader)).Visit;
        w.After(visit);
        await w.Visits.RecordVisitAsync(visit.Id, new VisitRecordForm("Observed lessons", "", "", 2), w.Leader);
        await w.Visits.EvaluateVisitAsync(visit.Id, new VisitEvaluationForm(3, "", ""), w.Leader);
        await w.Quality.ReviewObjectiveAsync(deployment.Id, 0, ObjectiveStatus.OnTrack, "", true, w.Broker);
        deployment = (await w.DeploymentAsync(deployment.Id))!;
        await w.Deployments.MoveAsync(deployment.Id, deployment.Version, DeploymentMove.Complete, w.Broker);
        var (_, review) = await w.Quality.EvaluateDeploymentAsync(deployment.Id, new DeploymentEvaluationForm([1, 2], "", 1, false, ""), w.Contact);
        var claim = Assert.Single(await w.GenerateClaims.ForTermAsync(SchoolTerm.Of(new DateOnly(2026, 10, 5)), w.Broker));
        // B invites a partner into a network (B's invitation) and the partner proposes B's pooled leader (B's record of it).
        var partner = await BrokerageWorld.CreateAsync(db);
        await w.NetworkWithAsync(partner);
        // The partner deploys B's leader, who logs a day there: the claim for it is paid through B (B's record of it).
        var pooled = await partner.PooledDeploymentAsync(w, halfDays: 2);
        var lent = (await partner.Visits.ScheduleVisitAsync(pooled.Id, new DateTimeOffset(2026, 10, 6, 9, 0, 0, TimeSpan.Zero), 1, "Ash Primary", w.Leader)).Visit;
        partner.After(lent);
        await partner.Visits.RecordVisitAsync(lent.Id, new VisitRecordForm("Coached", "", "", 1), w.Leader);
        await partner.GenerateClaims.ForTermAsync(SchoolTerm.Of(new DateOnly(2026, 10, 6)), partner.Broker);
        // Ada's days away and her school's days for all its leaders.
        var profile = (await w.Profiles.PageAsync(null, w.Leader))!.Profile.Id;
        var away = await w.Profiles.MarkAwayAsync(profile, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 4), "Training", w.Leader);
        await w.Profiles.SetSchoolDaysAsync(profile, 10, w.Broker);
        var jpd = await w.Jpd.RecordAsync(
            new JpdSessionInput(w.LeaderDesignationId, "Phonics", DateOnly.FromDateTime(w.Clock.GetUtcNow().UtcDateTime), 1, null, [w.SupportedUrn]), w.Broker);
        // An LLE partnered with a new head, with an hour logged.
        var (lle, lleDesignation) = await w.AddLleAsync("Lena");
        var partnership = await w.Partnerships.MatchAsync(new PartnershipMatch(lleDesignation, "Nia New", "nia@ash.sch.uk", w.SupportedUrn, new DateOnly(2026, 9, 1)), w.Broker);
        await w.Partnerships.LogAsync(partnership.Id, partnership.Version, DateOnly.FromDateTime(w.Clock.GetUtcNow().UtcDateTime), 1, null, lle);
        _ids = new(commission.Id, proposal.Id, deployment.Id, visit.Id, review!.Id, claim.Id, profile, away.Id, jpd.Id, partnership.Id);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly string[] TableNames =
    [
        "LeaderProfiles", "CapacityCommitments", "Commissions", "Proposals", "ActivityEntries", "Deployments", "Visits",
        "VisitRecords", "VisitEvaluations", "DayLogEntries", "ObjectiveReviews", "DeploymentEvaluations", "QaReviews", "Claims", "ClaimLines",
        "PooledLeaders", "NetworkInvitations", "PoolAsks", "PartnerClaims", "AwayPeriods", "SchoolCapacities", "JpdSessions", "ProfessionalPartnerships", "PartnerSessions",
    ];

    public static TheoryData<string> Tables() => [.. TableNames];

    [Fact]
    public void Every_new_tenant_owned_table_is_in_this_test()
    {
        using var context = db.NewContext();
        var brokerage = context.Model.GetEntityTypes()
            .Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType) && t.ClrType.Namespace!.Split('.')[^1] is "Brokerage" or "Deployments" or "Evaluations" or "Reimbursement")
            .Select(t => t.GetTableName()!).Order().ToList();
        Assert.Equal(TableNames.Order(), brokerage);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Tenant_a_cannot_read_update_or_delete_tenant_bs_rows_in_the_database(string table)
    {
        Assert.True(await CountAsync(table, as_: _b.Tenant.Id) > 0, $"tenant B has no {table} rows: the setup missed a step");
        Assert.Equal(0, await CountAsync(table, as_: _a.Tenant.Id));
        Assert.Equal(0, await ExecuteAsync($"UPDATE \"{table}\" SET \"TenantId\" = \"TenantId\" WHERE \"TenantId\" = @b", _a.Tenant.Id));
        Assert.Equal(0, await ExecuteAsync($"DELETE FROM \"{table}\" WHERE \"TenantId\" = @b", _a.Tenant.Id));
        Assert.True(await CountAsync(table, as_: _b.Tenant.Id) > 0);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Tenant_a_cannot_write_a_tenant_b_row_through_its_context(string table)
    {
        await using var b = _b.Context();
        var type = b.Model.GetEntityTypes().Single(t => t.GetTableName() == table).ClrType;
        var row = await (Task<object>)typeof(BrokerageIsolationTests).GetMethod(nameof(FirstAsync), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, [b])!;
        await using var a = _a.Context();
        a.Attach(row).State = EntityState.Modified;
        await Assert.ThrowsAsync<CrossTenantWriteException>(() => a.SaveChangesAsync());
    }

    [Fact]
    public async Task Tenant_a_services_treat_every_tenant_b_id_as_not_found()
    {
        var a = _a;
        Assert.Null(await a.CommissionAsync(_ids.Commission));
        Assert.Null(await a.ProposalAsync(_ids.Proposal));
        Assert.Null(await a.Views.AgreementAsync(_ids.Proposal, a.Broker));
        Assert.Null(await a.DeploymentAsync(_ids.Deployment));
        Assert.Null(await a.DeploymentViews.CalendarAsync(_ids.Visit, a.Broker));
        Assert.Null(await a.ClaimAsync(_ids.Claim));
        Assert.Null(await a.ClaimViews.StatementAsync(_ids.Claim, a.Broker));
        Assert.Null(await a.Views.CommissionAsync(_ids.Commission, a.Broker));
        Assert.Null(await a.DeploymentViews.ForAsync(_ids.Deployment, a.Broker));
        Assert.Empty((await a.Quality.LeaderRecordAsync(_b.Leader.UserId)).EvidenceOfImpact);
        Assert.DoesNotContain(_ids.Claim, (await a.ClaimViews.PageAsync(a.Broker, new Infrastructure.Reimbursement.ClaimFilter(), new Infrastructure.Grids.PageRequest(Size: 100))).Rows.Select(c => c.Id));
        Assert.DoesNotContain("Ada", await a.ClaimViews.FinanceCsvAsync(SchoolTerm.Of(new DateOnly(2026, 10, 5)), a.Broker));

        Assert.Null(await a.Profiles.PageAsync(_ids.Profile, a.Broker));
        Assert.Null(await a.Partnerships.ForAsync(_ids.Partnership, a.Broker));
        await Assert.ThrowsAsync<NotFoundException>(() => a.Partnerships.EndAsync(_ids.Partnership, 0, null, a.Broker));
        await Assert.ThrowsAsync<NotFoundException>(() => a.Jpd.RemoveAsync(_ids.Jpd, a.Broker));
        await Assert.ThrowsAsync<NotFoundException>(() => a.Profiles.RemoveAwayAsync(_ids.Profile, _ids.Away, a.Broker));
        await Assert.ThrowsAsync<NotFoundException>(() => a.Profiles.SetSchoolDaysAsync(_ids.Profile, 1, a.Broker));
        await Assert.ThrowsAsync<NotFoundException>(() => a.Profiles.UpdateAsync(_ids.Profile, 0, new LeaderProfileInput(1, false, "x", "x@x.org", 1), a.Broker));
        await Assert.ThrowsAsync<NotFoundException>(() => a.Commissions.MoveCommissionAsync(_ids.Commission, 0, SystemLeadership.Domain.Brokerage.CommissionMove.Decline, a.Broker, "x"));
        await Assert.ThrowsAsync<NotFoundException>(() => a.Finder.FindLeadersAsync(_ids.Commission));
        await Assert.ThrowsAsync<NotFoundException>(() => a.Views.FeedAsync(_ids.Commission, a.Broker));
        await Assert.ThrowsAsync<NotFoundException>(() => a.Proposals.ConsentAsync(_ids.Proposal, a.Head));
        await Assert.ThrowsAsync<NotFoundException>(() => a.Proposals.DraftProposalAsync(_ids.Commission, a.LeaderDesignationId, BrokerageWorld.Terms(), a.Broker));
        await Assert.ThrowsAsync<NotFoundException>(() => a.Visits.ScheduleVisitAsync(_ids.Deployment, DateTimeOffset.UnixEpoch, 1, "x", a.Broker));
        await Assert.ThrowsAsync<NotFoundException>(() => a.Visits.RecordVisitAsync(_ids.Visit, new VisitRecordForm("x", "", "", 1), a.Leader));
        await Assert.ThrowsAsync<NotFoundException>(() => a.Deployments.MoveAsync(_ids.Deployment, 0, DeploymentMove.Pause, a.Broker, "x"));
        await Assert.ThrowsAsync<NotFoundException>(() => a.Quality.ReviewObjectiveAsync(_ids.Deployment, 0, ObjectiveStatus.OnTrack, "", false, a.Broker));
        await Assert.ThrowsAsync<NotFoundException>(() => a.Quality.CloseQaReviewAsync(_ids.QaReview, 0, QaReviewState.ClosedNoAction, "x", a.Broker));
        await Assert.ThrowsAsync<NotFoundException>(() => a.Claims.MoveAsync(_ids.Claim, 0, ClaimMove.Approve, a.Broker));
        // B's record of a partner's ask for its leader, and B's invitations: neither seen nor answered by A.
        var ask = Assert.Single((await _b.Networks.OverviewAsync(_b.Broker)).Asks);
        await Assert.ThrowsAsync<NotFoundException>(() => a.PoolAsks.DecideAsync(ask.Id, ask.Version, agree: true, null, a.Broker));
        var partnerClaim = Assert.Single(await _b.PartnerClaims.ListAsync(_b.Broker));
        await Assert.ThrowsAsync<NotFoundException>(() => a.PartnerClaims.SubmitAsync(partnerClaim.Id, partnerClaim.Version, a.Broker));
        Assert.Empty(await a.PartnerClaims.ListAsync(a.Broker));
        var mine = await a.Networks.OverviewAsync(a.Broker);
        Assert.Empty(mine.Asks);
        Assert.Empty(mine.InvitationsToUs);
        Assert.Empty(mine.Networks);
        // A's broker designating from B's pool: not found either.
        var commission = await a.AcceptedCommissionAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => a.Proposals.DraftProposalAsync(commission.Id, _b.LeaderDesignationId, BrokerageWorld.Terms(), a.Broker));
        Assert.DoesNotContain((await a.Finder.FindLeadersAsync(commission.Id)).Ranked, r => r.Candidate.DesignationId == _b.LeaderDesignationId);
    }

    private static async Task<object> FirstAsync<T>(AppDbContext context) where T : class =>
        await context.Set<T>().AsNoTracking().FirstAsync();

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Table names come from the fixed list above.")]
    private async Task<long> CountAsync(string table, Guid as_)
    {
        await using var connection = await OpenAsAsync(as_);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE \"TenantId\" = @b", connection);
        command.Parameters.AddWithValue("b", _b.Tenant.Id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Table names come from the fixed list above.")]
    private async Task<int> ExecuteAsync(string sql, Guid as_)
    {
        await using var connection = await OpenAsAsync(as_);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("b", _b.Tenant.Id);
        return await command.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlConnection> OpenAsAsync(Guid tenant)
    {
        var connection = new NpgsqlConnection(db.Connections.App);
        await connection.OpenAsync();
        await using var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, false)", connection);
        set.Parameters.AddWithValue("t", tenant.ToString());
        await set.ExecuteNonQueryAsync();
        return connection;
    }
}
