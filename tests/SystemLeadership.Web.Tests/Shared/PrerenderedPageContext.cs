using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Tenancy;
using SystemLeadership.Web.Components.Shared;

namespace SystemLeadership.Web.Tests.Shared;

/// <summary>
/// An interactive page's test context with the state its prerender leaves in the page: what a test keeps there under the
/// page's key, the page's circuit takes (<see cref="Prerendered"/>).
/// </summary>
public abstract class PrerenderedPageContext : MudTestContext
{
    protected PrerenderedPageContext(Action<IServiceCollection> register) : base(services =>
    {
        register(services);
        services.AddScoped<Prerendered>();
    }, context => s_added = context.AddBunitPersistentComponentState())
    {
        State = s_added!;
        // The page renders as its circuit starts: interactive, after the prerender that kept what the test keeps.
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    // Handed from the base constructor's callback (on this thread, before the first render) to this constructor's body.
    [ThreadStatic] private static Bunit.TestDoubles.BunitPersistentComponentState? s_added;

    /// <summary>The page's persisted state, as the prerender leaves it.</summary>
    protected Bunit.TestDoubles.BunitPersistentComponentState State { get; }

    /// <summary>The page's content in <paramref name="tenant"/>, for <paramref name="actor"/>, as its route renders it.</summary>
    protected IRenderedComponent<CascadingValue<TenantMembership>> RenderPage<TPage>(Tenant tenant, Actor actor,
        Action<ComponentParameterCollectionBuilder<TPage>> parameters) where TPage : IComponent
    {
        var membership = new TenantMembership(tenant, new Membership(tenant.Id, actor.UserId, actor.Roles), actor);
        return Render<CascadingValue<TenantMembership>>(c => c
            .Add(x => x.Value, membership)
            .Add(x => x.IsFixed, true)
            .AddChildContent(parameters));
    }
}
