using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace SystemLeadership.Infrastructure.Grids;

/// <summary>A column of an exported table: its heading and how to read it from a row.</summary>
public sealed record ExportColumn<T>(string Heading, Func<T, object?> Value);

/// <summary>
/// Writes the rows a filtered list holds as CSV (CsvHelper: RFC 4180, and a cell that a spreadsheet would run as a
/// formula is escaped) or XLSX (MiniExcel). The columns are declared once per list and serve both.
/// </summary>
public static class TableExport
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The most rows one download holds (a nation's register fits); a wider one is narrowed by its filter.</summary>
    public const int RowLimit = 50_000;

    /// <summary>What a download reads: one row more than it holds, so a list too long to download is told apart from one that just fits.</summary>
    public const int ReadLimit = RowLimit + 1;

    /// <param name="byteOrderMark">For a download a person opens in Excel (which then reads UTF-8 right); leave it off for a
    /// file another system imports.</param>
    public static async Task WriteCsvAsync<T>(Stream output, IReadOnlyList<ExportColumn<T>> columns, IEnumerable<T> rows,
        bool byteOrderMark = true, CancellationToken ct = default)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };
        await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: byteOrderMark), leaveOpen: true);
        await using var csv = new CsvWriter(writer, configuration);
        foreach (var column in columns) csv.WriteField(column.Heading);
        await csv.NextRecordAsync();
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var column in columns) csv.WriteField(Text(column.Value(row)));
            await csv.NextRecordAsync();
        }
    }

    public static async Task WriteXlsxAsync<T>(Stream output, string sheetName, IReadOnlyList<ExportColumn<T>> columns, IEnumerable<T> rows, CancellationToken ct = default)
    {
        var sheet = rows.Select(row =>
        {
            var cells = new Dictionary<string, object?>(columns.Count);
            foreach (var column in columns) cells[column.Heading] = Cell(column.Value(row));
            return cells;
        });
        // MiniExcel writes to a seekable stream; a response body is not one.
        using var buffer = new MemoryStream();
        await buffer.SaveAsAsync(sheet, sheetName: sheetName, cancellationToken: ct);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    // Dates as the UK writes them in a CSV; in a spreadsheet, a real date cell.
    private static string? Text(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static object? Cell(object? value) => value switch
    {
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        DateTimeOffset t => t.UtcDateTime,
        Enum e => e.ToString(),
        _ => value,
    };
}
