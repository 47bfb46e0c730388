using System.Text;
using SystemLeadership.Infrastructure.Schools;

namespace SystemLeadership.Integration.Tests.Schools;

/// <summary>Writes GIAS-style extracts for tests: every field quoted, CRLF line ends, Windows-1252 bytes.</summary>
internal static class GiasFile
{
    public static readonly IReadOnlyList<string> Header =
    [
        GiasColumns.Urn, GiasColumns.LaCode, GiasColumns.LaName, GiasColumns.EstablishmentNumber, GiasColumns.EstablishmentName,
        GiasColumns.TypeOfEstablishment, GiasColumns.EstablishmentTypeGroup, GiasColumns.EstablishmentStatus, GiasColumns.OpenDate,
        GiasColumns.CloseDate, GiasColumns.PhaseCode, GiasColumns.Phase, GiasColumns.StatutoryLowAge, GiasColumns.StatutoryHighAge,
        GiasColumns.NumberOfPupils, GiasColumns.Trusts, GiasColumns.Diocese, GiasColumns.Street, GiasColumns.Town, GiasColumns.Postcode,
        GiasColumns.SchoolWebsite, GiasColumns.TelephoneNum, GiasColumns.HeadFirstName, GiasColumns.HeadLastName, GiasColumns.Region,
        GiasColumns.Easting, GiasColumns.Northing, GiasColumns.OfstedRating, GiasColumns.OfstedLastInspection, GiasColumns.UrbanRural,
    ];

    /// <summary>A complete, valid open primary school; tests override the values they care about.</summary>
    public static Dictionary<string, string> School(int urn, string name, string status = "Open") => new()
    {
        [GiasColumns.Urn] = urn.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [GiasColumns.LaCode] = "815",
        [GiasColumns.LaName] = "North Yorkshire",
        [GiasColumns.EstablishmentNumber] = "2345",
        [GiasColumns.EstablishmentName] = name,
        [GiasColumns.TypeOfEstablishment] = "Community school",
        [GiasColumns.EstablishmentTypeGroup] = "Local authority maintained schools",
        [GiasColumns.EstablishmentStatus] = status,
        [GiasColumns.OpenDate] = "01-09-1974",
        [GiasColumns.CloseDate] = "",
        [GiasColumns.PhaseCode] = "2",
        [GiasColumns.Phase] = "Primary",
        [GiasColumns.StatutoryLowAge] = "4",
        [GiasColumns.StatutoryHighAge] = "11",
        [GiasColumns.NumberOfPupils] = "150",
        [GiasColumns.Trusts] = "",
        [GiasColumns.Diocese] = "Not applicable",
        [GiasColumns.Street] = "School Lane",
        [GiasColumns.Town] = "Bedale",
        [GiasColumns.Postcode] = "DL8 1ZZ",
        [GiasColumns.SchoolWebsite] = "https://www.school.example",
        [GiasColumns.TelephoneNum] = "01632 960000",
        [GiasColumns.HeadFirstName] = "Ann",
        [GiasColumns.HeadLastName] = "Head",
        [GiasColumns.Region] = "Yorkshire and the Humber",
        [GiasColumns.Easting] = "427000",
        [GiasColumns.Northing] = "488000",
        [GiasColumns.OfstedRating] = "Good",
        [GiasColumns.OfstedLastInspection] = "15-06-2022",
        [GiasColumns.UrbanRural] = "(England/Wales) Rural town and fringe",
    };

    public static Dictionary<string, string> With(this Dictionary<string, string> row, string column, string value)
    {
        row[column] = value;
        return row;
    }

    /// <summary>The rows under <paramref name="header"/> (default: <see cref="Header"/>); a column a row lacks is empty.</summary>
    public static MemoryStream Csv(IEnumerable<IReadOnlyDictionary<string, string>> rows, IReadOnlyList<string>? header = null)
    {
        header ??= Header;
        var text = new StringBuilder();
        text.Append(string.Join(',', header.Select(Quote))).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(string.Join(',', header.Select(c => Quote(row.TryGetValue(c, out var v) ? v : "")))).Append("\r\n");
        }
        return Encoded(text.ToString());
    }

    public static MemoryStream Csv(params Dictionary<string, string>[] rows) => Csv(rows.Cast<IReadOnlyDictionary<string, string>>());

    public static MemoryStream Encoded(string text) => new(GiasCsvReader.Windows1252.GetBytes(text));

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
