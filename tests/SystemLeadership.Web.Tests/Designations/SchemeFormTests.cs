using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Web.Components.Designations;

namespace SystemLeadership.Web.Tests.Designations;

public class SchemeFormTests : MudTestContext
{

    private SchemeDefinition? saved;

    private IRenderedComponent<SchemeForm> RenderForm(SchemeInput model) =>
        Render<SchemeForm>(p => p.Add(f => f.Model, model).Add(f => f.OnSave, d => saved = d));

    private static SchemeInput Valid() => new()
    {
        Name = "Early career teacher mentor",
        ShortName = "ECTM",
        Rules = [new RuleInput { Kind = RuleKind.MinimumMonthsInRole, Number = 24 }],
        Training = ["Mentor training"],
    };

    private static void Save(IRenderedComponent<SchemeForm> form) => form.Find("#save-scheme").Click();

    [Fact]
    public void A_blank_name_gets_a_message_next_to_the_field_and_nothing_is_saved()
    {
        var model = Valid();
        model.Name = "";
        var form = RenderForm(model);

        Save(form);

        Assert.Contains("Give the scheme a name.", form.Markup);
        Assert.Null(saved);
    }

    [Fact]
    public void Clearing_the_name_shows_the_message_as_the_manager_types()
    {
        var form = RenderForm(Valid());

        form.Find("#scheme-name").Input("");

        form.WaitForAssertion(() => Assert.Contains("Give the scheme a name.", form.Markup));
    }

    [Fact]
    public void A_rule_added_without_its_number_asks_for_the_number()
    {
        var model = Valid();
        model.Rules.Clear();
        var form = RenderForm(model);

        form.Find("#add-rule-minimum-months-in-role").Click();
        Save(form);

        Assert.NotNull(form.Find("#rule-0-number"));
        Assert.Contains("Enter the minimum time in months", form.Markup);
        Assert.Null(saved);
    }

    [Fact]
    public void A_references_rule_with_its_number_cleared_asks_for_the_number()
    {
        var model = Valid();
        model.Rules.Add(new RuleInput { Kind = RuleKind.ReferencesRequired, Number = 1 });
        var form = RenderForm(model);

        form.Find("#rule-1-number").Input("");

        form.WaitForAssertion(() => Assert.Contains("Enter how many references are required.", form.Markup));
    }

    [Fact]
    public void A_role_rule_with_no_role_chosen_says_so()
    {
        var model = Valid();
        model.Rules.Add(new RuleInput { Kind = RuleKind.RoleMustBe });
        var form = RenderForm(model);

        Save(form);

        Assert.Contains("Choose at least one role.", form.Find("#rule-1-error").TextContent);
        Assert.Null(saved);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("121")]
    public void A_period_out_of_range_gets_a_message_next_to_the_field(string months)
    {
        var form = RenderForm(Valid());

        form.Find("#scheme-period").Input(months);

        form.WaitForAssertion(() => Assert.Contains("The period must be between 1 month and 10 years", form.Markup));
        Save(form);
        Assert.Null(saved);
    }

    [Fact]
    public void A_script_tag_in_the_name_is_refused()
    {
        var form = RenderForm(Valid());

        form.Find("#scheme-name").Input("Mentor<script>alert(1)</script>");
        Save(form);

        form.WaitForAssertion(() => Assert.Contains("Use plain text", form.Markup));
        Assert.Null(saved);
    }

    [Fact]
    public void Good_input_builds_a_valid_scheme_definition()
    {
        var form = RenderForm(new SchemeInput());

        form.Find("#scheme-name").Input("Evidence lead in education");
        form.Find("#scheme-short-name").Input("ELE");
        form.Find("#scheme-period").Input("36");
        form.Find("#scheme-day-rate").Input("250");
        form.Find("#scheme-head-day-rate").Input("350.50");
        form.Find("#add-training").Click();
        form.Find("#training-0").Input("Research methods day");
        form.Find("#add-rule-minimum-months-in-role").Click();
        form.Find("#rule-0-number").Input("36");
        form.Find("#rule-0-within-years").Input("5");
        form.Find("#add-rule-specialism-required").Click();
        form.Find("#add-rule-references-required").Click();
        form.Find("#rule-2-number").Input("2");
        form.Find("#add-rule-school-ofsted-grade").Click();
        form.FindAll("#rule-3 input[type=checkbox]")[0].Change(true);

        form.WaitForAssertion(() => Assert.Contains("School rated Outstanding by Ofsted", form.Markup));
        Save(form);

        Assert.NotNull(saved);
        Assert.Empty(saved.Problems());
        Assert.Equal("Evidence lead in education", saved.Name);
        Assert.Equal("ELE", saved.ShortName);
        Assert.Equal(DesignationType.TenantScheme, saved.Type);
        Assert.Equal(DesignatedBy.Tenant, saved.DesignatedBy);
        Assert.Equal(36, saved.PeriodMonths);
        Assert.Equal(25_000, saved.DayRatePence);
        Assert.Equal(35_050, saved.HeadteacherDayRatePence);
        Assert.Equal(["Research methods day"], saved.Training);
        Assert.Equal(
            [
                new RuleSpec(RuleKind.MinimumMonthsInRole, 36, WithinYears: 5).Describe(),
                RuleSpec.Specialisms(1).Describe(),
                RuleSpec.References(2).Describe(),
                new RuleSpec(RuleKind.SchoolOfstedGrade, Grades: ["Outstanding"]).Describe(),
            ],
            saved.Rules.Select(r => r.Describe()));
        Assert.Equal(2, saved.ReferencesRequired);
    }

    [Fact]
    public void The_servers_reasons_are_listed_when_it_refuses_the_scheme()
    {
        var form = Render<SchemeForm>(p => p.Add(f => f.Model, Valid())
            .Add(f => f.Problems, ["This alliance already has a scheme with that name."]));

        Assert.Contains("This alliance already has a scheme with that name.", form.Find("#server-problems").TextContent);
    }

    [Fact]
    public void Editing_a_scheme_keeps_what_the_form_does_not_show()
    {
        var original = Presets.AllianceSystemLeader with { Type = DesignationType.TenantScheme, Referee = RefereeKind.HeadteacherOfTheirSchool, CommitmentDaysPerYearMin = 10 };
        var form = RenderForm(SchemeInput.From(original));

        Save(form);

        Assert.NotNull(saved);
        Assert.Equal(RefereeKind.HeadteacherOfTheirSchool, saved.Referee);
        Assert.Equal(10, saved.CommitmentDaysPerYearMin);
        Assert.Equal(original.Rules.Select(r => (r.Describe(), r.Reason)), saved.Rules.Select(r => (r.Describe(), r.Reason)));
        Assert.Equal(40_000, saved.HeadteacherDayRatePence);
    }
}
