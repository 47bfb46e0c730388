using Microsoft.AspNetCore.Components;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Web.Components.Shared;

namespace SystemLeadership.Web.Components.Designations.Panels;

/// <summary>One part of the designation page: handed the view, runs its steps with the one runner, asks the page to reload.</summary>
public abstract class DesignationPanel : UseCaseComponent
{
    [Parameter, EditorRequired] public DesignationView View { get; set; } = default!;
    [Parameter, EditorRequired] public Actor Me { get; set; } = default!;
    [Parameter] public EventCallback<string?> OnChanged { get; set; }

    protected override Task ReloadAsync() => OnChanged.InvokeAsync(Notice);
}
