using System.Net;
using SystemLeadership.Integration.Tests.Database;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Health;

/// <summary>The built app, as its own process: the health endpoints answer, and /metrics only to those allowed.</summary>
public class HealthEndpointsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private const string Token = "scrape-token-for-tests";

    [Fact]
    public async Task Live_ready_and_the_old_health_answer_and_metrics_is_protected()
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Default"] = db.Connections.App,
            ["ConnectionStrings__Migrations"] = db.Connections.Owner,
            ["Telemetry__ScrapeToken"] = Token,
        };
        static Func<string, HttpRequestMessage> Get(string path, string? bearer = null, bool forwarded = false) => baseUrl =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl + path));
            if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
            if (forwarded) request.Headers.Add("X-Forwarded-For", "203.0.113.9");
            return request;
        };

        var (answers, output) = await WebApp.AskAsync(settings,
            Get("/health"), Get("/health/live"), Get("/health/ready"),
            Get("/metrics", forwarded: true), Get("/metrics", bearer: "wrong", forwarded: true),
            Get("/metrics", bearer: Token, forwarded: true), Get("/metrics"));

        Assert.True(answers.Take(3).All(a => a is (HttpStatusCode.OK, "Healthy")), string.Join(", ", answers.Take(3)) + "\n" + output);
        Assert.Equal(HttpStatusCode.NotFound, answers[3].Status);
        Assert.Equal(HttpStatusCode.NotFound, answers[4].Status);
        Assert.Equal(HttpStatusCode.OK, answers[5].Status);
        Assert.Contains("http_server_request_duration", answers[5].Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, answers[6].Status); // from this machine, not through a proxy
    }
}
