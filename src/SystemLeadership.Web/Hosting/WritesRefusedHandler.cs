using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using SystemLeadership.Infrastructure.Database;

namespace SystemLeadership.Web.Hosting;

/// <summary>
/// A request whose write the database could not take (<see cref="ReadRetryStrategy.IsWriteRefused"/>: refused as
/// read-only by a standby or a primary being demoted, or no server taking writes found while a standby is promoted)
/// answers 503 with Retry-After and a page saying the step could not be saved and to send it again if it does not show
/// (an earlier step of the same request may have been saved), not the 500 error page. A read that found no server after its retries answers the same. Every pooled connection is dropped, so the next
/// request connects afresh and finds the primary (the connection string's Target Session Attributes), rather than
/// reusing a connection to a server that no longer takes writes. Runs where the framework's exception handler runs
/// (outside Development), before its error page.
/// </summary>
public sealed class WritesRefusedHandler(ILogger<WritesRefusedHandler> logger, IWebHostEnvironment environment) : IExceptionHandler
{
    /// <summary>Seconds a client is told to wait: about a failover's promotion and Npgsql's host recheck here.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!ReadRetryStrategy.IsWriteRefused(exception)) return false;
        NpgsqlConnection.ClearAllPools();
        logger.LogWarning("The database could not take a write (read-only, or no primary found: a failover under way?); the connection pools were cleared and the request answered 503");
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        httpContext.Response.Headers.CacheControl = "no-store";
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        await httpContext.Response.WriteAsync(await PageAsync(), cancellationToken);
        return true;
    }

    private string? page;

    /// <summary>
    /// Its own small static page, wwwroot/unavailable.html (the error page would say "something went wrong", and the
    /// layout's parts read the database too). Served as a file as well, so a proxy in front can show the same page.
    /// </summary>
    private async Task<string> PageAsync()
    {
        if (page is not null) return page;
        await using var stream = environment.WebRootFileProvider.GetFileInfo(PagePath).CreateReadStream();
        using var reader = new StreamReader(stream);
        return page = await reader.ReadToEndAsync();
    }

    public const string PagePath = "unavailable.html";
}
