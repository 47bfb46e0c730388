namespace SystemLeadership.Infrastructure.Brokerage;

/// <summary>Links for brokerage emails, built on the configured base address.</summary>
public static class BrokerageLinks
{
    public static string Commission(this AppLinks links, string tenantSlug, Guid id) => $"{links.BaseUrl}/t/{tenantSlug}/commissions/{id}";
    public static string Proposal(this AppLinks links, string tenantSlug, Guid id) => $"{links.BaseUrl}/t/{tenantSlug}/proposals/{id}";
    public static string Deployment(this AppLinks links, string tenantSlug, Guid id) => $"{links.BaseUrl}/t/{tenantSlug}/deployments/{id}";
    public static string Networks(this AppLinks links, string tenantSlug) => $"{links.BaseUrl}/t/{tenantSlug}/networks";
    public static string Claim(this AppLinks links, string tenantSlug, Guid id) => $"{links.BaseUrl}/t/{tenantSlug}/claims/{id}";
}
