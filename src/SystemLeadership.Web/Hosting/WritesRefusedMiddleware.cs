using Npgsql;
using SystemLeadership.Infrastructure.Database;

namespace SystemLeadership.Web.Hosting;

/// <summary>
/// A request whose write the database refused because it takes no writes (<see cref="ReadRetryStrategy.IsWriteRefused"/>:
/// a standby, or an old primary on its way back as one, around a failover) answers 503 with Retry-After and a page
/// saying nothing was saved, not the 500 error page: the person may simply send it again. Every pooled connection is
/// dropped, so the next request connects afresh and finds the primary (the connection string's Target Session
/// Attributes), rather than reusing a connection to a server that no longer takes writes.
/// </summary>
public sealed class WritesRefusedMiddleware(RequestDelegate next, ILogger<WritesRefusedMiddleware> logger)
{
    /// <summary>Seconds a client is told to wait: about a failover's promotion and Npgsql's host recheck here.</summary>
    public const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context);
        }
        catch (Exception e) when (ReadRetryStrategy.IsWriteRefused(e))
        {
            NpgsqlConnection.ClearAllPools();
            logger.LogWarning(e, "The database refused a write as read-only (a failover under way?); the connection pools were cleared and the request answered 503");
            if (context.Response.HasStarted) throw;
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers.CacheControl = "no-store";
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(Page, context.RequestAborted);
        }
    }

    // Its own small page (the status-code page would say "not found"): the layout's parts read the database too.
    private const string Page = """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Try again in a moment · SystemLeadership</title>
        <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}a{color:#1d4ed8}</style></head>
        <body><main>
        <h1 id="unavailable">Try again in a moment</h1>
        <p>The database is changing over to its standby, so what you sent was not saved. Nothing has been half-saved:
        go back and send it again in a few seconds.</p>
        <p><a href="/">Go to the home page</a></p>
        </main></body>
        </html>
        """;
}
