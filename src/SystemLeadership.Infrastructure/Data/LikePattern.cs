namespace SystemLeadership.Infrastructure.Data;

/// <summary>
/// Typed text as an ILIKE pattern: its own %, _ and \ match literally (PostgreSQL's default escape is \). Characters no
/// stored text can hold (NUL, half a surrogate pair: <see cref="UnstorableTextGuard"/>) are left out, so a search for
/// them finds what it would without them instead of failing in PostgreSQL.
/// </summary>
public static class LikePattern
{
    public static string Exactly(string text) =>
        UnstorableTextGuard.Clean(text).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    public static string Containing(string text) => "%" + Exactly(text.Trim()) + "%";
}
