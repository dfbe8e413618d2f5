using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace IntegrationHub.Web.Infrastructure.Observability;

/// <summary>
/// The readable log, as the simple formatter writes it, with control characters escaped (<c>ESC</c> becomes
/// <c>\u001B</c>). Logged values come from outside (a webhook's event type, an integration's name, GoHighLevel's error
/// messages); printed raw, an escape sequence in one of them would drive the operator's terminal (clear the screen,
/// hide lines, retitle the window). The JSON format escapes them already.
/// </summary>
internal sealed class TerminalSafeConsoleFormatter(IServiceProvider services) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "integrationhub-text";

    // Resolved on first use: the formatters are resolved together, this one among them.
    private ConsoleFormatter? _simple;

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        _simple ??= services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Simple);
        var format = logEntry.Formatter;
        var error = logEntry.Exception;
        // The exception's text is folded into the message so it is escaped too (the single-line output looks the same).
        var escaped = new LogEntry<TState>(logEntry.LogLevel, logEntry.Category, logEntry.EventId, logEntry.State, exception: null,
            (state, _) => Escape(error is null ? format(state, null) : format(state, error) + Environment.NewLine + error));
        _simple.Write(in escaped, scopeProvider, textWriter);
    }

    /// <summary>
    /// C0 controls other than newline and tab (a lone CR would let a value overwrite its own line), DEL and C1 controls
    /// (0x9B starts a sequence too) as <c>\uXXXX</c>.
    /// </summary>
    public static string Escape(string text)
    {
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (NeedsEscape(c))
            {
                escaped.Append(@"\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) && c is not '\n' and not '\t';
}
