using IntegrationHub.Application.Common.Exceptions;
using Microsoft.AspNetCore.Components;

namespace IntegrationHub.Web.AdminConsole;

/// <summary>
/// What every console page shares: the mediator, and one way to run an action that turns the Application layer's
/// refusals into messages on the page (the same words the API's problem details use).
/// </summary>
public abstract class ConsolePage : ComponentBase
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    [Inject] protected ConsoleMediator Hub { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    [Inject] private ILogger<ConsolePage> Log { get; set; } = default!;

    /// <summary>The last action's refusal, shown in the page's alert area.</summary>
    protected string? Error { get; private set; }

    /// <summary>The last action's validation errors by path (<c>config/locationId</c>, <c>name</c>).</summary>
    protected IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = NoErrors;

    protected bool Busy { get; private set; }

    /// <summary>
    /// Whether the page is live (its circuit connected). Interactive pages are first rendered on the server; until the
    /// circuit takes over, their controls are disabled rather than silently ignoring what is typed or clicked.
    /// </summary>
    protected bool Ready => RendererInfo.IsInteractive;

    /// <summary>Runs an action; true when it went through, false when it was refused (and the reason is shown).</summary>
    protected async Task<bool> Run(Func<Task> action)
    {
        Error = null;
        FieldErrors = NoErrors;
        Busy = true;
        try
        {
            await action();
            return true;
        }
        catch (ValidationException ex)
        {
            FieldErrors = ex.Errors;
            Error = "Some fields need attention: " + string.Join(" ", ex.Errors.SelectMany(e => e.Value));
        }
        catch (Exception ex) when (ex is NotFoundException or ConflictException or ForbiddenException or Domain.Common.DomainRuleException
                                       or Application.GoHighLevel.GhlApiException)
        {
            Error = ex.Message;
        }
        catch (ConsoleSessionEndedException)
        {
            Navigation.NavigateTo(ConsoleAuthentication.SignInPath, forceLoad: true);
        }
        catch (Exception ex) when (ex is not NavigationException)
        {
            // Logged with its stack; the page only says it failed (an exception's text can carry what it should not).
            Log.LogError(ex, "A console action failed");
            Error = "That did not work because of an error on the server; it has been logged.";
        }
        finally
        {
            Busy = false;
        }

        return false;
    }

    protected string? ErrorFor(string path) =>
        FieldErrors.TryGetValue(path, out var messages) ? string.Join(" ", messages) : null;

    protected static string When(DateTime? utc) =>
        utc is { } value ? value.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : "never";
}
