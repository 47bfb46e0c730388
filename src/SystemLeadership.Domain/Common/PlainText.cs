using System.Text.RegularExpressions;

namespace SystemLeadership.Domain.Common;

/// <summary>
/// Free text is plain text. Blazor encodes what it shows, but the same words go into emails and PDFs, so markup such
/// as a script tag is refused at the field rather than stored.
/// </summary>
public static partial class PlainText
{
    public const string MarkupMessage = "Use plain text: tags such as <script> are not allowed.";

    public static bool HasMarkup(string? text) => text is not null && Markup().IsMatch(text);

    // A tag starts with "<" directly followed by a letter, "/", "!" or "?"; "results < national average" is not markup.
    [GeneratedRegex(@"</?[a-zA-Z!?]")]
    private static partial Regex Markup();
}
