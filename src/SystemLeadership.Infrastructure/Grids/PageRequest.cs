using Microsoft.EntityFrameworkCore;

namespace SystemLeadership.Infrastructure.Grids;

/// <summary>
/// Which page of a list, in which order: read from a page's query string, so a view can be shared by its address.
/// Out-of-range values are brought into range rather than refused (a hand-edited address still shows a page).
/// </summary>
public sealed record PageRequest(int Page = 1, int Size = PageRequest.DefaultSize, string? Sort = null, bool Descending = false)
{
    public const int DefaultSize = 25;
    public static readonly IReadOnlyList<int> Sizes = [10, 25, 50, 100];

    /// <summary>At most this page: far past any list's end, and small enough that the offset cannot overflow.</summary>
    public const int MaxPage = 1_000_000;

    public int Page { get; init; } = Math.Clamp(Page, 1, MaxPage);
    public int Size { get; init; } = Sizes.Contains(Size) ? Size : DefaultSize;
    public int Skip => (Page - 1) * Size;
}

/// <summary>One page of rows and how many match in all.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Rows, int Total, PageRequest Request)
{
    public int Pages => Math.Max(1, (Total + Request.Size - 1) / Request.Size);
    public int First => Total == 0 ? 0 : Request.Skip + 1;
    public int Last => Request.Skip + Rows.Count;
}

public static class Paging
{
    /// <summary>
    /// Reads one page in SQL, and counts the matches only when the page cannot tell: a first page that is not full is
    /// the whole list (one statement, the usual case for an alliance's lists); a full page, or a later one, is counted
    /// too (two). A page past the end gives the last page instead, so a shared address whose filter now matches fewer
    /// rows still shows rows.
    /// </summary>
    public static async Task<PageOf<T>> ToPageAsync<T>(this IQueryable<T> ordered, PageRequest request, CancellationToken ct = default)
    {
        var rows = await ordered.Skip(request.Skip).Take(request.Size).ToListAsync(ct);
        if (rows.Count > 0 && rows.Count < request.Size) return new PageOf<T>(rows, request.Skip + rows.Count, request);
        if (rows.Count == 0 && request.Page == 1) return new PageOf<T>(rows, 0, request);
        var total = await ordered.CountAsync(ct);
        var lastPage = Math.Max(1, (total + request.Size - 1) / request.Size);
        if (request.Page <= lastPage) return new PageOf<T>(rows, total, request);
        request = request with { Page = lastPage };
        rows = total == 0 ? [] : await ordered.Skip(request.Skip).Take(request.Size).ToListAsync(ct);
        return new PageOf<T>(rows, total, request);
    }
}
