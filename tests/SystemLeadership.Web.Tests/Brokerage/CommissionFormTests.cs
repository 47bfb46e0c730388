using Bunit;
using SystemLeadership.Domain.Common;
using SystemLeadership.Web.Components.Brokerage;

namespace SystemLeadership.Web.Tests.Brokerage;

/// <summary>The support request form checks its input model with its validator: each message at its field, nothing sent while one stands.</summary>
public class CommissionFormTests : MudTestContext
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private IRenderedComponent<CommissionFormFields> RenderForm(CommissionForm model, Action<CommissionForm>? submitted = null) =>
        Render<CommissionFormFields>(p => p
            .Add(f => f.Model, model)
            .Add(f => f.Today, Today)
            .Add(f => f.LookupSchool, urn => Task.FromResult<(string Name, string? Phase)?>(urn == 900006 ? ("Stray Infant School", "Primary") : null))
            .Add(f => f.OnSubmit, f => submitted?.Invoke(f)));

    private IRenderedComponent<CommissionFormFields> RenderSending(CommissionForm model, Func<CommissionForm, Task> send) =>
        Render<CommissionFormFields>(p => p
            .Add(f => f.Model, model)
            .Add(f => f.Today, Today)
            .Add(f => f.OnSubmit, send));

    private static CommissionForm Complete() => new()
    {
        SchoolUrn = 900006, SchoolName = "Stray Infant School",
        Specialisms = ["Maths"], CommissionerKind = Domain.Brokerage.CommissionerKind.School, CommissionerName = "Tom Reid",
        CommissionerEmail = "contact@swaledale.test", SupportedSchoolContactEmail = "contact@swaledale.test", FunderName = "Stray Infant School",
        LengthWeeks = 6, Days = 4.5m, DesiredStart = "01/12/2026",
    };

    private static string FieldText(IRenderedComponent<CommissionFormFields> form, string id) =>
        form.Find($"#{id}").Closest(".mud-input-control")!.TextContent;

    [Fact]
    public void An_empty_request_shows_each_field_its_message_and_is_not_sent()
    {
        var sent = false;
        var form = RenderForm(new CommissionForm(), _ => sent = true);
        form.Find("#submit-request").Click();
        Assert.False(sent);
        Assert.Contains("Enter the school's URN", form.Markup);
        Assert.Equal("Choose at least one area of expertise.", form.Find("#specialisms-error").TextContent);
        Assert.Contains("Choose when the support should start.", form.Markup);
        Assert.Contains("Say how many weeks the support should last.", form.Markup);
        Assert.Contains("Say who funds the support.", form.Markup);
        Assert.Contains("Say who is commissioning the support.", form.Markup);
    }

    [Fact]
    public void An_unknown_urn_a_past_start_and_a_third_of_a_day_are_each_refused_next_to_their_field()
    {
        var sent = false;
        var form = RenderForm(new CommissionForm
        {
            Specialisms = ["Maths"], CommissionerKind = Domain.Brokerage.CommissionerKind.School, CommissionerName = "Tom Reid",
            CommissionerEmail = "contact@swaledale.test", SupportedSchoolContactEmail = "contact@swaledale.test", FunderName = "Stray Infant School",
            LengthWeeks = 6,
        }, _ => sent = true);
        form.Find("#school-urn").Change("123456");
        form.Find("#desired-start").Change("2026-01-05");
        form.Find("#days").Input("2.3");
        form.WaitForAssertion(() =>
        {
            Assert.Contains("No open school has this URN.", form.Markup);
            Assert.Contains("The start must be today or later.", form.Markup);
            Assert.Contains("Days are whole or half days, like 4 or 4.5.", form.Markup);
        });
        form.Find("#submit-request").Click();
        Assert.False(sent);
    }

    [Fact]
    public void A_complete_request_is_sent_with_the_school_found_in_GIAS_and_the_days_in_half_days()
    {
        CommissionForm? sent = null;
        var form = RenderForm(new CommissionForm
        {
            Specialisms = ["Maths"], CommissionerKind = Domain.Brokerage.CommissionerKind.School, CommissionerName = "Tom Reid",
            CommissionerEmail = "contact@swaledale.test", SupportedSchoolContactEmail = "contact@swaledale.test", FunderName = "Stray Infant School",
            LengthWeeks = 6, Days = 4.5m, DesiredStart = "2026-12-01",
        }, f => sent = f);
        form.Find("#school-urn").Change("900006");
        form.WaitForAssertion(() => Assert.Contains("Stray Infant School", form.Find("#school-found").TextContent));
        form.Find("#submit-request").Click();
        // The send runs through the form's runner asynchronously: wait for it rather than race it.
        form.WaitForAssertion(() => Assert.NotNull(sent));
        var request = sent!.ToRequest();
        Assert.Equal(900006, request.SchoolUrn);
        Assert.Equal(9, request.Need.HalfDays);
        Assert.Equal(new DateOnly(2026, 12, 1), request.Need.DesiredStart);
    }

    [Fact]
    public void Each_message_stands_under_its_own_field()
    {
        var form = RenderForm(new CommissionForm());
        form.Find("#submit-request").Click();
        Assert.Contains("Enter the school's URN", FieldText(form, "school-urn"));
        Assert.Contains("Give the email of the supported school's contact.", FieldText(form, "contact-email"));
        Assert.Contains("Choose when the support should start.", FieldText(form, "desired-start"));
        Assert.Contains("Say how many weeks the support should last.", FieldText(form, "length-weeks"));
        Assert.Contains("Say how many days of support are wanted.", FieldText(form, "days"));
        Assert.Contains("Give the commissioner's name.", FieldText(form, "commissioner-name"));
        Assert.Contains("Say who funds the support.", FieldText(form, "funder"));
        Assert.DoesNotContain("Choose when the support should start.", FieldText(form, "length-weeks"));
    }

    [Fact]
    public void A_message_shows_only_once_its_field_is_touched()
    {
        var form = RenderForm(new CommissionForm());
        Assert.DoesNotContain("Choose when the support should start.", form.Markup);
        form.Find("#desired-start").Change("31/02/2027");
        Assert.Contains("Enter a real date.", FieldText(form, "desired-start"));
        Assert.DoesNotContain("Say who funds the support.", form.Markup);
    }

    [Theory]
    [InlineData("01/12/2026")]
    [InlineData("1/12/2026")]
    [InlineData("2026-12-01")]
    public void The_start_is_read_as_a_UK_date(string typed)
    {
        CommissionForm? sent = null;
        var model = Complete();
        model.DesiredStart = typed;
        var form = RenderSending(model, f => { sent = f; return Task.CompletedTask; });
        form.Find("#submit-request").Click();
        form.WaitForAssertion(() => Assert.NotNull(sent));
        Assert.Equal(new DateOnly(2026, 12, 1), sent!.ToRequest().Need.DesiredStart);
    }

    [Fact]
    public void A_refusal_from_sending_is_shown_in_words_above_the_form()
    {
        var form = RenderSending(Complete(), _ => throw new NotAllowedException("Support is requested by a school contact, a headteacher or the alliance's broker."));
        form.Find("#submit-request").Click();
        form.WaitForAssertion(() => Assert.Equal("Support is requested by a school contact, a headteacher or the alliance's broker.", form.Find("#action-error").TextContent));
    }

    [Fact]
    public void A_form_sent_again_carries_the_same_key_so_it_raises_one_request_and_a_new_form_has_its_own()
    {
        var form = Complete();
        Assert.Equal(form.ToRequest().RequestKey, form.ToRequest().RequestKey);
        Assert.NotNull(form.ToRequest().RequestKey);
        Assert.NotEqual(form.ToRequest().RequestKey, Complete().ToRequest().RequestKey);
    }
}
