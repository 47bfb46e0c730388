using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SystemLeadership.Web.Hosting;

namespace SystemLeadership.Web.Tests.Hosting;

/// <summary>A write the database refuses as read-only (around a failover) is a "try again" page, not the error page.</summary>
public class WritesRefusedMiddlewareTests
{
    private static readonly PostgresException ReadOnly = new("cannot execute INSERT in a read-only transaction", "ERROR", "ERROR", "25006");

    private static async Task<(HttpContext Context, string Body)> SendAsync(RequestDelegate next)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        await new WritesRefusedMiddleware(next, NullLogger<WritesRefusedMiddleware>.Instance).InvokeAsync(context);
        context.Response.Body.Position = 0;
        return (context, await new StreamReader(context.Response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task A_save_the_database_refuses_as_read_only_answers_503_with_retry_after_and_says_nothing_was_saved()
    {
        var (context, body) = await SendAsync(_ => throw new DbUpdateException("An error occurred while saving the entity changes.", ReadOnly));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("text/html", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Contains("Try again in a moment", body, StringComparison.Ordinal);
        Assert.Contains("what you sent was not saved", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_other_failure_still_reaches_the_error_page()
    {
        var duplicate = new DbUpdateException("duplicate", new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505"));

        var thrown = await Assert.ThrowsAsync<DbUpdateException>(() => SendAsync(_ => throw duplicate));

        Assert.Same(duplicate, thrown);
    }

    [Fact]
    public async Task A_refusal_after_the_page_has_started_to_stream_is_not_hidden()
    {
        var context = new DefaultHttpContext();
        var started = new StartedResponse();
        context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>(started);

        await Assert.ThrowsAsync<PostgresException>(() =>
            new WritesRefusedMiddleware(_ => throw ReadOnly, NullLogger<WritesRefusedMiddleware>.Instance).InvokeAsync(context));
    }

    private sealed class StartedResponse : Microsoft.AspNetCore.Http.Features.HttpResponseFeature
    {
        public override bool HasStarted => true;
    }
}
