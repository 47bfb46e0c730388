using Bunit;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Common;
using SystemLeadership.Web.Components.Shared;

namespace SystemLeadership.Web.Tests.Shared;

/// <summary>The one runner: a refusal is shown in words, a conflict marks the page stale, and a bug is never dressed as a refusal.</summary>
public class UseCaseRunnerTests : MudTestContext
{
    [Fact]
    public async Task A_refusal_is_shown_as_its_message_and_the_page_is_not_reloaded()
    {
        var probe = Render<RunnerProbe>().Instance;
        var ran = await probe.Run(() => throw new NotAllowedException("Only the deployed leader records their visit."));
        Assert.False(ran);
        Assert.Equal("Only the deployed leader records their visit.", probe.ErrorShown);
        Assert.False(probe.IsStale);
        Assert.Equal(0, probe.Reloads);
    }

    [Fact]
    public async Task Field_messages_from_the_server_land_beside_their_fields()
    {
        var probe = Render<RunnerProbe>().Instance;
        await probe.Run(() => throw new InvalidInputException("location", "The location must be 300 characters or fewer."));
        Assert.Equal("The location must be 300 characters or fewer.", probe.Field("location"));
    }

    [Fact]
    public async Task Someone_elses_change_or_a_lost_race_in_the_database_marks_the_page_stale()
    {
        var probe = Render<RunnerProbe>().Instance;
        await probe.Run(() => throw new StaleException());
        Assert.True(probe.IsStale);
        Assert.Equal(StaleException.Text, probe.ErrorShown);

        await probe.Run(() => throw new DbUpdateConcurrencyException("token moved"));
        Assert.True(probe.IsStale);
        Assert.Equal(StaleException.Text, probe.ErrorShown);
    }

    [Fact]
    public async Task A_save_the_database_refuses_during_a_failover_asks_to_try_again_and_is_not_a_bug()
    {
        var probe = Render<RunnerProbe>().Instance;
        var readOnly = new Npgsql.PostgresException("cannot execute UPDATE in a read-only transaction", "ERROR", "ERROR", "25006");
        Assert.False(await probe.Run(() => throw new DbUpdateException("An error occurred while saving the entity changes.", readOnly)));
        Assert.Equal(UseCaseComponent.WriteRefusedText, probe.ErrorShown);
        Assert.False(probe.IsStale);

        Assert.False(await probe.Run(() => throw new Npgsql.NpgsqlException("No suitable host was found.")));
        Assert.Equal(UseCaseComponent.WriteRefusedText, probe.ErrorShown);
        Assert.Equal(0, probe.Reloads);
    }

    [Fact]
    public async Task A_bug_is_not_shown_as_a_refusal_but_reaches_the_error_page_and_the_log()
    {
        var probe = Render<RunnerProbe>().Instance;
        await Assert.ThrowsAsync<ArgumentException>(() => probe.Run(() => throw new ArgumentException("Every row needs one cell per header column.")));
        Assert.Null(probe.ErrorShown);
        Assert.False(probe.IsBusy);
    }

    [Fact]
    public async Task A_step_that_goes_through_shows_its_notice_and_reads_the_page_again()
    {
        var probe = Render<RunnerProbe>().Instance;
        Assert.True(await probe.Run(() => Task.CompletedTask, "Visit scheduled."));
        Assert.Equal("Visit scheduled.", probe.NoticeShown);
        Assert.Equal(1, probe.Reloads);
    }

    private sealed class RunnerProbe : UseCaseComponent
    {
        public int Reloads { get; private set; }
        public string? ErrorShown => Error;
        public string? NoticeShown => Notice;
        public bool IsStale => Stale;
        public bool IsBusy => Busy;
        public string? Field(string name) => FieldError(name);

        public async Task<bool> Run(Func<Task> action, string? notice = null)
        {
            var ran = false;
            await InvokeAsync(async () => ran = await RunAsync(action, notice));
            return ran;
        }

        protected override Task ReloadAsync()
        {
            Reloads++;
            return Task.CompletedTask;
        }
    }
}
