using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;

namespace SystemLeadership.Domain.Tests.Designations;

public class ReferenceReminderTests
{
    private static readonly DateTimeOffset Requested = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static Reference NewReference() => Reference.Request(Guid.NewGuid(), Guid.NewGuid(), " Jo Head ", " head@school.org ", Requested).Reference;

    private static DateTimeOffset Day(double days) => Requested.AddDays(days);

    [Fact]
    public void A_request_keeps_the_referee_trimmed_and_expires_after_14_days()
    {
        var reference = NewReference();
        Assert.Equal(("Jo Head", "head@school.org"), (reference.RefereeName, reference.RefereeEmail));
        Assert.Equal(Day(14), reference.ExpiresAt);
        Assert.Equal(ReferenceOutcome.Pending, reference.Outcome);
    }

    [Fact]
    public void Every_request_gets_a_different_token()
    {
        var first = Reference.Request(Guid.NewGuid(), Guid.NewGuid(), "Jo", "jo@school.org", Requested).Token;
        var second = Reference.Request(Guid.NewGuid(), Guid.NewGuid(), "Jo", "jo@school.org", Requested).Token;
        Assert.NotEqual(first, second);
        Assert.Matches("^[A-Za-z0-9_-]+$", first);
    }

    [Fact]
    public void The_first_reminder_is_due_at_seven_days_and_only_once()
    {
        var reference = NewReference();
        Assert.False(reference.ReminderDue(Day(7).AddSeconds(-1)));
        Assert.True(reference.ReminderDue(Day(7)));
        reference.MarkReminded(Day(7));
        Assert.Equal(1, reference.RemindersSent);
        Assert.Equal(Day(7), reference.LastReminderAt);
        Assert.False(reference.ReminderDue(Day(7)));
        Assert.False(reference.ReminderDue(Day(11).AddSeconds(-1)));
    }

    [Fact]
    public void The_second_reminder_is_due_at_eleven_days_and_only_once()
    {
        var reference = NewReference();
        reference.MarkReminded(Day(7));
        Assert.True(reference.ReminderDue(Day(11)));
        reference.MarkReminded(Day(11));
        Assert.Equal(2, reference.RemindersSent);
        Assert.False(reference.ReminderDue(Day(11)));
        Assert.False(reference.ReminderDue(Day(13.9)));
    }

    [Fact]
    public void A_late_run_after_both_marks_sends_one_reminder_not_two()
    {
        var reference = NewReference();
        Assert.True(reference.ReminderDue(Day(12)));
        reference.MarkReminded(Day(12));
        Assert.Equal(2, reference.RemindersSent);
        Assert.False(reference.ReminderDue(Day(12)));
        Assert.False(reference.ReminderDue(Day(13)));
    }

    [Fact]
    public void Marking_a_reminder_that_is_not_due_is_refused()
    {
        var reference = NewReference();
        Assert.Throws<InvalidOperationException>(() => reference.MarkReminded(Day(6)));
        Assert.Equal(0, reference.RemindersSent);
    }

    [Fact]
    public void No_reminder_goes_once_the_link_has_expired_or_been_answered()
    {
        var expired = NewReference();
        Assert.False(expired.ReminderDue(Day(14)));

        var answered = NewReference();
        answered.Confirm("Head of maths", 3, true, null, Day(2));
        Assert.False(answered.ReminderDue(Day(7)));

        var cancelled = NewReference();
        cancelled.Cancel(Day(2));
        Assert.False(cancelled.ReminderDue(Day(7)));
    }

    [Fact]
    public void A_cancelled_request_stops_the_link_at_once()
    {
        var reference = NewReference();
        reference.Cancel(Day(1));
        Assert.Equal(ReferenceOutcome.Cancelled, reference.Outcome);
        Assert.Equal("The applicant has withdrawn this reference request.", reference.WhyLinkUnusable(Day(1)));
        var refused = Assert.Throws<NotAllowedException>(() => reference.Confirm("Head of maths", 3, true, null, Day(1)));
        Assert.Equal("The applicant has withdrawn this reference request.", refused.Message);
    }

