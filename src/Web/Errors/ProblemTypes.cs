namespace IntegrationHub.Web;

/// <summary>Stable problem <c>type</c> URIs, one per kind of failure, for clients to branch on.</summary>
public static class ProblemTypes
{
    private const string Base = "https://integrationhub.dev/problems/";

    public static string For(int status) => status switch
    {
        400 => Base + "bad-request",
        401 => Base + "unauthorized",
        403 => Base + "forbidden",
        404 => Base + "not-found",
        409 => Base + "conflict",
        413 => Base + "payload-too-large",
        415 => Base + "unsupported-media-type",
        422 => Base + "unprocessable-content",
        429 => Base + "too-many-requests",
        502 => Base + "bad-gateway",
        _ => Base + "server-error",
    };

    public const string Validation = Base + "validation";
}
