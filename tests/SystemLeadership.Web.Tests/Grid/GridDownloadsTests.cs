using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SystemLeadership.Infrastructure.Grids;
using SystemLeadership.Web.Grids;

namespace SystemLeadership.Web.Tests.Grid;

/// <summary>A grid's download holds every row its filter matches, or says why it cannot: never a list cut short in silence.</summary>
public class GridDownloadsTests
{
    private static readonly IReadOnlyList<ExportColumn<int>> Columns = [new("Number", n => n)];

    private static async Task<(int Status, string Body)> SendAsync(IResult result)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        using var body = new MemoryStream();
        http.Response.Body = body;
        await result.ExecuteAsync(http);
        return (http.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()));
    }

    [Fact]
    public async Task A_list_longer_than_a_download_holds_is_refused_in_words()
    {
        var rows = Enumerable.Range(1, TableExport.ReadLimit).ToList();

        var (status, body) = await SendAsync(GridDownloads.Result("csv", "Numbers", "numbers", Columns, rows, default));

        Assert.Equal(400, status);
        Assert.Equal("More than 50,000 rows match, more than one download holds: narrow the filter and download again.", body);
    }

    [Fact]
    public async Task A_list_that_just_fits_downloads_every_row()
    {
        var rows = Enumerable.Range(1, TableExport.RowLimit).ToList();

        var (status, body) = await SendAsync(GridDownloads.Result("csv", "Numbers", "numbers", Columns, rows, default));

        Assert.Equal(200, status);
        var lines = body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(TableExport.RowLimit + 1, lines.Length);
        Assert.Equal("50000", lines[^1]);
    }
}
