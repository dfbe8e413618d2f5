using Microsoft.Extensions.Primitives;

namespace IntegrationHub.Web.Infrastructure;

/// <summary>
/// In Development, <c>MapStaticAssets</c> adds a fallback route <c>{**path:file}</c> (GET, HEAD) that serves files added
/// to wwwroot since the build. Routing picks an endpoint by method before it checks the <c>file</c> constraint, so that
/// fallback took over every path: a GET on a POST-only route found the fallback, failed its constraint and answered 404,
/// and a POST to an unknown path answered 405 with <c>Allow: GET, HEAD</c>. Without it, routing answers as it should:
/// a known path with the wrong method is 405 with the route's own methods, an unknown path is 404. The console's assets
/// are all known at build time, so nothing is lost (a file added while running is served after the next build).
/// </summary>
internal static class FileFallbackRemoval
{
    public static void RemoveFileFallback(this IEndpointRouteBuilder app)
    {
        var sources = app.DataSources.ToList();
        app.DataSources.Clear();
        foreach (var source in sources)
        {
            app.DataSources.Add(new WithoutFileFallback(source));
        }
    }

    private static bool IsFileFallback(Endpoint endpoint) =>
        endpoint is RouteEndpoint route && route.RoutePattern.RawText?.TrimStart('/') == "{**path:file}"
        && route.Metadata.Any(m => m.GetType().Name == "FallbackMetadata");

    private sealed class WithoutFileFallback(EndpointDataSource inner) : EndpointDataSource
    {
        public override IReadOnlyList<Endpoint> Endpoints => inner.Endpoints.Where(e => !IsFileFallback(e)).ToList();

        public override IChangeToken GetChangeToken() => inner.GetChangeToken();
    }
}
