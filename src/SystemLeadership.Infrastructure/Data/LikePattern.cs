namespace SystemLeadership.Infrastructure.Data;

/// <summary>Typed text as an ILIKE pattern: its own %, _ and \ match literally (PostgreSQL's default escape is \).</summary>
public static class LikePattern
{
    public static string Exactly(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    public static string Containing(string text) => "%" + Exactly(text.Trim()) + "%";
}
