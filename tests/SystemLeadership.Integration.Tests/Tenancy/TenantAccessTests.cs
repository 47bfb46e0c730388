using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using SystemLeadership.Infrastructure.Telemetry;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Tenancy;
using SystemLeadership.Integration.Tests.Designations;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Tenancy;

/// <summary>
/// Entering an alliance by its address, within one request or circuit (one TenantContext, one SignedInPerson): the
/// person is read once, but the membership is read on every entry.
/// </summary>
public class TenantAccessTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly DesignationWorld _world = new(db);

    private static ClaimsPrincipal SignedIn(Actor actor) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, actor.UserId)], "test"));

    private TenantAccess Scope()
    {
        var context = new TenantContext();
        var contexts = new TenantDbContextFactory(_world.Options, context);
        return new TenantAccess(context, contexts, new SignedInPerson(context, contexts, new MemoryCache(new MemoryCacheOptions { SizeLimit = 1000 }), TimeProvider.System));
    }

    private SignedInPerson NewPerson()
    {
        var context = new TenantContext();
        return new SignedInPerson(context, new TenantDbContextFactory(_world.Options, context), new MemoryCache(new MemoryCacheOptions { SizeLimit = 1000 }), TimeProvider.System);
    }

    [Fact]
    public async Task A_person_with_no_alliance_yet_is_read_with_their_name_and_no_memberships()
    {
        var tenant = await _world.TenantAsync();
        var person = await _world.PersonAsync(tenant, "Ada Newcomer", TenantRoles.Applicant);
        Assert.Equal(1, await db.ExecuteAsAdminAsync("DELETE FROM \"Memberships\" WHERE \"UserId\" = @user", ("user", person.UserId)));

        var read = await NewPerson().GetAsync(SignedIn(person));

        Assert.NotNull(read);
        Assert.Equal("Ada Newcomer", read.FullName);
        Assert.Empty(read.Memberships);
        Assert.Null(await Scope().EnterAsync(tenant.Slug, SignedIn(person)));
    }

    [Fact]
    public async Task A_person_in_two_alliances_has_each_once_in_name_order_and_an_unknown_person_none()
    {
        var zetland = await _world.TenantAsync("Zetland Alliance");
        var airedale = await _world.TenantAsync("Airedale Alliance");
        var person = await _world.PersonAsync(zetland, "Grace Hopper", TenantRoles.SystemLeader);
        await using (var context = db.NewContext(airedale.Id, person.UserId))
        {
            context.Memberships.Add(new Membership(airedale.Id, person.UserId, TenantRoles.AllianceManager));
            await context.SaveChangesAsync();
        }

        var read = await NewPerson().GetAsync(SignedIn(person));

        Assert.Equal([airedale.Id, zetland.Id], read!.Memberships.Select(m => m.Tenant.Id));
        Assert.Equal([TenantRoles.AllianceManager, TenantRoles.SystemLeader], read.Memberships.Select(m => m.Roles));
        var unknown = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString())], "test"));
        Assert.Null(await NewPerson().GetAsync(unknown));
    }

    [Fact]
    public async Task A_role_taken_away_applies_at_the_next_entry_in_the_same_circuit()
    {
        var tenant = await _world.TenantAsync();
        var manager = await _world.PersonAsync(tenant, "Margaret Thompson", TenantRoles.AllianceManager | TenantRoles.SystemLeader);
        var access = Scope();

        var before = await access.EnterAsync(tenant.Slug, SignedIn(manager));
        Assert.True(before!.Actor.Is(TenantRoles.AllianceManager));

        Assert.Equal(1, await db.ExecuteAsAdminAsync("UPDATE \"Memberships\" SET \"Roles\" = @roles WHERE \"UserId\" = @user",
            ("roles", (int)TenantRoles.SystemLeader), ("user", manager.UserId)));

        var after = await access.EnterAsync(tenant.Slug, SignedIn(manager));
        Assert.False(after!.Actor.Is(TenantRoles.AllianceManager));
        Assert.True(after.Actor.Is(TenantRoles.SystemLeader));
    }

    [Fact]
    public async Task A_page_reads_the_person_once_for_its_menu_and_its_gate_and_the_next_entry_reads_again()
    {
        var tenant = await _world.TenantAsync();
        var manager = await _world.PersonAsync(tenant, "Margaret Thompson", TenantRoles.AllianceManager);
        var context = new TenantContext();
        var contexts = new TenantDbContextFactory(_world.Options, context);
        var person = new SignedInPerson(context, contexts, new MemoryCache(new MemoryCacheOptions { SizeLimit = 1000 }), TimeProvider.System);
        var access = new TenantAccess(context, contexts, person);

        var trips = DatabaseRoundTrips.Begin();
        Assert.NotNull(await person.GetAsync(SignedIn(manager)));
        Assert.NotNull(await access.EnterAsync(tenant.Slug, SignedIn(manager)));
        Assert.Equal(1, trips.Count);

        // A later entry in the same scope (the next page of a circuit) does not trust what the first one read.
        Assert.NotNull(await access.EnterAsync(tenant.Slug, SignedIn(manager)));
        Assert.Equal(2, trips.Count);
    }

    [Fact]
    public async Task A_menu_load_from_the_start_of_a_circuit_is_not_trusted_by_a_later_entry()
    {
        // A circuit that starts on a page outside any alliance loads the person for its menu; the person is then
        // demoted, and only later opens an alliance page in the same circuit.
        var tenant = await _world.TenantAsync();
        var manager = await _world.PersonAsync(tenant, "Margaret Thompson", TenantRoles.AllianceManager | TenantRoles.SystemLeader);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var context = new TenantContext();
        var contexts = new TenantDbContextFactory(_world.Options, context);
        var person = new SignedInPerson(context, contexts, new MemoryCache(new MemoryCacheOptions { SizeLimit = 1000 }), clock);
        var access = new TenantAccess(context, contexts, person);

        Assert.True((await person.GetAsync(SignedIn(manager)))!.In(tenant.Slug)!.Roles.HasFlag(TenantRoles.AllianceManager));
        Assert.Equal(1, await db.ExecuteAsAdminAsync("UPDATE \"Memberships\" SET \"Roles\" = @roles WHERE \"UserId\" = @user",
            ("roles", (int)TenantRoles.SystemLeader), ("user", manager.UserId)));
        clock.Advance(TimeSpan.FromMinutes(10));

        var entered = await access.EnterAsync(tenant.Slug, SignedIn(manager));
        Assert.False(entered!.Actor.Is(TenantRoles.AllianceManager));
    }

    [Fact]
    public async Task A_college_administrator_with_no_membership_enters_the_college_and_no_other_tenant()
    {
        var college = await _world.CollegeAsync();
        var alliance = await _world.TenantAsync("Learners First Alliance");
        var outsider = await _world.PersonAsync(alliance, "Helen Marsh", TenantRoles.Applicant);
        var administrator = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, outsider.UserId), new Claim(ClaimTypes.Role, GlobalRoles.CollegeAdministrator)], "test"));
        var other = await _world.TenantAsync("Swaledale Alliance");

        Assert.True((await Scope().EnterAsync(college.Slug, administrator))!.Actor.Is(TenantRoles.AllianceManager));
        Assert.Null(await Scope().EnterAsync(other.Slug, administrator));
    }

    [Fact]
    public async Task Another_alliances_address_is_not_found_and_leaves_no_tenant_set()
    {
        var mine = await _world.TenantAsync("Swaledale Alliance");
        var theirs = await _world.TenantAsync("Learners First Alliance");
        var person = await _world.PersonAsync(mine, "Grace Hopper", TenantRoles.SystemLeader);
        var context = new TenantContext();
        var contexts = new TenantDbContextFactory(_world.Options, context);
        var access = new TenantAccess(context, contexts, new SignedInPerson(context, contexts, new MemoryCache(new MemoryCacheOptions { SizeLimit = 1000 }), TimeProvider.System));

        Assert.Null(await access.EnterAsync(theirs.Slug, SignedIn(person)));
        Assert.Null(context.TenantId);
        Assert.Null(await access.EnterAsync("no-such-alliance", SignedIn(person)));
        Assert.NotNull(await access.EnterAsync(mine.Slug, SignedIn(person)));
        Assert.Equal(mine.Id, context.TenantId);
    }

    [Fact]
    public async Task The_college_decides_only_for_its_administrators_whatever_a_membership_says()
    {
        var college = await _world.CollegeAsync();
        var member = await _world.PersonAsync(college, "Helen Marsh", TenantRoles.AllianceManager | TenantRoles.Applicant);

        var asMember = await Scope().EnterAsync(Tenant.CollegeSlug, SignedIn(member));
        Assert.False(asMember!.Actor.Is(TenantRoles.AllianceManager));

        var administrator = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, member.UserId), new Claim(ClaimTypes.Role, GlobalRoles.CollegeAdministrator)], "test"));
        Assert.True((await Scope().EnterAsync(Tenant.CollegeSlug, administrator))!.Actor.Is(TenantRoles.AllianceManager));
    }
}
