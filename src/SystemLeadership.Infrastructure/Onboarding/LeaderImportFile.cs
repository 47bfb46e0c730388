using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;
using SystemLeadership.Domain.Onboarding;
using SystemLeadership.Infrastructure.Grids;

namespace SystemLeadership.Infrastructure.Onboarding;

/// <summary>The rows of an uploaded file, or what is wrong with the file as a whole.</summary>
public sealed record LeaderImportFileRead(IReadOnlyList<LeaderImportInput> Rows, IReadOnlyList<ImportProblem> Problems);

/// <summary>
/// Reads an onboarding spreadsheet, CSV (CsvHelper) or XLSX (MiniExcel), by its column headings (any order, any case;
/// other columns are ignored), and writes the template people fill in. Line numbers are the spreadsheet's: the header
/// is line 1.
/// </summary>
public static class LeaderImportFile
{
    public static LeaderImportFileRead Read(Stream file, string fileName)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            var table = fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ReadXlsx(file)
                : fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(file)
                : null;
            if (table is null) return Problem("Upload a .csv or .xlsx file (the template is either).");
            return FromTable(table.Value.Header, table.Value.Rows);
        }
        catch (Exception e) when (e is CsvHelperException or InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException)
        {
            return Problem($"The file could not be read as {(fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? "a spreadsheet" : "CSV")}: save it again from the template.");
        }
    }

    private static (string[] Header, List<(int Line, string?[] Cells)> Rows)? ReadCsv(Stream file)
    {
        using var reader = new StreamReader(file, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false, DetectDelimiter = false, BadDataFound = null });
        string[] header = [];
        var rows = new List<(int, string?[])>();
        while (csv.Read())
        {
            var cells = Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i)).ToArray();
            if (header.Length == 0)
            {
                header = [.. cells.Select(c => c ?? "")];
                continue;
            }
            rows.Add((csv.Parser.Row, cells));
            if (rows.Count > LeaderImportRules.MaxRows) break;
        }
        return (header, rows);
    }

    private static (string[] Header, List<(int Line, string?[] Cells)> Rows)? ReadXlsx(Stream file)
    {
        // MiniExcel reads from a seekable stream; an upload may not be one.
        using var buffer = new MemoryStream();
        file.CopyTo(buffer);
        buffer.Position = 0;
        string[] header = [];
        var rows = new List<(int, string?[])>();
        var line = 0;
        foreach (IDictionary<string, object?> row in buffer.Query(useHeaderRow: false))
        {
            line++;
            var cells = row.Values.Select(Text).ToArray();
            if (header.Length == 0)
            {
                header = [.. cells.Select(c => c ?? "")];
                continue;
            }
            rows.Add((line, cells));
            if (rows.Count > LeaderImportRules.MaxRows) break;
        }
        return (header, rows);
    }

    private static string? Text(object? cell) => cell switch
    {
        null => null,
        DateTime d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        double n => n.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString(),
    };

    private static LeaderImportFileRead FromTable(string[] header, List<(int Line, string?[] Cells)> rows)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            if (name.Length > 0) index.TryAdd(name, i);
        }
        var missing = LeaderImportRules.RequiredColumns.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            return new([], [.. missing.Select(c => new ImportProblem(1, null, $"The column '{c}' is missing from the header: start from the template."))]);
        if (rows.Count > LeaderImportRules.MaxRows)
            return Problem($"The file has more than {LeaderImportRules.MaxRows:N0} rows: split it into smaller files.");

        string? Cell(string?[] cells, string column) => index.TryGetValue(column, out var i) && i < cells.Length ? cells[i] : null;
        var inputs = rows
            .Where(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c)))
            .Select(r => new LeaderImportInput(r.Line, Cell(r.Cells, "Name"), Cell(r.Cells, "Email"), Cell(r.Cells, "Designation"),
                Cell(r.Cells, "Specialisms"), Cell(r.Cells, "School URN"), Cell(r.Cells, "Start date"), Cell(r.Cells, "End date"),
                Cell(r.Cells, "Days a term"), Cell(r.Cells, "Headteacher name"), Cell(r.Cells, "Headteacher email")))
            .ToList();
        return inputs.Count == 0 ? Problem("The file has a header but no leaders.") : new(inputs, []);
    }

    private static LeaderImportFileRead Problem(string message) => new([], [new ImportProblem(1, null, message)]);

    private sealed record TemplateRow(string Name, string Email, string Designation, string Specialisms, int Urn, string Start, string End, string Days, string Head, string HeadEmail);

    private static readonly TemplateRow Example = new("Ada Example", "ada.example@school.sch.uk", "SLE", "Maths; Assessment", 900003,
        "01/09/2024", "31/08/2028", "10", "Sam Head", "head@school.sch.uk");

    private static readonly IReadOnlyList<ExportColumn<TemplateRow>> TemplateColumns =
    [
        new("Name", r => r.Name), new("Email", r => r.Email), new("Designation", r => r.Designation), new("Specialisms", r => r.Specialisms),
        new("School URN", r => r.Urn), new("Start date", r => r.Start), new("End date", r => r.End), new("Days a term", r => r.Days),
        new("Headteacher name", r => r.Head), new("Headteacher email", r => r.HeadEmail),
    ];

    /// <summary>The template: the columns in order, with one example row to overwrite.</summary>
    public static Task WriteTemplateAsync(Stream output, bool xlsx, CancellationToken ct = default) =>
        xlsx ? TableExport.WriteXlsxAsync(output, "Leaders", TemplateColumns, [Example], ct)
             : TableExport.WriteCsvAsync(output, TemplateColumns, [Example], byteOrderMark: true, ct);
}
