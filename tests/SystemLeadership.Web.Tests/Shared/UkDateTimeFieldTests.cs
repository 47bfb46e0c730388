using Bunit;
using SystemLeadership.Web.Components.Shared;

namespace SystemLeadership.Web.Tests.Shared;

/// <summary>The one date input (dd/mm/yyyy) and the one time input (24-hour): typed, not picked, with the validator's message under them.</summary>
public class UkDateTimeFieldTests : MudTestContext
{
    [Fact]
    public void The_date_field_asks_for_dd_mm_yyyy_on_a_keyboard_that_can_type_the_slashes_and_keeps_its_id()
    {
        var field = Render<UkDateField>(p => p.Add(x => x.Label, "Date").Add(x => x.Id, "visit-date"));
        var input = field.Find("input#visit-date");
        Assert.Equal("text", input.GetAttribute("type"));
        Assert.Equal("dd/mm/yyyy", input.GetAttribute("placeholder"));
        // A number pad (inputmode numeric) on a phone has no "/" key.
        Assert.Equal("text", input.GetAttribute("inputmode"));
        Assert.Contains("dd/mm/yyyy", field.Markup);
    }

    [Fact]
    public void The_date_field_hands_back_what_was_typed_and_shows_its_message()
    {
        string? typed = null;
        var field = Render<UkDateField>(p => p.Add(x => x.Label, "Date").Add(x => x.Id, "visit-date")
            .Add(x => x.Error, "The visit must be today or later.").Add(x => x.ValueChanged, v => typed = v));
        field.Find("#visit-date").Change("05/01/2027");
        Assert.Equal("05/01/2027", typed);
        Assert.Contains("The visit must be today or later.", field.Markup);
    }

    [Fact]
    public void The_time_field_asks_for_a_24_hour_time_on_a_keyboard_that_can_type_the_colon()
    {
        var field = Render<UkTimeField>(p => p.Add(x => x.Label, "Time").Add(x => x.Id, "visit-time").Add(x => x.Error, "Choose the time of the visit, like 09:30."));
        var input = field.Find("input#visit-time");
        Assert.Equal("text", input.GetAttribute("inputmode"));
        Assert.Contains("Choose the time of the visit, like 09:30.", field.Markup);
    }

    [Theory]
    [InlineData("05/01/2027")]
    [InlineData("5/1/2027")]
    [InlineData("2027-01-05")]
    public void Every_date_form_the_fields_accept_reads_as_the_same_day(string typed) =>
        Assert.Equal(new DateOnly(2027, 1, 5), UkDateTime.ParseDate(typed));

    [Theory]
    [InlineData("1/13/2027")]
    [InlineData("31/02/2027")]
    [InlineData("tomorrow")]
    public void A_date_that_is_not_real_reads_as_none(string typed) => Assert.Null(UkDateTime.ParseDate(typed));

    [Theory]
    [InlineData("14:30", 14, 30)]
    [InlineData("9:05", 9, 5)]
    public void Times_read_as_24_hour(string typed, int hour, int minute) =>
        Assert.Equal(new TimeOnly(hour, minute), UkDateTime.ParseTime(typed));

    [Fact]
    public void A_date_is_shown_back_as_dd_mm_yyyy() => Assert.Equal("05/01/2027", UkDateTime.Format(new DateOnly(2027, 1, 5)));
}
