using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Grids;

// The readers here are not sequential: once ReadAsync has returned, the row is in memory and reading a column
// (IsDBNull, GetFieldValue) does not block.
#pragma warning disable CA1849

namespace SystemLeadership.Infrastructure.LeaderDirectory;

/// <summary>What a search narrows to; each part optional. Values come from the address, so any may be nonsense: they just match nothing.</summary>
public sealed record DirectoryFilter(DesignationType? Type = null, string? Specialism = null, string? Phase = null, string? Region = null, string? La = null);

/// <summary>A point on the British National Grid searches are measured from, and how it was found.</summary>
public sealed record Place(string Description, double Easting, double Northing);

/// <summary>One school a typed name might mean.</summary>
public sealed record SchoolChoice(int Urn, string Name, string? Town, string? Postcode);

/// <summary>What "near" was read as: a place, several schools to choose from, or nothing found (with why).</summary>
public sealed record PlaceLookup(Place? Place, IReadOnlyList<SchoolChoice> Choices, string? Problem)
{
    public static PlaceLookup Found(Place place) => new(place, [], null);
    public static PlaceLookup Choose(IReadOnlyList<SchoolChoice> choices) => new(null, choices, null);
    public static PlaceLookup Missing(string problem) => new(null, [], problem);
}

/// <summary>A designation as the directory shows it.</summary>
public sealed record ListedDesignation(string Type, string Name, string ShortName, DateOnly From, DateOnly? To);

/// <summary>A listed leader: one person with one alliance, with what they chose to publish.</summary>
public sealed record DirectoryEntry(
    Guid Id, string Name, string Alliance, string AllianceSlug, string? School, int? SchoolUrn, string? Phase, string? La,
    string? Region, string? About, IReadOnlyList<string> Specialisms, IReadOnlyList<ListedDesignation> Designations,
    double? DistanceMetres, DateTimeOffset? ListedSince);

/// <summary>The values the filters offer: those present in the directory now.</summary>
public sealed record DirectoryOptions(IReadOnlyList<string> Phases, IReadOnlyList<string> LocalAuthorities);

/// <summary>
/// The public "find a system leader" directory (003 §4). It reads the read model <see cref="DirectoryReadModel"/> and the
/// schools register only, as the directory role (SET LOCAL ROLE in a read-only transaction), so even a mistake here
/// could not read a tenant's own tables. No tenant, no person: it answers anyone.
/// </summary>
public sealed partial class PublicDirectory(NpgsqlDataSource dataSource, string directoryRole, TimeProvider clock)
{
    private static readonly TimeSpan OptionsLifetime = TimeSpan.FromMinutes(5);
    private (DirectoryOptions Options, DateTimeOffset At)? options;

    /// <summary>The nine regions of England, as GIAS names them (GOR), in their usual order.</summary>
    public static readonly IReadOnlyList<string> Regions =
    [
        "North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands", "East of England", "London", "South East", "South West",
    ];

    /// <summary>The designations a search can ask for, by the short name the address carries (?designation=SLE).</summary>
    public static readonly IReadOnlyList<(string Code, DesignationType Type, string Name)> Designations =
    [
        .. Presets.All.Select(p => (p.ShortName, p.Type, p.Name)),
        (Presets.Nss.ShortName, DesignationType.NationalSupportSchool, Presets.Nss.Name),
    ];

    // The columns read, in the order the reader takes them (after the total and the distance): the published ones only.
    private static readonly string Columns = string.Join(", ", DirectoryReadModel.PublishedColumns.Select(c => $"\"{c}\""));
    private static readonly string Published = string.Join(", ", DirectoryReadModel.PublishedColumns.Select(c => $"e.\"{c}\""));

    // Listed today: started, not past its end. The read model holds active designations only; the dates take an
    // expired one off on its last day's midnight even before the nightly expiry has run.
    private static string Current(string alias = "") =>
        $"""{alias}"StartDate" <= @today AND ({alias}"EndDate" IS NULL OR {alias}"EndDate" >= @today)""";

    /// <summary>
    /// One page of leaders matching the filter, nearest first when a place is given (straight-line distance on the
    /// grid from their school), else by name. One statement after the role is set: filter, group by person, count, page.
    /// </summary>
    public async Task<PageOf<DirectoryEntry>> SearchAsync(DirectoryFilter filter, Place? near, PageRequest request, CancellationToken ct = default)
    {
        var (rows, total) = await PageAsync(filter, near, request, ct);
        if (rows.Count == 0 && request.Page > 1)
        {
            // A shared address past the end shows the last page, as the other grids do.
            var (_, all) = await PageAsync(filter, near, request with { Page = 1 }, ct);
            if (all == 0) return new PageOf<DirectoryEntry>([], 0, request with { Page = 1 });
            request = request with { Page = (all + request.Size - 1) / request.Size };
            (rows, total) = await PageAsync(filter, near, request, ct);
        }
        return new PageOf<DirectoryEntry>(rows, total, request);
    }

