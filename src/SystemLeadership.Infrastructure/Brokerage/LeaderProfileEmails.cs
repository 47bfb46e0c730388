using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.Brokerage;

/// <summary>What a leader's own changes to their profile tell the alliance's brokers.</summary>
public static class LeaderProfileEmails
{
    public static EmailMessage Changed(LeaderProfile profile, string before, string after, IEnumerable<string> brokers) => new(
        [.. brokers],
        $"{profile.Name} changed their profile",
        $"""
        {profile.Name} has changed their brokerage profile.

        Before: {before}
        Now: {after}

        The search for leaders uses the new details from now on; agreed deployments are unchanged.
        """);

    public static EmailMessage AwayDuringDeployments(LeaderProfile profile, DateSpan away, IReadOnlyList<string> schools, IEnumerable<string> brokers) => new(
        [.. brokers],
        $"{profile.Name} will be away {away} during a deployment",
        $"""
        {profile.Name} has marked themselves away {away}, which falls within their deployment{(schools.Count == 1 ? "" : "s")} at
        {string.Join(", ", schools)}. Visits in that time may need to move.
        """);
}
