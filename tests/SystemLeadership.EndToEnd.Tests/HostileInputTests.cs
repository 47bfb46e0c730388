using System.Globalization;
using System.Net;
using System.Text;
using Npgsql;
using SystemLeadership.Testing;

namespace SystemLeadership.EndToEnd.Tests;

/// <summary>The real app with its per-address budget raised, so one test address can post the whole corpus.</summary>
public sealed class HostileAppHost : AppHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RateLimiting__SensitivePermitsPerMinute"] = "1000000",
    };

    protected override bool UsesBrowser => false;
}

/// <summary>
/// Every input in HostileInputs.txt (over-long, NUL, bidi and zero-width, emoji and lone surrogates, SQL and HTML
/// metacharacters, bad dates and numbers, bad base64, open-redirect shapes) sent to every query-taking account and link
/// endpoint and posted to every signed-out form of the real app over HTTP: no answer is a server error, over-long fields
/// get their message, and no refused input leaves a row behind.
/// </summary>
public partial class HostileInputTests(HostileAppHost app) : IClassFixture<HostileAppHost>
{
    private static readonly IReadOnlyList<string> Corpus = HostileCorpus.All;

    [Fact]
    public void The_corpus_holds_at_least_three_hundred_inputs() => Assert.True(Corpus.Count >= 300, $"{Corpus.Count} inputs");

