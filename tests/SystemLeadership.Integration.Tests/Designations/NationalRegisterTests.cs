using CsvHelper;
using MiniExcelLibs;
using Npgsql;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Infrastructure.Grids;
using SystemLeadership.Infrastructure.Tenancy;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Designations;

/// <summary>
/// The national register at national scale: 10,000 designations in two alliances, paged, sorted and filtered in SQL
/// through the national read policy, and downloaded as CSV and XLSX that read back.
/// </summary>
public class NationalRegisterTests(NationalRegisterTests.Nation nation) : IClassFixture<NationalRegisterTests.Nation>
{
    /// <summary>
    /// Seeded once for the class: 9,000 active designations in Swaledale ("Holder 00000"…), 1,000 suspended in Learners
    /// First ("Leader 00001"… and one holder whose name a spreadsheet would run as a formula).
    /// </summary>
    public sealed class Nation : IAsyncLifetime
    {
        public const string FormulaName = "=HYPERLINK(\"http://evil\")";
        public DatabaseFixture Db { get; } = new();
        internal DesignationWorld World { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Db.InitializeAsync();
            World = new DesignationWorld(Db);
            await SeedAsync(await World.TenantAsync("Swaledale Alliance"), "Holder", 9_000, DesignationState.Active);
            await SeedAsync(await World.TenantAsync("Learners First Alliance"), "Leader", 1_000, DesignationState.Suspended);
            await Db.ExecuteAsAdminAsync("UPDATE \"Designations\" SET \"HolderName\" = @name WHERE \"HolderName\" = 'Leader 00000'", ("name", FormulaName));
        }

        public Task DisposeAsync() => Db.DisposeAsync();

        /// <summary>One designation made the domain's way, then copied in SQL (as the owner) with numbered holders.</summary>
        private async Task SeedAsync(Tenant tenant, string stem, int count, DesignationState state)
        {
            var application = new DesignationApplication(tenant.Id, "u-" + stem, $"{stem} 00000", "x@example.org", Presets.Sle);
            var designation = new Designation(application, World.Today, "Margaret Thompson");
            await using (var context = Db.NewContext(tenant.Id))
            {
                context.Applications.Add(application);
                context.Designations.Add(designation);
                await context.SaveChangesAsync();
            }
            await using var connection = new NpgsqlConnection(Db.Connections.Admin);
            await connection.OpenAsync();
            await using var columns = new NpgsqlCommand("SELECT string_agg(quote_ident(column_name), ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_name = 'Designations' AND table_schema = 'public'", connection);
            var list = (string)(await columns.ExecuteScalarAsync())!;
            var select = list
                .Replace("\"Id\"", "gen_random_uuid()", StringComparison.Ordinal)
                .Replace("\"HolderName\"", $"'{stem} ' || lpad(i::text, 5, '0')", StringComparison.Ordinal)
                .Replace("\"State\"", $"'{state}'", StringComparison.Ordinal);
#pragma warning disable CA2100 // Built from the table's own column names and constants, no outside input.
            await using var copy = new NpgsqlCommand($"INSERT INTO \"Designations\" ({list}) SELECT {select} FROM \"Designations\", generate_series(1, {count - 1}) AS i WHERE \"Id\" = @id", connection);
#pragma warning restore CA2100
            copy.Parameters.AddWithValue("id", designation.Id);
            await copy.ExecuteNonQueryAsync();
            await Db.ExecuteAsAdminAsync("UPDATE \"Designations\" SET \"State\" = @state WHERE \"Id\" = @id", ("state", state.ToString()), ("id", designation.Id));
        }
    }

    private NationalRegister Register() =>
        new(new TenantDbContextFactory(nation.World.Options, TenantContext.For(null, "college-admin")), nation.World.Changes);

    [Fact]
    public async Task A_page_of_25_comes_back_from_10000_designations_with_the_count_of_all()
    {
        var page = await Register().PageAsync(new RegisterFilter(), new PageRequest(Page: 3, Size: 25));

        Assert.Equal(10_000, page.Total);
        Assert.Equal(400, page.Pages);
        Assert.Equal(25, page.Rows.Count);
        Assert.Equal(51, page.First);

        // Sorted by holder by default: among Swaledale's active holders, "Holder 00050" is the 51st.
        var active = await Register().PageAsync(new RegisterFilter(State: DesignationState.Active), new PageRequest(Page: 3, Size: 25));
        Assert.Equal(9_000, active.Total);
        Assert.Equal("Holder 00050", active.Rows[0].Holder);
        Assert.Equal("Holder 00074", active.Rows[^1].Holder);
        Assert.Equal("Swaledale Alliance", active.Rows[0].Alliance);
    }

