using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Web.Tests;

/// <summary>A bunit context with MudBlazor's services and popover host, disposed asynchronously as MudBlazor needs.</summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    /// <summary>
    /// bunit waits one second by default for a render to pass. CI's machine, running the classes in parallel on two
    /// cores, once took longer to close a dialog, so the waits here allow ten; a wait that passes returns at once.
    /// </summary>
    static MudTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected MudTestContext() : this(_ => { })
    {
    }

    /// <summary>With the component's own services registered first (none may be added once anything has rendered).</summary>
    protected MudTestContext(Action<IServiceCollection> register) : this(register, _ => { })
    {
    }

    /// <summary>With the component's services, then whatever else must come before the first render (<paramref name="prepare"/>).</summary>
    protected MudTestContext(Action<IServiceCollection> register, Action<BunitContext> prepare)
    {
        register(Services);
        prepare(this);
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Render<MudPopoverProvider>();
    }

    /// <summary>
    /// Contexts for a database that is not there: a form panel's services can be built, and any step that reached the
    /// database would fail the test — so a test that passes shows nothing was sent.
    /// </summary>
    protected static TenantDbContextFactory NoDatabase() =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql("Host=nowhere.invalid").Options, TenantContext.For(Guid.NewGuid()));

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
