using Microsoft.AspNetCore.Components;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Deployments;
using SystemLeadership.Web.Components.Shared;

namespace SystemLeadership.Web.Components.Deployments.Panels;

/// <summary>
/// One part of the deployment page for one audience: it is handed the view (only what this person may see), runs its own
/// steps with the one runner, and tells the page to read the view again — with the notice to show — when a step succeeds.
/// </summary>
public abstract class DeploymentPanel : UseCaseComponent
{
    [Parameter, EditorRequired] public DeploymentView View { get; set; } = default!;
    [Parameter, EditorRequired] public Actor Me { get; set; } = default!;
    [Parameter, EditorRequired] public string Slug { get; set; } = "";
    [Parameter] public EventCallback<string?> OnChanged { get; set; }

    protected Deployment D => View.Deployment;

    protected override Task ReloadAsync() => OnChanged.InvokeAsync(Notice);
}
