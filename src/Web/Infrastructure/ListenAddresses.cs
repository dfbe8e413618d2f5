using IntegrationHub.Infrastructure.Options;

namespace IntegrationHub.Web.Infrastructure;

/// <summary>
/// Where the service listens. The default lives here rather than in a launch profile, because a profile's
/// <c>applicationUrl</c> overrides <c>ASPNETCORE_URLS</c> under <c>dotnet run</c>: users' own settings must win.
/// </summary>
internal static class ListenAddresses
{
    public const string Default = "http://localhost:5080";

    public static void ApplyDefault(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        Validate(configuration["urls"]);
        var configured = !string.IsNullOrWhiteSpace(configuration["urls"])
            || !string.IsNullOrWhiteSpace(configuration["http_ports"])
            || !string.IsNullOrWhiteSpace(configuration["https_ports"])
            || configuration.GetSection("Kestrel:Endpoints").Exists();
        if (!configured)
        {
            builder.WebHost.UseUrls(Default);
        }
    }

    /// <summary>
    /// Kestrel parses the addresses only when it binds, after the database is set up and the first admin's token is
    /// printed, and then fails with a stack trace; checked here, a mistake is one line like any other setting.
    /// </summary>
    /// <exception cref="InvalidSettingException">An address is not an absolute http(s) URL with a port from 0 to 65535.</exception>
    private static void Validate(string? urls)
    {
        foreach (var address in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IsValid(address))
            {
                throw new InvalidSettingException(
                    "ASPNETCORE_URLS (or --urls) must be addresses such as http://localhost:5080, separated by ';': " +
                    "scheme http or https, a host, and a port from 0 to 65535.");
            }
        }
    }

    private static bool IsValid(string address)
    {
        BindingAddress parsed;
        try
        {
            parsed = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return false;
        }

        return parsed.Scheme.ToUpperInvariant() is "HTTP" or "HTTPS" && (parsed.IsUnixPipe || parsed.IsNamedPipe || parsed.Port is >= 0 and <= 65535);
    }
}
