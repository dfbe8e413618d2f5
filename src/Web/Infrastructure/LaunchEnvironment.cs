namespace IntegrationHub.Web.Infrastructure;

/// <summary>
/// <c>dotnet run</c> starts in Development, yet an environment the user chose wins. A launch profile's own
/// <c>ASPNETCORE_ENVIRONMENT</c> would override the user's (<c>ASPNETCORE_ENVIRONMENT=Production dotnet run</c> ran as
/// Development and wrote development keys), so the profile sets only this fallback. A published service started
/// without any of them is Production, ASP.NET Core's default.
/// </summary>
internal static class LaunchEnvironment
{
    public const string FallbackVariable = "INTEGRATIONHUB_DEFAULT_ENVIRONMENT";

    public static void ApplyFallback()
    {
        if (Environment.GetEnvironmentVariable(FallbackVariable) is { Length: > 0 } fallback
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"))
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")))
        {
            Environment.SetEnvironmentVariable("ASPNETCORE_ENVIRONMENT", fallback);
        }
    }
}
