using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.Brokerage;

/// <summary>What a professional partnership emails: both partners when matched, the new head at the end, the brokers on the evaluation.</summary>
public static class PartnershipEmails
{
    public static EmailMessage Matched(ProfessionalPartnership p, string allianceName, string link) => new(
        [p.LeaderEmail, p.NewHeadEmail],
        $"{p.LeaderName} is professional partner to {p.NewHeadName}",
        $"""
        {allianceName} has matched {p.LeaderName}, a local leader of education, as professional partner to {p.NewHeadName},
        headteacher of {p.SchoolName} since {p.HeadshipStart:d MMMM yyyy}.

        The partnership offers about 20 to 30 hours of one-to-one coaching and mentoring during the first two years of
        headship (to {p.SupportEnds:d MMMM yyyy}). {p.LeaderName} logs the time given here: {link}
        """);

    public static EmailMessage Evaluate(ProfessionalPartnership p, string allianceName, string link) => new(
        [p.NewHeadEmail],
        $"How was your professional partnership with {p.LeaderName}?",
        $"""
        Dear {p.NewHeadName},

        Your professional partnership with {p.LeaderName} has ended, after {ProfessionalPartnership.Hours(p.LoggedMinutes)}.
        {allianceName} would value a short evaluation: a rating and a few words, no account needed. The link works once,
        for {ProfessionalPartnership.EvaluationLinkDays} days.

        {link}
        """);

    public static EmailMessage Evaluated(ProfessionalPartnership p, IEnumerable<string> brokers) => new(
        [.. brokers],
        $"{p.NewHeadName} evaluated their partnership with {p.LeaderName}",
        $"""
        {p.NewHeadName} rated the professional partnership with {p.LeaderName} {p.EvaluationRating} out of 5.
        {(p.EvaluationComment is null ? "" : $"\n\"{p.EvaluationComment}\"\n")}
        """);
}
