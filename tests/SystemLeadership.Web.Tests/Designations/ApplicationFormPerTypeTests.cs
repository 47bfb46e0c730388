using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Web.Components.Designations;

namespace SystemLeadership.Web.Tests.Designations;

public class ApplicationFormPerTypeTests : MudTestContext
{

    private static readonly Func<int, Task<(string Name, string? Rating)?>> Gias = urn => Task.FromResult<(string, string?)?>(urn switch
    {
        100001 => ("Outstanding Primary", "Outstanding"),
        100002 => ("Good Academy", "Good"),
        100003 => ("Improving School", "Requires improvement"),
        _ => null,
    });

    private IRenderedComponent<ApplicationAnswersForm> RenderForm(SchemeDefinition scheme, ApplicationForm model, Action<ApplicationForm>? onSubmit = null) =>
        Render<ApplicationAnswersForm>(p => p
            .Add(f => f.Model, model)
            .Add(f => f.Scheme, scheme)
            .Add(f => f.LookupSchool, Gias)
            .Add(f => f.OnSubmit, m => onSubmit?.Invoke(m)));

    private static string Eligibility(IRenderedComponent<ApplicationAnswersForm> form) => form.Find("#eligibility").TextContent;

    [Fact]
    public void An_LLE_applicant_with_two_years_headship_at_a_school_requiring_improvement_sees_both_reasons()
    {
        var form = RenderForm(Presets.Lle, new ApplicationForm
        {
            CurrentRole = LeadershipRole.Headteacher, Years = 2, Months = 0, SchoolUrn = 100003, SchoolName = "Improving School", SchoolOfstedRating = "Requires improvement",
        });
        Assert.Contains("How long have you been a headteacher?", form.Markup);
        Assert.Contains("LLEs need at least 3 years' headship; you have 2 years.", Eligibility(form));
        Assert.Contains("GIAS records it as Requires improvement", Eligibility(form));
        Assert.Empty(form.FindAll("input[type=checkbox]"));
    }

    [Fact]
    public void Looking_up_a_good_school_clears_the_LLE_Ofsted_reason_live()
    {
        var form = RenderForm(Presets.Lle, new ApplicationForm { CurrentRole = LeadershipRole.Headteacher, Years = 3, Months = 0 });
        Assert.Contains("Tell us your school's URN", Eligibility(form));
        form.Find("#school-urn").Change("100002");
        form.WaitForAssertion(() => Assert.Contains("You meet every rule for LLE", Eligibility(form)));
        Assert.Contains("Good Academy", form.Find("#school-found").TextContent);
    }

    [Fact]
    public void An_unknown_URN_gets_a_message_at_the_field()
    {
        var form = RenderForm(Presets.Nle, new ApplicationForm { CurrentRole = LeadershipRole.Headteacher });
        form.Find("#school-urn").Change("123456");
        form.WaitForAssertion(() => Assert.Contains("No open school has this URN", form.Markup));
    }

    [Fact]
    public void An_NLE_must_lead_an_outstanding_school_and_be_its_head()
    {
        var form = RenderForm(Presets.Nle, new ApplicationForm { CurrentRole = LeadershipRole.DeputyHeadteacher, SchoolUrn = 100002, SchoolName = "Good Academy", SchoolOfstedRating = "Good" });
        Assert.Contains("NLEs are headteachers", Eligibility(form));
        Assert.Contains("Your school must be outstanding to become a national support school.", Eligibility(form));
        Assert.DoesNotContain("How long", form.Markup);
    }

    [Fact]
    public void An_NLG_enters_dated_periods_as_chair_and_only_the_last_five_years_count_with_the_window_named()
    {
        // A chair from January 2015 to 4 January 2024: the window (5 December 2021 to 5 December 2026) holds 2 years 1 month of it.
        var form = RenderForm(Presets.Nlg, new ApplicationForm
        {
            CurrentRole = LeadershipRole.ChairOfGovernors, SchoolUrn = 100002, SchoolName = "Good Academy", Today = new DateOnly(2026, 12, 5),
            Periods = [new PeriodRow { School = "Good Academy", From = "01/01/2015", To = "04/01/2024" }],
        });
        Assert.Contains("Your periods as a chair of governors (the last 5 years count)", form.Markup);
        Assert.Empty(form.FindAll("#years"));
        Assert.Contains("NLGs need at least 3 years as a chair of governors within the last 5 years; you have 2 years 1 month between 5 December 2021 and 5 December 2026 from the periods you entered.",
            Eligibility(form));

        // A second, current chairmanship from 5 January 2025 brings it to 3 years 11 months.
        form.Find("#add-period").Click();
        form.Find("#period-school-2").Input("Fell Federation");
        form.Find("#period-from-2").Change("05/01/2025");
        form.WaitForAssertion(() => Assert.Contains("You meet every rule for NLG", Eligibility(form)));

        // A period that ends before it starts is refused beside the periods, and does not count.
        form.Find("#period-to-2").Change("01/01/2025");
        form.WaitForAssertion(() => Assert.Contains("you have 2 years 1 month", Eligibility(form)));
        form.Find("button:contains('Submit application')").Click();
        form.WaitForAssertion(() => Assert.Equal("A period cannot end before it starts.", form.Find("#periods-error").TextContent));
    }

