using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Domain.Workflows;

namespace SystemLeadership.Domain.Brokerage;

public enum CommissionState
{
    Requested,
    MoreInformationRequested,
    Accepted,
    Declined,
    Brokered,
    Withdrawn,
}

public enum CommissionMove
{
    AskForInformation,
    ProvideInformation,
    Accept,
    Decline,
    MarkBrokered,
    Withdraw,
}

/// <summary>What a commission asks for, as the broker's search reads it.</summary>
public sealed record SupportNeed(
    IReadOnlyList<string> Specialisms,
    string? Phase,
    IReadOnlyList<DesignationType> DesignationTypes,
    IReadOnlyList<Guid> SchemeIds,
    PriorityReasons Priority,
    DateOnly DesiredStart,
    int LengthWeeks,
    int HalfDays);

/// <summary>A request for support for one school (003 §7): who asks, who funds, what is needed and when.</summary>
public sealed class Commission : ITenantOwned
{
    private Commission() { }

    public Commission(Guid tenantId, int schoolUrn, string schoolName, string raisedByUserId, string raisedByName, string raisedByEmail,
        CommissionerKind commissionerKind, string commissionerName, string commissionerEmail, string supportedSchoolContactEmail,
        string funderName, SupportNeed need, DateTimeOffset at, Guid? requestKey = null)
    {
        if (need.HalfDays <= 0) throw new InvalidInputException(nameof(need), "Say how many days of support are wanted.");
        if (need.LengthWeeks <= 0) throw new InvalidInputException(nameof(need), "Say how long the support should last.");
        var unknown = need.Specialisms.FirstOrDefault(s => !Designations.Specialisms.IsKnown(s));
        if (unknown is not null) throw new InvalidInputException(nameof(need), $"'{unknown}' is not one of the DfE areas of expertise.");
        if (string.IsNullOrWhiteSpace(funderName)) throw new InvalidInputException(nameof(funderName), "Say who funds the support.");
        if (need.LengthWeeks > 156) throw new InvalidInputException(nameof(need), "Support lasts at most 3 years (156 weeks).");
        // No fixed cap on days: at most full time over the weeks asked for (each deployment is then held to its type's limits).
        if (need.HalfDays > 10 * need.LengthWeeks)
            throw new InvalidInputException(nameof(need), $"{Reimbursement.HalfDays.Describe(need.HalfDays)} is more than full time over {need.LengthWeeks} weeks.");
        foreach (var (text, max) in new[] { (funderName, 200), (commissionerName, 200), (need.Phase, 60) })
        {
            if (text is { } t && t.Length > max) throw new InvalidInputException(nameof(need), $"'{t[..20]}…' is longer than {max} characters.");
            if (Common.PlainText.HasMarkup(text)) throw new InvalidInputException(nameof(need), Common.PlainText.MarkupMessage);
        }
        foreach (var email in new[] { commissionerEmail, supportedSchoolContactEmail })
        {
            // These addresses are the parties who agree the deployment: a malformed one would name nobody.
            if (!string.IsNullOrWhiteSpace(email) && (email.Length > 256 || !System.Text.RegularExpressions.Regex.IsMatch(email, @"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")))
                throw new InvalidInputException(nameof(commissionerEmail), $"'{email}' is not an email address.");
        }
        Id = Guid.NewGuid();
        TenantId = tenantId;
        SchoolUrn = schoolUrn;
        SchoolName = schoolName;
        RaisedByUserId = raisedByUserId;
        RaisedByName = raisedByName;
        RaisedByEmail = raisedByEmail;
        CommissionerKind = commissionerKind;
        CommissionerName = commissionerName;
        CommissionerEmail = commissionerEmail;
        SupportedSchoolContactEmail = supportedSchoolContactEmail;
        FunderName = funderName.Trim();
        Specialisms = [.. need.Specialisms.Distinct()];
        Phase = need.Phase;
        DesignationTypes = [.. need.DesignationTypes.Distinct()];
        SchemeIds = [.. need.SchemeIds.Distinct()];
        Priority = need.Priority;
        DesiredStart = need.DesiredStart;
        LengthWeeks = need.LengthWeeks;
        HalfDays = need.HalfDays;
        RaisedAt = at;
        State = CommissionState.Requested;
        RequestKey = requestKey;
    }

