using Microsoft.EntityFrameworkCore;
using Npgsql;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Schools;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.Grids;
using SystemLeadership.Infrastructure.LeaderDirectory;
using SystemLeadership.Infrastructure.Tenancy;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Integration.Tests.Designations;
using SystemLeadership.Integration.Tests.Schools;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.LeaderDirectory;

/// <summary>
/// The public directory over real PostgreSQL: listed only with consent, gone at once when a designation stops or consent
/// is withdrawn, searched by each filter and by distance (checked against distances worked out by hand), and read
/// through a role that can read nothing else.
/// </summary>
public class PublicDirectoryTests : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly DatabaseFixture db;
    private readonly DesignationWorld world;
    private Tenant swaledale = null!;
    private Tenant learners = null!;

    public PublicDirectoryTests(DatabaseFixture db)
    {
        this.db = db;
        world = new DesignationWorld(db);
    }

    public async Task InitializeAsync()
    {
        swaledale = await world.TenantAsync("Swaledale Alliance");
        learners = await world.TenantAsync("Learners First Alliance");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private PublicDirectory Directory() =>
        new(NpgsqlDataSource.Create(db.Connections.App), DatabaseSetup.DirectoryRole, world.Clock);

    private DirectoryListingService Listings(Tenant tenant, Actor actor) => new(world.Contexts(tenant, actor), world.Clock);

    private async Task<School> SchoolAtAsync(string name, int easting, int northing, string postcode, string phase = "Primary", string la = "Leeds", string region = "Yorkshire and the Humber")
    {
        var school = new School
        {
            Urn = Random.Shared.Next(100_000, 999_999), Name = name, Status = "Open", Easting = easting, Northing = northing,
            Postcode = postcode, Phase = phase, LaName = la, Region = region,
        };
        await using var context = db.NewOwnerContext();
        context.Schools.Add(school);
        await context.SaveChangesAsync();
        return school;
    }

    /// <summary>A designated leader at a school, with the given specialisms; listed when asked.</summary>
    private async Task<(Actor Leader, Designation Designation)> LeaderAsync(Tenant tenant, string name, School? school, string[] specialisms, bool listed = true,
        SchemeDefinition? scheme = null, DateOnly? start = null, bool showSchool = true)
    {
        var leader = await world.PersonAsync(tenant, name, TenantRoles.SystemLeader);
        var application = new DesignationApplication(tenant.Id, leader.UserId, leader.Name, leader.Email, scheme ?? Presets.Sle);
        application.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, specialisms, school?.Urn, TrackRecord: "Track record."), school?.Name, null, DesignationWorld.Start);
        var designation = new Designation(application, start ?? world.Today.AddDays(-30), "Margaret Thompson");
        await using (var context = db.NewContext(tenant.Id))
        {
            context.Applications.Add(application);
            context.Designations.Add(designation);
            await context.SaveChangesAsync();
        }
        if (listed) await Listings(tenant, leader).PublishAsync(leader, showSchool, $"{name} has led {specialisms.FirstOrDefault() ?? "schools"} for years.");
        return (leader, designation);
    }

    private static DirectoryFilter Specialism(string s) => new(Specialism: s);

    [Fact]
    public async Task A_leader_is_listed_only_once_they_consent_and_leaves_at_once_when_they_withdraw()
    {
        var school = await SchoolAtAsync("Consent Primary", 430_000, 433_000, "LS1 1AA");
        var (leader, _) = await LeaderAsync(swaledale, "Consenting Clara", school, ["Drama"], listed: false);
        var directory = Directory();
        Assert.Equal(0, (await directory.SearchAsync(Specialism("Drama"), null, new PageRequest())).Total);

        var id = await Listings(swaledale, leader).PublishAsync(leader, showSchool: true, "I lead drama across the trust.");
        var found = Assert.Single((await directory.SearchAsync(Specialism("Drama"), null, new PageRequest())).Rows);
        Assert.Equal(id, found.Id);
        Assert.Equal("Consenting Clara", found.Name);
        Assert.Equal("Consent Primary", found.School);
        Assert.Equal("Swaledale Alliance", found.Alliance);
        Assert.Equal("I lead drama across the trust.", found.About);
        Assert.Equal("SLE", Assert.Single(found.Designations).ShortName);

        await Listings(swaledale, leader).WithdrawAsync(leader);
        Assert.Equal(0, (await directory.SearchAsync(Specialism("Drama"), null, new PageRequest())).Total);
        Assert.Null(await directory.EntryAsync(id));
        Assert.Equal(2, await world.CountAsync("AuditEntries", $"\"EntityId\" = '{id}'"));
    }

    [Fact]
    public async Task A_leader_who_keeps_their_school_private_shows_only_its_area_and_is_placed_to_the_kilometre()
    {
        var school = await SchoolAtAsync("Private Primary", 431_234, 434_567, "LS2 2BB", la: "Leeds");
        var (leader, _) = await LeaderAsync(swaledale, "Private Pat", school, ["History"], showSchool: false);
        var entry = Assert.Single((await Directory().SearchAsync(Specialism("History"), new Place("here", 431_000, 435_000), new PageRequest())).Rows);
        Assert.Null(entry.School);
        Assert.Null(entry.SchoolUrn);
        Assert.Equal("Leeds", entry.La);
        // Placed at (431,000, 435,000), the nearest kilometre: distance 0 from there, not the school's 433 m.
        Assert.Equal(0, entry.DistanceMetres!.Value, 3);
        _ = leader;
    }

    [Fact]
    public async Task Suspended_and_de_designated_leaders_disappear_at_once()
    {
        var school = await SchoolAtAsync("Lifecycle Primary", 432_000, 433_000, "LS3 3CC");
        var manager = await world.PersonAsync(swaledale, "Manager", TenantRoles.AllianceManager);
        var (_, suspended) = await LeaderAsync(swaledale, "Suspended Sam", school, ["Music"]);
        var (_, removed) = await LeaderAsync(swaledale, "Removed Rae", school, ["Music"]);
        await LeaderAsync(swaledale, "Staying Stan", school, ["Music"]);
        var directory = Directory();
        Assert.Equal(3, (await directory.SearchAsync(Specialism("Music"), null, new PageRequest())).Total);

        var designations = world.Designations(swaledale, manager);
        await designations.MoveAsync(suspended.Id, suspended.Version, DesignationMove.Suspend, manager, note: "Under review.");
        removed = await world.DesignationAsync(swaledale, removed.Id);
        await designations.MoveAsync(removed.Id, removed.Version, DesignationMove.DeDesignate, manager, DeDesignationReason.Conduct, "Conduct.");
        var names = (await directory.SearchAsync(Specialism("Music"), null, new PageRequest())).Rows.Select(r => r.Name).ToList();
        Assert.Equal(["Staying Stan"], names);

        // Reinstated: back in the directory without asking again (the consent stands).
        suspended = await world.DesignationAsync(swaledale, suspended.Id);
        await designations.MoveAsync(suspended.Id, suspended.Version, DesignationMove.Reinstate, manager);
        Assert.Equal(2, (await directory.SearchAsync(Specialism("Music"), null, new PageRequest())).Total);
    }

    [Fact]
    public async Task A_designation_past_its_end_date_is_not_listed_even_before_the_expiry_job_runs()
    {
        var school = await SchoolAtAsync("Expiry Primary", 433_000, 433_000, "LS4 4DD");
        var (_, designation) = await LeaderAsync(swaledale, "Lapsing Lou", school, ["Geography"], start: world.Today.AddYears(-4).AddDays(1));
        var directory = Directory();
        Assert.Equal(world.Today, designation.EndDate);
        Assert.Equal(1, (await directory.SearchAsync(Specialism("Geography"), null, new PageRequest())).Total);

        world.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await directory.SearchAsync(Specialism("Geography"), null, new PageRequest())).Total);
        Assert.Equal(DesignationState.Active, (await world.DesignationAsync(swaledale, designation.Id)).State);
    }

    [Fact]
    public async Task Each_filter_narrows_the_search_and_nearest_comes_first_by_hand_computed_distance()
    {
        // A line of schools east of an origin at (500,000, 200,000): 3 km, 4 km north-east (3-4-5: 5 km), 12 km.
        var origin = await SchoolAtAsync("Origin Academy", 500_000, 200_000, "ZZ1 1ZZ", phase: "Secondary", la: "Origin LA", region: "South East");
        var near = await SchoolAtAsync("Near Primary", 503_000, 200_000, "ZZ1 2AB", phase: "Primary", la: "Origin LA", region: "South East");
        var middle = await SchoolAtAsync("Middle Secondary", 503_000, 204_000, "ZZ2 1AB", phase: "Secondary", la: "Other LA", region: "South East");
        var far = await SchoolAtAsync("Far Primary", 512_000, 200_000, "ZZ3 1AB", phase: "Primary", la: "Other LA", region: "London");
        await LeaderAsync(swaledale, "Zed Near", near, ["Phonics", "English"]);
        await LeaderAsync(learners, "Amy Middle", middle, ["Phonics"]);
        await LeaderAsync(swaledale, "Bob Far", far, ["Phonics"], scheme: Presets.AllianceSystemLeader);
        await LeaderAsync(swaledale, "Unlisted Una", near, ["Phonics"], listed: false);
        var directory = Directory();

        var place = (await directory.PlaceAsync(origin.Urn.ToString(System.Globalization.CultureInfo.InvariantCulture))).Place!;
        var page = await directory.SearchAsync(Specialism("Phonics"), place, new PageRequest());
        Assert.Equal(["Zed Near", "Amy Middle", "Bob Far"], page.Rows.Select(r => r.Name));
        Assert.Equal([3_000d, 5_000d, 12_000d], page.Rows.Select(r => Math.Round(r.DistanceMetres!.Value, 6)));
        Assert.Equal("Learners First Alliance", page.Rows[1].Alliance);

        // Without a place: by name.
        Assert.Equal(["Amy Middle", "Bob Far", "Zed Near"], (await directory.SearchAsync(Specialism("Phonics"), null, new PageRequest())).Rows.Select(r => r.Name));

        Assert.Equal(["Bob Far"], (await directory.SearchAsync(new DirectoryFilter(DesignationType.AllianceSystemLeader, "Phonics"), place, new PageRequest())).Rows.Select(r => r.Name));
        Assert.Equal(["Zed Near", "Bob Far"], (await directory.SearchAsync(new DirectoryFilter(Specialism: "Phonics", Phase: "Primary"), place, new PageRequest())).Rows.Select(r => r.Name));
        Assert.Equal(["Bob Far"], (await directory.SearchAsync(new DirectoryFilter(Specialism: "Phonics", Region: "London"), place, new PageRequest())).Rows.Select(r => r.Name));
        Assert.Equal(["Amy Middle", "Bob Far"], (await directory.SearchAsync(new DirectoryFilter(Specialism: "Phonics", La: "Other LA"), place, new PageRequest())).Rows.Select(r => r.Name));
        Assert.Equal(["Zed Near"], (await directory.SearchAsync(Specialism("English"), place, new PageRequest())).Rows.Select(r => r.Name));
        Assert.Empty((await directory.SearchAsync(Specialism("Not a specialism"), place, new PageRequest())).Rows);

        // A page past the end shows the last page.
        var past = await directory.SearchAsync(Specialism("Phonics"), place, new PageRequest(Page: 2, Size: 10));
        Assert.Equal(3, past.Total);
        Assert.Equal(1, past.Request.Page);
        Assert.Equal(3, past.Rows.Count);
    }

    [Fact]
    public async Task A_postcode_is_placed_by_the_schools_that_share_it_or_else_by_its_district()
    {
        await SchoolAtAsync("Postcode One", 400_000, 300_000, "YY9 1AA");
        await SchoolAtAsync("Postcode Two", 402_000, 302_000, "YY9 1AA");
        await SchoolAtAsync("District Three", 410_000, 300_000, "YY9 5ZZ");
        var directory = Directory();

        var full = (await directory.PlaceAsync("yy91aa")).Place!;
        Assert.Equal((401_000d, 301_000d), (full.Easting, full.Northing));
        Assert.Equal("YY9 1AA", full.Description);

        // No school has YY9 7QQ: the district's three schools are averaged.
        var district = (await directory.PlaceAsync("YY9 7QQ")).Place!;
        Assert.Equal(404_000d, district.Easting, 6);
        Assert.Contains("YY9", district.Description, StringComparison.Ordinal);
        Assert.NotNull((await directory.PlaceAsync("YY9")).Place);

        Assert.NotNull((await directory.PlaceAsync("QQ1 1QQ")).Problem);
        Assert.NotNull((await directory.PlaceAsync("Nowhere at all school")).Problem);
        Assert.NotNull((await directory.PlaceAsync("999999999")).Problem);
    }

    [Fact]
    public async Task A_school_name_that_matches_several_schools_offers_a_choice()
    {
        await SchoolAtAsync("St Mary's Choice Primary", 420_000, 300_000, "XX1 1AA");
        await SchoolAtAsync("St Mary's Choice Academy", 421_000, 300_000, "XX1 1AB");
        var lookup = await Directory().PlaceAsync("st mary's choice");
        Assert.Null(lookup.Place);
        Assert.Equal(2, lookup.Choices.Count);
        Assert.NotNull((await Directory().PlaceAsync("St Mary's Choice Academy")).Place);
    }

    [Fact]
    public async Task The_directory_role_can_read_the_published_columns_and_the_schools_register_and_nothing_else()
    {
        await using var connection = new NpgsqlConnection(db.Connections.Owner);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm') AND has_table_privilege(@role, c.oid, 'SELECT')
            ORDER BY 1
            """, connection);
        command.Parameters.AddWithValue("role", DatabaseSetup.DirectoryRole);
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        Assert.Equal(["Schools"], tables);

        await using var columns = new NpgsqlCommand("""
            SELECT a.attname FROM pg_attribute a
            WHERE a.attrelid = '"DirectoryEntries"'::regclass AND a.attnum > 0 AND NOT a.attisdropped
              AND has_column_privilege(@role, a.attrelid, a.attnum, 'SELECT')
            ORDER BY a.attnum
            """, connection);
        columns.Parameters.AddWithValue("role", DatabaseSetup.DirectoryRole);
        var readable = new List<string>();
        await using (var reader = await columns.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) readable.Add(reader.GetString(0));
        }
        Assert.Equal(DirectoryReadModel.PublishedColumns, readable);
        Assert.DoesNotContain("TenantId", readable);
        Assert.DoesNotContain("HolderUserId", readable);

        // Nor any write: no INSERT, UPDATE or DELETE anywhere.
        await using var writes = new NpgsqlCommand("""
            SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r'
              AND (has_table_privilege(@role, c.oid, 'INSERT') OR has_table_privilege(@role, c.oid, 'UPDATE') OR has_table_privilege(@role, c.oid, 'DELETE'))
            """, connection);
        writes.Parameters.AddWithValue("role", DatabaseSetup.DirectoryRole);
        Assert.Equal(0L, (long)(await writes.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task In_the_directory_role_a_query_of_a_tenants_table_is_refused()
    {
        await using var connection = new NpgsqlConnection(db.Connections.App);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var role = new NpgsqlCommand($"SET LOCAL ROLE {DatabaseSetup.DirectoryRole}", connection, transaction))
        {
            await role.ExecuteNonQueryAsync();
        }
        await using var designations = new NpgsqlCommand("SELECT count(*) FROM \"Designations\"", connection, transaction);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => designations.ExecuteScalarAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task One_alliance_cannot_write_another_alliances_directory_rows()
    {
        var school = await SchoolAtAsync("Isolation Primary", 434_000, 433_000, "LS5 5EE");
        var (leader, _) = await LeaderAsync(swaledale, "Isolated Ida", school, ["Art"]);
        await using var context = db.NewContext(learners.Id);
        // Learners First's context sees Swaledale's public rows (the directory is public) but cannot change them.
        var deleted = await context.Database.ExecuteSqlRawAsync("DELETE FROM \"DirectoryEntries\"");
        Assert.Equal(0, deleted);
        var changed = await context.Database.ExecuteSqlRawAsync("UPDATE \"DirectoryEntries\" SET \"Name\" = 'Hijacked'");
        Assert.Equal(0, changed);
        Assert.Equal("Isolated Ida", Assert.Single((await Directory().SearchAsync(Specialism("Art"), null, new PageRequest())).Rows).Name);
        // And its consent table is behind the tenant policy like any other.
        // Past lock 1 (the query filter), lock 2 still hides the other alliance's consent.
        Assert.Empty(await context.DirectoryListings.IgnoreQueryFilters().ToListAsync());
        _ = leader;
    }

    [Fact]
    public async Task Only_a_current_holder_can_list_themselves_and_the_about_text_is_checked()
    {
        var stranger = await world.PersonAsync(swaledale, "No Designation", TenantRoles.SchoolContact);
        var refused = await DesignationWorld.Attempt(() => Listings(swaledale, stranger).PublishAsync(stranger, true, null));
        Assert.IsType<NotAllowedException>(refused);
        Assert.Null(await Listings(swaledale, stranger).MineAsync(stranger));

        var school = await SchoolAtAsync("About Primary", 435_000, 433_000, "LS6 6FF");
        var (leader, _) = await LeaderAsync(swaledale, "Typing Tess", school, ["Science"], listed: false);
        var tooLong = await Assert.ThrowsAsync<InvalidInputException>(() => Listings(swaledale, leader).PublishAsync(leader, true, new string('x', 601)));
        Assert.Equal("This must be 600 characters or fewer.", tooLong.Fields["about"]);
        await Assert.ThrowsAsync<InvalidInputException>(() => Listings(swaledale, leader).PublishAsync(leader, true, "<script>alert(1)</script>"));
        Assert.False((await Listings(swaledale, leader).MineAsync(leader))!.Listed);
        Assert.Equal(0, await world.CountAsync("DirectoryListings", $"\"HolderUserId\" = '{leader.UserId}'"));
    }

    [Fact]
    public async Task An_entry_shows_all_the_leaders_current_designations_with_this_alliance()
    {
        var school = await SchoolAtAsync("Two Hats Primary", 436_000, 433_000, "LS7 7GG");
        var (leader, _) = await LeaderAsync(swaledale, "Two Hats Hal", school, ["Maths"]);
        var asl = new DesignationApplication(swaledale.Id, leader.UserId, leader.Name, leader.Email, Presets.AllianceSystemLeader);
        asl.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, ["Assessment"], school.Urn, TrackRecord: "Track."), school.Name, null, DesignationWorld.Start);
        await using (var context = db.NewContext(swaledale.Id))
        {
            context.Applications.Add(asl);
            context.Designations.Add(new Designation(asl, world.Today.AddDays(-3), "Margaret Thompson"));
            await context.SaveChangesAsync();
        }
        // A search by the second designation's specialism finds the person and shows both designations.
        var entry = Assert.Single((await Directory().SearchAsync(Specialism("Assessment"), null, new PageRequest())).Rows);
        Assert.Equal(["SLE", "ASL"], entry.Designations.Select(d => d.ShortName));
        Assert.Equal(["Maths", "Assessment"], entry.Specialisms);
        Assert.Equal(entry, await Directory().EntryAsync(entry.Id) is { } e ? e with { DistanceMetres = entry.DistanceMetres } : null, new EntryComparer());
    }

    [Fact]
    public async Task An_nle_who_keeps_their_school_private_is_listed_by_their_own_name_without_their_national_support_school()
    {
        var school = await SchoolAtAsync("Secret Outstanding School", 437_000, 433_000, "LS8 8HH");
        var (leader, nle) = await LeaderAsync(swaledale, "Nadia Nle", school, [], listed: false, scheme: Presets.Nle);
        await using (var context = db.NewContext(swaledale.Id))
        {
            context.Designations.Add(Designation.SupportSchoolOf(nle));
            await context.SaveChangesAsync();
        }
        var listings = Listings(swaledale, leader);
        await listings.PublishAsync(leader, showSchool: false, null);
        var entry = Assert.Single((await Directory().SearchAsync(new DirectoryFilter(DesignationType.NationalLeaderOfEducation), null, new PageRequest())).Rows);
        Assert.Equal("Nadia Nle", entry.Name);
        Assert.Equal(["NLE"], entry.Designations.Select(d => d.ShortName));
        Assert.DoesNotContain("Secret", System.Text.Json.JsonSerializer.Serialize(entry), StringComparison.Ordinal);

        // Shown: the national support school is listed with her, under her name.
        await listings.PublishAsync(leader, showSchool: true, null);
        entry = Assert.Single((await Directory().SearchAsync(new DirectoryFilter(DesignationType.NationalLeaderOfEducation), null, new PageRequest())).Rows);
        Assert.Equal("Nadia Nle", entry.Name);
        Assert.Equal(["NLE", "NSS"], entry.Designations.Select(d => d.ShortName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_gias_import_that_moves_a_school_into_another_authority_reaches_its_leaders_entry()
    {
        var school = await SchoolAtAsync("Moving Primary", 438_000, 433_000, "LS9 9JJ", la: "Leeds");
        await LeaderAsync(swaledale, "Moving Mo", school, ["Attendance"]);
        Assert.Equal("Leeds", Assert.Single((await Directory().SearchAsync(Specialism("Attendance"), null, new PageRequest())).Rows).La);

        var extract = Schools.GiasFile.Csv(Schools.GiasFile.School(school.Urn, "Moving Primary")
            .With(SystemLeadership.Infrastructure.Schools.GiasColumns.LaName, "Wakefield")
            .With(SystemLeadership.Infrastructure.Schools.GiasColumns.Easting, "438000").With(SystemLeadership.Infrastructure.Schools.GiasColumns.Northing, "433000"));
        var imports = new SystemLeadership.Infrastructure.Schools.SchoolImports(new TenantDbContextFactory(world.Options, new TenantContext()), world.Clock);
        var result = await imports.ImportAsync(extract, includeClosed: false);
        Assert.Equal(1, result.Updated);

        var entry = Assert.Single((await Directory().SearchAsync(Specialism("Attendance"), null, new PageRequest())).Rows);
        Assert.Equal("Wakefield", entry.La);
        Assert.Equal(1, (await Directory().SearchAsync(new DirectoryFilter(Specialism: "Attendance", La: "Wakefield"), null, new PageRequest())).Total);
    }

    private sealed class EntryComparer : IEqualityComparer<DirectoryEntry?>
    {
        public bool Equals(DirectoryEntry? x, DirectoryEntry? y) =>
            x is not null && y is not null && x.Id == y.Id && x.Designations.SequenceEqual(y.Designations) && x.Specialisms.SequenceEqual(y.Specialisms);

        public int GetHashCode(DirectoryEntry? obj) => obj?.Id.GetHashCode() ?? 0;
    }
}