    [Fact]
    public void Only_a_reference_still_awaited_can_be_cancelled()
    {
        var reference = NewReference();
        reference.Confirm("Head of maths", 3, true, null, Day(1));
        Assert.Equal("Only a reference still awaited can be cancelled.", Assert.Throws<NotAllowedException>(() => reference.Cancel(Day(2))).Message);
        Assert.Equal(ReferenceOutcome.Confirmed, reference.Outcome);
    }

    [Fact]
    public void An_unanswered_link_lapses_at_fourteen_days_and_not_before()
    {
        var reference = NewReference();
        Assert.False(reference.HasLapsed(Day(14).AddSeconds(-1)));
        Assert.Throws<InvalidOperationException>(() => reference.Lapse(Day(14).AddSeconds(-1)));
        Assert.True(reference.HasLapsed(Day(14)));
        reference.Lapse(Day(14));
        Assert.Equal(ReferenceOutcome.Expired, reference.Outcome);
        Assert.Equal("This reference link has expired. Ask the applicant to send a new request.", reference.WhyLinkUnusable(Day(14)));
        Assert.False(reference.HasLapsed(Day(20)));
    }

    [Fact]
    public void A_declined_link_cannot_then_confirm()
    {
        var reference = NewReference();
        reference.Decline("  I do not know them well enough.  ", Day(1));
        Assert.Equal("I do not know them well enough.", reference.DeclineReason);
        Assert.Equal("This reference link has already been used.", Assert.Throws<NotAllowedException>(() => reference.Confirm("Head", 3, true, null, Day(1))).Message);
    }

    [Fact]
    public void A_decline_needs_a_plain_reason()
    {
        var reference = NewReference();
        Assert.Throws<InvalidInputException>(() => reference.Decline(" ", Day(1)));
        Assert.Throws<InvalidInputException>(() => reference.Decline("<script>alert(1)</script>", Day(1)));
        Assert.Throws<InvalidInputException>(() => reference.Decline(new string('r', 4001), Day(1)));
        Assert.Equal(ReferenceOutcome.Pending, reference.Outcome);
    }

    [Fact]
    public void A_confirmation_records_role_years_release_and_comments()
    {
        var reference = NewReference();
        reference.Confirm(" Head of maths ", 4, true, " Excellent. ", Day(3), releaseDaysPerTerm: 6);
        Assert.Equal(("Head of maths", (int?)4, (int?)6, "Excellent.", true), (reference.ConfirmedRole, reference.ConfirmedYearsInRole, reference.ReleaseDaysPerTerm, reference.Comments, reference.ReleaseTimeConfirmed));
        Assert.Equal(Day(3), reference.RespondedAt);
    }

    public static TheoryData<string, int, string?, int?> BadConfirmations() => new()
    {
        { "", 3, null, null },
        { new string('r', 201), 3, null, null },
        { "Head of maths", -1, null, null },
        { "Head of maths", 51, null, null },
        { "Head of maths", 3, "<script>alert(1)</script>", null },
        { "<b>Head</b>", 3, null, null },
        { "Head of maths", 3, new string('c', 4001), null },
        { "Head of maths", 3, null, 0 },
        { "Head of maths", 3, null, 66 },
    };

    [Theory]
    [MemberData(nameof(BadConfirmations))]
    public void A_refused_confirmation_leaves_the_reference_as_it_was(string role, int years, string? comments, int? releaseDays)
    {
        var reference = NewReference();
        Assert.Throws<InvalidInputException>(() => reference.Confirm(role, years, true, comments, Day(1), releaseDays));
        Assert.Equal(ReferenceOutcome.Pending, reference.Outcome);
        Assert.Null(reference.ConfirmedRole);
        Assert.Null(reference.ConfirmedYearsInRole);
        Assert.Null(reference.RespondedAt);
    }
}
