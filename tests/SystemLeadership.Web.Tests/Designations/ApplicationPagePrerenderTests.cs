using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Infrastructure.Evaluations;
using SystemLeadership.Infrastructure.Tenancy;
using SystemLeadership.Web.Components.Designations;
using SystemLeadership.Web.Components.Shared;

namespace SystemLeadership.Web.Tests.Designations;

/// <summary>
/// An application's page is interactive (references, interview and decision are forms): its circuit starts from what the
/// prerender read and carried in the page, without reading it again, and still decides afresh who may see it.
/// </summary>
public class ApplicationPagePrerenderTests : Shared.PrerenderedPageContext
{
    private static readonly Tenant Swaledale = new("Swaledale Alliance", "swaledale", 100001);
    private static readonly Actor Applicant = new("applicant-1", "Priya Shah", "priya@beck.sch.uk", TenantRoles.Applicant);
    private static readonly Actor Manager = new("manager-1", "Margaret Thompson", "manager@swaledale.test", TenantRoles.AllianceManager);

    public ApplicationPagePrerenderTests() : base(services =>
    {
        var clock = TimeProvider.System;
        var links = new AppLinks("https://app.test");
        services.AddSingleton(clock);
        // No database behind any of these: a page that read would fail the test.
        services.AddSingleton(new ApplicationViews(NoDatabase(), new QualityAssuranceService(NoDatabase(), clock)));
        services.AddSingleton(new ApplicationService(NoDatabase(), new Changes(clock), links));
        services.AddSingleton(new DesignationService(NoDatabase(), new Changes(clock), links));
        services.AddSingleton(new InterviewService(NoDatabase(), new Changes(clock), links));
        services.AddSingleton(new ReferenceService(NoDatabase(), new Changes(clock), links));
        services.AddSingleton(new SystemLeadership.Infrastructure.Evidence.EvidenceService(NoDatabase(), new Changes(clock)));
    })
    {
    }

    /// <summary>The applicant's draft as the prerender read it for them, kept under the page's key as the prerender keeps it.</summary>
    private DesignationApplication KeepApplicantsRead(Guid? tenantId = null)
    {
        var application = new DesignationApplication(tenantId ?? Swaledale.Id, Applicant.UserId, Applicant.Name, Applicant.Email, Presets.Sle);
        var roles = ApplicationParties.Of(application, [], Applicant);
        var read = new ApplicationView(application, roles, ApplicationParties.Sight(application, roles, false), [], null, null, [], null, [], [], null, null, [], false);
        State.Persist($"application:{Swaledale.Id}:{application.Id}", JsonSerializer.Serialize(read, Prerendered.Json));
        return application;
    }

    private IRenderedComponent<CascadingValue<TenantMembership>> RenderPage(Guid id, Actor actor) =>
        RenderPage<ApplicationDetailContent>(Swaledale, actor, d => d.Add(x => x.Id, id));

    [Fact]
    public void A_circuit_starting_from_the_prerendered_page_shows_the_application_without_reading_it()
    {
        var application = KeepApplicantsRead();

        var page = RenderPage(application.Id, Applicant);

        Assert.Contains("Priya Shah — SLE application", page.Find("h1").TextContent);
    }

    [Fact]
    public void What_the_prerender_read_for_the_applicant_is_not_shown_to_the_manager_who_would_read_their_own()
    {
        var application = KeepApplicantsRead();

        // The manager's view is not the applicant's: the page reads again (here there is no database to answer).
        var page = RenderPage(application.Id, Manager);

        Assert.DoesNotContain("Priya Shah", page.Markup);
        Assert.DoesNotContain("SLE application", page.Markup);
    }

    [Fact]
    public void What_was_carried_from_another_alliance_is_not_shown_on_this_alliances_page()
    {
        // Another alliance's application under this page's own key, as a tampered page would carry it.
        var application = KeepApplicantsRead(tenantId: Guid.NewGuid());

        var page = RenderPage(application.Id, Applicant);

        Assert.DoesNotContain("Priya Shah", page.Markup);
        Assert.DoesNotContain("SLE application", page.Markup);
    }
}
