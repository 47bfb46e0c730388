using SystemLeadership.Domain.Common;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Designations;

/// <summary>A designation's life after the decision: re-designation, de-designation, a change of circumstances.</summary>
public class DesignationAfterwardsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly DesignationWorld _world = new(db);

    private async Task<(Tenant Tenant, Actor Manager, Actor Holder)> AllianceAsync()
    {
        var tenant = await _world.TenantAsync();
        return (tenant, await _world.PersonAsync(tenant, "Margaret Thompson", TenantRoles.AllianceManager),
            await _world.PersonAsync(tenant, "Harriet Holder", TenantRoles.SystemLeader));
    }

    [Fact]
    public async Task Re_designation_on_evidence_of_impact_marks_the_old_designation_re_designated_and_continues_from_its_end()
    {
        var (tenant, manager, holder) = await AllianceAsync();
        var school = await _world.SchoolAsync("Leyburn Primary", "Good");
        var first = await _world.DesignatedAsync(tenant, holder, manager, nameof(DesignationType.SpecialistLeaderOfEducation),
            DesignationWorld.Answers(LeadershipRole.MiddleLeader, 30, school.Urn));
        _world.Clock.Advance(TimeSpan.FromDays(4 * 365 - 60));

        var applications = _world.Applications(tenant, holder);
        var renewal = await applications.StartRenewalAsync(holder, first.Id);
        Assert.Equal(renewal.Id, (await applications.StartRenewalAsync(holder, first.Id)).Id);
        Assert.True(renewal.IsRenewal);
        await applications.SaveAnswersAsync(renewal.Id, renewal.Version,
            DesignationWorld.Answers(LeadershipRole.MiddleLeader, 30, school.Urn, evidence: "LA review of Redmire Primary credits our maths work; development group feedback attached."), holder);
        await _world.MoveAsync(tenant, renewal.Id, ApplicationMove.Submit, holder);
        await _world.ReferenceAsync(tenant, renewal.Id, holder, DesignationWorld.Unique("head") + "@leyburn.example.org");
        await _world.MoveAsync(tenant, renewal.Id, ApplicationMove.Designate, manager);

        var old = await _world.DesignationAsync(tenant, first.Id);
        Assert.Equal(DesignationState.ReDesignated, old.State);
        Assert.Equal((_world.Today, "Margaret Thompson"), (old.EndedOn!.Value, old.EndedByName));
        var history = await _world.Designations(tenant, manager).HistoryOfAsync(holder.UserId);
        Assert.Equal(2, history.Count);
        var current = history[0].Designation;
        // Renewed 60 days early, the new period starts when the old one ends: no time is lost.
        var renewedFrom = first.EndDate!.Value.AddDays(1);
        Assert.Equal((DesignationState.Active, renewedFrom), (current.State, current.StartDate));
        Assert.Equal(renewedFrom.AddYears(4).AddDays(-1), current.EndDate);
        Assert.Equal(first.Id, current.LinkedDesignationId);
        Assert.Contains(history[1].History, h => h.Action == "Re-designated" && h.FromState == "Active" && h.ToState == "ReDesignated");
    }

    [Fact]
    public async Task A_de_designation_shows_its_reason_date_and_decision_maker_in_the_holders_history()
    {
        var (tenant, manager, holder) = await AllianceAsync();
        var designation = await _world.SeededDesignationAsync(tenant, holder, _world.Today.AddMonths(-6));
        var service = _world.Designations(tenant, manager);

        var noReason = await Assert.ThrowsAsync<NotAllowedException>(() =>
            service.MoveAsync(designation.Id, designation.Version, DesignationMove.DeDesignate, manager, null, "Left teaching."));
        Assert.Equal("Choose the reason for de-designation.", noReason.Message);
        var future = await Assert.ThrowsAsync<NotAllowedException>(() =>
            service.MoveAsync(designation.Id, designation.Version, DesignationMove.DeDesignate, manager, DeDesignationReason.Conduct, "x", _world.Today.AddDays(1)));
        Assert.Equal("The date cannot be in the future.", future.Message);
        var beforeStart = await Assert.ThrowsAsync<NotAllowedException>(() =>
            service.MoveAsync(designation.Id, designation.Version, DesignationMove.DeDesignate, manager, DeDesignationReason.Conduct, "x", designation.StartDate.AddDays(-1)));
        Assert.Equal("The date cannot be before the designation began.", beforeStart.Message);
        Assert.Equal(DesignationState.Active, (await _world.DesignationAsync(tenant, designation.Id)).State);

        var effective = _world.Today.AddDays(-3);
        await service.MoveAsync(designation.Id, designation.Version, DesignationMove.DeDesignate, manager, DeDesignationReason.Conduct,
            "Safeguarding concern upheld by the school.", effective);

        var entry = Assert.Single(await service.HistoryOfAsync(holder.UserId));
        Assert.Equal(DesignationState.DeDesignated, entry.Designation.State);
        Assert.Equal((DeDesignationReason.Conduct, "Safeguarding concern upheld by the school.", (DateOnly?)effective, "Margaret Thompson"),
            (entry.Designation.EndReason!.Value, entry.Designation.EndNote, entry.Designation.EndedOn, entry.Designation.EndedByName));
        var trail = Assert.Single(entry.History);
        Assert.Equal(("De-designate", "Active", "DeDesignated", manager.UserId), (trail.Action, trail.FromState, trail.ToState, trail.ActorUserId));
        Assert.Equal($"Conduct: Safeguarding concern upheld by the school. (effective {effective:d MMMM yyyy}; decided by Margaret Thompson)", trail.Detail);
        Assert.Contains(await _world.EmailsToAsync(holder.Email), e => e.Subject == "Your SLE designation: de-designate" && e.TextBody.Contains("Safeguarding concern", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_manager_cannot_change_their_own_designation_and_a_holder_cannot_change_any()
    {
        var (tenant, manager, holder) = await AllianceAsync();
        var own = await _world.SeededDesignationAsync(tenant, manager, _world.Today.AddMonths(-1));
        var theirs = await _world.SeededDesignationAsync(tenant, holder, _world.Today.AddMonths(-1));
        await Assert.ThrowsAsync<NotAllowedException>(() =>
            _world.Designations(tenant, manager).MoveAsync(own.Id, own.Version, DesignationMove.Suspend, manager, note: "Self"));
        await Assert.ThrowsAsync<NotAllowedException>(() =>
            _world.Designations(tenant, holder).MoveAsync(theirs.Id, theirs.Version, DesignationMove.Suspend, holder, note: "Self"));
        Assert.Equal(0, await _world.CountAsync("AuditEntries", $"\"EntityId\" IN ('{own.Id}', '{theirs.Id}')"));
    }

    [Fact]
    public async Task Suspending_then_reinstating_keeps_both_moves_in_the_trail()
    {
        var (tenant, manager, holder) = await AllianceAsync();
        var designation = await _world.SeededDesignationAsync(tenant, holder, _world.Today.AddMonths(-1));
        var service = _world.Designations(tenant, manager);
        await service.MoveAsync(designation.Id, designation.Version, DesignationMove.Suspend, manager, note: "Complaint under review.");
        var suspended = await _world.DesignationAsync(tenant, designation.Id);
        Assert.Equal(DesignationState.Suspended, suspended.State);
        // The version the manager saw is stale now.
        await Assert.ThrowsAsync<StaleException>(() =>
            service.MoveAsync(designation.Id, designation.Version, DesignationMove.Reinstate, manager));
        await service.MoveAsync(designation.Id, suspended.Version, DesignationMove.Reinstate, manager);
        var trail = Assert.Single(await service.HistoryOfAsync(holder.UserId)).History.Select(h => (h.FromState, h.ToState)).ToList();
        Assert.Equal([("Active", "Suspended"), ("Suspended", "Active")], trail);
    }

    [Fact]
    public async Task A_change_of_role_flags_every_current_designation_for_review_and_tells_the_managers()
    {
        var (tenant, manager, holder) = await AllianceAsync();
        var current = await _world.SeededDesignationAsync(tenant, holder, _world.Today.AddMonths(-6));
        var newSchool = await _world.SchoolAsync("Richmond School", "Good");

        await _world.Designations(tenant, holder).ReportChangeAsync(holder, LeadershipRole.DeputyHeadteacher, newSchool.Urn, "Promoted.");

        var flagged = await _world.DesignationAsync(tenant, current.Id);
        Assert.NotNull(flagged.ReviewFlaggedAt);
        Assert.StartsWith("Role changed from Middle leader (e.g. subject or key stage leader) to Deputy headteacher; moved from their school to Richmond School", flagged.ReviewFlag, StringComparison.Ordinal);
        Assert.EndsWith(". Promoted.", flagged.ReviewFlag, StringComparison.Ordinal);
        Assert.Single((await _world.ListAsync(tenant, manager, new Infrastructure.Designations.RegisterFilter(FlaggedOnly: true)))!);
        Assert.Contains(await _world.EmailsToAsync(manager.Email), e => e.Subject == "Review needed: Harriet Holder's circumstances have changed");

        await _world.Designations(tenant, manager).ClearReviewAsync(current.Id, flagged.Version, "Still a middle leader in practice; kept.", manager);
        Assert.Null((await _world.DesignationAsync(tenant, current.Id)).ReviewFlag);
    }

    [Fact]
    public async Task The_expiring_soon_list_starts_exactly_90_days_before_the_end()
    {
        var (tenant, manager, holder) = await AllianceAsync();
        var designation = await _world.SeededDesignationAsync(tenant, holder, new DateOnly(2026, 1, 5));
        var end = designation.EndDate!.Value;
        async Task<bool> ListedOnAsync(DateOnly day)
        {
            _world.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
            var rows = (await _world.ListAsync(tenant, manager, new Infrastructure.Designations.RegisterFilter(ExpiringSoonOnly: true)))!;
            return rows.Any(d => d.Id == designation.Id);
        }
        Assert.False(await ListedOnAsync(end.AddDays(-91)));
        Assert.True(await ListedOnAsync(end.AddDays(-90)));
        Assert.True(await ListedOnAsync(end));
    }

    [Fact]
    public async Task Reporting_no_change_or_holding_nothing_is_refused()
    {
        var (tenant, _, holder) = await AllianceAsync();
        var nothing = await Assert.ThrowsAsync<NotAllowedException>(() =>
            _world.Designations(tenant, holder).ReportChangeAsync(holder, LeadershipRole.SeniorLeader, null, null));
        Assert.Equal("You hold no current designation here.", nothing.Message);

        await _world.SeededDesignationAsync(tenant, holder, _world.Today.AddMonths(-6));
        var same = await Assert.ThrowsAsync<NotAllowedException>(() =>
            _world.Designations(tenant, holder).ReportChangeAsync(holder, LeadershipRole.MiddleLeader, null, null));
        Assert.Equal("That is the role and school we already hold for you.", same.Message);
        var unknownSchool = await Assert.ThrowsAsync<InvalidInputException>(() =>
            _world.Designations(tenant, holder).ReportChangeAsync(holder, LeadershipRole.SeniorLeader, 1, null));
        Assert.StartsWith("There is no school with URN 1.", unknownSchool.Message, StringComparison.Ordinal);
        await using var context = db.NewContext(tenant.Id);
        Assert.False(await context.Designations.AnyAsync(d => d.ReviewFlag != null));
    }

    [Fact]
    public async Task Only_an_active_or_expired_designation_with_a_period_can_be_renewed()
    {
        var (tenant, manager, holder) = await AllianceAsync();
        var designation = await _world.SeededDesignationAsync(tenant, holder, _world.Today.AddMonths(-6));
        await _world.Designations(tenant, manager).MoveAsync(designation.Id, designation.Version, DesignationMove.Suspend, manager, note: "Review.");
        var refused = await Assert.ThrowsAsync<NotAllowedException>(() => _world.Applications(tenant, holder).StartRenewalAsync(holder, designation.Id));
        Assert.Equal("Only an active or expired designation can be renewed.", refused.Message);

        var lle = await _world.SeededDesignationAsync(tenant, holder, _world.Today.AddMonths(-6), Presets.Lle);
        var noPeriod = await Assert.ThrowsAsync<NotAllowedException>(() => _world.Applications(tenant, holder).StartRenewalAsync(holder, lle.Id));
        Assert.Equal("This designation has no fixed period, so it does not need renewing.", noPeriod.Message);
    }
}
