using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Brokerage;

/// <summary>An LLE as professional partner to a new head (003 §3): matched, hours logged, ended, evaluated by link without an account.</summary>
public class PartnershipTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static PartnershipMatch Match(BrokerageWorld w, Guid lle) =>
        new(lle, "Nia New", $"nia-{w.Tenant.Slug}@ash.sch.uk", w.SupportedUrn, new DateOnly(2026, 9, 1));

    private static async Task<string> EvaluationTokenAsync(BrokerageWorld w, string headEmail)
    {
        await using var context = w.Db.NewAdminContext();
        var body = await context.Outbox.Where(o => o.To == headEmail && o.Subject.StartsWith("How was your professional partnership")).Select(o => o.TextBody).SingleAsync();
        return Regex.Match(body, $"/partnership-evaluation/{w.Tenant.Slug}/(\\S+)").Groups[1].Value;
    }

    [Fact]
    public async Task A_partnership_goes_from_match_to_the_new_heads_evaluation_by_emailed_link()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var (lle, designation) = await w.AddLleAsync("Lena");
        var partnership = await w.Partnerships.MatchAsync(Match(w, designation), w.Broker);
        Assert.Contains("Lena is professional partner to Nia New", await w.EmailsToAsync(lle.Email));
        Assert.Contains("Lena is professional partner to Nia New", await w.EmailsToAsync(partnership.NewHeadEmail));

        // The LLE logs 20 hours over the autumn; the broker ends it.
        w.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 17, 0, 0, TimeSpan.Zero));
        for (var i = 0; i < 4; i++)
        {
            var version = (await w.Partnerships.ForAsync(partnership.Id, lle))!.Partnership.Version;
            await w.Partnerships.LogAsync(partnership.Id, version, new DateOnly(2026, 10, 5).AddDays(7 * i), 5m, "Coaching on the school improvement plan", lle);
        }
        var seen = (await w.Partnerships.ForAsync(partnership.Id, lle))!;
        Assert.Equal(20 * 60, seen.Partnership.LoggedMinutes);
        Assert.Equal(4, seen.Sessions.Count);
        await w.Partnerships.EndAsync(partnership.Id, seen.Partnership.Version, null, w.Broker);

        var token = await EvaluationTokenAsync(w, partnership.NewHeadEmail);
        var toEvaluate = await w.Partnerships.ToEvaluateAsync(w.Tenant.Slug, token);
        Assert.Equal(("Lena", "20 hours", (string?)null), (toEvaluate!.LeaderName, toEvaluate.Hours, toEvaluate.WhyClosed));
        // Another alliance's address with the same token finds nothing.
        var other = await BrokerageWorld.CreateAsync(db);
        Assert.Null(await w.Partnerships.ToEvaluateAsync(other.Tenant.Slug, token));

        await w.Partnerships.EvaluateAsync(w.Tenant.Slug, token, 5, "Exactly what I needed in my first term.");
        var done = (await w.Partnerships.ForAsync(partnership.Id, w.Broker))!.Partnership;
        Assert.Equal(5, done.EvaluationRating);
        Assert.Contains("Nia New evaluated their partnership with Lena", await w.EmailsToAsync(w.Broker.Email));
        // Used once: the link now says so, and a second evaluation is refused.
        Assert.Equal("Thank you: this partnership has been evaluated.", (await w.Partnerships.ToEvaluateAsync(w.Tenant.Slug, token))?.WhyClosed ?? "gone");
        await Assert.ThrowsAnyAsync<RefusedException>(() => w.Partnerships.EvaluateAsync(w.Tenant.Slug, token, 1, null));
        Assert.Equal(5, (await w.Partnerships.ForAsync(partnership.Id, w.Broker))!.Partnership.EvaluationRating);
    }

    [Fact]
    public async Task An_evaluation_link_expires_after_thirty_days()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var (lle, designation) = await w.AddLleAsync("Lena");
        var partnership = await w.Partnerships.MatchAsync(Match(w, designation) with { HeadshipStart = new DateOnly(2024, 9, 2) }, w.Broker);
        w.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 2, 9, 0, 0, TimeSpan.Zero)); // the two years are over
        await w.Partnerships.EndAsync(partnership.Id, (await w.Partnerships.ForAsync(partnership.Id, lle))!.Partnership.Version, "Two years done", w.Broker);
        var token = await EvaluationTokenAsync(w, partnership.NewHeadEmail);
        w.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal("This link has expired: it was open for 30 days after the partnership ended.", (await w.Partnerships.ToEvaluateAsync(w.Tenant.Slug, token))!.WhyClosed);
        await Assert.ThrowsAsync<NotAllowedException>(() => w.Partnerships.EvaluateAsync(w.Tenant.Slug, token, 4, null));
    }

    [Fact]
    public async Task A_match_with_bad_input_is_refused_field_by_field_and_nothing_is_written()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            w.Partnerships.MatchAsync(new PartnershipMatch(w.LeaderDesignationId, "", "nia", 99, new DateOnly(2024, 9, 1)), w.Broker));
        Assert.Equal("Choose an LLE with an active designation here.", refused.Fields["DesignationId"]); // Ada is an SLE
        Assert.Equal("Enter the new headteacher's name.", refused.Fields["NewHeadName"]);
        Assert.Equal("Enter the new headteacher's email address, like name@school.org.uk.", refused.Fields["NewHeadEmail"]);
        Assert.Equal("Enter the URN of the new head's school, as Get Information about Schools has it.", refused.Fields["SchoolUrn"]);
        Assert.StartsWith("Partners support heads in their first two years", refused.Fields["HeadshipStart"], StringComparison.Ordinal);
        await using var context = w.Context();
        Assert.Equal(0, await context.Set<ProfessionalPartnership>().CountAsync());
    }

    [Fact]
    public async Task A_partnership_is_not_found_for_another_leader_or_contact_of_the_alliance_or_another_alliances_broker()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var (lle, designation) = await w.AddLleAsync("Lena");
        var partnership = await w.Partnerships.MatchAsync(Match(w, designation), w.Broker);
        var stranger = await BrokerageWorld.CreateAsync(db);

        foreach (var (service, actor) in new[] { (w.Partnerships, w.Leader), (w.Partnerships, w.Contact), (stranger.Partnerships, stranger.Broker) })
        {
            Assert.Null(await service.ForAsync(partnership.Id, actor));
            Assert.Empty((await service.OverviewAsync(actor)).Partnerships);
            await Assert.ThrowsAsync<NotFoundException>(() => service.LogAsync(partnership.Id, 0, new DateOnly(2026, 9, 1), 1, null, actor));
            await Assert.ThrowsAsync<NotFoundException>(() => service.EndAsync(partnership.Id, 0, null, actor));
        }
        // The partner sees theirs but cannot end it.
        Assert.Single((await w.Partnerships.OverviewAsync(lle)).Partnerships);
        await Assert.ThrowsAsync<NotAllowedException>(() => w.Partnerships.EndAsync(partnership.Id, partnership.Version, null, lle));
    }
}
