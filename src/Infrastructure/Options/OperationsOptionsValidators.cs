using IntegrationHub.Application.Common.Security;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.Options;

/// <summary>
/// Checks at start what data annotations cannot: the cron parses, the alert URL is one the hub may call and its secret
/// is usable with it.
/// </summary>
public sealed class OperationsOptionsValidator(OutboundTargets targets) : IValidateOptions<HealthChecksOptions>, IValidateOptions<AlertsOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthChecksOptions options)
    {
        try
        {
            // Five fields, or six with seconds first (as Hangfire reads a recurring job's cron).
            var withSeconds = options.Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6;
            Cronos.CronExpression.Parse(options.Cron, withSeconds ? Cronos.CronFormat.IncludeSeconds : Cronos.CronFormat.Standard);
            return ValidateOptionsResult.Success;
        }
        catch (Cronos.CronFormatException)
        {
            return ValidateOptionsResult.Fail($"{HealthChecksOptions.Section}:Cron must be a cron expression with five fields (or six, seconds first), such as */5 * * * *.");
        }
    }

    public ValidateOptionsResult Validate(string? name, AlertsOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.WebhookUrl))
        {
            return ValidateOptionsResult.Success;
        }

        if (targets.Refusal(options.WebhookUrl) is { } refusal)
        {
            // The rule, never the URL: an alert webhook's URL may carry its token.
            return ValidateOptionsResult.Fail($"{AlertsOptions.Section}:WebhookUrl {refusal}.");
        }

        return AlertSigningKey(options.WebhookSecret) is null
            ? ValidateOptionsResult.Fail($"{AlertsOptions.Section}:WebhookSecret must be whsec_ followed by base64 of at least 24 random bytes when WebhookUrl is set.")
            : ValidateOptionsResult.Success;
    }

    /// <summary>The HMAC key of a <c>whsec_</c> secret, or null when it is not one.</summary>
    public static byte[]? AlertSigningKey(string? secret)
    {
        if (secret is null || !secret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var key = Convert.FromBase64String(secret["whsec_".Length..]);
            return key.Length >= 24 ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
