using System.Globalization;

namespace SystemLeadership.Web.Components.Shared.Grid;

/// <summary>
/// A grid's numbers and switches as an address carries them, read leniently: a hand-edited "?page=abc" or "?desc=maybe"
/// is read as absent (the first page, ascending) rather than failing the page, as typed int?/bool? query parameters do.
/// </summary>
public static class QueryValue
{
    public static int? Number(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static bool? Flag(string? text) => bool.TryParse(text, out var b) ? b : null;
}
