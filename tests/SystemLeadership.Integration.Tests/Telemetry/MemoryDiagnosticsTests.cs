using System.Net;
using System.Text.Json;
using SystemLeadership.Integration.Tests.Database;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Telemetry;

/// <summary>
/// The memory diagnostics bench/circuits.sh reads (a full collection, then the heap): not there unless switched on, and
/// then only for a process on this machine talking to the app directly, never through a proxy.
/// </summary>
public class MemoryDiagnosticsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private Dictionary<string, string> Settings(bool on) => new()
    {
        ["ConnectionStrings__Default"] = db.Connections.App,
        ["ConnectionStrings__Migrations"] = db.Connections.Owner,
        ["Diagnostics__MemoryEndpoint"] = on ? "true" : "false",
    };

    private static Func<string, HttpRequestMessage> Get(bool forwarded = false) => baseUrl =>
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl + "/diagnostics/memory"));
        if (forwarded) request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        return request;
    };

    [Fact]
    public async Task Switched_on_it_tells_this_machine_the_heap_and_the_circuits_and_anyone_through_a_proxy_is_not_found()
    {
        var (answers, output) = await WebApp.AskAsync(Settings(on: true), Get(), Get(forwarded: true));

        Assert.True(answers[0].Status == HttpStatusCode.OK, $"{answers[0]}\n{output}");
        using var figures = JsonDocument.Parse(answers[0].Body);
        Assert.True(figures.RootElement.GetProperty("managedBytes").GetInt64() > 1_000_000);
        Assert.True(figures.RootElement.GetProperty("workingSetBytes").GetInt64() > figures.RootElement.GetProperty("managedBytes").GetInt64());
        Assert.Equal(0, figures.RootElement.GetProperty("circuits").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, answers[1].Status);
    }

    [Fact]
    public async Task Unless_switched_on_it_is_not_found_even_from_this_machine()
    {
        var (answers, _) = await WebApp.AskAsync(Settings(on: false), Get());

        Assert.Equal(HttpStatusCode.NotFound, answers[0].Status);
    }
}
