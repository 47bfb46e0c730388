using FluentValidation;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SystemLeadership.Domain.Common;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Web.Components.Shared;

/// <summary>
/// The one runner for a step a person takes on a page: run it, show a refusal at its field or as a message, mark the
/// page stale on a conflict, reload on success. Any other exception is a bug: it goes to the log and the error page,
/// and is never shown to the person as a refusal.
/// </summary>
public abstract class UseCaseComponent : ComponentBase
{
    private static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();

    protected string? Error { get; set; }
    protected string? Notice { get; set; }
    protected bool Busy { get; set; }

    /// <summary>Someone else changed the record: the page offers a reload rather than another try.</summary>
    protected bool Stale { get; set; }

    /// <summary>Messages from the last refusal for the fields they belong to.</summary>
    protected IReadOnlyDictionary<string, string> FieldErrors { get; private set; } = NoFields;

    protected string? FieldError(string field) => FieldErrors.GetValueOrDefault(field);

    /// <summary>Forgets the last refusal and its field messages (a form closed, or another opened in its place).</summary>
    protected void ClearErrors()
    {
        Error = null;
        FieldErrors = NoFields;
        Problems = [];
    }

    /// <summary>
    /// Checks a form's input model with its validator before anything is sent: every message goes beside its field,
    /// the same place a refusal from the server puts its field messages.
    /// </summary>
    protected bool Validate<T>(IValidator<T> validator, T model)
    {
        var result = validator.Validate(model);
        FieldErrors = result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage);
        Error = null;
        return result.IsValid;
    }

    /// <summary>Every reason from the last refusal of a form as a whole (<see cref="InvalidInputException.Problems"/>).</summary>
    protected IReadOnlyList<string> Problems { get; private set; } = [];

    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ILogger<UseCaseComponent> Log { get; set; } = default!;
    [CascadingParameter] private Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? StepAuthenticationState { get; set; }

    /// <summary>The person's menu counts are read again after their own change (others' changes show within a short while).</summary>
    private async Task ForgetMyCountsAsync()
    {
        if (StepAuthenticationState is null) return;
        var user = (await StepAuthenticationState).User;
        if (user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } id) Infrastructure.Reports.MenuCounts.Forget(id);
    }

    /// <summary>
    /// Asks before a consequential move: a dialog that says what will happen and who will be emailed. True when the
    /// person confirms (or when the move needs no asking: null).
    /// </summary>
    protected async Task<bool> ConfirmAsync(Consequence? consequence)
    {
        if (consequence is null) return true;
        var answer = await Dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = consequence.Title,
            MarkupMessage = consequence.Markup,
            YesText = consequence.Action,
            CancelText = "Cancel",
        });
        return answer == true;
    }

    /// <summary>Reads the page's view again after a step succeeds.</summary>
    protected virtual Task ReloadAsync() => Task.CompletedTask;

    /// <summary>What a step says when the database took no writes (as the 503 page does for a form post).</summary>
    public const string WriteRefusedText = "This could not be saved just now: the database is changing over to its standby. Wait a few seconds and try again.";

    /// <summary>Runs one step; returns whether it went through.</summary>
    protected async Task<bool> RunAsync(Func<Task> action, string? notice = null)
    {
        Busy = true;
        Error = null;
        Notice = null;
        Stale = false;
        FieldErrors = NoFields;
        Problems = [];
        try
        {
            await action();
            await ForgetMyCountsAsync();
            Notice = notice;
            await ReloadAsync();
            return true;
        }
        catch (RefusedException refusal)
        {
            Error = refusal.Message;
            FieldErrors = refusal.Fields;
            Problems = refusal is InvalidInputException invalid ? invalid.Problems : [];
            Stale = refusal.Kind == RefusalKind.Stale;
            return false;
        }
        catch (Exception e) when (DatabaseConflicts.IsConflict(e))
        {
            Error = StaleException.Text;
            Stale = true;
            return false;
        }
        catch (Exception e) when (Hosting.WritesRefusedHandler.Forget(e, Log))
        {
            // Around a failover the write went nowhere (refused as read-only, or no primary found). The form keeps what
            // was typed; the pooled connections were dropped, so the next try connects afresh and finds the new primary.
            Error = WriteRefusedText;
            return false;
        }
        finally
        {
            Busy = false;
        }
    }
}
