using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Evidence;

/// <summary>A file attached to an application as evidence, stored in PostgreSQL with the application it belongs to.</summary>
public sealed class EvidenceFile : ITenantOwned
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxFilesPerApplication = 10;

    private EvidenceFile() { }

    private EvidenceFile(Guid tenantId, Guid applicationId, string fileName, string contentType, byte[] content, string uploadedBy, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        ApplicationId = applicationId;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
        SizeBytes = content.Length;
        UploadedByUserId = uploadedBy;
        UploadedAt = at;
    }

    /// <summary>Accepts the file only when its content is a PDF, a Word document or an image, whatever its name says.</summary>
    public static EvidenceFile Accept(Guid tenantId, Guid applicationId, string fileName, byte[] content, string uploadedBy, DateTimeOffset at)
    {
        var kind = FileSignatures.Inspect(fileName, content);
        if (kind.Problem is { } problem) throw new InvalidInputException("file", problem);
        return new EvidenceFile(tenantId, applicationId, kind.SafeName, kind.ContentType!, content, uploadedBy, at);
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public int SizeBytes { get; private set; }
    public byte[] Content { get; private set; } = [];
    public string UploadedByUserId { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; }
}
