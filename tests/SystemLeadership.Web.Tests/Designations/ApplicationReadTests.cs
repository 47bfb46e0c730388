using System.Text.Json;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Web.Components.Shared;

namespace SystemLeadership.Web.Tests.Designations;

/// <summary>
/// An application's page starts its circuit from what its prerender read: who may see it is decided again then, and a
/// read made for anyone else (another part, another panellist, another alliance) is read again, never shown.
/// </summary>
public class ApplicationReadTests
{
    private static readonly Guid Alliance = Guid.NewGuid();
    private static readonly Actor Applicant = new("applicant-1", "Priya Shah", "priya@beck.sch.uk", TenantRoles.Applicant);
    private static readonly Actor Manager = new("manager-1", "Margaret Thompson", "manager@swaledale.test", TenantRoles.AllianceManager);
    private static readonly Actor Head = new("head-1", "David Okafor", "david@moorside.sch.uk", TenantRoles.Headteacher);
    private static readonly Actor OtherHead = new("head-2", "Amira Patel", "amira@wensleydale.sch.uk", TenantRoles.Headteacher);
    private static readonly Actor Stranger = new("applicant-2", "Sam Else", "sam@elsewhere.sch.uk", TenantRoles.Applicant);

    private static DesignationApplication Draft() => new(Alliance, Applicant.UserId, Applicant.Name, Applicant.Email, Presets.Sle);

    /// <summary>The view as the page's prerender read it for <paramref name="actor"/>, and as it comes back from the page.</summary>
    private static ApplicationView ReadFor(DesignationApplication application, Actor actor, Panellist? mySeat = null, params PanelSeat[] panel)
    {
        var roles = ApplicationParties.Of(application, panel.Select(p => p.UserId), actor);
        var sight = ApplicationParties.Sight(application, roles, panel.Any(p => p.HasScored));
        var read = new ApplicationView(application, roles, sight, [], null, null, panel, mySeat, [], [], null, null, [], false);
        return JsonSerializer.Deserialize<ApplicationView>(JsonSerializer.Serialize(read, Prerendered.Json), Prerendered.Json)!;
    }

    [Fact]
    public void The_applicants_own_read_is_shown_to_them_with_the_moves_they_may_make_worked_out_again()
    {
        var application = Draft();

        var view = ApplicationViews.From(ReadFor(application, Applicant), Applicant, Alliance);

        Assert.NotNull(view);
        Assert.Equal(application.Id, view.Application.Id);
        Assert.True(view.Sight.EditDraft);
        // The page carries no moves (they are code, not data): the draft's are its applicant's again.
        Assert.Contains(view.Moves, m => m.Move == ApplicationMove.Withdraw);
    }

    [Fact]
    public void What_was_read_for_the_manager_is_not_shown_to_the_applicant_so_the_page_reads_again()
    {
        var application = Draft();

        Assert.Null(ApplicationViews.From(ReadFor(application, Manager), Applicant, Alliance));
        Assert.Null(ApplicationViews.From(ReadFor(application, Applicant), Manager, Alliance));
    }

    [Fact]
    public void What_was_read_shows_nothing_to_someone_who_is_no_party_to_the_application()
    {
        var application = Draft();

        Assert.Null(ApplicationViews.From(ReadFor(application, Applicant), Stranger, Alliance));
    }

    [Fact]
    public void One_panellists_read_with_their_own_scores_is_not_shown_to_another_panellist()
    {
        var application = Draft();
        var interview = Guid.NewGuid();
        var seat = new Panellist(Alliance, interview, Head.UserId, Head.Name);
        PanelSeat[] panel = [new(Head.UserId, Head.Name, false, null, null, null), new(OtherHead.UserId, OtherHead.Name, false, null, null, null)];

        var read = ReadFor(application, Head, seat, panel);

        Assert.NotNull(ApplicationViews.From(read, Head, Alliance));
        Assert.Null(ApplicationViews.From(read, OtherHead, Alliance));
    }

    [Fact]
    public void A_carried_read_that_holds_panel_scores_shows_none_of_them_to_the_applicant()
    {
        var application = Draft();
        var read = ReadFor(application, Applicant, null, new PanelSeat(Head.UserId, Head.Name, true, [4, 3, 4], 11, "Strong on impact."));
        var scored = new SystemLeadership.Domain.Auditing.AuditEntry(Alliance, "Application", application.Id, ApplicationViews.ScoresRecorded, null, null,
            Head.UserId, Head.Name, DateTimeOffset.UtcNow);
        var submitted = new SystemLeadership.Domain.Auditing.AuditEntry(Alliance, "Application", application.Id, "Submitted", "Draft", "Submitted",
            Applicant.UserId, Applicant.Name, DateTimeOffset.UtcNow);

        var view = ApplicationViews.From(read with { History = [submitted, scored] }, Applicant, Alliance)!;

        var seat = Assert.Single(view.Panel);
        Assert.True(seat.HasScored);
        Assert.Null(seat.Scores);
        Assert.Null(seat.Comments);
        Assert.Equal(["Submitted"], view.History.Select(h => h.Action));
    }

    [Fact]
    public void What_was_read_in_one_alliance_shows_nothing_on_another_alliances_page_even_to_its_manager()
    {
        var application = Draft();

        Assert.Null(ApplicationViews.From(ReadFor(application, Manager), Manager, Guid.NewGuid()));
    }
}
