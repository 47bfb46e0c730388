using System.Globalization;
using System.Text;
using Sylvan.Data.Csv;
using SystemLeadership.Domain.Schools;

namespace SystemLeadership.Infrastructure.Schools;

/// <summary>A valid row of the extract: the school it describes and the physical line it started on.</summary>
public sealed record GiasRow(int Line, School School);

/// <summary>Every valid row, or the reasons the file cannot be imported (then <see cref="Rows"/> is empty).</summary>
public sealed record GiasReadResult(IReadOnlyList<GiasRow> Rows, IReadOnlyList<SchoolImportError> Errors);

/// <summary>
/// Reads the Get Information about Schools extract (edubasealldata&lt;YYYYMMDD&gt;.csv): Windows-1252, RFC 4180,
/// columns found by header name so extra or reordered columns are harmless. Every row is checked; nothing is partial.
/// </summary>
public static class GiasCsvReader
{
    private const int NameMaxLength = 300; // The Schools.Name column is varchar(300).

    /// <summary>Windows-1252, the encoding GIAS publishes in. .NET Core only has it once the code-pages provider is registered.</summary>
    public static Encoding Windows1252 { get; } = RegisterWindows1252();

    private static Encoding RegisterWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    /// <summary>How often <see cref="Read"/> says how far it has got.</summary>
    public const int ProgressEvery = 1_000;

    /// <summary>
    /// Reads and checks the whole file. The stream is left open. <paramref name="rowsRead"/>, if given, hears the count of
    /// rows read every <see cref="ProgressEvery"/> rows and at the end.
    /// </summary>
    public static GiasReadResult Read(Stream csv, Action<int>? rowsRead = null)
    {
        ArgumentNullException.ThrowIfNull(csv);
        // A byte-order mark wins over Windows-1252, so a file re-saved as UTF-8 by a spreadsheet still reads correctly.
        using var text = new StreamReader(csv, Windows1252, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        // No header handling by Sylvan: the header is read as a record so a missing or repeated column is our message,
        // and the delimiter is fixed (Sylvan would otherwise guess it from the first line).
        using var records = CsvDataReader.Create(text, new CsvDataReaderOptions
        {
            HasHeaders = false,
            Delimiter = ',',
            MaxBufferSize = 1 << 22,
        });
        var errors = new List<SchoolImportError>();
        var rows = new List<GiasRow>();
        var line = 1; // the physical line the next record starts on
        try
        {
            var header = records.Read() ? Fields(records) : [];
            if (header is [] or [""])
            {
                return Failure(new SchoolImportError(1, "the file is empty: expected a header row naming the GIAS columns"));
            }
            line += LinesIn(records);

            var columns = Columns.From(header);
            var missing = GiasColumns.Required.Where(c => !columns.Has(c)).ToList();
            if (missing.Count > 0)
            {
                return Failure([.. missing.Select(c => new SchoolImportError(1, $"the required column '{c}' is missing from the header"))]);
            }

            var firstLineOfUrn = new Dictionary<int, int>();
            var read = 0;
            while (records.Read())
            {
                if (++read % ProgressEvery == 0) rowsRead?.Invoke(read);
                var recordLine = line;
                line += LinesIn(records);
                var fields = Fields(records);
                if (fields is [""]) continue; // A blank line, usually the last one.
                if (fields.Length != header.Length)
                {
                    errors.Add(new SchoolImportError(recordLine, $"has {fields.Length} fields but the header has {header.Length}"));
                    continue;
                }

                var row = new RowParser(columns, fields, recordLine, errors);
                var school = row.ToSchool();
                if (school is null) continue;
                if (firstLineOfUrn.TryGetValue(school.Urn, out var first))
                {
                    errors.Add(new SchoolImportError(recordLine, $"URN {school.Urn} appears again (first on line {first})"));
                    continue;
                }
                firstLineOfUrn[school.Urn] = recordLine;
                rows.Add(new GiasRow(recordLine, school));
            }
            rowsRead?.Invoke(read);
        }
        catch (CsvFormatException e)
        {
            // Broken quoting leaves the rest of the file unreadable, so it is the last error reported.
            // The record that failed starts on the line after the last one read.
            errors.Add(new SchoolImportError(line, e switch
            {
                CsvInvalidCharacterException { InvalidCharacter: '"' } => "a quoted field is not closed before the end of the file",
                CsvInvalidCharacterException => $"unexpected text after the closing quote of field {e.FieldOrdinal + 1}",
                CsvRecordTooLargeException => "the record is too large to be a GIAS row",
                _ => e.Message,
            }));
        }

        return errors.Count > 0 ? Failure([.. errors]) : new GiasReadResult(rows, []);
    }

    private static string[] Fields(CsvDataReader record)
    {
        var fields = new string[record.RowFieldCount];
        for (var i = 0; i < fields.Length; i++) fields[i] = record.GetString(i);
        return fields;
    }

    /// <summary>How many physical lines the current record spans: one, plus each line break inside a quoted field.</summary>
    private static int LinesIn(CsvDataReader record)
    {
        var lines = 1;
        for (var i = 0; i < record.RowFieldCount; i++)
        {
            var field = record.GetFieldSpan(i);
            int at;
            while ((at = field.IndexOfAny('\r', '\n')) >= 0)
            {
                // A bare CR, a bare LF and a CRLF pair are each one line break.
                lines++;
                var width = field[at] == '\r' && at + 1 < field.Length && field[at + 1] == '\n' ? 2 : 1;
                field = field[(at + width)..];
            }
        }
        return lines;
    }

    private static GiasReadResult Failure(params SchoolImportError[] errors) => new([], errors);

    private sealed class Columns
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);