    [Fact]
    public void A_teaching_school_application_asks_for_the_alliance_and_its_first_manager()
    {
        var submitted = false;
        var form = RenderForm(Presets.TeachingSchool, new ApplicationForm
        {
            CurrentRole = LeadershipRole.Headteacher, SchoolUrn = 100001, SchoolName = "Outstanding Primary", SchoolOfstedRating = "Outstanding", TrackRecord = "We lead a network of eight schools.",
        }, _ => submitted = true);
        Assert.Contains("You meet every rule for TS", Eligibility(form));
        form.Find("#manager-email").Input("not-an-email");
        form.FindAll("button").Single(b => b.TextContent.Contains("Submit application")).Click();
        Assert.Contains("Name the alliance your school will lead.", form.Markup);
        Assert.Contains("Enter a valid email address.", form.Markup);
        Assert.False(submitted);
    }

    [Fact]
    public void An_alliance_system_leader_form_shows_the_rules_and_accepts_a_headteacher()
    {
        var form = RenderForm(Presets.AllianceSystemLeader, new ApplicationForm
        {
            CurrentRole = LeadershipRole.Headteacher, Years = 2, Months = 0, Specialisms = ["English"], SchoolUrn = 100002, SchoolName = "Good Academy",
        });
        Assert.Contains("You meet every rule for ASL", Eligibility(form));
        Assert.Contains("1 reference(s) confirmed by the referee", Eligibility(form));
    }

    [Fact]
    public void A_script_tag_in_the_statement_is_refused_at_the_field_and_not_submitted()
    {
        var submitted = false;
        var form = RenderForm(Presets.Sle, new ApplicationForm
        {
            CurrentRole = LeadershipRole.MiddleLeader, Years = 3, Months = 0, Specialisms = ["Maths"], SchoolUrn = 100002, SchoolName = "Good Academy",
        }, _ => submitted = true);
        form.Find("#track-record").Input("<script>alert('x')</script>");
        form.FindAll("button").Single(b => b.TextContent.Contains("Submit application")).Click();
        form.WaitForAssertion(() => Assert.Contains("Use plain text: tags such as &lt;script&gt; are not allowed.", form.Markup));
        Assert.False(submitted);
    }

    [Fact]
    public void An_over_long_statement_is_refused_at_the_field()
    {
        var form = RenderForm(Presets.Sle, new ApplicationForm());
        form.Find("#track-record").Input(new string('a', ApplicationAnswers.MaxStatementLength + 1));
        form.WaitForAssertion(() => Assert.Contains("This must be 4,000 characters or fewer.", form.Markup));
    }

    [Fact]
    public void A_scheme_that_allows_it_takes_an_explanation_for_an_unmet_rule_and_then_submits()
    {
        var scheme = new SchemeDefinition(DesignationType.TenantScheme, "ECT mentor", "ECTM", [RuleSpec.MinimumMonths(36)], 24, ["Mentor training"],
            25_000, null, DesignatedBy.Tenant, ApplyWithExplanation: true);
        ApplicationForm? submitted = null;
        var form = RenderForm(scheme, new ApplicationForm
        {
            CurrentRole = LeadershipRole.ClassroomTeacher, Years = 2, Months = 6, SchoolUrn = 100002, SchoolName = "Good Academy", TrackRecord = "Mentored six trainees.",
        }, m => submitted = m);
        Assert.Contains("This scheme accepts applications with an explanation", Eligibility(form));
        form.FindAll("button").Single(b => b.TextContent.Contains("Submit application")).Click();
        Assert.Null(submitted);
        Assert.Contains("Explain why you are applying although a rule is not met.", form.Markup);
        form.Find("#explanation").Input("I have mentored for 2½ years and led the induction programme.");
        form.FindAll("button").Single(b => b.TextContent.Contains("Submit application")).Click();
        Assert.NotNull(submitted);
    }

    [Fact]
    public void A_preset_that_does_not_allow_it_cannot_be_submitted_with_an_unmet_rule()
    {
        ApplicationForm? submitted = null;
        var form = RenderForm(Presets.Sle, new ApplicationForm
        {
            CurrentRole = LeadershipRole.MiddleLeader, Years = 1, Months = 0, Specialisms = ["Maths"], SchoolUrn = 100002, SchoolName = "Good Academy", TrackRecord = "Led maths.",
        }, m => submitted = m);
        Assert.Empty(form.FindAll("#explanation"));
        form.FindAll("button").Single(b => b.TextContent.Contains("Submit application")).Click();
        Assert.Null(submitted);
    }
}
