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
    /// Reads one page in SQL with the count of every match beside each row (an uncorrelated subquery, so the page and
    /// its total are one statement and PostgreSQL counts once). Only an empty page needs more: past the end, the last
    /// page is read instead (a shared address whose filter now matches fewer rows still shows rows); an empty first
    /// page is an empty list.
    /// </summary>
    public static async Task<PageOf<T>> ToPageAsync<T>(this IQueryable<T> ordered, PageRequest request, CancellationToken ct = default)
    {
        var counted = await Counted(ordered, request).ToListAsync(ct);
        if (counted.Count > 0) return new PageOf<T>([.. counted.Select(c => c.Row)], counted[0].Total, request);
        if (request.Page == 1) return new PageOf<T>([], 0, request);
        var total = await ordered.CountAsync(ct);
        if (total == 0) return new PageOf<T>([], 0, request with { Page = 1 });
        request = request with { Page = Math.Max(1, (total + request.Size - 1) / request.Size) };
        counted = await Counted(ordered, request).ToListAsync(ct);
        return new PageOf<T>([.. counted.Select(c => c.Row)], counted.Count > 0 ? counted[0].Total : total, request);
    }

    private static IQueryable<CountedRow<T>> Counted<T>(IQueryable<T> ordered, PageRequest request) =>
        ordered.Skip(request.Skip).Take(request.Size).Select(row => new CountedRow<T> { Row = row, Total = ordered.Count() });

    // A class set by initialiser: EF translates the count inside it as a subquery of the page's statement.
    private sealed class CountedRow<T>
    {
        public T Row { get; init; } = default!;
        public int Total { get; init; }
    }
}
