using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Infrastructure.Grids;
using SystemLeadership.Infrastructure.Reimbursement;
using SystemLeadership.Integration.Tests.Brokerage;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Reimbursement;

/// <summary>
/// The claims list: the broker's every claim, a headteacher's own school's; filtered by state, term and school, sorted
/// and paged in SQL, and downloaded as filtered.
/// </summary>
public class ClaimListTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    /// <summary>
    /// One claim generated for the head's school in the autumn, and 40 copied in SQL for other schools ("School 01"…,
    /// URN + n): the odd ones in the summer before, the first 10 approved.
    /// </summary>
    private async Task<(BrokerageWorld W, Claim Claim)> ClaimsAsync()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var deployment = await w.AgreedDeploymentAsync();
        await w.RecordedVisitAsync(deployment.Id, new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero), 3);
        var claim = Assert.Single(await w.GenerateClaims.ForTermAsync(SchoolTerm.Of(new DateOnly(2026, 10, 1)), w.Broker));
        await using var admin = db.NewAdminContext();
        await admin.Database.OpenConnectionAsync();
        var columns = await WritableColumns.OfAsync(admin.Database.GetDbConnection(), "Claims");
#pragma warning disable EF1002 // The column list comes from the catalogue; the values are parameters.
        await admin.Database.ExecuteSqlRawAsync($$"""
            INSERT INTO "Claims" ({{columns}})
            SELECT {{columns}} FROM (
                SELECT (jsonb_populate_record(c, jsonb_build_object(
                    'Id', gen_random_uuid(), 'SchoolName', 'School ' || lpad(n.i::text, 2, '0'), 'SchoolUrn', c."SchoolUrn" + n.i,
                    'TermKey', CASE WHEN n.i % 2 = 1 THEN '2025-26 Summer' ELSE c."TermKey" END,
                    'TotalPence', c."TotalPence" + n.i,
                    'State', CASE WHEN n.i <= 10 THEN 'Approved' ELSE c."State" END))).*
                FROM "Claims" c, generate_series(1, 40) AS n(i) WHERE c."Id" = {0}) copies
            """, claim.Id);
#pragma warning restore EF1002
        return (w, claim);
    }

    [Fact]
    public async Task The_broker_pages_filters_and_sorts_every_claim_in_sql_and_a_head_sees_their_schools_own()
    {
        var (w, claim) = await ClaimsAsync();

        var first = await w.ClaimViews.PageAsync(w.Broker, new ClaimFilter(), new PageRequest());
        Assert.Equal((41, 25, 2), (first.Total, first.Rows.Count, first.Pages));
        Assert.Equal(10, (await w.ClaimViews.PageAsync(w.Broker, new ClaimFilter(ClaimState.Approved), new PageRequest())).Total);
        var summer = await w.ClaimViews.PageAsync(w.Broker, new ClaimFilter(Term: "2025-26 Summer"), new PageRequest(Size: 50));
        Assert.Equal(20, summer.Total);
        Assert.All(summer.Rows, r => Assert.Equal("2025-26 Summer", r.TermKey));
        Assert.Equal("School 07", Assert.Single((await w.ClaimViews.PageAsync(w.Broker, new ClaimFilter(Search: "school 07"), new PageRequest())).Rows).SchoolName);
        // The largest first; the summer's before the autumn's when sorted by term.
        var byTotal = await w.ClaimViews.PageAsync(w.Broker, new ClaimFilter(), new PageRequest(Size: 5, Sort: "total", Descending: true));
        Assert.Equal("School 40", byTotal.Rows[0].SchoolName);
        var byTerm = await w.ClaimViews.PageAsync(w.Broker, new ClaimFilter(), new PageRequest(Size: 50, Sort: "term"));
        Assert.Equal("2025-26 Summer", byTerm.Rows[0].TermKey);
        Assert.Equal(SchoolTerm.Of(new DateOnly(2026, 10, 1)).Key, byTerm.Rows[^1].TermKey);

        // The leader's headteacher sees their own school's claim, not the copies; the download holds the same.
        var heads = await w.ClaimViews.PageAsync(w.Head, new ClaimFilter(), new PageRequest());
        Assert.Equal(claim.Id, Assert.Single(heads.Rows).Id);
        Assert.Equal([claim.Id], (await w.ClaimViews.ExportAsync(w.Head, new ClaimFilter(), null, false))!.Select(r => r.Id));
        Assert.Equal(["2026-27 Autumn"], (await w.ClaimViews.TermsAsync(w.Head)).Claimed);
    }

    [Fact]
    public async Task The_download_holds_every_filtered_claim_and_someone_party_to_none_gets_nothing()
    {
        var (w, _) = await ClaimsAsync();

        var approved = (await w.ClaimViews.ExportAsync(w.Broker, new ClaimFilter(ClaimState.Approved), "school", false))!;
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"School {i:00}"), approved.Select(r => r.SchoolName));
        using var file = new MemoryStream();
        await TableExport.WriteCsvAsync(file, ClaimViews.Columns, approved);
        var lines = System.Text.Encoding.UTF8.GetString(file.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\uFEFFSchool,Term,Days,Total (£),State", lines[0]);
        Assert.Equal("School 01,2025-26 Summer,1.5,450.01,Approved", lines[1]);

        Assert.Null(await w.ClaimViews.ExportAsync(w.Contact, new ClaimFilter(), null, false));
        Assert.Empty((await w.ClaimViews.PageAsync(w.Contact, new ClaimFilter(), new PageRequest())).Rows);
    }

    [Fact]
    public async Task The_broker_sees_the_claimed_terms_latest_first_and_the_days_not_yet_claimed_and_a_head_only_their_claims_terms()
    {
        var (w, _) = await ClaimsAsync();
        // A later autumn visit, logged after the autumn's claim was made: two half days not yet claimed.
        var deployment = Assert.Single(await w.MyDeploymentsAsync(w.Leader));
        await w.RecordedVisitAsync(deployment.Id, new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero), 2);

        var broker = await w.ClaimViews.TermsAsync(w.Broker);
        Assert.Equal(["2026-27 Autumn", "2025-26 Summer"], broker.Claimed);
        var (term, halfDays) = Assert.Single(broker.Unclaimed);
        Assert.Equal(("2026-27 Autumn", 2), (term.Key, halfDays));

        var head = await w.ClaimViews.TermsAsync(w.Head);
        Assert.Equal(["2026-27 Autumn"], head.Claimed);
        Assert.Empty(head.Unclaimed);
    }
}
