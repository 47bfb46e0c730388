using Microsoft.EntityFrameworkCore;
using Npgsql;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.LeaderDirectory;
using SystemLeadership.Domain.Schools;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.LeaderDirectory;
using SystemLeadership.Infrastructure.Tenancy;
using SystemLeadership.Integration.Tests.Designations;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.LeaderDirectory;

/// <summary>
/// "Ask for support" from a directory entry: nothing reaches the brokers until the school's contact follows the link
/// emailed to them; bad input is refused by field with nothing written; brokers of the leader's alliance alone see it.
/// </summary>
public class SupportEnquiryTests : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly DatabaseFixture db;
    private readonly DesignationWorld world;
    private Tenant swaledale = null!;
    private Tenant learners = null!;
    private Actor broker = null!;
    private Actor otherBroker = null!;
    private School school = null!;
    private Guid listing;

    public SupportEnquiryTests(DatabaseFixture db)
    {
        this.db = db;
        world = new DesignationWorld(db);
    }

    public async Task InitializeAsync()
    {
        swaledale = await world.TenantAsync("Swaledale Alliance");
        learners = await world.TenantAsync("Learners First Alliance");
        broker = await world.PersonAsync(swaledale, "Margaret Broker", TenantRoles.AllianceManager);
        otherBroker = await world.PersonAsync(learners, "Owen Other", TenantRoles.AllianceManager);
        school = await world.SchoolAsync("Asking Infant School", "Good");
        var leader = await world.PersonAsync(swaledale, "Listed Lena", TenantRoles.SystemLeader);
        await world.SeededDesignationAsync(swaledale, leader, world.Today.AddDays(-10));
        listing = await new DirectoryListingService(world.Contexts(swaledale, leader), world.Clock).PublishAsync(leader, true, "Maths.");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private PublicDirectory Directory() => new(NpgsqlDataSource.Create(db.Connections.App), DatabaseSetup.DirectoryRole, world.Clock);

    private SupportEnquiries Enquiries(Tenant? tenant = null, Actor? actor = null) =>
        new(tenant is null ? new TenantDbContextFactory(world.Options, new TenantContext()) : world.Contexts(tenant, actor), Directory(), world.Clock, world.Links);

    private EnquiryInput Input(string email = "tom@asking.sch.uk", string need = "Help with phonics in reception.") =>
        new(school.Urn, "Tom Asker", email, need);

    private async Task<string> ConfirmationTokenAsync(string email)
    {
        var mail = (await world.EmailsToAsync(email)).Last();
        var link = mail.TextBody.Split('\n').Select(l => l.Trim()).First(l => l.Contains("/directory/confirm/", StringComparison.Ordinal));
        return link[(link.LastIndexOf('/') + 1)..];
    }

    [Fact]
    public async Task The_same_form_posted_again_after_an_error_asks_once_and_emails_once()
    {
        // The first post was saved but its answer never arrived (a database failover, a dropped connection); the
        // person presses "Send the request" again on the same form, which carries the same key.
        var email = DesignationWorld.Unique("retry") + "@asking.sch.uk";
        var form = Input(email) with { RequestKey = Guid.NewGuid() };
        await Enquiries().AskAsync(listing, form);
        await Enquiries().AskAsync(listing, form);

        Assert.Single(await world.EmailsToAsync(email));
        Assert.Equal(1, await world.CountAsync("SupportEnquiries", $"\"ContactEmail\" = '{email}'"));

        // The same form with another address typed is not taken for the first, and says where the first went.
        var changed = await Assert.ThrowsAsync<NotAllowedException>(() => Enquiries().AskAsync(listing, form with { ContactEmail = "other@asking.sch.uk" }));
        Assert.Contains(email, changed.Message, StringComparison.Ordinal);
        Assert.Empty(await world.EmailsToAsync("other@asking.sch.uk"));

        // A new form is a new request.
        await Enquiries().AskAsync(listing, Input(email) with { RequestKey = Guid.NewGuid() });
        Assert.Equal(2, (await world.EmailsToAsync(email)).Count);
    }

    [Fact]
    public async Task A_second_post_of_the_same_form_that_races_the_first_writes_nothing()
    {
        // The first post's insert is in flight, not yet committed, when the second looks for the key and does not see
        // it: the second's insert waits on the unique index, then finds the key taken, and writes nothing.
        var email = DesignationWorld.Unique("race") + "@asking.sch.uk";
        var key = Guid.NewGuid();
        await using var first = new NpgsqlConnection(db.Connections.Admin);
        await first.OpenAsync();
        await using var transaction = await first.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO "SupportEnquiries" ("Id", "TenantId", "ListingId", "LeaderName", "SchoolUrn", "SchoolName", "ContactName",
                "ContactEmail", "Need", "AskedAt", "TokenHash", "State", "RequestKey")
            VALUES (gen_random_uuid(), @tenant, @listing, 'Listed Lena', @urn, 'Asking Infant School', 'Tom Asker', @email,
                'Help with phonics in reception.', now(), md5(random()::text), 'AwaitingConfirmation', @key)
            """, first, transaction))
        {
            insert.Parameters.AddWithValue("tenant", swaledale.Id);
            insert.Parameters.AddWithValue("listing", listing);
            insert.Parameters.AddWithValue("urn", school.Urn);
            insert.Parameters.AddWithValue("email", email);
            insert.Parameters.AddWithValue("key", key);
            await insert.ExecuteNonQueryAsync();
        }

        var second = Enquiries().AskAsync(listing, Input(email) with { RequestKey = key });
        // Until the second's insert is seen waiting on the first's uncommitted key (at most 15 s).
        await using (var watcher = new NpgsqlConnection(db.Connections.Admin))
        {
            await watcher.OpenAsync();
            await using var waiting = new NpgsqlCommand("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO "SupportEnquiries"%'
                """, watcher);
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while ((long)(await waiting.ExecuteScalarAsync())! == 0)
            {
                Assert.False(second.IsCompleted, "The second post finished without waiting for the first: " + second.Exception);
                Assert.True(DateTime.UtcNow < deadline, "The second post never waited on the first's key.");
                await Task.Delay(50);
            }
        }
        await transaction.CommitAsync();
        await second;

        Assert.Equal(1, await world.CountAsync("SupportEnquiries", $"\"ContactEmail\" = '{email}'"));
        Assert.Empty(await world.EmailsToAsync(email)); // the second's email went with its rolled-back insert
        Assert.Equal(0, await world.CountAsync("AuditEntries", $"\"Action\" = 'Support asked from the directory' AND \"EntityId\" IN (SELECT \"Id\" FROM \"SupportEnquiries\" WHERE \"ContactEmail\" = '{email}')"));
    }

    [Fact]
    public async Task An_enquiry_reaches_the_brokers_only_once_the_contact_follows_the_emailed_link()
    {
        var email = DesignationWorld.Unique("tom") + "@asking.sch.uk";
        await Enquiries().AskAsync(listing, Input(email));

        // Asked: the contact has a link, the brokers have nothing yet.
        Assert.Empty(await Enquiries(swaledale, broker).WaitingAsync(broker) ?? throw new InvalidOperationException());
        Assert.Empty(await world.EmailsToAsync(broker.Email));
        var token = await ConfirmationTokenAsync(email);

        // Opening the link shows the request and sends nothing.
        var pending = (await Enquiries().PendingAsync(swaledale.Slug, token))!;
        Assert.Equal(("Swaledale Alliance", "Help with phonics in reception.", false), (pending.Alliance, pending.Need, pending.AlreadySent));
        Assert.Empty(await world.EmailsToAsync(broker.Email));

        var confirmed = await Enquiries().ConfirmAsync(swaledale.Slug, token);
        Assert.Equal(new ConfirmedEnquiry("Swaledale Alliance", "Listed Lena", "Asking Infant School"), confirmed);
        var waiting = Assert.Single((await Enquiries(swaledale, broker).WaitingAsync(broker))!);
        Assert.Equal("Help with phonics in reception.", waiting.Need);
        var told = Assert.Single(await world.EmailsToAsync(broker.Email));
        Assert.Contains("asked for support from Listed Lena", told.TextBody, StringComparison.Ordinal);
        Assert.Contains("/t/", told.TextBody, StringComparison.Ordinal);

        // Following the link again changes nothing and emails nobody.
        Assert.NotNull(await Enquiries().ConfirmAsync(swaledale.Slug, token));
        Assert.Single(await world.EmailsToAsync(broker.Email));

        // The broker marks it dealt with: it leaves the list, with the note in the audit.
        await Enquiries(swaledale, broker).HandleAsync(broker, waiting.Id, waiting.Version, "Raised a support request with Tom.");
        Assert.Empty((await Enquiries(swaledale, broker).WaitingAsync(broker))!);
        Assert.Equal(3, await world.CountAsync("AuditEntries", $"\"EntityId\" = '{waiting.Id}'"));
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_written()
    {
        var before = await world.CountAsync("SupportEnquiries");
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            Enquiries().AskAsync(listing, new EnquiryInput(999_999_9, " ", "not-an-email", "<script>alert(1)</script>")));
        Assert.Equal(["contactEmail", "contactName", "need", "schoolUrn"], refused.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(before, await world.CountAsync("SupportEnquiries"));
        Assert.Empty(await world.EmailsToAsync("not-an-email"));
    }

    [Fact]
    public async Task A_leader_who_leaves_the_directory_cannot_be_asked()
    {
        var leader = await world.PersonAsync(swaledale, "Leaving Len", TenantRoles.SystemLeader);
        await world.SeededDesignationAsync(swaledale, leader, world.Today.AddDays(-10));
        var listings = new DirectoryListingService(world.Contexts(swaledale, leader), world.Clock);
        var id = await listings.PublishAsync(leader, true, null);
        await listings.WithdrawAsync(leader);
        await Assert.ThrowsAsync<NotFoundException>(() => Enquiries().AskAsync(id, Input()));
        await Assert.ThrowsAsync<NotFoundException>(() => Enquiries().AskAsync(Guid.NewGuid(), Input()));
    }

    [Fact]
    public async Task A_link_expires_after_seven_days_and_an_unknown_or_other_alliances_link_matches_nothing()
    {
        var email = DesignationWorld.Unique("late") + "@asking.sch.uk";
        await Enquiries().AskAsync(listing, Input(email));
        var token = await ConfirmationTokenAsync(email);

        // The token belongs to Swaledale: through another alliance's address it matches nothing.
        Assert.Null(await Enquiries().ConfirmAsync(learners.Slug, token));
        Assert.Null(await Enquiries().ConfirmAsync(swaledale.Slug, "not-a-token"));
        Assert.Null(await Enquiries().ConfirmAsync("no-such-alliance", token));

        world.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var expired = await Assert.ThrowsAsync<NotAllowedException>(() => Enquiries().ConfirmAsync(swaledale.Slug, token));
        Assert.Contains("expired", expired.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_leaders_alliances_managers_see_or_handle_its_enquiries()
    {
        var email = DesignationWorld.Unique("iso") + "@asking.sch.uk";
        await Enquiries().AskAsync(listing, Input(email));
        await Enquiries().ConfirmAsync(swaledale.Slug, await ConfirmationTokenAsync(email));
        var enquiry = (await Enquiries(swaledale, broker).WaitingAsync(broker))!.Single(e => e.ContactEmail == email);

        // Another alliance's manager: nothing listed, and the id is not found.
        Assert.Empty((await Enquiries(learners, otherBroker).WaitingAsync(otherBroker))!);
        await Assert.ThrowsAsync<NotFoundException>(() => Enquiries(learners, otherBroker).HandleAsync(otherBroker, enquiry.Id, enquiry.Version, "Mine now."));

        // A member of the same alliance who is not a manager (the leader asked for): no list, not found.
        var leader = await world.PersonAsync(swaledale, "Curious Cal", TenantRoles.SystemLeader);
        Assert.Null(await Enquiries(swaledale, leader).WaitingAsync(leader));
        await Assert.ThrowsAsync<NotFoundException>(() => Enquiries(swaledale, leader).HandleAsync(leader, enquiry.Id, enquiry.Version, "Seen it."));
        Assert.Contains((await Enquiries(swaledale, broker).WaitingAsync(broker))!, e => e.Id == enquiry.Id);
    }

    [Fact]
    public async Task One_address_can_ask_an_alliance_five_times_a_day()
    {
        var email = DesignationWorld.Unique("busy") + "@asking.sch.uk";
        for (var i = 0; i < SupportEnquiries.DailyLimitPerAddress; i++) await Enquiries().AskAsync(listing, Input(email));
        // The same address in capitals is the same address.
        var refused = await Assert.ThrowsAsync<NotAllowedException>(() => Enquiries().AskAsync(listing, Input(email.ToUpperInvariant())));
        Assert.Contains("5 times today", refused.Message, StringComparison.Ordinal);
        world.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await Enquiries().AskAsync(listing, Input(email));
    }

    [Fact]
    public async Task Enquiries_are_behind_the_tenant_policy()
    {
        var email = DesignationWorld.Unique("rls") + "@asking.sch.uk";
        await Enquiries().AskAsync(listing, Input(email));
        await using var other = db.NewContext(learners.Id);
        Assert.Empty(other.Set<SupportEnquiry>().Where(e => e.ContactEmail == email));
        // Past lock 1 (the query filter), lock 2 still hides the row.
        Assert.Empty(other.Set<SupportEnquiry>().IgnoreQueryFilters().Where(e => e.ContactEmail == email));
    }
}
