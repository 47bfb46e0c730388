namespace SystemLeadership.Web.Security;

/// <summary>
/// Where a "return to" address may send someone: only somewhere on this site. The rules are ASP.NET Core's
/// <c>Url.IsLocalUrl</c> (a path from the root that does not start "//" or "/\", or "~/…"; no control characters), plus
/// the relative page paths the account pages use ("Account/LoginWith2fa"), which never carry a scheme.
/// </summary>
public static class LocalUrl
{
    /// <summary>True for "/", "/t/x?y=1" and "~/x"; false for "//evil.test", "/\evil.test", "https://…", "javascript:…".</summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url)) return false;
        if (url[0] == '/') return url.Length == 1 || (url[1] != '/' && url[1] != '\\' && !HasControlCharacter(url.AsSpan(1)));
        if (url.StartsWith("~/", StringComparison.Ordinal))
            return url.Length == 2 || (url[2] != '/' && url[2] != '\\' && !HasControlCharacter(url.AsSpan(2)));
        return false;
    }

    /// <summary>
    /// A target on this site for <paramref name="url"/>, relative to <paramref name="baseUri"/> (the app's base, ending
    /// in "/"): a local path as it is, an absolute address on this site made relative, a bare page path ("Account/Login")
    /// kept; anything else (another host, a scheme such as javascript:, a backslash or control character) becomes "",
    /// the home page.
    /// </summary>
    public static string Target(string? url, string baseUri)
    {
        if (string.IsNullOrEmpty(url)) return "";
        if (url[0] is '/' or '~') return IsLocal(url) ? url.TrimStart('~') : "";
        if (url.StartsWith(baseUri, StringComparison.OrdinalIgnoreCase))
        {
            var rest = url[baseUri.Length..];
            return rest.Length == 0 || IsLocal("/" + rest) ? rest : "";
        }
        // A bare page path: no scheme (nothing before a ':' that comes ahead of the first '/'), no backslash, no control characters.
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var slash = url.IndexOf('/', StringComparison.Ordinal);
        var hasScheme = colon >= 0 && (slash < 0 || colon < slash);
        return hasScheme || url.Contains('\\', StringComparison.Ordinal) || HasControlCharacter(url) ? "" : url;
    }

    private static bool HasControlCharacter(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (char.IsControl(c)) return true;
        return false;
    }
}