    [Fact]
    public async Task Pages_in_a_sort_never_repeat_or_skip_a_row()
    {
        var register = Register();
        var first = await register.PageAsync(new RegisterFilter(), new PageRequest(1, 100, "alliance", Descending: true));
        var second = await register.PageAsync(new RegisterFilter(), new PageRequest(2, 100, "alliance", Descending: true));

        Assert.All(first.Rows, r => Assert.Equal("Swaledale Alliance", r.Alliance));
        Assert.Empty(first.Rows.Select(r => r.Id).Intersect(second.Rows.Select(r => r.Id)));
        Assert.True(string.CompareOrdinal(first.Rows[^1].Holder, second.Rows[0].Holder) < 0);
    }

    [Fact]
    public async Task The_filter_searches_the_alliance_and_narrows_by_state_in_sql()
    {
        var register = Register();
        Assert.Equal(1_000, (await register.PageAsync(new RegisterFilter(Search: "learners first"), new PageRequest())).Total);
        Assert.Equal(1_000, (await register.PageAsync(new RegisterFilter(State: DesignationState.Suspended), new PageRequest())).Total);
        Assert.Equal(1, (await register.PageAsync(new RegisterFilter(Search: "Holder 01234"), new PageRequest())).Total);
        Assert.Equal(0, (await register.PageAsync(new RegisterFilter(DesignationState.Suspended, "Holder"), new PageRequest())).Total);
        // The designation's name is searched too: every SLE is a "Specialist leader of education".
        Assert.Equal(10_000, (await register.PageAsync(new RegisterFilter(Search: "specialist leader"), new PageRequest())).Total);
    }

    [Fact]
    public async Task An_address_past_the_last_page_shows_the_last_page()
    {
        var page = await Register().PageAsync(new RegisterFilter(Search: "Leader 0"), new PageRequest(Page: 999, Size: 100));
        Assert.Equal(999, page.Total);
        Assert.Equal(10, page.Request.Page);
        Assert.Equal(99, page.Rows.Count);
        Assert.Equal("Leader 00999", page.Rows[^1].Holder);
    }

    [Fact]
    public async Task The_xlsx_download_holds_every_filtered_row_and_reads_back()
    {
        var rows = await Register().ExportAsync(new RegisterFilter(State: DesignationState.Suspended), "holder", descending: true);
        using var file = new MemoryStream();
        await TableExport.WriteXlsxAsync(file, "National register", NationalRegister.Columns, rows);

        file.Position = 0;
        var read = (await file.QueryAsync(useHeaderRow: true)).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(1_000, read.Count);
        Assert.Equal("Leader 00999", read[0]["Holder"]);
        Assert.Equal("Learners First Alliance", read[0]["Alliance"]);
        Assert.Equal("Suspended", read[0]["State"]);
        Assert.Equal(nation.World.Today.ToDateTime(TimeOnly.MinValue), Assert.IsType<DateTime>(read[0]["From"]));
    }

    [Fact]
    public async Task The_csv_download_reads_back_and_a_name_a_spreadsheet_would_run_is_escaped()
    {
        var rows = await Register().ExportAsync(new RegisterFilter(Search: "learners"), null, false);
        using var file = new MemoryStream();
        await TableExport.WriteCsvAsync(file, NationalRegister.Columns, rows);

        file.Position = 0;
        using var reader = new CsvReader(new StreamReader(file), System.Globalization.CultureInfo.InvariantCulture);
        var records = (await reader.GetRecordsAsync<dynamic>().ToListAsync()).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(1_000, records.Count);
        Assert.Contains(records, r => (string)r["Holder"] == "'" + Nation.FormulaName);
        Assert.DoesNotContain(records, r => ((string)r["Holder"]).StartsWith('='));
        Assert.All(records, r => Assert.Equal("Learners First Alliance", r["Alliance"]));
    }
}