    private async Task<(IReadOnlyList<DirectoryEntry> Rows, int Total)> PageAsync(DirectoryFilter filter, Place? near, PageRequest request, CancellationToken ct)
    {
        // The matching rows are read once to group and order; the page's people are then read again by the listing
        // index (a CTE named twice would be materialised whole).
        var sql = $"""
            WITH matching AS (
                SELECT "ListingId", min("Name") AS name,
                       min(CASE WHEN @x IS NULL OR "Easting" IS NULL OR "Northing" IS NULL THEN NULL
                                ELSE sqrt(power("Easting" - @x, 2) + power("Northing" - @y, 2)) END) AS distance
                FROM "DirectoryEntries"
                WHERE {Current()}
                  AND (@type IS NULL OR "Type" = @type)
                  AND (@specialism IS NULL OR "Specialisms" @> ARRAY[@specialism])
                  AND (@phase IS NULL OR "Phase" = @phase)
                  AND (@region IS NULL OR "Region" = @region)
                  AND (@la IS NULL OR "LaName" = @la)
                GROUP BY "ListingId"
            ), page AS (
                SELECT "ListingId", name, distance, count(*) OVER () AS total FROM matching
                ORDER BY distance NULLS LAST, name, "ListingId"
                LIMIT @size OFFSET @skip
            )
            SELECT p.total, p.distance, {Published}
            FROM page p JOIN "DirectoryEntries" e ON e."ListingId" = p."ListingId" AND {Current("e.")}
            ORDER BY p.distance NULLS LAST, p.name, p."ListingId", e."StartDate", e."SchemeName"
            """;
        return await ReadAsync(sql, command =>
        {
            Add(command, "x", NpgsqlDbType.Double, near?.Easting);
            Add(command, "y", NpgsqlDbType.Double, near?.Northing);
            Add(command, "type", NpgsqlDbType.Text, filter.Type?.ToString());
            Add(command, "specialism", NpgsqlDbType.Text, Blank(filter.Specialism));
            Add(command, "phase", NpgsqlDbType.Text, Blank(filter.Phase));
            Add(command, "region", NpgsqlDbType.Text, Blank(filter.Region));
            Add(command, "la", NpgsqlDbType.Text, Blank(filter.La));
            command.Parameters.AddWithValue("size", request.Size);
            command.Parameters.AddWithValue("skip", request.Skip);
        }, withTotal: true, ct);
    }

    /// <summary>One listed leader, or null when there is no such listing now (never listed, withdrawn, or nothing current).</summary>
    public async Task<DirectoryEntry?> EntryAsync(Guid id, CancellationToken ct = default)
    {
        var sql = $"""
            SELECT 0::bigint, NULL::float8, {Published}
            FROM "DirectoryEntries" e WHERE e."ListingId" = @id AND {Current("e.")}
            ORDER BY e."StartDate", e."SchemeName"
            """;
        var (rows, _) = await ReadAsync(sql, command => command.Parameters.AddWithValue("id", id), withTotal: false, ct);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>The phases and local authorities of the leaders listed now, for the filters (kept for a few minutes).</summary>
    public async Task<DirectoryOptions> OptionsAsync(CancellationToken ct = default)
    {
        if (options is { } cached && clock.GetUtcNow() - cached.At < OptionsLifetime) return cached.Options;
        var phases = new List<string>();
        var las = new List<string>();
        await InDirectoryRoleAsync(async (connection, transaction) =>
        {
#pragma warning disable CA2100 // Constant SQL built in this class; the day is a parameter.
            await using var command = new NpgsqlCommand($"""
                SELECT DISTINCT 'phase', "Phase" FROM "DirectoryEntries" WHERE "Phase" IS NOT NULL AND {Current()}
                UNION ALL
                SELECT DISTINCT 'la', "LaName" FROM "DirectoryEntries" WHERE "LaName" IS NOT NULL AND {Current()}
                """, connection, transaction);
#pragma warning restore CA2100
            command.Parameters.AddWithValue("today", Today);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                (reader.GetString(0) == "phase" ? phases : las).Add(reader.GetString(1));
            }
        }, ct);
        var found = new DirectoryOptions([.. phases.Order(StringComparer.Ordinal)], [.. las.Order(StringComparer.Ordinal)]);
        options = (found, clock.GetUtcNow());
        return found;
    }

