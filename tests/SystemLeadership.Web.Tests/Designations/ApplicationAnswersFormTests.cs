using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Web.Components.Designations;

namespace SystemLeadership.Web.Tests.Designations;

public class ApplicationAnswersFormTests : MudTestContext
{

    private IRenderedComponent<ApplicationAnswersForm> RenderForm(ApplicationForm answers) =>
        Render<ApplicationAnswersForm>(p => p.Add(f => f.Model, answers));

    [Fact]
    public void An_empty_form_lists_every_unmet_rule_and_cannot_be_submitted()
    {
        var submitted = false;
        var form = Render<ApplicationAnswersForm>(p => p.Add(f => f.Model, new ApplicationForm()).Add(f => f.OnSubmit, _ => submitted = true));
        var rules = form.FindAll("#eligibility li").Select(li => li.TextContent).ToList();
        Assert.Contains(rules, r => r.Contains("at least 2 years"));
        Assert.Contains(rules, r => r.Contains("Tell us your current role"));
        Assert.Contains(rules, r => r.Contains("specialism"));
        form.FindAll("button").Single(b => b.TextContent.Contains("Submit application")).Click();
        Assert.False(submitted);
        Assert.Contains("Choose your current role.", form.Markup);
    }

    [Fact]
    public void Typing_the_missing_month_updates_the_eligibility_list_live()
    {
        var answers = new ApplicationForm { CurrentRole = LeadershipRole.MiddleLeader, Years = 1, Months = 11, Specialisms = ["Maths"] };
        var form = RenderForm(answers);
        Assert.Contains("1 year 11 months", form.Find("#eligibility").TextContent);

        form.Find("#months").Input("0");
        form.Find("#years").Input("2");

        form.WaitForAssertion(() => Assert.Contains("You meet every rule for SLE", form.Find("#eligibility").TextContent));
    }

    [Fact]
    public void A_headteacher_and_an_HLTA_see_their_own_reasons()
    {
        var form = RenderForm(new ApplicationForm { CurrentRole = LeadershipRole.HigherLevelTeachingAssistant, Years = 5, Months = 0, Specialisms = ["Maths"] });
        Assert.Contains("Higher level teaching assistants are not eligible to apply.", form.Find("#eligibility").TextContent);
    }

    [Fact]
    public void A_negative_number_of_months_gets_a_message_next_to_the_field()
    {
        var form = RenderForm(new ApplicationForm { CurrentRole = LeadershipRole.MiddleLeader, Years = 2, Months = 0, Specialisms = ["Maths"] });
        form.Find("#months").Input("-3");
        form.WaitForAssertion(() => Assert.Contains("Months must be a whole number from 0 to 11.", form.Markup));
    }

    [Fact]
    public void Saving_a_draft_with_nonsense_years_shows_the_message_and_does_not_save()
    {
        var saved = false;
        var form = Render<ApplicationAnswersForm>(p => p
            .Add(f => f.Model, new ApplicationForm { Years = 60, Months = 0 })
            .Add(f => f.OnSaveDraft, _ => saved = true));
        form.FindAll("button").Single(b => b.TextContent.Contains("Save draft")).Click();
        Assert.Contains("Years must be a whole number from 0 to 50.", form.Markup);
        Assert.False(saved);
    }
}
