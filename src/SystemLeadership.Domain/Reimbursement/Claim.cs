using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Domain.Workflows;

namespace SystemLeadership.Domain.Reimbursement;

public enum ClaimState
{
    Draft,
    Submitted,
    ChangesRequested,
    Approved,
    Paid,
}

public enum ClaimMove
{
    Submit,
    RequestChanges,
    Approve,
    MarkPaid,
}

public enum ClaimRole
{
    /// <summary>The leader's school: its headteacher (or the leader on the school's behalf).</summary>
    LeaderSchool,
    Broker,
}

/// <summary>
/// One line of a claim: a day logged on a deployment, or a joint practice development session (no deployment), at its
/// agreed rate. Amounts are split from the claim's per-rate totals.
/// </summary>
/// <param name="SourceId">The day log entry or the JPD session the line pays for.</param>
public sealed record ClaimLineInput(Guid SourceId, Guid? DeploymentId, string LeaderName, string SupportedSchoolName, DateOnly Date, int HalfDays, int DayRatePence);

/// <summary>
/// Reimbursement to a leader's school for one term (003 §2, 004): logged days × agreed rate. Worked out per rate on
/// the total half days, then split back to lines, so the lines add up to the total with no rounding drift.
/// </summary>
public sealed class Claim : ITenantOwned
{
    private Claim() { }

    public Claim(Guid tenantId, int schoolUrn, string schoolName, string termKey, IReadOnlyList<ClaimLineInput> lines, DateTimeOffset at,
        (Guid TenantId, string Name)? payee = null)
    {
        PayeeTenantId = payee?.TenantId;
        PayeeName = payee?.Name;
        if (lines.Count == 0) throw new ArgumentException("A claim needs at least one logged day.", nameof(lines));
        Id = Guid.NewGuid();
        TenantId = tenantId;
        SchoolUrn = schoolUrn;
        SchoolName = schoolName;
        TermKey = termKey;
        CreatedAt = at;
        State = ClaimState.Draft;
        Lines = Price(Id, tenantId, lines);
        TotalPence = Lines.Sum(l => l.AmountPence);
        TotalHalfDays = Lines.Sum(l => l.HalfDays);
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public int SchoolUrn { get; private set; }
    public string SchoolName { get; private set; } = "";
    public string TermKey { get; private set; } = "";
    public long TotalPence { get; private set; }
    public int TotalHalfDays { get; private set; }
    public ClaimState State { get; private set; }
    public string? BrokerNote { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public string? PaymentReference { get; private set; }
    /// <summary>
    /// Set when the days were given by a leader pooled from a network partner: the claim is made and paid through their
    /// home alliance (which submits it, from its own side, and reimburses the leader's school), never by the school here.
    /// </summary>
    public Guid? PayeeTenantId { get; private set; }
    public string? PayeeName { get; private set; }
    public List<ClaimLine> Lines { get; private set; } = [];
    public uint Version { get; private set; }

    public static List<ClaimLine> Price(Guid claimId, Guid tenantId, IReadOnlyList<ClaimLineInput> lines)
    {
        var priced = new ClaimLine[lines.Count];
        foreach (var group in lines.Select((l, i) => (Line: l, Index: i)).GroupBy(x => x.Line.DayRatePence))
        {
            var members = group.OrderBy(x => x.Line.Date).ThenBy(x => x.Line.SourceId).ToList();
            var total = Money.ProRata(group.Key, members.Sum(m => m.Line.HalfDays));
            var parts = Money.Allocate(total, members.Select(m => m.Line.HalfDays).ToList());
            for (var i = 0; i < members.Count; i++)
            {
                priced[members[i].Index] = new ClaimLine(tenantId, claimId, members[i].Line, parts[i]);
            }
        }
        return [.. priced.OrderBy(l => l.Date).ThenBy(l => l.LeaderName, StringComparer.Ordinal)];
    }

    public ClaimTransition Apply(ClaimMove move, ClaimRole actor, DateTimeOffset at, string? note = null)
    {
        var transition = ClaimWorkflow.Table.Require(this, State, move, actor);
        switch (move)
        {
            case ClaimMove.Submit:
                SubmittedAt = at;
                break;
            case ClaimMove.RequestChanges:
                if (string.IsNullOrWhiteSpace(note)) throw new NotAllowedException("Say what needs to change.");
                BrokerNote = note.Trim();
                break;
            case ClaimMove.Approve:
                ApprovedAt = at;
                break;
            case ClaimMove.MarkPaid:
                if (string.IsNullOrWhiteSpace(note)) throw new NotAllowedException("Record the payment reference.");
                PaymentReference = note.Trim();
                PaidAt = at;
                break;
        }
        State = transition.To;
        return transition;
    }
}

public sealed class ClaimLine : ITenantOwned
{
    private ClaimLine() { }

    public ClaimLine(Guid tenantId, Guid claimId, ClaimLineInput input, long amountPence)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        ClaimId = claimId;
        SourceId = input.SourceId;
        DeploymentId = input.DeploymentId;
        LeaderName = input.LeaderName;
        SupportedSchoolName = input.SupportedSchoolName;
        Date = input.Date;
        HalfDays = input.HalfDays;
        DayRatePence = input.DayRatePence;
        AmountPence = amountPence;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid ClaimId { get; private set; }
    /// <summary>The day log entry or JPD session this line pays for.</summary>
    public Guid SourceId { get; private set; }
    /// <summary>The deployment the day was given on; none for a joint practice development session.</summary>
    public Guid? DeploymentId { get; private set; }
    public string LeaderName { get; private set; } = "";
    public string SupportedSchoolName { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public int HalfDays { get; private set; }
    public int DayRatePence { get; private set; }
    public long AmountPence { get; private set; }
}

public static class ClaimWorkflow
{
    public static readonly Workflow<ClaimState, ClaimMove, ClaimRole, Claim> Table = new(
    [
        new(ClaimState.Draft, ClaimMove.Submit, ClaimState.Submitted, ClaimRole.LeaderSchool, "Submit claim"),
        new(ClaimState.ChangesRequested, ClaimMove.Submit, ClaimState.Submitted, ClaimRole.LeaderSchool, "Resubmit claim"),
        new(ClaimState.Submitted, ClaimMove.RequestChanges, ClaimState.ChangesRequested, ClaimRole.Broker, "Ask for changes"),
        new(ClaimState.Submitted, ClaimMove.Approve, ClaimState.Approved, ClaimRole.Broker, "Approve claim",
            c => c.TotalPence <= 0 ? "There is nothing to pay on this claim." : null),
        new(ClaimState.Approved, ClaimMove.MarkPaid, ClaimState.Paid, ClaimRole.Broker, "Mark as paid"),
    ], Display);

    public static string Display(ClaimState state) => state switch
    {
        ClaimState.Draft => "Draft",
        ClaimState.Submitted => "Submitted",
        ClaimState.ChangesRequested => "Changes requested",
        ClaimState.Approved => "Approved",
        ClaimState.Paid => "Paid",
        _ => state.ToString(),
    };
}
