using Npgsql;
using NpgsqlTypes;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.Grids;
using SystemLeadership.Infrastructure.Telemetry;

// The readers here are not sequential: once ReadAsync has returned, the row is in memory and reading a column
// (IsDBNull, GetFieldValue) does not block.
#pragma warning disable CA1849

namespace SystemLeadership.Infrastructure.LeaderDirectory;

/// <summary>What a search narrows to; each part optional. Values come from the address, so any may be nonsense: they just match nothing.</summary>
public sealed record DirectoryFilter(DesignationType? Type = null, string? Specialism = null, string? Phase = null, string? Region = null, string? La = null);

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
        await InDirectoryRoleAsync(async session =>
        {
            phases.Clear();
            las.Clear();
#pragma warning disable CA2100 // Constant SQL built in this class; the day is a parameter.
            await using var command = session.Command($"""
                SELECT DISTINCT 'phase', "Phase" FROM "DirectoryEntries" WHERE "Phase" IS NOT NULL AND {Current()}
                UNION ALL
                SELECT DISTINCT 'la', "LaName" FROM "DirectoryEntries" WHERE "LaName" IS NOT NULL AND {Current()}
                """);
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

    private DateOnly Today => DateOnly.FromDateTime(UkTime.Local(clock.GetUtcNow()));

    private async Task<(IReadOnlyList<DirectoryEntry> Rows, int Total)> ReadAsync(string sql, Action<NpgsqlCommand> parameters, bool withTotal, CancellationToken ct)
    {
        var entries = new List<DirectoryEntry>();
        var total = 0;
        await InDirectoryRoleAsync(async session =>
        {
            entries.Clear();
            total = 0;
#pragma warning disable CA2100 // Constant SQL built in this class; every value is a parameter.
            await using var command = session.Command(sql);
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
    /// A read-only transaction as the directory role. The role is set in the same round trip as the first query (its
    /// statements go in front of it, and Npgsql sends the deferred BEGIN with them), and ends with the transaction, so a
    /// pooled connection goes back as the app role: a read costs its queries and the commit. A read that fails on a
    /// transient error is made again from the start (<see cref="ReadRetryStrategy.ReadAsync"/>), so each reader starts
    /// from empty.
    /// </summary>
    private Task InDirectoryRoleAsync(Func<DirectorySession, Task> read, CancellationToken ct) => ReadRetryStrategy.ReadAsync(async () =>
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);
        await read(new DirectorySession(connection, transaction, $"SET TRANSACTION READ ONLY; SET LOCAL ROLE {directoryRole};\n"));
        DatabaseRoundTrips.Record();
        await transaction.CommitAsync(ct);
    }, ct);

    /// <summary>Makes the commands of one directory read; the first carries the role's statements.</summary>
    private sealed class DirectorySession(NpgsqlConnection connection, NpgsqlTransaction transaction, string rolePrefix)
    {
        private string? prefix = rolePrefix;

        [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Constant SQL of this class, and the role, a plain identifier checked by DatabaseRoles.")]
        public NpgsqlCommand Command(string sql)
        {
            DatabaseRoundTrips.Record();
            var command = new NpgsqlCommand(prefix + sql, connection, transaction);
            prefix = null;
            return command;
        }
    }

    // A filter with a character no stored text holds matches as it would without it (see UnstorableTextGuard.Clean).
    private static void Add(NpgsqlCommand command, string name, NpgsqlDbType type, object? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = (value is string text ? UnstorableTextGuard.Clean(text) : value) ?? DBNull.Value });

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
