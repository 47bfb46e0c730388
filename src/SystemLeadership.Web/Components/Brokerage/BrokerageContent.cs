using Microsoft.AspNetCore.Components;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Web.Components.Shared;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Web.Components.Brokerage;

/// <summary>What every brokerage page shares: the tenant membership, and the runner that shows a refusal in words.</summary>
public abstract class BrokerageContent : UseCaseComponent
{
    [CascadingParameter] public TenantMembership Membership { get; set; } = default!;

    protected Actor Me => Membership.Actor;
    protected bool IsBroker => Me.Is(TenantRoles.AllianceManager);
    protected string Slug => Membership.Tenant.Slug;

    protected abstract Task LoadAsync();

    protected override Task OnInitializedAsync() => LoadAsync();

    protected override Task ReloadAsync() => LoadAsync();

    public static string LongDate(DateOnly date) => date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public static string LongDate(DateTimeOffset at) => SystemLeadership.Domain.Common.UkTime.Format(at, "d MMMM yyyy");
}
