using System.Text.RegularExpressions;
using Npgsql;
using SystemLeadership.Infrastructure.Data;

// The readers here are not sequential: once ReadAsync has returned, the row is in memory and reading a column does not block.
#pragma warning disable CA1849

namespace SystemLeadership.Infrastructure.LeaderDirectory;

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

/// <summary>
/// The directory's "near": where a typed school or postcode is on the grid, from the schools register only (no outside
/// service), read as the directory role like the search itself.
/// </summary>
public sealed partial class PublicDirectory
{
    /// <summary>
    /// Where "near" is: a URN; a full postcode (the mean grid reference of the schools that share it, else of its
    /// district); a postcode district ("LS1"); or part of a school's name (one match, or a few to choose from).
    /// Everything from the schools register: no outside service.
    /// </summary>
    public async Task<PlaceLookup> PlaceAsync(string text, CancellationToken ct = default)
    {
        var typed = UnstorableTextGuard.Clean(text).Trim();
        if (typed.Length == 0) return PlaceLookup.Missing("Type a school's name or URN, or a postcode.");
        if (typed.Length > 120) return PlaceLookup.Missing("That is too long for a school's name or a postcode.");
        PlaceLookup? found = null;
        await InDirectoryRoleAsync(async session => found = await LookUpAsync(session, typed, Today, ct), ct);
        return found!;
    }

    private static async Task<PlaceLookup> LookUpAsync(DirectorySession session, string typed, DateOnly today, CancellationToken ct)
    {
        if (int.TryParse(typed, out var urn) && typed.Length <= 7)
        {
            await using var byUrn = session.Command("""SELECT "Name", "Easting", "Northing" FROM "Schools" WHERE "Urn" = @urn""");
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
            return await MeanOfAsync(session, """upper(replace("Postcode", ' ', '')) = @key""", key, pretty, ct)
                ?? await MeanOfAsync(session, """upper(split_part(btrim("Postcode"), ' ', 1)) = @key""", full.Groups[1].Value, $"the {full.Groups[1].Value} postcode district", ct)
                ?? PlaceLookup.Missing($"No school in the register has a postcode in {full.Groups[1].Value}: check the postcode.");
        }
        if (PostcodeDistrict().IsMatch(postcode))
        {
            return await MeanOfAsync(session, """upper(split_part(btrim("Postcode"), ' ', 1)) = @key""", postcode, $"the {postcode} postcode district", ct)
                ?? PlaceLookup.Missing($"No school in the register has a postcode in {postcode}: check the postcode.");
        }

        await using var byName = session.Command("""
            SELECT "Urn", "Name", "Town", "Postcode", "Easting", "Northing" FROM "Schools"
            WHERE "Name" ILIKE @pattern AND "Easting" IS NOT NULL AND "Northing" IS NOT NULL
              AND "Status" NOT ILIKE 'Closed%' AND ("CloseDate" IS NULL OR "CloseDate" > @today)
            ORDER BY lower("Name") = lower(@exact) DESC, "Name", "Urn"
            LIMIT 11
            """);
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

    private static async Task<PlaceLookup?> MeanOfAsync(DirectorySession session, string where, string key, string description, CancellationToken ct)
    {
#pragma warning disable CA2100 // The condition is one of two constants above; the value is a parameter.
        await using var command = session.Command($"""SELECT avg("Easting")::float8, avg("Northing")::float8 FROM "Schools" WHERE {where} AND "Easting" IS NOT NULL AND "Northing" IS NOT NULL""");
#pragma warning restore CA2100
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) && !reader.IsDBNull(0) ? PlaceLookup.Found(new Place(description, reader.GetDouble(0), reader.GetDouble(1))) : null;
    }

    [GeneratedRegex(@"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")]
    private static partial Regex FullPostcode();

    [GeneratedRegex(@"^[A-Z]{1,2}[0-9][A-Z0-9]?$")]
    private static partial Regex PostcodeDistrict();
}