        public static Columns From(string[] header)
        {
            var columns = new Columns();
            for (var i = 0; i < header.Length; i++)
            {
                // First occurrence wins; a repeated unknown column is no reason to refuse the file.
                columns._index.TryAdd(header[i].Trim(), i);
            }
            return columns;
        }

        public bool Has(string name) => _index.ContainsKey(name);

        public int? IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : null;
    }

    /// <summary>One record's fields turned into a School, adding a reason to the error list for each bad value.</summary>
    private sealed class RowParser(Columns columns, string[] fields, int line, List<SchoolImportError> errors)
    {
        private bool _valid = true;

        public School? ToSchool()
        {
            var school = new School
            {
                Urn = RequiredUrn(),
                Name = Required(GiasColumns.EstablishmentName),
                LaCode = Text(GiasColumns.LaCode),
                LaName = Text(GiasColumns.LaName),
                EstablishmentNumber = Text(GiasColumns.EstablishmentNumber),
                TypeOfEstablishment = Text(GiasColumns.TypeOfEstablishment),
                EstablishmentTypeGroup = Text(GiasColumns.EstablishmentTypeGroup),
                Status = Required(GiasColumns.EstablishmentStatus),
                OpenDate = Date(GiasColumns.OpenDate),
                CloseDate = Date(GiasColumns.CloseDate),
                PhaseCode = Text(GiasColumns.PhaseCode),
                Phase = Text(GiasColumns.Phase),
                StatutoryLowAge = Integer(GiasColumns.StatutoryLowAge),
                StatutoryHighAge = Integer(GiasColumns.StatutoryHighAge),
                NumberOfPupils = Integer(GiasColumns.NumberOfPupils),
                Trust = Text(GiasColumns.Trusts),
                Diocese = Text(GiasColumns.Diocese),
                Street = Text(GiasColumns.Street),
                Town = Text(GiasColumns.Town),
                Postcode = Text(GiasColumns.Postcode),
                Website = Text(GiasColumns.SchoolWebsite),
                Telephone = Text(GiasColumns.TelephoneNum),
                HeadFirstName = Text(GiasColumns.HeadFirstName),
                HeadLastName = Text(GiasColumns.HeadLastName),
                Region = Text(GiasColumns.Region),
                Easting = Integer(GiasColumns.Easting),
                Northing = Integer(GiasColumns.Northing),
                OfstedRating = Text(GiasColumns.OfstedRating),
                OfstedLastInspection = Date(GiasColumns.OfstedLastInspection),
                UrbanRural = Text(GiasColumns.UrbanRural),
            };
            if (school.Name.Length > NameMaxLength) Fail($"{GiasColumns.EstablishmentName} is {school.Name.Length} characters long; at most {NameMaxLength} fit");
            return _valid ? school : null;
        }

        private string Raw(string column) => columns.IndexOf(column) is { } i ? fields[i].Trim() : "";

        // Values such as "Not applicable" are kept as text: they are GIAS's own answers, not missing data.
        private string? Text(string column) => Raw(column) is { Length: > 0 } value ? value : null;

        private string Required(string column)
        {
            var value = Raw(column);
            if (value.Length == 0) Fail($"{column} is empty");
            return value;
        }

        private int RequiredUrn()
        {
            var value = Raw(GiasColumns.Urn);
            if (value.Length == 0)
            {
                Fail($"{GiasColumns.Urn} is empty");
                return 0;
            }
            if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var urn))
            {
                Fail($"{GiasColumns.Urn} '{value}' is not a whole number");
                return 0;
            }
            if (urn <= 0) Fail($"{GiasColumns.Urn} '{value}' is not a positive number");
            return urn;
        }

        private int? Integer(string column)
        {
            var value = Raw(column);
            if (value.Length == 0) return null;
            if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return number;
            Fail($"{column} '{value}' is not a whole number");
            return null;
        }

        private DateOnly? Date(string column)
        {
            var value = Raw(column);
            if (value.Length == 0) return null;
            if (DateOnly.TryParseExact(value, "dd-MM-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            Fail($"{column} '{value}' is not a date in dd-mm-yyyy form");
            return null;
        }

        private void Fail(string reason)
        {
            _valid = false;
            errors.Add(new SchoolImportError(line, reason));
        }
    }
}
