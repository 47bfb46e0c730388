using Microsoft.AspNetCore.Components;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Web.Tenancy;

namespace SystemLeadership.Web.Components.Brokerage;

/// <summary>What every brokerage page shares: the tenant membership, and running a step with its refusal shown in words.</summary>
public abstract class BrokerageContent : ComponentBase
{
    [CascadingParameter] public TenantMembership Membership { get; set; } = default!;

    protected Actor Me => Membership.Actor;
    protected bool IsBroker => Me.Is(Domain.Tenancy.TenantRoles.AllianceManager);
    protected string Slug => Membership.Tenant.Slug;
    protected string? Error { get; set; }
    protected string? Notice { get; set; }
    protected bool Busy { get; set; }

    protected abstract Task LoadAsync();

    protected override Task OnInitializedAsync() => LoadAsync();

    /// <summary>Runs one step, then reloads; a refusal, a stale page or bad input is shown, never thrown.</summary>
    protected async Task RunAsync(Func<Task> action, string? notice = null)
    {
        Busy = true;
        Error = null;
        Notice = null;
        try
        {
            await action();
            Notice = notice;
            await LoadAsync();
        }
        catch (Exception e) when (IsRefusal(e))
        {
            Error = e.Message;
        }
        finally
        {
            Busy = false;
        }
    }

    public static bool IsRefusal(Exception e) =>
        e is MoveRefusedException or NotEnoughCapacityException or ChangedBySomeoneElseException or RecordNotFoundException or ArgumentException;

    public static string LongDate(DateOnly date) => date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public static string LongDate(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
