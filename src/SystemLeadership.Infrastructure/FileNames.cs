namespace SystemLeadership.Infrastructure;

/// <summary>Download names built from people's and schools' names: lower-case ASCII letters, digits and hyphens only.</summary>
public static class FileNames
{
    public static string Slug(string text) =>
        new string(text.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray()).Trim('-');
}
