using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using SystemLeadership.Infrastructure.Database;

namespace SystemLeadership.Web.Hosting;

/// <summary>
/// A request whose write the database could not take (<see cref="ReadRetryStrategy.IsWriteRefused"/>: refused as
/// read-only by a standby or a primary being demoted, or no server taking writes found while a standby is promoted)
/// answers 503 with Retry-After and a page saying the step could not be saved and to send it again if it does not show
/// (an earlier step of the same request may have been saved), not the 500 error page; so does a read that found no
/// server after its retries. Every pooled connection is dropped (<see cref="Forget"/>), so the next request connects
/// afresh and finds the primary (the connection string's Target Session Attributes), rather than reusing a connection to
/// a server that no longer takes writes. Runs where the framework's exception handler runs
/// (outside Development), before its error page.
/// </summary>
public sealed class WritesRefusedHandler(ILogger<WritesRefusedHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client is told to wait: about a failover's promotion and Npgsql's host recheck here.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!Forget(exception, logger)) return false;
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        httpContext.Response.Headers.CacheControl = "no-store";
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        await httpContext.Response.WriteAsync(Page.Value, cancellationToken);
        return true;
    }

    /// <summary>
    /// Whether the database refused this write (<see cref="ReadRetryStrategy.IsWriteRefused"/>); if so, every pooled
    /// connection is dropped, so the next step connects afresh and finds the primary, and the log says so. For a form
    /// post (this handler) and a step in a circuit (<see cref="Components.Shared.UseCaseComponent"/>) alike.
    /// </summary>
    public static bool Forget(Exception exception, ILogger logger)
    {
        if (!ReadRetryStrategy.IsWriteRefused(exception)) return false;
        NpgsqlConnection.ClearAllPools();
        logger.LogWarning("The database could not take a write (read-only, or no primary found: a failover under way?); the connection pools were cleared and the person asked to try again");
        return true;
    }

    /// <summary>
    /// Its own small static page, wwwroot/unavailable.html (the error page would say "something went wrong", and the
    /// layout's parts read the database too), read from the assembly: a proxy in front can serve the same file.
    /// </summary>
    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = typeof(WritesRefusedHandler).Assembly.GetManifestResourceStream("SystemLeadership.Web.unavailable.html")
            ?? throw new InvalidOperationException("The page unavailable.html is not in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
