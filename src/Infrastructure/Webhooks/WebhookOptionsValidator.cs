using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.Webhooks;

/// <summary>
/// Checks at start what data annotations cannot: the public keys parse and the public base URL is absolute.
/// A bad key found only at the first delivery would refuse every webhook while the service looks healthy.
/// </summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        try
        {
            GhlPublicKeys.Ed25519(options.GhlEd25519PublicKey);
        }
        catch (FormatException ex)
        {
            failures.Add(ex.Message);
        }

        try
        {
            GhlPublicKeys.Rsa(options.GhlRsaPublicKey)?.Dispose();
        }
        catch (FormatException ex)
        {
            failures.Add(ex.Message);
        }

        if (options.PublicBaseUrl is { } baseUrl && !string.IsNullOrWhiteSpace(baseUrl)
            && !(Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.Query.Length == 0))
        {
            failures.Add($"{WebhookOptions.Section}:PublicBaseUrl must be an absolute http(s) URL such as https://hub.example.com.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
