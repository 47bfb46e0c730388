using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Reimbursement;

/// <summary>
/// A network partner's claim for the days one of this alliance's pooled leaders gave, as the home alliance sees it: owned
/// by the home tenant, which submits it and is paid through it, and kept in step with the partner's claim in the same
/// transaction as each step. The partner's claim itself stays in the partner's tenant.
/// </summary>
public sealed class PartnerClaim : ITenantOwned
{
    private PartnerClaim() { }

    public PartnerClaim(Guid homeTenantId, Guid partnerTenantId, string partnerName, Claim claim)
    {
        Id = Guid.NewGuid();
        TenantId = homeTenantId;
        PartnerTenantId = partnerTenantId;
        PartnerName = partnerName;
        ClaimId = claim.Id;
        TermKey = claim.TermKey;
        TotalHalfDays = claim.TotalHalfDays;
        TotalPence = claim.TotalPence;
        Leaders = [.. claim.Lines.Select(l => l.LeaderName).Distinct().Order(StringComparer.Ordinal)];
        Follow(claim);
    }

    public Guid Id { get; private set; }
    /// <summary>The home alliance, paid through this claim.</summary>
    public Guid TenantId { get; private set; }
    public Guid PartnerTenantId { get; private set; }
    public string PartnerName { get; private set; } = "";
    public Guid ClaimId { get; private set; }
    public string TermKey { get; private set; } = "";
    public int TotalHalfDays { get; private set; }
    public long TotalPence { get; private set; }
    public List<string> Leaders { get; private set; } = [];
    public ClaimState State { get; private set; }
    public string? BrokerNote { get; private set; }
    public string? PaymentReference { get; private set; }
    public uint Version { get; private set; }

    /// <summary>Copies the partner's claim's state after each step.</summary>
    public void Follow(Claim claim)
    {
        State = claim.State;
        BrokerNote = claim.BrokerNote;
        PaymentReference = claim.PaymentReference;
    }
}
