using SystemLeadership.Domain.Common;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Evidence;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Designations;

namespace SystemLeadership.Infrastructure.Evidence;

/// <summary>Evidence files on an application: checked by content, at most 10 MB, kept in PostgreSQL with the application.</summary>
public sealed class EvidenceService(TenantDbContextFactory contexts, Changes changes)
{
    public async Task<EvidenceSummary> UploadAsync(Guid applicationId, string fileName, byte[] content, Actor applicant, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == applicationId, ct) ?? throw new NotFoundException();
        if (application.ApplicantUserId != applicant.UserId) throw new NotAllowedException("Only the applicant can add evidence.");
        if (application.State != ApplicationState.Draft) throw new NotAllowedException("Evidence is added while the application is a draft.");
        if (await db.EvidenceFiles.CountAsync(f => f.ApplicationId == applicationId, ct) >= EvidenceFile.MaxFilesPerApplication)
            throw new InvalidInputException("file", $"An application can have at most {EvidenceFile.MaxFilesPerApplication} evidence files.");
        var file = EvidenceFile.Accept(application.TenantId, applicationId, fileName, content, applicant.UserId, changes.Now);
        db.EvidenceFiles.Add(file);
        changes.For(db, application.TenantId).Audit("Application", applicationId, applicant, "Evidence added", null, null, $"{file.FileName} ({file.SizeBytes:N0} bytes)");
        await ChangeRecorder.SaveAsync(db, ct);
        return new EvidenceSummary(file.Id, file.FileName, file.ContentType, file.SizeBytes, file.UploadedAt);
    }

    public async Task RemoveAsync(Guid applicationId, Guid fileId, Actor applicant, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, ct) ?? throw new NotFoundException();
        if (application.ApplicantUserId != applicant.UserId || application.State != ApplicationState.Draft)
            throw new NotAllowedException("Evidence can be removed by the applicant while the application is a draft.");
        var file = await db.EvidenceFiles.FirstOrDefaultAsync(f => f.Id == fileId && f.ApplicationId == applicationId, ct) ?? throw new NotFoundException();
        db.EvidenceFiles.Remove(file);
        changes.For(db, application.TenantId).Audit("Application", applicationId, applicant, "Evidence removed", null, null, file.FileName);
        await ChangeRecorder.SaveAsync(db, ct);
    }
}
