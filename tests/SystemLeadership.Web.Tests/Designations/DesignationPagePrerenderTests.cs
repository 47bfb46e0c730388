using System.Collections;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SystemLeadership.Domain.Auditing;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Infrastructure.Tenancy;
using SystemLeadership.Web.Components.Designations;
using SystemLeadership.Web.Components.Shared;

namespace SystemLeadership.Web.Tests.Designations;

/// <summary>
/// A designation's page is interactive (its actions are forms): its circuit starts from what the prerender read and
/// carried in the page, without reading it again, and still decides afresh who may see it.
/// </summary>
public class DesignationPagePrerenderTests : Shared.PrerenderedPageContext
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Tenant Swaledale = new("Swaledale Alliance", "swaledale", 100001);
    private static readonly Actor Manager = new("manager-1", "Margaret Thompson", "manager@swaledale.test", TenantRoles.AllianceManager);
    private static readonly Actor Leader = new("leader-2", "Grace Hopper", "grace@moorside.sch.uk", TenantRoles.Applicant);

    public DesignationPagePrerenderTests() : base(services =>
    {
        var clock = new SystemLeadership.Web.Tests.Deployments.DeploymentPanelTests.FixedTime(Now);
        services.AddSingleton<TimeProvider>(clock);
        // No database behind any of these: a page that read would fail the test.
        services.AddSingleton(new DesignationViews(NoDatabase(), clock));
        services.AddSingleton(new NlgCommitments(NoDatabase(), clock));
        services.AddSingleton(new DesignationService(NoDatabase(), new Changes(clock), new AppLinks("https://app.test")));
    })
    {
    }

    private static (Designation Designation, List<AuditEntry> History) Read(Guid? tenantId = null)
    {
        var application = new DesignationApplication(tenantId ?? Swaledale.Id, "leader-1", "Ada Leader", "ada@beck.sch.uk", Presets.Sle);
        var designation = new Designation(application, new DateOnly(2026, 1, 5), "Margaret Thompson");
        designation.FlagForReview("Ofsted judged the school inadequate.", Now);
        var history = new List<AuditEntry>
        {
            new(Swaledale.Id, "Designation", designation.Id, "Designated", null, "Active", Manager.UserId, Manager.Name, Now.AddMonths(-9)),
        };
        return (designation, history);
    }

    /// <summary>Keeps the read as the prerender keeps it: the same key, the same serialisation.</summary>
    private void KeepAsThePrerenderDoes(Designation designation, List<AuditEntry> history, Guid? tenantId = null) =>
        State.Persist($"designation:{tenantId ?? Swaledale.Id}:{designation.Id}",
            JsonSerializer.Serialize(new { Designation = designation, History = history }, Prerendered.Json));

    private IRenderedComponent<CascadingValue<TenantMembership>> RenderPage(Guid id, Actor actor) =>
        RenderPage<DesignationDetailContent>(Swaledale, actor, d => d.Add(x => x.Id, id));

    [Fact]
    public void A_circuit_starting_from_the_prerendered_page_shows_the_designation_and_its_history_without_reading_them()
    {
        var (designation, history) = Read();
        KeepAsThePrerenderDoes(designation, history);

        var page = RenderPage(designation.Id, Manager);

        Assert.Contains("Ada Leader — SLE designation", page.Find("h1").TextContent);
        Assert.Contains("ada@beck.sch.uk", page.Find("#summary").TextContent);
        Assert.Contains("Designated", page.Find("#history").TextContent);
        Assert.Contains("Ofsted judged the school inadequate.", page.Markup);
    }

    [Fact]
    public void What_the_prerender_carried_is_still_not_shown_to_someone_who_may_not_see_the_designation()
    {
        var (designation, history) = Read();
        KeepAsThePrerenderDoes(designation, history);

        var page = RenderPage(designation.Id, Leader);

        Assert.DoesNotContain("Ada Leader", page.Markup);
        Assert.Empty(page.FindAll("#summary"));
    }

    [Fact]
    public void What_was_carried_from_another_alliance_is_not_shown_to_this_alliances_manager()
    {
        // Another alliance's designation under this page's own key, as a tampered page would carry it.
        var (designation, history) = Read(tenantId: Guid.NewGuid());
        KeepAsThePrerenderDoes(designation, history, Swaledale.Id);

        var page = RenderPage(designation.Id, Manager);

        Assert.DoesNotContain("Ada Leader", page.Markup);
    }

    [Fact]
    public void A_read_too_large_to_carry_is_left_for_the_circuit_to_read_again_and_a_small_one_is_carried()
    {
        var prerendered = Services.GetRequiredService<Prerendered>();
        prerendered.Keep("small", new List<string> { "a note" });
        prerendered.Keep("large", Enumerable.Range(0, 400).Select(i => $"visit record {i}: {new string('x', 40)}").ToList());

        State.TriggerOnPersisting();

        Assert.Equal(["a note"], prerendered.Take<List<string>>("small"));
        Assert.Null(prerendered.Take<List<string>>("large"));
    }

    [Fact]
    public void A_designation_and_its_history_come_back_from_the_page_with_every_property_as_it_was()
    {
        var (designation, history) = Read();
        designation.CompleteTraining(designation.Training[0].Name, new DateOnly(2026, 2, 1));

        var json = JsonSerializer.Serialize(new { Designation = designation, History = history }, Prerendered.Json);
        using var back = JsonDocument.Parse(json);
        var designationBack = back.RootElement.GetProperty("Designation").Deserialize<Designation>(Prerendered.Json)!;
        var historyBack = back.RootElement.GetProperty("History").Deserialize<List<AuditEntry>>(Prerendered.Json)!;

        AssertSameProperties(designation, designationBack);
        AssertSameProperties(history[0], historyBack.Single());
    }

    private static void AssertSameProperties<T>(T expected, T actual)
    {
        foreach (var property in typeof(T).GetProperties().Where(p => p.GetIndexParameters().Length == 0))
        {
            var (e, a) = (property.GetValue(expected), property.GetValue(actual));
            if (e is IEnumerable list and not string) Assert.Equal(list.Cast<object>(), ((IEnumerable)a!).Cast<object>());
            else Assert.True(Equals(e, a), $"{typeof(T).Name}.{property.Name}: {e} became {a}");
        }
    }
}
