using System.Net;
using Microsoft.AspNetCore.Components;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Reimbursement;

namespace SystemLeadership.Web.Components.Shared;

/// <summary>
/// What a consequential move will do and who will be emailed, asked before it is made (UseCaseComponent.ConfirmAsync).
/// The "who is emailed" lines follow the email templates each move sends (ApplicantEmails, DesignationEmails,
/// CommissionEmails, ProposalEmails, DeploymentEmails, ClaimEmails).
/// </summary>
public sealed record Consequence(string Title, string WhatHappens, string Emailed, string Action)
{
    /// <summary>The dialog's text, every part encoded (names come from people).</summary>
    public MarkupString Markup => new(
        $"<p>{WebUtility.HtmlEncode(WhatHappens)}</p><p class=\"mt-2\"><strong>Emailed:</strong> {WebUtility.HtmlEncode(Emailed)}</p>");

    /// <summary>The application decisions and the applicant's withdrawal; null for a step that needs no asking.</summary>
    public static Consequence? Of(ApplicationMove move, string applicant, string scheme, DesignationType type = DesignationType.TenantScheme, DateOnly? start = null) => move switch
    {
        ApplicationMove.Designate => new($"Designate {applicant}?",
            $"{applicant} is designated {scheme} {(start is { } on ? $"from {on:d MMMM yyyy}" : "from today (a re-designation: from the day after the current one ends)")}. The designation letter is issued and the decision is recorded with you as the decision-maker."
                + type switch
                {
                    DesignationType.TeachingSchool => " The teaching school's alliance is created, with its first manager.",
                    DesignationType.NationalLeaderOfEducation => " Their school is designated a national support school with them.",
                    _ => "",
                },
            $"{applicant}, with the letter and any training to complete" + (type == DesignationType.TeachingSchool ? "; the alliance's first manager, with a link to sign in." : "."), "Designate"),
        ApplicationMove.DoNotDesignate => new($"Not designate {applicant}?",
            "The application closes as not designated, with your reasons recorded. It cannot be reopened; they may apply again.",
            $"{applicant}, with your reasons.", "Do not designate"),
        ApplicationMove.Withdraw => new("Withdraw your application?",
            "The application closes and any reference still awaited is cancelled (the referee's link stops working).",
            "Referees still awaited.", "Withdraw"),
        _ => null,
    };

    public static Consequence? Of(DesignationMove move, string holder, string scheme) => move switch
    {
        DesignationMove.Suspend => new($"Suspend {holder}'s {scheme} designation?",
            "The designation is suspended until reinstated: the holder is not offered for deployments meanwhile.",
            $"{holder}, with your note.", "Suspend"),
        DesignationMove.Reinstate => new($"Reinstate {holder}'s {scheme} designation?",
            "The designation is active again and the holder can be matched to requests.", holder + ".", "Reinstate"),
        DesignationMove.DeDesignate => new($"De-designate {holder}?",
            $"The {scheme} designation ends for good on the date given, recorded with the reason and you as the decision-maker.",
            $"{holder}, with the reason and what led to it.", "De-designate"),
        _ => null,
    };

    public static Consequence? Of(CommissionMove move, string school) => move switch
    {
        CommissionMove.Accept => new($"Accept the request from {school} for brokerage?",
            "The request moves to brokering: you can find leaders and propose them.",
            "The requester, the commissioner and the school's contact.", "Accept"),
        CommissionMove.Decline => new($"Decline the request from {school}?",
            "The request closes as declined, with your note.",
            "The requester, the commissioner and the school's contact.", "Decline"),
        CommissionMove.Withdraw => new($"Withdraw the request for {school}?",
            "The request closes as withdrawn.", "The alliance's brokers.", "Withdraw"),
        _ => null,
    };

    public static Consequence? Of(ProposalMove move, string leader, string school) => move switch
    {
        ProposalMove.Consent => new($"Agree to {leader} supporting {school}?",
            "Your agreement is recorded with your name and the time. When every party has agreed, the deployment starts and the agreement is issued.",
            "When the last party agrees: the leader, their headteacher, the school, the commissioner and the brokers.", "Agree"),
        ProposalMove.Refuse => new($"Refuse {leader} supporting {school}?",
            "The proposal closes; the brokers must find another way.", "The brokers and the leader, with your reason.", "Refuse"),
        _ => null,
    };

    public static Consequence? Of(DeploymentMove move, string leader, string school) => move switch
    {
        DeploymentMove.EndEarly => new($"End {leader}'s deployment at {school} early?",
            "The deployment ends early, recorded with your note; days already logged stay as they are.",
            "The leader, their headteacher, the school's contact and the commissioner.", "End early"),
        DeploymentMove.Complete => new($"Mark the deployment at {school} complete?",
            "The deployment is recorded as complete.",
            "The leader, their headteacher, the school's contact and the commissioner.", "Complete"),
        DeploymentMove.Pause => new($"Pause the deployment at {school}?",
            "No visits are made while it is paused.", "The leader, their headteacher, the school's contact and the commissioner.", "Pause"),
        _ => null,
    };

    public static Consequence? Of(ClaimMove move, string school, string amount) => move switch
    {
        ClaimMove.Approve => new($"Approve {school}'s claim for {amount}?",
            "The claim is approved for payment by the alliance.", $"{school}'s headteacher.", "Approve"),
        ClaimMove.MarkPaid => new($"Mark {school}'s claim for {amount} paid?",
            "The claim is recorded as paid, with the payment reference.", $"{school}'s headteacher.", "Mark paid"),
        ClaimMove.Submit => new($"Submit the claim for {amount}?",
            "The claim goes to the alliance's brokers to approve; it cannot be changed unless they ask.", "The alliance's brokers.", "Submit"),
        _ => null,
    };
}
