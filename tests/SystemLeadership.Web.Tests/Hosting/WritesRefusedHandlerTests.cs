using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SystemLeadership.Web.Hosting;

namespace SystemLeadership.Web.Tests.Hosting;

/// <summary>A write the database refuses as read-only (around a failover) is a "try again" page, not the error page.</summary>
public class WritesRefusedHandlerTests
{
    private static readonly PostgresException ReadOnly = new("cannot execute INSERT in a read-only transaction", "ERROR", "ERROR", "25006");

    private static async Task<(bool Handled, HttpContext Context, string Body)> HandleAsync(Exception exception)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        var handled = await new WritesRefusedHandler(NullLogger<WritesRefusedHandler>.Instance).TryHandleAsync(context, exception, CancellationToken.None);
        context.Response.Body.Position = 0;
        return (handled, context, await new StreamReader(context.Response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task A_save_the_database_refuses_as_read_only_answers_503_with_retry_after_and_says_nothing_was_saved()
    {
        var (handled, context, body) = await HandleAsync(new DbUpdateException("An error occurred while saving the entity changes.", ReadOnly));

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("text/html", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Contains("Try again in a moment", body, StringComparison.Ordinal);
        Assert.Contains("your last step could not be saved", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_save_that_finds_no_database_taking_writes_while_a_standby_is_promoted_answers_503_too()
    {
        var (handled, context, _) = await HandleAsync(new DbUpdateException("An error occurred while saving the entity changes.", new NpgsqlException("No suitable host was found.")));

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
    }

    [Fact]
    public async Task Any_other_failure_is_left_to_the_error_page()
    {
        // A unique index's refusal, and a connection lost mid-write (whose commit may or may not have happened).
        var (handled, context, body) = await HandleAsync(new DbUpdateException("duplicate", new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505")));
        Assert.False((await HandleAsync(new NpgsqlException("Exception while reading from stream", new IOException("closed")))).Handled);

        Assert.False(handled);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Empty(body);
    }
}
