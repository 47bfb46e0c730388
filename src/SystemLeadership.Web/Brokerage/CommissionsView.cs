using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Grids;
using SystemLeadership.Web.Components.Shared.Grid;

namespace SystemLeadership.Web.Brokerage;

/// <summary>The requests grid's view as its address carries it (?q=&amp;state=&amp;sort=&amp;desc=&amp;page=&amp;size=), read leniently.</summary>
public sealed record CommissionsView(string? Q = null, string? State = null, string? Sort = null, string? Desc = null, string? Page = null, string? Size = null)
{
    public CommissionFilter Filter => new(ParsedState, string.IsNullOrWhiteSpace(Q) ? null : Q.Trim());

    public string? SortKey => Sort is not null && CommissionGrid.Sorts.Contains(Sort) ? Sort : null;

    public bool Descending => QueryValue.Flag(Desc) == true;

    public PageRequest PageRequest => new(QueryValue.Number(Page) ?? 1, QueryValue.Number(Size) ?? PageRequest.DefaultSize, SortKey, Descending);

    public CommissionState? ParsedState => Enum.TryParse<CommissionState>(State, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;

    /// <summary>The query string of this view, changed as given (null removes a parameter).</summary>
    public Dictionary<string, object?> Query(string? sort = null, bool? desc = null, int? page = null, int? size = null, bool keepPage = true) => new()
    {
        ["q"] = Filter.Search,
        ["state"] = ParsedState?.ToString(),
        ["sort"] = sort ?? SortKey,
        ["desc"] = (desc ?? Descending) ? "true" : null,
        ["page"] = page ?? (keepPage && PageRequest.Page > 1 ? PageRequest.Page : null),
        ["size"] = (size ?? PageRequest.Size) is var s && s != PageRequest.DefaultSize ? s : null,
    };
}
