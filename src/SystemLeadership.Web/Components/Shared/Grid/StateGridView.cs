using SystemLeadership.Infrastructure.Grids;

namespace SystemLeadership.Web.Components.Shared.Grid;

/// <summary>
/// A grid of records that each have a state, as its address carries the view (?q=&amp;state=&amp;sort=&amp;desc=&amp;page=&amp;size=),
/// read leniently: an unknown state or sort is read as absent. <paramref name="Sorts"/> are the grid's sort keys.
/// </summary>
public abstract record StateGridView<TState>(string? Q, string? State, string? Sort, string? Desc, string? Page, string? Size, IReadOnlyList<string> Sorts)
    where TState : struct, Enum
{
    public string? Search => string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();

    public string? SortKey => Sort is not null && Sorts.Contains(Sort) ? Sort : null;

    public bool Descending => QueryValue.Flag(Desc) == true;

    public PageRequest PageRequest => new(QueryValue.Number(Page) ?? 1, QueryValue.Number(Size) ?? PageRequest.DefaultSize, SortKey, Descending);

    public TState? ParsedState => Enum.TryParse<TState>(State, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;

    /// <summary>The state the grid filters by: the one asked for, unless the grid does not offer it.</summary>
    public virtual TState? AppliedState => ParsedState;

    /// <summary>A grid's filters beyond the search and the state, as they travel in its address.</summary>
    protected virtual IEnumerable<KeyValuePair<string, object?>> MoreFilters => [];

    /// <summary>The query string of this view, changed as given (null removes a parameter).</summary>
    public Dictionary<string, object?> Query(string? sort = null, bool? desc = null, int? page = null, int? size = null, bool keepPage = true)
    {
        var query = new Dictionary<string, object?>
        {
            ["q"] = Search,
            ["state"] = AppliedState?.ToString(),
            ["sort"] = sort ?? SortKey,
            ["desc"] = (desc ?? Descending) ? "true" : null,
            ["page"] = page ?? (keepPage && PageRequest.Page > 1 ? PageRequest.Page : null),
            ["size"] = (size ?? PageRequest.Size) is var s && s != PageRequest.DefaultSize ? s : null,
        };
        foreach (var (key, value) in MoreFilters) query[key] = value;
        return query;
    }
}
