using Microsoft.AspNetCore.Components;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Web.Components.Shared;

namespace SystemLeadership.Web.Components.Brokerage.Panels;

/// <summary>One part of the proposal page: handed the view, runs its steps with the one runner, asks the page to reload.</summary>
public abstract class ProposalPanel : UseCaseComponent
{
    [Parameter, EditorRequired] public ProposalView View { get; set; } = default!;
    [Parameter, EditorRequired] public Actor Me { get; set; } = default!;
    [Parameter] public EventCallback<string?> OnChanged { get; set; }

    protected Proposal P => View.Proposal;

    protected override Task ReloadAsync() => OnChanged.InvokeAsync(Notice);
}
