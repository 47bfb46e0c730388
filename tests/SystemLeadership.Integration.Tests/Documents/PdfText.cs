using System.Text.RegularExpressions;
using UglyToad.PdfPig;

namespace SystemLeadership.Integration.Tests.Documents;

/// <summary>Reads a generated PDF back the way a person copying its text would, one string per page.</summary>
internal static partial class PdfText
{
    public static IReadOnlyList<string> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(p => Normalise(string.Join(" ", p.GetWords().Select(w => w.Text))))];
    }

    public static string All(byte[] pdf) => string.Join(" ", Pages(pdf));

    private static string Normalise(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
