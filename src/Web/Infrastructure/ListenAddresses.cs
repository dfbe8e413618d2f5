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
        var configured = !string.IsNullOrWhiteSpace(configuration["urls"])
            || !string.IsNullOrWhiteSpace(configuration["http_ports"])
            || !string.IsNullOrWhiteSpace(configuration["https_ports"])
            || configuration.GetSection("Kestrel:Endpoints").Exists();
        if (!configured)
        {
            builder.WebHost.UseUrls(Default);
        }
    }
}
