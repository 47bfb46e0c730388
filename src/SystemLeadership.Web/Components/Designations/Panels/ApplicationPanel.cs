using Microsoft.AspNetCore.Components;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Web.Components.Shared;

namespace SystemLeadership.Web.Components.Designations.Panels;

/// <summary>One part of the application page: handed the view, runs its steps with the one runner, asks the page to reload.</summary>
public abstract class ApplicationPanel : UseCaseComponent
{
    [Parameter, EditorRequired] public ApplicationView View { get; set; } = default!;
    [Parameter, EditorRequired] public Actor Me { get; set; } = default!;
    [Parameter] public EventCallback<string?> OnChanged { get; set; }

    protected DesignationApplication Application => View.Application;

    protected override Task ReloadAsync() => OnChanged.InvokeAsync(Notice);
}