    /// <summary>The key of the form that raised it: the same form sent again (a retry after an error) raises nothing more.</summary>
    public Guid? RequestKey { get; private set; }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public int SchoolUrn { get; private set; }
    public string SchoolName { get; private set; } = "";
    public string RaisedByUserId { get; private set; } = "";
    public string RaisedByName { get; private set; } = "";
    public string RaisedByEmail { get; private set; } = "";
    public CommissionerKind CommissionerKind { get; private set; }
    public string CommissionerName { get; private set; } = "";
    public string CommissionerEmail { get; private set; } = "";
    public string SupportedSchoolContactEmail { get; private set; } = "";
    public string FunderName { get; private set; } = "";
    public List<string> Specialisms { get; private set; } = [];
    public string? Phase { get; private set; }
    public List<DesignationType> DesignationTypes { get; private set; } = [];
    public List<Guid> SchemeIds { get; private set; } = [];
    public PriorityReasons Priority { get; private set; }
    public DateOnly DesiredStart { get; private set; }
    public int LengthWeeks { get; private set; }
    public int HalfDays { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }
    public CommissionState State { get; private set; }
    /// <summary>The broker's question, or the reason for declining.</summary>
    public string? BrokerNote { get; private set; }
    public string? RequesterReply { get; private set; }
    public Guid? AgreedProposalId { get; private set; }
    public uint Version { get; private set; }

    public DateOnly PlannedEnd => DesiredStart.AddDays(LengthWeeks * 7 - 1);

    public SupportNeed Need => new(Specialisms, Phase, DesignationTypes, SchemeIds, Priority, DesiredStart, LengthWeeks, HalfDays);

    public CommissionTransition Apply(CommissionMove move, BrokerageRole actor, string? note = null, Guid? agreedProposalId = null)
    {
        var transition = CommissionWorkflow.Table.Require(this, State, move, actor);
        switch (move)
        {
            case CommissionMove.AskForInformation or CommissionMove.Decline:
                if (string.IsNullOrWhiteSpace(note))
                    throw new NotAllowedException(move == CommissionMove.Decline ? "Give the reason for declining." : "Say what more you need to know.");
                BrokerNote = note.Trim();
                break;
            case CommissionMove.ProvideInformation:
                if (string.IsNullOrWhiteSpace(note)) throw new NotAllowedException("Write the information asked for.");
                RequesterReply = note.Trim();
                break;
            case CommissionMove.MarkBrokered:
                AgreedProposalId = agreedProposalId ?? throw new ArgumentNullException(nameof(agreedProposalId));
                break;
        }
        State = transition.To;
        return transition;
    }
}

public static class CommissionWorkflow
{
    public static readonly Workflow<CommissionState, CommissionMove, BrokerageRole, Commission> Table = new(Build(), Display);

    public static string Display(CommissionState state) => state switch
    {
        CommissionState.Requested => "Requested",
        CommissionState.MoreInformationRequested => "Waiting for more information",
        CommissionState.Accepted => "Accepted for brokerage",
        CommissionState.Declined => "Declined",
        CommissionState.Brokered => "Brokered",
        CommissionState.Withdrawn => "Withdrawn",
        _ => state.ToString(),
    };

    private static List<CommissionTransition> Build() =>
    [
        new(CommissionState.Requested, CommissionMove.Accept, CommissionState.Accepted, BrokerageRole.Broker, "Accept for brokerage"),
        new(CommissionState.Requested, CommissionMove.AskForInformation, CommissionState.MoreInformationRequested, BrokerageRole.Broker, "Ask for more information"),
        new(CommissionState.Requested, CommissionMove.Decline, CommissionState.Declined, BrokerageRole.Broker, "Decline"),
        new(CommissionState.MoreInformationRequested, CommissionMove.ProvideInformation, CommissionState.Requested, BrokerageRole.Requester, "Send the information"),
        new(CommissionState.MoreInformationRequested, CommissionMove.Decline, CommissionState.Declined, BrokerageRole.Broker, "Decline"),
        new(CommissionState.Accepted, CommissionMove.MarkBrokered, CommissionState.Brokered, BrokerageRole.System, "Brokered: a proposal was agreed"),
        new(CommissionState.Requested, CommissionMove.Withdraw, CommissionState.Withdrawn, BrokerageRole.Requester, "Withdraw the request"),
        new(CommissionState.MoreInformationRequested, CommissionMove.Withdraw, CommissionState.Withdrawn, BrokerageRole.Requester, "Withdraw the request"),
        new(CommissionState.Accepted, CommissionMove.Withdraw, CommissionState.Withdrawn, BrokerageRole.Requester, "Withdraw the request"),
    ];
}
