using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;

namespace SystemLeadership.Domain.Tests.Designations;

public class ReferenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Only_the_hash_of_the_token_is_kept()
    {
        var (reference, token) = Reference.Request(Guid.NewGuid(), Guid.NewGuid(), "Jo Head", "head@school.org", Now);
        Assert.NotEqual(token, reference.TokenHash);
        Assert.Equal(Reference.Hash(token), reference.TokenHash);
        Assert.True(token.Length >= 40);
    }

    [Fact]
    public void A_link_works_until_fourteen_days_have_passed()
    {
        var (reference, _) = Reference.Request(Guid.NewGuid(), Guid.NewGuid(), "Jo Head", "head@school.org", Now);
        Assert.Null(reference.WhyLinkUnusable(Now.AddDays(14).AddSeconds(-1)));
        Assert.Contains("expired", reference.WhyLinkUnusable(Now.AddDays(14)));
    }

    [Fact]
    public void A_link_cannot_be_used_twice()
    {
        var (reference, _) = Reference.Request(Guid.NewGuid(), Guid.NewGuid(), "Jo Head", "head@school.org", Now);
        reference.Confirm("Head of maths", 3, true, null, Now);
        var refused = Assert.Throws<NotAllowedException>(() => reference.Decline("changed my mind", Now));
        Assert.Contains("already been used", refused.Message);
    }

    [Fact]
    public void A_reference_must_confirm_release_time()
    {
        var (reference, _) = Reference.Request(Guid.NewGuid(), Guid.NewGuid(), "Jo Head", "head@school.org", Now);
        Assert.Throws<InvalidInputException>(() => reference.Confirm("Head of maths", 3, false, null, Now));
        Assert.Equal(ReferenceOutcome.Pending, reference.Outcome);
    }

    [Fact]
    public void A_reminder_carries_a_fresh_link_and_the_first_link_still_matches()
    {
        var (reference, first) = Reference.Request(Guid.NewGuid(), Guid.NewGuid(), "Jo Head", "head@school.org", Now);
        var second = reference.MarkReminded(Now.AddDays(7));
        Assert.NotEqual(first, second);
        Assert.True(reference.Matches(Reference.Hash(first)));
        Assert.True(reference.Matches(Reference.Hash(second)));
        Assert.False(reference.Matches(Reference.Hash("someone-elses-token")));
    }
}
