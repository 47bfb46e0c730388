using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Health;
using SystemLeadership.Infrastructure.Telemetry;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Infrastructure.Designations;

/// <summary>What one run of the scheduler did, for its log line and for tests.</summary>
public sealed record SchedulerRun(int Reminders, int LapsedReferences, int ExpiryNotices, int Expired, int CommitmentWarnings = 0);

/// <summary>
/// The designation side's scheduled work, tenant by tenant (each with its own context, so both locks hold): reference
/// reminders at 7 and 11 days, references lapsing at 14, the "expiring soon" email 90 days before a designation ends,
/// expiry after the end date, and the College's warning when a year of an NLG's designation is on course to end under the
/// 10 days committed (once a year each). Every item is marked in the same SaveChanges as its email, so a run repeated (or two
/// instances at once, serialised by an advisory lock) sends nothing twice. Each completed run beats the heartbeat
/// /health/ready reads and counts in the product meter.
/// </summary>
public sealed partial class DesignationScheduler(
    DbContextOptions<AppDbContext> options,
    Changes changes,
    AppLinks links,
    ILogger<DesignationScheduler> logger,
    SchedulerHeartbeat? heartbeat = null,
    ProductMetrics? metrics = null) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);
    // PostgreSQL has pg_try_advisory_xact_lock(bigint) and (integer, integer), not (bigint, integer): the key must be an int.
    private const int AdvisoryLockKey = 0x5EED_DE51;

    public async Task<SchedulerRun> RunOnceAsync(CancellationToken ct = default)
    {
        var total = new SchedulerRun(0, 0, 0, 0);
        List<Tenant> tenants;
        await using (var national = new AppDbContext(options, TenantContext.For(null)))
        {
            tenants = await national.Tenants.AsNoTracking().ToListAsync(ct);
        }
        foreach (var tenant in tenants)
        {
            SchedulerRun run;
            try
            {
                run = await RunTenantAsync(tenant, ct);
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException && !ct.IsCancellationRequested)
            {
                // One tenant's failure (say, a record changed meanwhile) must not stop the others' reminders; it retries next run.
                LogTenantFailed(tenant.Slug, ex);
                continue;
            }
            total = new(total.Reminders + run.Reminders, total.LapsedReferences + run.LapsedReferences,
                total.ExpiryNotices + run.ExpiryNotices, total.Expired + run.Expired, total.CommitmentWarnings + run.CommitmentWarnings);
        }
        heartbeat?.Ran();
        metrics?.SchedulerRan(completed: true);
        return total;
    }

    private async Task<SchedulerRun> RunTenantAsync(Tenant tenant, CancellationToken ct)
    {
        await using var db = new AppDbContext(options, TenantContext.For(tenant.Id));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // One scheduler at a time per tenant, even with several app instances.
        var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({AdvisoryLockKey}, hashtext({tenant.Id.ToString()})) AS \"Value\"").SingleAsync(ct);
        if (!locked) return new SchedulerRun(0, 0, 0, 0);

        var now = changes.Now;
        var today = changes.Today;
        var system = ChangeRecorder.System;
        int reminders = 0, lapsed = 0, notices = 0, expired = 0;

        var pending = await db.References.Where(r => r.Outcome == ReferenceOutcome.Pending).ToListAsync(ct);
        var applicationIds = pending.Select(r => r.ApplicationId).Distinct().ToList();
        var applications = await db.Applications.Where(a => applicationIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        foreach (var reference in pending)
        {
            var application = applications[reference.ApplicationId];
            if (reference.HasLapsed(now))
            {
                reference.Lapse(now);
                lapsed++;
                var stillPending = pending.Any(r => r.ApplicationId == application.Id && r.IsPending);
                var from = application.State;
                if (!stillPending && application.State == ApplicationState.ReferenceRequested)
                    application.Apply(ApplicationMove.ExpireReference, ApplicationActor.System, now);
                changes.For(db, tenant.Id).Audit("Application", application.Id, system, "Reference link expired", from.ToString(), application.State.ToString(),
                    $"{reference.RefereeName} did not answer within 14 days");
                changes.For(db, tenant.Id).Send(ApplicantEmails.ReferenceExpired(application, reference, links.Application(tenant.Slug, application.Id)));
            }
            else if (reference.ReminderDue(now))
            {
                var token = reference.MarkReminded(now);
                reminders++;
                changes.For(db, tenant.Id).Audit("Application", application.Id, system, $"Reminder {reference.RemindersSent} sent to referee", null, null,
                    $"{reference.RefereeName} <{reference.RefereeEmail}>");
                var email = RefereeEmails.Reminder(tenant, application, reference, links.ReferenceResponse(tenant.Slug, token));
                changes.For(db, tenant.Id).Send(email);
            }
        }

        var horizon = today.AddDays(DesignationWorkflow.ExpiringSoonDays);
        var ending = await db.Designations.Where(d => d.State == DesignationState.Active && d.EndDate != null && d.EndDate <= horizon).ToListAsync(ct);
        foreach (var designation in ending)
        {
            if (designation.EndDate < today)
            {
                designation.Apply(DesignationMove.Expire, ApplicationActor.System, today, system.Name);
                expired++;
                changes.For(db, tenant.Id).Audit(nameof(Designation), designation.Id, system, "Expired", nameof(DesignationState.Active), designation.State.ToString(),
                    $"Ended {designation.EndDate:d MMMM yyyy}");
            }
            else if (designation.ExpiryNoticeSentAt is null)
            {
                designation.MarkExpiryNoticeSent(now);
                notices++;
                changes.For(db, tenant.Id).Audit(nameof(Designation), designation.Id, system, "Expiring soon: holder told", null, null,
                    $"Ends {designation.EndDate:d MMMM yyyy}");
                changes.For(db, tenant.Id).Send(DesignationEmails.EndingSoon(tenant, designation, $"{links.BaseUrl}/t/{tenant.Slug}/my-designations"));
            }
        }

        var warnings = await WarnOfShortCommitmentsAsync(db, tenant, today, ct);

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new SchedulerRun(reminders, lapsed, notices, expired, warnings);
    }

    private const string CommitmentWarning = "College warned: the year will end under 10 days";

    /// <summary>Once a year per NLG: the year will end under 10 days. The audit entry, keyed by the year's start, marks it sent.</summary>
    private async Task<int> WarnOfShortCommitmentsAsync(AppDbContext db, Tenant tenant, DateOnly today, CancellationToken ct)
    {
        var falling = (await NlgCommitments.YearsAsync(db, today, null, ct)).Where(n => n.Year.Status(today) == CommitmentStatus.WillEndShort).ToList();
        if (falling.Count == 0) return 0;
        var ids = falling.Select(n => n.DesignationId).ToList();
        var warned = (await db.AuditEntries.AsNoTracking()
                .Where(a => ids.Contains(a.EntityId) && a.Action == CommitmentWarning).Select(a => new { a.EntityId, a.FromState }).ToListAsync(ct))
            .Select(a => (a.EntityId, a.FromState)).ToHashSet();
        var college = await NlgCommitments.CollegeAdministratorEmailsAsync(db, ct);
        var sent = 0;
        foreach (var nlg in falling.Where(n => !warned.Contains((n.DesignationId, YearKey(n.Year)))))
        {
            changes.For(db, tenant.Id).Audit(nameof(Designation), nlg.DesignationId, ChangeRecorder.System, CommitmentWarning, YearKey(nlg.Year), null, nlg.Year.Describe(today));
            changes.For(db, tenant.Id).Send(DesignationEmails.NlgCommitmentShort(tenant, nlg, today, college, $"{links.BaseUrl}/t/{tenant.Slug}/designations/{nlg.DesignationId}"));
            sent++;
        }
        return sent;
    }

    private static string YearKey(CommitmentYear year) => year.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var run = await RunOnceAsync(stoppingToken);
                if (run != new SchedulerRun(0, 0, 0, 0)) LogRun(run.Reminders, run.LapsedReferences, run.ExpiryNotices, run.Expired);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                metrics?.SchedulerRan(completed: false);
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Designation scheduler: {Reminders} reminders, {Lapsed} references lapsed, {Notices} expiry notices, {Expired} expired")]
    private partial void LogRun(int reminders, int lapsed, int notices, int expired);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Designation scheduler: tenant {Slug} failed this run")]
    private partial void LogTenantFailed(string slug, Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "Designation scheduler run failed")]
    private partial void LogFailed(Exception ex);
}
