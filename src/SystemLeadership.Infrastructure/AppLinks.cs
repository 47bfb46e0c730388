namespace SystemLeadership.Infrastructure;

/// <summary>Absolute links for emails. The base address comes from configuration (App:BaseUrl).</summary>
public sealed class AppLinks(string baseUrl)
{
    private readonly string _base = baseUrl.TrimEnd('/');

    public string BaseUrl => _base;

    public string Application(string tenantSlug, Guid applicationId) => $"{_base}/t/{tenantSlug}/applications/{applicationId}";

    public string ReferenceResponse(string tenantSlug, string token) => $"{_base}/reference/{tenantSlug}/{token}";

    public string Partnership(string tenantSlug, Guid id) => $"{_base}/t/{tenantSlug}/partnerships/{id}";

    public string PartnershipEvaluation(string tenantSlug, string token) => $"{_base}/partnership-evaluation/{tenantSlug}/{token}";

    public string EnquiryConfirmation(string tenantSlug, string token) => $"{_base}/directory/confirm/{tenantSlug}/{token}";

    /// <summary>Where a broker finds the support asked from the public directory.</summary>
    public string Enquiries(string tenantSlug) => $"{_base}/t/{tenantSlug}/brokerage#enquiries";

    public string DesignationLetter(string tenantSlug, Guid designationId) => $"{_base}/t/{tenantSlug}/designations/{designationId}/letter.pdf";
}
