using IntegrationHub.Web.Auth;

namespace IntegrationHub.Web.Endpoints;

/// <summary>One class per resource maps its routes; handlers only send a command or query.</summary>
public interface IEndpointGroup
{
    static abstract void Map(IEndpointRouteBuilder app);
}

internal static class EndpointGroups
{
    public static void MapEndpointGroups(this IEndpointRouteBuilder app)
    {
        TemplateEndpoints.Map(app);
        TenancyEndpoints.Map(app);
        AdminEndpoints.Map(app);
        LeadEndpoints.Map(app);
        BookingEndpoints.Map(app);
        IntegrationEndpoints.Map(app);
        GoHighLevelEndpoints.Map(app);
        GoHighLevelInstallationEndpoints.Map(app);
        GoHighLevelOAuthEndpoints.Map(app);
        WebhookEndpoints.Map(app);
        OperationsEndpoints.Map(app);
        OutboundEndpoints.Map(app);
        AuditEndpoints.Map(app);
        OverviewEndpoints.Map(app);
    }

    public static RouteGroupBuilder AdminGroup(this IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapGroup("/api/admin" + prefix).RequireAuthorization(Principals.AdminPolicy).WithTags(tag).NeedsToken();

    /// <summary>Routes for any authenticated principal (tenant users see their own sub-account only).</summary>
    public static RouteGroupBuilder SignedInGroup(this IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapGroup(prefix).RequireAuthorization().WithTags(tag).NeedsToken();
}
