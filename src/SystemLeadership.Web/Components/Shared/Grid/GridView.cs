using SystemLeadership.Infrastructure.Grids;

namespace SystemLeadership.Web.Components.Shared.Grid;

/// <summary>
/// A grid's view as its address carries it (?q=&amp;sort=&amp;desc=&amp;page=&amp;size= and the grid's own filters), read
/// leniently: an unknown sort is read as absent. <paramref name="Sorts"/> are the grid's sort keys.
/// </summary>
public abstract record GridView(string? Q, string? Sort, string? Desc, string? Page, string? Size, IReadOnlyList<string> Sorts)
{
    public string? Search => string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();

    public string? SortKey => Sort is not null && Sorts.Contains(Sort) ? Sort : null;

    public bool Descending => QueryValue.Flag(Desc) == true;

    public PageRequest PageRequest => new(QueryValue.Number(Page) ?? 1, QueryValue.Number(Size) ?? PageRequest.DefaultSize, SortKey, Descending);

    /// <summary>The grid's filters beyond the search, as they travel in its address.</summary>
    protected virtual IEnumerable<KeyValuePair<string, object?>> Filters => [];

    /// <summary>The query string of this view, changed as given (null removes a parameter).</summary>
    public Dictionary<string, object?> Query(string? sort = null, bool? desc = null, int? page = null, int? size = null, bool keepPage = true)
    {
        var query = new Dictionary<string, object?> { ["q"] = Search };
        foreach (var (key, value) in Filters) query[key] = value;
        query["sort"] = sort ?? SortKey;
        query["desc"] = (desc ?? Descending) ? "true" : null;
        query["page"] = page ?? (keepPage && PageRequest.Page > 1 ? PageRequest.Page : null);
        query["size"] = (size ?? PageRequest.Size) is var s && s != PageRequest.DefaultSize ? s : null;
        return query;
    }
}
