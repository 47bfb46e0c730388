using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Web.Components.Designations.Panels;

namespace SystemLeadership.Web.Tests.Designations;

/// <summary>The interview's forms: a panellist's scores checked at each criterion, and the schedule's rules in its validator.</summary>
public class InterviewPanelTests() : MudTestContext(services =>
{
    services.AddSingleton(TimeProvider.System);
    services.AddSingleton(new InterviewService(NoDatabase(), new Changes(TimeProvider.System), new AppLinks("https://app.test")));
})
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Head = new("head-1", "Hal Head", "hal@beck.sch.uk", TenantRoles.Headteacher);

    private static ApplicationView Panellist()
    {
        var tenant = Guid.NewGuid();
        var application = new DesignationApplication(tenant, "leader-1", "Ada Leader", "ada@beck.sch.uk", Presets.Sle);
        var interview = new Interview(tenant, application.Id, Now.AddDays(7), "Swaledale Academy", Now);
        var seat = new Panellist(tenant, interview.Id, Head.UserId, Head.Name);
        var sight = new ApplicationSight(Application: true, PanelScores: false, EditDraft: false, ManageReferences: false, ScheduleInterview: false, Score: true);
        return new ApplicationView(application, [ApplicationRole.Panellist], sight, [], null, interview,
            [new PanelSeat(Head.UserId, Head.Name, false, null, null, null)], seat, [], [], null, null, [], false);
    }

    [Fact]
    public void Saving_scores_with_none_chosen_asks_for_each_criterion()
    {
        var panel = Render<InterviewPanel>(p => p.Add(x => x.View, Panellist()).Add(x => x.Me, Head));
        panel.Find("#save-scores").Click();
        Assert.Equal(Interview.Criteria.Count, System.Text.RegularExpressions.Regex.Count(panel.Markup, "Choose a score from 1 to 4\\."));
        Assert.Empty(panel.FindAll("#interview-error"));
    }

    [Theory]
    [InlineData("", "10:00", "Choose the date of the interview.")]
    [InlineData("31/11/2026", "10:00", "Enter a real date and time.")]
    [InlineData("08/10/2026", "25:00", "Enter a real date and time.")]
    [InlineData("01/10/2026", "09:00", "The interview must be in the future.")]
    [InlineData("2027-10-02", "10:00", "The interview must be within the next year.")]
    public void The_interview_date_and_time_are_checked_as_UK_time(string date, string time, string message)
    {
        var input = new ScheduleInterviewInput { Date = date, Time = time, Location = "Room 2" };
        input.Panel.UnionWith(["head-1", "head-2"]);
        var result = new ScheduleInterviewValidator(Now).Validate(input);
        Assert.Equal(message, result.Errors.First(e => e.PropertyName == nameof(ScheduleInterviewInput.Date)).ErrorMessage);
    }

    [Fact]
    public void The_interview_needs_a_place_and_two_to_six_panellists()
    {
        var input = new ScheduleInterviewInput { Date = "08/10/2026", Time = "14:30" };
        input.Panel.Add("head-1");
        var errors = new ScheduleInterviewValidator(Now).Validate(input).Errors.ToDictionary(e => e.PropertyName, e => e.ErrorMessage);
        Assert.Equal("Say where the interview takes place.", errors[nameof(ScheduleInterviewInput.Location)]);
        Assert.Equal("Choose between 2 and 6 headteachers for the panel.", errors[nameof(ScheduleInterviewInput.Panel)]);
        Assert.False(errors.ContainsKey(nameof(ScheduleInterviewInput.Date)));
    }
}
