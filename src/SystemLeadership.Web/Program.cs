using SystemLeadership.Infrastructure.Reports;
using SystemLeadership.Infrastructure.LeaderDirectory;
using SystemLeadership.Infrastructure.Onboarding;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Infrastructure;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Infrastructure.Deployments;
using SystemLeadership.Infrastructure.Evaluations;
using SystemLeadership.Infrastructure.Reimbursement;
using SystemLeadership.Infrastructure.Schools;
using SystemLeadership.Infrastructure.Email;
using SystemLeadership.Infrastructure.Health;
using SystemLeadership.Infrastructure.Tenancy;
using SystemLeadership.Web.Components;
using SystemLeadership.Web.Components.Account;
using SystemLeadership.Web.Hosting;
using SystemLeadership.Infrastructure.Demo;
using SystemLeadership.Web.Documents;
using SystemLeadership.Web.Security;
using SystemLeadership.Web.Telemetry;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);

using var startupLoggerFactory = LoggerFactory.Create(l => l.AddSimpleConsole());
var startupLogger = startupLoggerFactory.CreateLogger("Startup");

// Command mode: `setup-database`, `migrate` and `import-schools <file.csv> [--include-closed]` run and exit.
if (args.Length > 0 && Commands.IsCommand(args[0]))
{
    return await Commands.RunAsync(args, builder.Configuration, builder.Environment, startupLogger);
}

var database = DatabaseConnections.Resolve(builder.Configuration, builder.Environment, startupLogger);
AdjustableClock.Use(builder);

builder.Services.AddRazorComponents().AddInteractiveServerComponents()
    // Set deliberately, with the browser's bound on typed text: see InputBounds.
    .AddHubOptions(options => options.MaximumReceiveMessageSize = InputBounds.MaxCircuitMessageBytes);
SystemLeadership.Web.Telemetry.MemoryDiagnostics.Add(builder);
builder.Services.AddMudServices();

builder.Services.AddTenancy(database.App, new AppLinks(builder.Configuration["App:BaseUrl"] ?? "http://localhost:5080"));
builder.Services.AddSystemLeadershipDataProtection();
builder.Services.AddSchools();
var runScheduler = builder.Configuration.GetValue("Scheduler:Enabled", true);
builder.Services.AddDesignations(runScheduler);
builder.Services.AddBrokerage();
builder.Services.AddDeployments();
builder.Services.AddEvaluations();
builder.Services.AddReports();
builder.Services.AddLeaderDirectory(database.App, database.Roles);
builder.Services.AddOnboarding();
builder.Services.AddReimbursement();
builder.Services.AddSystemLeadershipEmail(builder.Configuration);

builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<IdentityRedirectManager>();
builder.Services.AddScoped<SystemLeadership.Web.Components.Shared.Prerendered>();
builder.Services.AddExceptionHandler<SystemLeadership.Web.Hosting.WritesRefusedHandler>();
builder.Services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
builder.Services.AddAuthentication(options =>
    {
        options.DefaultScheme = IdentityConstants.ApplicationScheme;
        options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
    })
    .AddIdentityCookies();
builder.Services.AddAuthorization();

builder.Services.AddIdentityCore<ApplicationUser>(options =>
    {
        options.SignIn.RequireConfirmedAccount = true;
        options.User.RequireUniqueEmail = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Password.RequiredLength = 10;
    })
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<AppDbContext>()
    .AddSignInManager()
    .AddDefaultTokenProviders()
    .AddClaimsPrincipalFactory<TwoFactorClaimsPrincipalFactory>();
// OWASP's 2023 floor for PBKDF2-HMAC-SHA512 is 210,000 iterations (the framework default is 100,000).
builder.Services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);
builder.Services.AddScoped<IEmailSender<ApplicationUser>, OutboxIdentityEmailSender>();
builder.Services.AddProxyHeaders(builder.Configuration);
builder.Services.AddRateLimiter(options => SensitiveEndpoints.Configure(options, builder.Configuration));
builder.Services.AddSingleton(sp => new SignInThrottle(sp.GetRequiredService<TimeProvider>(),
    builder.Configuration.GetValue("RateLimiting:SignInAttemptsPerAccount", SignInThrottle.DefaultAttempts)));

builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: [HealthCheckBuilderExtensions.ReadyTag])
    .AddSystemLeadershipReadiness(builder.Configuration, runScheduler);
builder.AddSystemLeadershipTelemetry();

var app = builder.Build();

if (database.LocalServer is { } localServer)
{
    app.Lifetime.ApplicationStopped.Register(localServer.Dispose);
}

try
{
    await database.PrepareAsync(app.Environment, app.Logger);
}
catch (DatabaseNotReadyException e)
{
    foreach (var problem in e.Problems) app.Logger.LogCritical("{Problem}", problem);
    // Disposing the host flushes the console logger's queue, so the reason reaches the log before the process ends.
    await app.DisposeAsync();
    database.LocalServer?.Dispose();
    return e.ExitCode;
}

if (app.Environment.IsDevelopment() || app.Configuration.GetValue<bool>("App:SeedDemoData"))
{
    await DemoData.SeedIfEmptyAsync(app.Services, app.Logger);
}

app.UseProxyHeaders(app.Configuration);
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseProtectedMetricsEndpoint();

app.UseMiddleware<RoundTripsMiddleware>();
app.UseRateLimiter();
app.UseAuthentication();
app.UseMiddleware<RequestLogScopeMiddleware>();
app.UseAuthorization();
app.UseMiddleware<CollegeTwoFactorMiddleware>();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAdditionalIdentityEndpoints();
// /health as before (the database answers); live: the process is up; ready: database, outbox backlog, scheduler.
app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => check.Name == "database" });
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthCheckBuilderExtensions.ReadyTag) });
AdjustableClock.Map(app);
SystemLeadership.Web.Telemetry.MemoryDiagnostics.Map(app);
app.MapDocumentEndpoints();
SystemLeadership.Web.Components.Layout.AppTheme.MapThemeStylesheet(app);
SystemLeadership.Web.College.RegisterEndpoints.MapRegisterEndpoints(app);
SystemLeadership.Web.Grids.GridDownloads.MapGridDownloads(app);
SystemLeadership.Web.Brokerage.BrokerageEndpoints.MapBrokerageEndpoints(app);
SystemLeadership.Web.Onboarding.OnboardingEndpoints.MapOnboardingEndpoints(app);

DemoAccounts.Print(app);

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory-style tests.</summary>
public partial class Program;
