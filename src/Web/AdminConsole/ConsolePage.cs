using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Web.Errors;
using Microsoft.AspNetCore.Components;

namespace IntegrationHub.Web.AdminConsole;

/// <summary>
/// What every console page shares: the mediator, and one way to run an action that turns the Application layer's
/// refusals into messages on the page: the error catalogue's, the same words the API's problem details use.
/// </summary>
public abstract class ConsolePage : ComponentBase
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    [Inject] protected ConsoleMediator Hub { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    [Inject] private ErrorCatalogue Errors { get; set; } = default!;

    [Inject] private ILogger<ConsolePage> Log { get; set; } = default!;

    /// <summary>The last action's refusal, shown in the page's alert area.</summary>
    protected string? Error { get; private set; }

    /// <summary>The last action's validation errors by path (<c>config/locationId</c>, <c>name</c>).</summary>
    protected IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = NoErrors;

    /// <summary>Every error of the last refused action, each naming its field: the list under <see cref="Error"/>.</summary>
    protected IReadOnlyList<string> ErrorItems { get; private set; } = [];

    protected bool Busy { get; private set; }

    /// <summary>Which action runs now (its button says so: "Testing…"), null when none or a plain load.</summary>
    protected string? Running { get; private set; }

    /// <summary>
    /// What the page shows, named as the Application layer names it in "not found", and the list it belongs to: when
    /// it is gone (deleted in another tab, or by another admin), the page goes to that list, which says so.
    /// </summary>
    protected virtual (string Resource, int Id, string ListPath)? Subject => null;

    /// <summary>
    /// Whether the page is live (its circuit connected). Interactive pages are first rendered on the server; until the
    /// circuit takes over, their controls are disabled rather than silently ignoring what is typed or clicked.
    /// </summary>
    protected bool Ready => RendererInfo.IsInteractive;

    /// <summary>Runs an action; true when it went through, false when it was refused (and the reason is shown).</summary>
    protected async Task<bool> Run(Func<Task> action, string? running = null)
    {
        // A second click that arrives while the first action still runs (the button is disabled only once the page
        // has re-rendered) is not a second submit.
        if (Busy)
        {
            return false;
        }

        Error = null;
        FieldErrors = NoErrors;
        ErrorItems = [];
        Busy = true;
        Running = running;
        try
        {
            await action();
            return true;
        }
        catch (NotFoundException ex) when (Subject is { } subject && ex.Resource == subject.Resource && Equals(ex.Key, subject.Id))
        {
            Navigation.NavigateTo($"{subject.ListPath}?gone={subject.Id}");
        }
        catch (ConsoleSessionEndedException)
        {
            Navigation.NavigateTo(ConsoleAuthentication.SignInPath, forceLoad: true);
        }
        catch (Exception ex) when (ex is not NavigationException)
        {
            Show(ex);
        }
        finally
        {
            Busy = false;
            Running = null;
        }

        return false;
    }

    /// <summary>
    /// A refusal reads as the API's problem says it (a conflict as the conflict, a race lost to a unique index as that);
    /// anything else is logged with its stack, and the page only says it failed (an exception's text can carry what it should not).
    /// </summary>
    private void Show(Exception ex)
    {
        switch (Errors.Describe(ex))
        {
            case { Errors: { } fields }:
                ShowValidationErrors(fields);
                break;
            case { } problem:
                Error = problem.Detail;
                break;
            default:
                Log.LogError(ex, "A console action failed");
                Error = "That did not work because of an error on the server; it has been logged.";
                break;
        }
    }

    /// <summary>
    /// Shows validation errors beside their fields and all of them in the summary: the server's and the page's own (a
    /// form checked as typed), since the server stops at the first layer that refuses and would otherwise list only some.
    /// </summary>
    protected void ShowValidationErrors(IReadOnlyDictionary<string, string[]> errors)
    {
        FieldErrors = errors;
        ErrorItems = errors.Concat(OwnErrors())
            .SelectMany(e => e.Value.Select(message => Named(e.Key, message)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Error = "Some fields need attention:";
    }

    // "Location ID: Value should be at least 1" where the message does not already start with the field's name or label.
    private string Named(string path, string message) =>
        LabelFor(path) is { } label && !message.StartsWith(label, StringComparison.OrdinalIgnoreCase)
            && !message.StartsWith(path.Split('/')[0], StringComparison.OrdinalIgnoreCase)
            ? $"{label}: {message}"
            : message;

    /// <summary>Errors the page found itself (a form checked as typed), listed with the server's.</summary>
    protected virtual IReadOnlyDictionary<string, string[]> OwnErrors() => NoErrors;

    /// <summary>The label people see for the field at an error path, when its messages may not name it.</summary>
    protected virtual string? LabelFor(string path) => null;

    /// <summary>
    /// One background re-read (see <see cref="LiveRefresh"/>): on the page's own thread, then re-rendered; true to keep
    /// reading. A failure ends the watch quietly: the page still shows its last state, and the next click says what is wrong.
    /// </summary>
    protected async Task<bool> Reread(Func<Task<bool>> read)
    {
        var more = false;
        await InvokeAsync(async () =>
        {
            try
            {
                more = await read();
            }
            catch (Exception ex) when (ex is not NavigationException)
            {
                Log.LogDebug(ex, "A console page stopped refreshing");
            }

            StateHasChanged();
        });
        return more;
    }

    /// <summary>A button's text: what it does, or what it is doing while its action runs.</summary>
    protected string Label(string action, string idle, string running) => Running == action ? running : idle;

    /// <summary>The button's <c>aria-busy</c>: whether its action runs now.</summary>
    protected string AriaBusy(string action) => Running == action ? "true" : "false";

    protected string? ErrorFor(string path) =>
        FieldErrors.TryGetValue(path, out var messages) ? string.Join(" ", messages) : null;

    public static string When(DateTime? utc) =>
        utc is { } value ? value.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : "never";
}
