using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Integration.Tests.Brokerage;
using SystemLeadership.Integration.Tests.Designations;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Security;

/// <summary>
/// The hostile corpus (HostileCorpus, 514 inputs) through the use cases behind the main interactive forms — the support
/// request, the proposal's terms and the application's answers — as each form sends what is typed: every input is
/// either saved or refused in words (a RefusedException, whose message the form shows beside the field), never another
/// error; a refused input leaves no row behind, and an over-long one is refused for its length.
/// </summary>
public class HostileFormInputTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    /// <summary>What happened to one input: saved, or refused with the message shown to the person.</summary>
    private sealed record Outcome(bool Saved, string? Refusal);

    private static async Task<Outcome> TryAsync(Func<Task> step)
    {
        try
        {
            await step();
            return new(true, null);
        }
        catch (RefusedException refusal)
        {
            return new(false, refusal.Message);
        }
    }

    private static void AssertAnswered(List<(string Input, Outcome Outcome, long Rows)> results, long rowsBefore, int longest)
    {
        // Each input added a row exactly when it was saved.
        var expected = rowsBefore;
        foreach (var (input, outcome, rows) in results)
        {
            if (outcome.Saved) expected++;
            Assert.True(rows == expected, $"Input #{results.FindIndex(r => r.Input == input) + 1} ({input.Length} characters) left {rows - expected} row(s) it should not have.");
            if (input.Length > longest) Assert.False(outcome.Saved, $"An input of {input.Length} characters was saved where {longest} is the most.");
            if (outcome.Refusal is { } message) Assert.False(string.IsNullOrWhiteSpace(message));
        }
        Assert.Contains(results, r => r.Outcome.Saved);
        Assert.Contains(results, r => !r.Outcome.Saved);
    }

    [Fact]
    public async Task Every_input_in_the_support_request_forms_names_and_emails_is_saved_or_refused_in_words()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        async Task<long> CountAsync()
        {
            await using var context = w.Context();
            return await context.Set<Commission>().LongCountAsync();
        }
        var before = await CountAsync();
        List<(string, Outcome, long)> names = [];
        foreach (var input in HostileCorpus.All)
        {
            var request = w.Request() with { FunderName = input, CommissionerName = input };
            names.Add((input, await TryAsync(() => w.Commissions.RaiseCommissionAsync(w.Contact, request)), await CountAsync()));
        }
        AssertAnswered(names, before, 200);

        before = await CountAsync();
        List<(string, Outcome, long)> emails = [];
        foreach (var input in HostileCorpus.All)
        {
            var request = w.Request() with { CommissionerEmail = input };
            emails.Add((input, await TryAsync(() => w.Commissions.RaiseCommissionAsync(w.Contact, request)), await CountAsync()));
        }
        AssertAnswered(emails, before, 256);
    }

    [Fact]
    public async Task Every_input_in_a_proposals_terms_is_saved_or_refused_in_words()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var commission = await w.AcceptedCommissionAsync();
        async Task<long> CountAsync()
        {
            await using var context = w.Context();
            return await context.Set<Proposal>().LongCountAsync();
        }
        var before = await CountAsync();
        List<(string, Outcome, long)> results = [];
        foreach (var input in HostileCorpus.All)
        {
            var terms = BrokerageWorld.Terms() with { Objectives = [input], ExpectedImpact = input, SupportApproach = input };
            results.Add((input, await TryAsync(() => w.Proposals.DraftProposalAsync(commission.Id, w.LeaderDesignationId, terms, w.Broker)), await CountAsync()));
        }
        AssertAnswered(results, before, ProposalTerms.MaxTextLength);
    }

    [Fact]
    public async Task Every_input_in_an_applications_statement_is_saved_or_refused_in_words()
    {
        var world = new DesignationWorld(db);
        var tenant = await world.TenantAsync();
        var applicant = await world.PersonAsync(tenant, "Ada Applicant", TenantRoles.Applicant);
        var draft = await world.Applications(tenant, applicant).StartAsync(applicant, DesignationType.SpecialistLeaderOfEducation.ToString());
        List<(string Input, Outcome Outcome)> results = [];
        foreach (var input in HostileCorpus.All)
        {
            var answers = new ApplicationAnswers(LeadershipRole.MiddleLeader, 40, ["Maths"], null, input);
            var version = await world.VersionAsync(tenant, draft.Id);
            results.Add((input, await TryAsync(() => world.Applications(tenant, applicant).SaveAnswersAsync(draft.Id, version, answers, applicant))));
            var saved = await world.ApplicationAsync(tenant, draft.Id);
            // A saved statement is kept (trimmed of the spaces around it).
            if (results[^1].Outcome.Saved && !string.IsNullOrWhiteSpace(input)) Assert.Equal(input.Trim(), saved.TrackRecord);
        }
        Assert.All(results.Where(r => r.Input.Length > ApplicationAnswers.MaxStatementLength), r => Assert.False(r.Outcome.Saved));
        Assert.Contains(results, r => r.Outcome.Saved);
        Assert.Contains(results, r => !r.Outcome.Saved);
    }

    [Fact]
    public async Task Every_input_as_a_grids_search_gives_a_page_never_an_error()
    {
        var world = new DesignationWorld(db);
        var tenant = await world.TenantAsync();
        var manager = await world.PersonAsync(tenant, "Mo Manager", TenantRoles.AllianceManager);
        var register = new Infrastructure.Designations.AllianceRegister(world.Contexts(tenant, manager), world.Changes);
        foreach (var input in HostileCorpus.All)
        {
            var page = await register.PageAsync(manager, new Infrastructure.Designations.RegisterFilter(Search: input), new Infrastructure.Grids.PageRequest());
            Assert.NotNull(page);
        }
    }
}