    /// <summary>
    /// Where "near" is: a URN; a full postcode (the mean grid reference of the schools that share it, else of its
    /// district); a postcode district ("LS1"); or part of a school's name (one match, or a few to choose from).
    /// Everything from the schools register: no outside service.
    /// </summary>
    public async Task<PlaceLookup> PlaceAsync(string text, CancellationToken ct = default)
    {
        var typed = text.Trim();
        if (typed.Length == 0) return PlaceLookup.Missing("Type a school's name or URN, or a postcode.");
        if (typed.Length > 120) return PlaceLookup.Missing("That is too long for a school's name or a postcode.");
        PlaceLookup? found = null;
        await InDirectoryRoleAsync(async (connection, transaction) => found = await LookUpAsync(connection, transaction, typed, Today, ct), ct);
        return found!;
    }

    private static async Task<PlaceLookup> LookUpAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string typed, DateOnly today, CancellationToken ct)
    {
        if (int.TryParse(typed, out var urn) && typed.Length <= 7)
        {
            await using var byUrn = new NpgsqlCommand("""SELECT "Name", "Easting", "Northing" FROM "Schools" WHERE "Urn" = @urn""", connection, transaction);
            byUrn.Parameters.AddWithValue("urn", urn);
            await using var reader = await byUrn.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return PlaceLookup.Missing($"No school has the URN {urn}.");
            if (reader.IsDBNull(1) || reader.IsDBNull(2)) return PlaceLookup.Missing($"{reader.GetString(0)} has no map reference in the schools register: try its postcode.");
            return PlaceLookup.Found(new Place($"{reader.GetString(0)} (URN {urn})", reader.GetInt32(1), reader.GetInt32(2)));
        }

        var postcode = typed.ToUpperInvariant();
        if (FullPostcode().Match(postcode) is { Success: true } full)
        {
            var key = full.Groups[1].Value + full.Groups[2].Value;
            var pretty = $"{full.Groups[1].Value} {full.Groups[2].Value}";
            return await MeanOfAsync(connection, transaction, """upper(replace("Postcode", ' ', '')) = @key""", key, pretty, ct)
                ?? await MeanOfAsync(connection, transaction, """upper(split_part(btrim("Postcode"), ' ', 1)) = @key""", full.Groups[1].Value, $"the {full.Groups[1].Value} postcode district", ct)
                ?? PlaceLookup.Missing($"No school in the register has a postcode in {full.Groups[1].Value}: check the postcode.");
        }
        if (PostcodeDistrict().IsMatch(postcode))
        {
            return await MeanOfAsync(connection, transaction, """upper(split_part(btrim("Postcode"), ' ', 1)) = @key""", postcode, $"the {postcode} postcode district", ct)
                ?? PlaceLookup.Missing($"No school in the register has a postcode in {postcode}: check the postcode.");
        }

        await using var byName = new NpgsqlCommand("""
            SELECT "Urn", "Name", "Town", "Postcode", "Easting", "Northing" FROM "Schools"
            WHERE "Name" ILIKE @pattern AND "Easting" IS NOT NULL AND "Northing" IS NOT NULL
              AND "Status" NOT ILIKE 'Closed%' AND ("CloseDate" IS NULL OR "CloseDate" > @today)
            ORDER BY lower("Name") = lower(@exact) DESC, "Name", "Urn"
            LIMIT 11
            """, connection, transaction);
        byName.Parameters.AddWithValue("pattern", LikePattern.Containing(typed));
        byName.Parameters.AddWithValue("today", today);
        byName.Parameters.AddWithValue("exact", typed);
        var schools = new List<(SchoolChoice Choice, int Easting, int Northing)>();
        await using (var reader = await byName.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                schools.Add((new SchoolChoice(reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)),
                    reader.GetInt32(4), reader.GetInt32(5)));
            }
        }
        if (schools.Count == 0) return PlaceLookup.Missing($"No open school's name contains “{typed}”, and it is not a postcode: check the spelling, or use the school's URN.");
        var exact = schools.Where(s => string.Equals(s.Choice.Name, typed, StringComparison.OrdinalIgnoreCase)).ToList();
        if (schools.Count == 1 || exact.Count == 1)
        {
            var (choice, easting, northing) = exact.Count == 1 ? exact[0] : schools[0];
            return PlaceLookup.Found(new Place($"{choice.Name} (URN {choice.Urn})", easting, northing));
        }
        return PlaceLookup.Choose([.. schools.Take(10).Select(s => s.Choice)]);
    }

    private static async Task<PlaceLookup?> MeanOfAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string where, string key, string description, CancellationToken ct)
    {
#pragma warning disable CA2100 // The condition is one of two constants above; the value is a parameter.
        await using var command = new NpgsqlCommand($"""SELECT avg("Easting")::float8, avg("Northing")::float8 FROM "Schools" WHERE {where} AND "Easting" IS NOT NULL AND "Northing" IS NOT NULL""", connection, transaction);
#pragma warning restore CA2100
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) && !reader.IsDBNull(0) ? PlaceLookup.Found(new Place(description, reader.GetDouble(0), reader.GetDouble(1))) : null;
    }

    private DateOnly Today => DateOnly.FromDateTime(UkTime.Local(clock.GetUtcNow()));

    private async Task<(IReadOnlyList<DirectoryEntry> Rows, int Total)> ReadAsync(string sql, Action<NpgsqlCommand> parameters, bool withTotal, CancellationToken ct)
    {
        var entries = new List<DirectoryEntry>();
        var total = 0;
        await InDirectoryRoleAsync(async (connection, transaction) =>
        {
#pragma warning disable CA2100 // Constant SQL built in this class; every value is a parameter.
            await using var command = new NpgsqlCommand(sql, connection, transaction);
#pragma warning restore CA2100
            command.Parameters.AddWithValue("today", Today);
            parameters(command);
            await using var reader = await command.ExecuteReaderAsync(ct);
            DirectoryEntry? entry = null;
            var designations = new List<ListedDesignation>();
            var specialisms = new List<string>();
            while (await reader.ReadAsync(ct))
            {
                total = (int)reader.GetInt64(0);
                var id = reader.GetGuid(2);
                if (entry?.Id != id)
                {
                    if (entry is not null) entries.Add(entry with { Designations = designations, Specialisms = specialisms });
                    designations = [];
                    specialisms = [];
                    entry = new DirectoryEntry(id, reader.GetString(3), reader.GetString(18), reader.GetString(19),
                        School: reader.IsDBNull(11) ? null : reader.GetString(11), SchoolUrn: reader.IsDBNull(10) ? null : reader.GetInt32(10),
                        Phase: reader.IsDBNull(12) ? null : reader.GetString(12), La: reader.IsDBNull(13) ? null : reader.GetString(13),
                        Region: reader.IsDBNull(14) ? null : reader.GetString(14), About: reader.IsDBNull(17) ? null : reader.GetString(17),
                        [], [], reader.IsDBNull(1) ? null : reader.GetDouble(1), reader.IsDBNull(20) ? null : reader.GetFieldValue<DateTimeOffset>(20));
                }
                designations.Add(new ListedDesignation(reader.GetString(4), reader.GetString(5), reader.GetString(6),
                    reader.GetFieldValue<DateOnly>(7), reader.IsDBNull(8) ? null : reader.GetFieldValue<DateOnly>(8)));
                foreach (var s in reader.GetFieldValue<string[]>(9)) if (!specialisms.Contains(s)) specialisms.Add(s);
            }
            if (entry is not null) entries.Add(entry with { Designations = designations, Specialisms = specialisms });
        }, ct);
        return (entries, withTotal ? total : entries.Count);
    }

    /// <summary>
    /// A read-only transaction as the directory role: the role is set in the same round trip as the first query
    /// (Npgsql sends BEGIN with it), and ends with the transaction, so a pooled connection goes back as the app role.
    /// </summary>
    private async Task InDirectoryRoleAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task> read, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);
#pragma warning disable CA2100 // The role is a plain identifier checked by DatabaseRoles.
        await using (var role = new NpgsqlCommand($"SET TRANSACTION READ ONLY; SET LOCAL ROLE {directoryRole}", connection, transaction))
#pragma warning restore CA2100
        {
            await role.ExecuteNonQueryAsync(ct);
        }
        await read(connection, transaction);
        await transaction.CommitAsync(ct);
    }

    private static void Add(NpgsqlCommand command, string name, NpgsqlDbType type, object? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")]
    private static partial Regex FullPostcode();

    [GeneratedRegex(@"^[A-Z]{1,2}[0-9][A-Z0-9]?$")]
    private static partial Regex PostcodeDistrict();
}
