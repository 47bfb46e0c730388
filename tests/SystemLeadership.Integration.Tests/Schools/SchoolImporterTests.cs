using Microsoft.EntityFrameworkCore;
using SystemLeadership.Infrastructure.Schools;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Schools;

// Each test uses its own URN range, so the tests sharing this class's database do not see each other's schools.
public class SchoolImporterTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private async Task<SchoolImportResult> ImportAsync(Stream csv, bool includeClosed = false)
    {
        await using var context = db.NewContext();
        return await SchoolImporter.ImportAsync(context, csv, includeClosed);
    }

    private async Task<Domain.Schools.School?> FindAsync(int urn)
    {
        await using var context = db.NewContext();
        return await context.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Urn == urn);
    }

    private async Task<List<int>> UrnsBetweenAsync(int from, int to)
    {
        await using var context = db.NewContext();
        return await context.Schools.Where(s => s.Urn >= from && s.Urn <= to).OrderBy(s => s.Urn).Select(s => s.Urn).ToListAsync();
    }

    private static MemoryStream GoodFile() => GiasFile.Csv(
        GiasFile.School(110001, "Aysgarth Primary School"),
        GiasFile.School(110002, "Bainbridge Primary School"),
        GiasFile.School(110003, "Carperby Closed School", status: "Closed").With(GiasColumns.CloseDate, "31-08-2020"),
        GiasFile.School(110004, "Castle Bolton Primary School"),
        GiasFile.School(110005, "Redmire Proposed To Close", status: "Open, but proposed to close").With(GiasColumns.CloseDate, "31-08-2025"));

    [Fact]
    public async Task A_good_file_imports_every_open_school_and_skips_the_closed_ones()
    {
        var result = await ImportAsync(GoodFile());

        Assert.Empty(result.Errors);
        Assert.True(result.Succeeded);
        Assert.Equal(3, result.Added);
        Assert.Equal(2, result.SkippedClosed);
        Assert.Equal([110001, 110002, 110004], await UrnsBetweenAsync(110001, 110005));

        var withClosed = await ImportAsync(GoodFile(), includeClosed: true);

        Assert.Empty(withClosed.Errors);
        Assert.Equal(2, withClosed.Added);
        Assert.Equal(0, withClosed.Updated);
        Assert.Equal(3, withClosed.Unchanged);
        Assert.Equal(0, withClosed.SkippedClosed);
        Assert.Equal([110001, 110002, 110003, 110004, 110005], await UrnsBetweenAsync(110001, 110005));
        Assert.Equal(new DateOnly(2020, 8, 31), (await FindAsync(110003))!.CloseDate);
    }

    [Fact]
    public async Task Every_column_is_mapped_to_the_school()
    {
        var row = GiasFile.School(120001, "Middleham Key Centre")
            .With(GiasColumns.LaCode, "815").With(GiasColumns.LaName, "North Yorkshire").With(GiasColumns.EstablishmentNumber, "7001")
            .With(GiasColumns.TypeOfEstablishment, "Academy special converter").With(GiasColumns.EstablishmentTypeGroup, "Special schools")
            .With(GiasColumns.EstablishmentStatus, "Open").With(GiasColumns.OpenDate, "01-04-2015").With(GiasColumns.CloseDate, "")
            .With(GiasColumns.PhaseCode, "0").With(GiasColumns.Phase, "Not applicable")
            .With(GiasColumns.StatutoryLowAge, "2").With(GiasColumns.StatutoryHighAge, "19").With(GiasColumns.NumberOfPupils, "87")
            .With(GiasColumns.Trusts, "Dales Learning Trust").With(GiasColumns.Diocese, "Does not apply")
            .With(GiasColumns.Street, "Park Lane").With(GiasColumns.Town, "Middleham").With(GiasColumns.Postcode, "DL8 4ZX")
            .With(GiasColumns.SchoolWebsite, "https://www.key-centre.example").With(GiasColumns.TelephoneNum, "01632 960555")
            .With(GiasColumns.HeadFirstName, "Imran").With(GiasColumns.HeadLastName, "Shaw").With(GiasColumns.Region, "Yorkshire and the Humber")
            .With(GiasColumns.Easting, "412700").With(GiasColumns.Northing, "487800").With(GiasColumns.OfstedRating, "Outstanding")
            .With(GiasColumns.OfstedLastInspection, "29-02-2024").With(GiasColumns.UrbanRural, "(England/Wales) Rural village");

        Assert.Empty((await ImportAsync(GiasFile.Csv(row))).Errors);

        var s = (await FindAsync(120001))!;
        Assert.Equal("Middleham Key Centre", s.Name);
        Assert.Equal("815", s.LaCode);
        Assert.Equal("North Yorkshire", s.LaName);
        Assert.Equal("7001", s.EstablishmentNumber);
        Assert.Equal("Academy special converter", s.TypeOfEstablishment);
        Assert.Equal("Special schools", s.EstablishmentTypeGroup);
        Assert.Equal("Open", s.Status);
        Assert.Equal(new DateOnly(2015, 4, 1), s.OpenDate);
        Assert.Null(s.CloseDate);
        Assert.Equal("0", s.PhaseCode);
        Assert.Equal("Not applicable", s.Phase);
        Assert.Equal(2, s.StatutoryLowAge);
        Assert.Equal(19, s.StatutoryHighAge);
        Assert.Equal(87, s.NumberOfPupils);
        Assert.Equal("Dales Learning Trust", s.Trust);
        Assert.Equal("Does not apply", s.Diocese);
        Assert.Equal("Park Lane", s.Street);
        Assert.Equal("Middleham", s.Town);
        Assert.Equal("DL8 4ZX", s.Postcode);
        Assert.Equal("https://www.key-centre.example", s.Website);
        Assert.Equal("01632 960555", s.Telephone);
        Assert.Equal("Imran", s.HeadFirstName);
        Assert.Equal("Shaw", s.HeadLastName);
        Assert.Equal("Yorkshire and the Humber", s.Region);
        Assert.Equal(412700, s.Easting);
        Assert.Equal(487800, s.Northing);
        Assert.Equal("Outstanding", s.OfstedRating);
        Assert.Equal(new DateOnly(2024, 2, 29), s.OfstedLastInspection);
        Assert.Equal("(England/Wales) Rural village", s.UrbanRural);
    }

    [Fact]
    public async Task Columns_are_found_by_header_name_when_reordered_and_with_extra_columns()
    {
        var header = GiasFile.Header.Reverse()
            .Prepend("TypeOfEstablishment (code)")
            .Append("SomeColumnAddedIn2030")
            .ToList();
        var row = GiasFile.School(130001, "Hawes Reordered School")
            .With("TypeOfEstablishment (code)", "01").With("SomeColumnAddedIn2030", "ignore me")
            .With(GiasColumns.Town, "Hawes").With(GiasColumns.Easting, "387400").With(GiasColumns.Northing, "489900");

        var result = await ImportAsync(GiasFile.Csv([row], header));

        Assert.Empty(result.Errors);
        var school = (await FindAsync(130001))!;
        Assert.Equal("Hawes Reordered School", school.Name);
        Assert.Equal("Hawes", school.Town);
        Assert.Equal(387400, school.Easting);
        Assert.Equal(489900, school.Northing);
        Assert.Equal("Open", school.Status);
    }

    [Fact]
    public async Task A_malformed_row_imports_nothing_and_each_error_names_its_physical_line_and_reason()
    {
        int before;
        await using (var context = db.NewContext()) before = await context.Schools.CountAsync();

        // Line 1 header; line 2 a good row; lines 3-4 one row whose quoted street holds a line break; then the bad rows.
        var csv = GiasFile.Csv(
            GiasFile.School(140001, "Good School Before The Bad Rows"),
            GiasFile.School(140002, "Two Line Address School").With(GiasColumns.Street, "Mill House\r\nMill Lane"),
            GiasFile.School(140003, "Bad Urn School").With(GiasColumns.Urn, "abc"),
            GiasFile.School(140004, "Bad Date School").With(GiasColumns.OpenDate, "31/02/2020"),
            GiasFile.School(140005, "Bad Pupils School").With(GiasColumns.NumberOfPupils, "lots"),
            GiasFile.School(140006, "").With(GiasColumns.CloseDate, "31-02-2020"),
            GiasFile.School(140001, "Duplicate Urn School"),
            GiasFile.School(0, "Zero Urn School"),
            GiasFile.School(140009, "No Status School", status: ""));

        var result = await ImportAsync(csv);

        Assert.False(result.Succeeded);
        Assert.Equal(
            [
                "Line 5: URN 'abc' is not a whole number",
                "Line 6: OpenDate '31/02/2020' is not a date in dd-mm-yyyy form",
                "Line 7: NumberOfPupils 'lots' is not a whole number",
                "Line 8: EstablishmentName is empty",
                "Line 8: CloseDate '31-02-2020' is not a date in dd-mm-yyyy form",
                "Line 9: URN 140001 appears again (first on line 2)",
                "Line 10: URN '0' is not a positive number",
                "Line 11: EstablishmentStatus (name) is empty",
            ],
            result.Errors.Select(e => e.ToString()));
        Assert.Equal(0, result.Added);
        Assert.Empty(await UrnsBetweenAsync(140001, 140009));
        await using (var context = db.NewContext()) Assert.Equal(before, await context.Schools.CountAsync());
    }

    [Fact]
    public async Task A_bad_row_leaves_existing_schools_as_they_were()
    {
        Assert.Empty((await ImportAsync(GiasFile.Csv(GiasFile.School(145001, "Thoralby Primary School")))).Errors);

        var result = await ImportAsync(GiasFile.Csv(
            GiasFile.School(145001, "Thoralby Renamed Primary School"),
            GiasFile.School(145002, "Newbiggin Primary School"),
            GiasFile.School(145003, "Bad Age School").With(GiasColumns.StatutoryHighAge, "11.5")));

        Assert.Equal(["Line 4: StatutoryHighAge '11.5' is not a whole number"], result.Errors.Select(e => e.ToString()));
        Assert.Equal("Thoralby Primary School", (await FindAsync(145001))!.Name);
        Assert.Null(await FindAsync(145002));
    }

    [Fact]
    public async Task An_import_inside_a_callers_transaction_is_rolled_back_with_it()
    {
        await using (var context = db.NewContext())
        {
            await using var transaction = await context.Database.BeginTransactionAsync();
            var result = await SchoolImporter.ImportAsync(context, GiasFile.Csv(GiasFile.School(146001, "Rolled Back School")));
            Assert.Equal(1, result.Added);
            Assert.NotNull(await context.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Urn == 146001));
            await transaction.RollbackAsync();
        }

        Assert.Null(await FindAsync(146001));
    }

    [Fact]
    public async Task A_name_too_long_for_the_database_is_an_error_not_a_failed_write()
    {
        var result = await ImportAsync(GiasFile.Csv(GiasFile.School(147001, new string('A', 301))));

        Assert.Equal(["Line 2: EstablishmentName is 301 characters long; at most 300 fit"], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public async Task A_file_resaved_as_utf8_with_a_byte_order_mark_still_reads_correctly()
    {
        var header = string.Join(',', GiasFile.Header.Select(h => $"\"{h}\""));
        var row = string.Join(',', GiasFile.Header.Select(h => $"\"{GiasFile.School(148001, "Ysgol Gymraeg Brontë")[h]}\""));
        var utf8 = new MemoryStream([.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes($"{header}\r\n{row}\r\n")]);

        Assert.Empty((await ImportAsync(utf8)).Errors);

        Assert.Equal("Ysgol Gymraeg Brontë", (await FindAsync(148001))!.Name);
    }

    [Fact]
    public async Task A_row_with_the_wrong_number_of_fields_or_broken_quoting_is_reported()
    {
        var header = string.Join(',', GiasFile.Header.Select(h => $"\"{h}\""));
        var good = string.Join(',', GiasFile.Header.Select(h => $"\"{GiasFile.School(150001, "Short Row School")[h]}\""));
        var csv = GiasFile.Encoded($"{header}\r\n{good}\r\n\"150002\",\"Too Short\"\r\n\"150003\" x,\"Broken\"\r\n");

        var result = await ImportAsync(csv);

        Assert.Equal(
            [
                $"Line 3: has 2 fields but the header has {GiasFile.Header.Count}",
                "Line 4: unexpected text after the closing quote of field 1",
            ],
            result.Errors.Select(e => e.ToString()));
        Assert.Empty(await UrnsBetweenAsync(150001, 150003));
    }

    [Fact]
    public async Task An_unclosed_quote_is_reported_at_the_line_its_row_starts()
    {
        var header = string.Join(',', GiasFile.Header.Select(h => $"\"{h}\""));
        var result = await ImportAsync(GiasFile.Encoded($"{header}\r\n\"150010\",\"Never closed\r\nmore text\r\n"));

        Assert.Equal(["Line 2: a quoted field is not closed before the end of the file"], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public async Task A_missing_required_column_is_reported_by_name()
    {
        var header = GiasFile.Header.Where(h => h is not GiasColumns.EstablishmentStatus and not GiasColumns.Urn).ToList();

        var result = await ImportAsync(GiasFile.Csv([GiasFile.School(160001, "No Status Column School")], header));

        Assert.Equal(
            [
                "Line 1: the required column 'URN' is missing from the header",
                "Line 1: the required column 'EstablishmentStatus (name)' is missing from the header",
            ],
            result.Errors.Select(e => e.ToString()));
        Assert.Null(await FindAsync(160001));
    }

    [Fact]
    public async Task Optional_columns_may_be_absent_and_empty_numbers_are_null()
    {
        var header = new[] { GiasColumns.Urn, GiasColumns.EstablishmentName, GiasColumns.EstablishmentStatus, GiasColumns.NumberOfPupils };
        var row = GiasFile.School(165001, "Minimal School").With(GiasColumns.NumberOfPupils, "");

        Assert.Empty((await ImportAsync(GiasFile.Csv([row], header))).Errors);

        var school = (await FindAsync(165001))!;
        Assert.Null(school.NumberOfPupils);
        Assert.Null(school.Easting);
        Assert.Null(school.OpenDate);
        Assert.Null(school.Town);
    }

    [Fact]
    public async Task Windows_1252_names_with_accents_come_back_intact()
    {
        var csv = GiasFile.Csv(
            GiasFile.School(170001, "Ysgol Gymraeg Brontë"),
            GiasFile.School(170002, "École Française de Harrogate").With(GiasColumns.HeadFirstName, "Zoë").With(GiasColumns.HeadLastName, "Müller-Ñúñez"));
        // The file really is single-byte Windows-1252: ë is the one byte 0xEB, not UTF-8's two.
        Assert.Contains((byte)0xEB, csv.ToArray());
        Assert.DoesNotContain((byte)0xC3, csv.ToArray());

        Assert.Empty((await ImportAsync(csv)).Errors);

        Assert.Equal("Ysgol Gymraeg Brontë", (await FindAsync(170001))!.Name);
        var ecole = (await FindAsync(170002))!;
        Assert.Equal("École Française de Harrogate", ecole.Name);
        Assert.Equal("Zoë", ecole.HeadFirstName);
        Assert.Equal("Müller-Ñúñez", ecole.HeadLastName);
    }

    [Fact]
    public async Task Quoted_fields_keep_their_commas_and_doubled_quotes()
    {
        var csv = GiasFile.Csv(GiasFile.School(175001, "The \"Old\" School, Upper Dale").With(GiasColumns.Street, "1, The Green"));

        Assert.Empty((await ImportAsync(csv)).Errors);

        var school = (await FindAsync(175001))!;
        Assert.Equal("The \"Old\" School, Upper Dale", school.Name);
        Assert.Equal("1, The Green", school.Street);
    }

    [Fact]
    public async Task Re_importing_updates_schools_by_urn_and_adds_new_ones()
    {
        Assert.Empty((await ImportAsync(GiasFile.Csv(
            GiasFile.School(180001, "Askrigg Primary School"),
            GiasFile.School(180002, "Carlton Primary School")))).Errors);

        var again = await ImportAsync(GiasFile.Csv(
            GiasFile.School(180001, "Askrigg Church of England Primary School").With(GiasColumns.NumberOfPupils, "61"),
            GiasFile.School(180002, "Carlton Primary School"),
            GiasFile.School(180003, "West Burton Primary School")));

        Assert.Empty(again.Errors);
        Assert.Equal(1, again.Added);
        Assert.Equal(1, again.Updated);
        Assert.Equal(1, again.Unchanged);
        var renamed = (await FindAsync(180001))!;
        Assert.Equal("Askrigg Church of England Primary School", renamed.Name);
        Assert.Equal(61, renamed.NumberOfPupils);
        Assert.Equal([180001, 180002, 180003], await UrnsBetweenAsync(180001, 180003));

        // A school that has since closed is updated too when closed rows are included, so its status is not left stale.
        var closed = await ImportAsync(
            GiasFile.Csv(GiasFile.School(180002, "Carlton Primary School", status: "Closed").With(GiasColumns.CloseDate, "31-08-2025")),
            includeClosed: true);
        Assert.Equal(1, closed.Updated);
        Assert.False((await FindAsync(180002))!.IsOpenOn(new DateOnly(2026, 12, 5)));
    }

    [Fact]
    public async Task Dates_in_dd_mm_yyyy_form_are_parsed_and_empty_dates_are_null()
    {
        var csv = GiasFile.Csv(GiasFile.School(190001, "Dated School")
            .With(GiasColumns.OpenDate, "01-09-2014")
            .With(GiasColumns.CloseDate, "")
            .With(GiasColumns.OfstedLastInspection, "03-12-2023"));

        Assert.Empty((await ImportAsync(csv)).Errors);

        var school = (await FindAsync(190001))!;
        Assert.Equal(new DateOnly(2014, 9, 1), school.OpenDate);
        Assert.Null(school.CloseDate);
        Assert.Equal(new DateOnly(2023, 12, 3), school.OfstedLastInspection);
    }

    [Fact]
    public async Task Codes_keep_their_leading_zeros()
    {
        var csv = GiasFile.Csv(GiasFile.School(200001, "Leading Zero School")
            .With(GiasColumns.PhaseCode, "02")
            .With(GiasColumns.LaCode, "008")
            .With(GiasColumns.EstablishmentNumber, "0042"));

        Assert.Empty((await ImportAsync(csv)).Errors);

        var school = (await FindAsync(200001))!;
        Assert.Equal("02", school.PhaseCode);
        Assert.Equal("008", school.LaCode);
        Assert.Equal("0042", school.EstablishmentNumber);
    }

    [Fact]
    public async Task The_demo_file_imports_cleanly()
    {
        await using var demo = SchoolImporter.DemoSchoolsCsv();

        var result = await ImportAsync(demo);

        Assert.Empty(result.Errors);
        Assert.Equal(11, result.Added);
        Assert.Equal(1, result.SkippedClosed);
        var chloe = (await FindAsync(900002))!;
        Assert.Equal("St Chloë's C of E Primary School", chloe.Name);
        Assert.Equal("Leyburn", chloe.Town);

        await using var context = db.NewContext();
        var demoSchools = await context.Schools.Where(s => s.Urn >= 900000).ToListAsync();
        Assert.Equal(11, demoSchools.Count);
        Assert.All(demoSchools, s =>
        {
            Assert.True(s.IsOpenOn(new DateOnly(2026, 12, 5)));
            Assert.InRange(s.Easting!.Value, 370_000, 510_000);  // Yorkshire on the National Grid
            Assert.InRange(s.Northing!.Value, 420_000, 520_000);
        });
        Assert.Contains(demoSchools, s => s.Phase == "Secondary");
        Assert.Contains(demoSchools, s => s.Phase == "Nursery");
    }

    [Fact]
    public async Task Fifty_thousand_rows_import_in_one_go()
    {
        const int first = 300_000, count = 50_000;
        var rows = Enumerable.Range(first, count).Select(urn => (IReadOnlyDictionary<string, string>)GiasFile.School(urn, $"Bulk School {urn}"));

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var result = await ImportAsync(GiasFile.Csv(rows));
        stopwatch.Stop();

        Assert.Empty(result.Errors);
        Assert.Equal(count, result.Added);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(60), $"took {stopwatch.Elapsed}");
        await using var context = db.NewContext();
        Assert.Equal(count, await context.Schools.CountAsync(s => s.Urn >= first && s.Urn < first + count));
    }
}

/// <summary>A full-size extract, as the College page imports it: progress as it goes, and what counts as open.</summary>
public class FullExtractImportTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static readonly DateOnly Today = new(2026, 12, 5);

    /// <summary>Reports straight away on the importer's thread (Progress&lt;T&gt; would post them later).</summary>
    private sealed class Recorder : IProgress<SchoolImportProgress>
    {
        public List<SchoolImportProgress> Reports { get; } = [];
        public void Report(SchoolImportProgress value) => Reports.Add(value);
    }

    [Fact]
    public async Task A_50000_row_extract_reports_its_progress_and_counts_schools_proposed_to_close_as_open()
    {
        // URNs 500000…549999: 200 closed (status), 100 with a close date already past, 500 "Open, but proposed to close"
        // with a close date next summer, 300 open with a close date still ahead; the rest plainly open.
        var rows = Enumerable.Range(0, 50_000).Select(i =>
        {
            var row = GiasFile.School(500_000 + i, $"School {i:00000}");
            return i switch
            {
                < 200 => GiasFile.School(500_000 + i, $"Closed {i}", status: "Closed").With(GiasColumns.CloseDate, "31-08-2019"),
                < 300 => row.With(GiasColumns.CloseDate, "04-12-2026"),
                < 800 => GiasFile.School(500_000 + i, $"Proposed {i}", status: "Open, but proposed to close").With(GiasColumns.CloseDate, "31-08-2027"),
                < 1_100 => row.With(GiasColumns.CloseDate, "06-12-2026"),
                _ => row,
            };
        }).ToList();
        using var csv = GiasFile.Csv(rows);
        var recorder = new Recorder();

        SchoolImportResult result;
        await using (var context = db.NewContext())
        {
            result = await SchoolImporter.ImportAsync(context, csv, includeClosed: false, today: Today, progress: recorder);
        }

        Assert.True(result.Succeeded);
        Assert.Equal(50_000, result.Read);
        Assert.Equal(49_700, result.Added);
        Assert.Equal(300, result.SkippedClosed);

        var reading = recorder.Reports.Where(r => r.Stage == SchoolImportStage.Reading).ToList();
        Assert.Equal(Enumerable.Range(1, 50).Select(i => i * 1_000).Append(50_000), reading.Select(r => r.RowsRead));
        Assert.True(reading.Zip(reading.Skip(1)).All(p => p.First.FractionRead <= p.Second.FractionRead));
        Assert.Equal(1, reading[^1].FractionRead, 2);
        var writing = Assert.Single(recorder.Reports, r => r.Stage == SchoolImportStage.Writing);
        Assert.Equal(49_700, writing.ToWrite);

        await using (var context = db.NewContext())
        {
            Assert.Equal("Open, but proposed to close", (await context.Schools.AsNoTracking().SingleAsync(s => s.Urn == 500_300)).Status);
            Assert.False(await context.Schools.AnyAsync(s => s.Urn == 500_250));

            // The same file again: nothing added or changed.
            csv.Position = 0;
            var again = await SchoolImporter.ImportAsync(context, csv, includeClosed: false, today: Today);
            Assert.Equal((0, 0, 49_700), (again.Added, again.Updated, again.Unchanged));
        }
    }
}