    [Fact]
    public async Task No_query_or_link_endpoint_answers_any_input_with_a_server_error()
    {
        using var http = Client();
        string[] shapes =
        [
            "/Account/Login?ReturnUrl={0}",
            "/Account/ResetPassword?code={0}",
            "/Account/ConfirmEmail?userId={0}&code={0}",
            "/Account/ConfirmEmailChange?userId={0}&email={0}&code={0}",
            "/Account/RegisterConfirmation?email={0}&returnUrl={0}",
            "/Account/LoginWith2fa?returnUrl={0}&rememberMe={0}",
            "/Account/Register?ReturnUrl={0}",
            "/reference/{0}/{0}",
            "/t/{0}?search={0}",
            // The public directory reads every filter into SQL (a place by URN, postcode, district or school name).
            "/directory?near={0}&specialism={0}&page={0}",
            "/directory?designation={0}&phase={0}&la={0}",
        ];
        var failures = new List<string>();
        foreach (var shape in shapes)
            foreach (var (input, i) in Corpus.Select((c, i) => (c, i)))
            {
                var url = string.Format(CultureInfo.InvariantCulture, shape, Encode(input));
                using var response = await http.GetAsync(url);
                if ((int)response.StatusCode >= 500) failures.Add($"{(int)response.StatusCode} GET {shape} #{i + 1}");
            }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task No_signed_out_form_answers_any_input_with_a_server_error_and_refused_registrations_leave_no_account()
    {
        var usersBefore = await CountUsersAsync();
        var registered = 0;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        // Two clients at once, each with its own cookies and half the corpus: the server is never idle waiting for the
        // test, which halves the time on 2 cores. Every input still goes to every field of every form. Inputs that are one
        // address to Identity (ADA@…, " ada@…") go to the same client, one after the other, as one person would send them;
        // the split is the same on every run.
        var groups = Corpus.Select((c, i) => (c, i)).GroupBy(c => c.c.Trim().ToUpperInvariant()).ToList();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async worker =>
        {
            using var http = Client();
            foreach (var (input, i) in groups.Where((_, g) => g % 2 == worker).SelectMany(g => g))
            {
                await PostAsync(http, "/Account/Login", "login", failures, i, ("Input.Email", input), ("Input.Password", input));
                await PostAsync(http, "/Account/ForgotPassword", "forgot-password", failures, i, ("Input.Email", input));
                await PostAsync(http, "/Account/ResendEmailConfirmation", "resend-email-confirmation", failures, i, ("Input.Email", input));
                // The input as the email, then as the name: an account is made only when the page moves on to "check your email".
                if (await PostAsync(http, "/Account/Register", "register", failures, i, ("Input.FullName", "Hostile Tester"), ("Input.Email", input),
                        ("Input.Password", "Correct-horse-9"), ("Input.ConfirmPassword", "Correct-horse-9")) == HttpStatusCode.Redirect) Interlocked.Increment(ref registered);
                if (await PostAsync(http, "/Account/Register", "register", failures, i, ("Input.FullName", input), ("Input.Email", $"hostile-{i}@example.test"),
                        ("Input.Password", "Correct-horse-9"), ("Input.ConfirmPassword", "Correct-horse-9")) == HttpStatusCode.Redirect) Interlocked.Increment(ref registered);
            }
        }));
        Assert.Empty(failures);
        // The corpus holds acceptable names and emails too: some posts made accounts, so the forms were really answered.
        Assert.InRange(registered, 1, Corpus.Count);
        Assert.Equal(usersBefore + registered, await CountUsersAsync());
    }

    [Fact]
    public async Task An_over_long_email_or_name_gets_its_fields_message_and_no_account()
    {
        using var http = Client();
        var usersBefore = await CountUsersAsync();
        var longEmail = await FormAsync(http, "/Account/Register", "register", ("Input.FullName", "Ada"), ("Input.Email", new string('a', 300) + "@school.sch.uk"),
            ("Input.Password", "Correct-horse-9"), ("Input.ConfirmPassword", "Correct-horse-9"));
        Assert.Contains("Enter an email address of 256 characters or fewer", longEmail, StringComparison.Ordinal);
        var longName = await FormAsync(http, "/Account/Register", "register", ("Input.FullName", new string('N', 201)), ("Input.Email", "long-name@example.test"),
            ("Input.Password", "Correct-horse-9"), ("Input.ConfirmPassword", "Correct-horse-9"));
        Assert.Contains("Your name must be at most 200 characters.", longName, StringComparison.Ordinal);
        // A NUL byte in a posted form is refused by the framework's form reading before the page runs: a 400, never a 500.
        using var nulName = await SendFormAsync(http, "/Account/Register", "register", [("Input.FullName", "Ada\0"), ("Input.Email", "nul-name@example.test"),
            ("Input.Password", "Correct-horse-9"), ("Input.ConfirmPassword", "Correct-horse-9")]);
        Assert.Equal(HttpStatusCode.BadRequest, nulName.StatusCode);
        Assert.Equal(usersBefore, await CountUsersAsync());
    }

    [Fact]
    public async Task Signing_in_with_an_off_site_return_address_lands_on_this_site_not_on_an_error()
    {
        foreach (var returnUrl in new[] { "https://evil.test/", "//evil.test/", "/\\evil.test", "javascript:alert(1)" })
        {
            using var http = Client();
            var path = "/Account/Login?ReturnUrl=" + Encode(returnUrl);
            using var response = await SendFormAsync(http, path, "login", [("Input.Email", "manager@swaledale.test"), ("Input.Password", "Demo-Password-2026!")]);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = response.Headers.Location!;
            Assert.True(!location.IsAbsoluteUri || location.Host == new Uri(app.BaseUrl).Host, $"{returnUrl} → {location}");
            Assert.DoesNotContain("evil", location.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_bad_reset_code_is_an_invalid_link_page()
    {
        using var http = Client();
        using var response = await http.GetAsync("/Account/ResetPassword?code=%21%21%21");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/Account/InvalidPasswordReset", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = new Uri(app.BaseUrl),
        Timeout = TimeSpan.FromSeconds(60),
    };

    private async Task<HttpStatusCode> PostAsync(HttpClient http, string path, string form, System.Collections.Concurrent.ConcurrentQueue<string> failures, int index,
        params (string Name, string Value)[] fields)
    {
        using var response = await SendFormAsync(http, path, form, fields);
        if ((int)response.StatusCode >= 500) failures.Enqueue($"{(int)response.StatusCode} POST {path} #{index + 1}");
        return response.StatusCode;
    }

    private async Task<string> FormAsync(HttpClient http, string path, string form, params (string Name, string Value)[] fields)
    {
        using var response = await SendFormAsync(http, path, form, fields);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {html[..Math.Min(html.Length, 2000)]} (posting {string.Join(", ", fields.Select(f => f.Name + "=" + f.Value[..Math.Min(f.Value.Length, 20)]))})");
        return html;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(HttpClient, string), string> _tokens = [];

    private async Task<HttpResponseMessage> SendFormAsync(HttpClient http, string path, string form, (string Name, string Value)[] fields)
    {
        // The antiforgery token belongs to this client's cookie; one read of the page serves every post of that form.
        if (!_tokens.TryGetValue((http, path), out var token))
        {
            var page = await http.GetStringAsync(path);
            token = Steps.FormToken(page);
            _tokens[(http, path)] = token;
        }
        var body = string.Join('&', fields.Append(("_handler", form)).Append(("__RequestVerificationToken", token))
            .Select(f => Encode(f.Item1) + "=" + Encode(f.Item2)));
        using var content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded");
        return await http.PostAsync(path, content);
    }

    private async Task<long> CountUsersAsync()
    {
        await using var connection = new NpgsqlConnection(app.OwnerConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM \"AspNetUsers\"", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Percent-encodes every byte that is not unreserved. A lone surrogate (which UTF-8 cannot hold) is sent as the three
    /// bytes a careless client would send for it, so the server meets malformed UTF-8 too.
    /// </summary>
    private static string Encode(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i, 2)));
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                bytes.AddRange([(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))]);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }
        var encoded = new StringBuilder(bytes.Count * 3);
        foreach (var b in bytes)
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
                encoded.Append((char)b);
            else
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return encoded.ToString();
    }

}
