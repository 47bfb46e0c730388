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
public sealed class WritesRefusedHandler(ILogger<WritesRefusedHandler> logger) : IExceptionHandler
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
        await httpContext.Response.WriteAsync(Page, cancellationToken);
        return true;
    }

    // Its own small page (the error page would say "something went wrong"; the layout's parts read the database too).
    private const string Page = """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Try again in a moment · SystemLeadership</title>
        <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}a{color:#1d4ed8}</style></head>
        <body><main>
        <h1 id="unavailable">Try again in a moment</h1>
        <p>The database is changing over to its standby, so your last step could not be saved. Wait a few seconds, go
        back, and send it again if what you did does not show.</p>
        <p><a href="/">Go to the home page</a></p>
        </main></body>
        </html>
        """;
}
