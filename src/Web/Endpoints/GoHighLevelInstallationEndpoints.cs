using System.Text.Json.Serialization;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Application.Integrations;
using Mediator;

namespace IntegrationHub.Web.Endpoints;

/// <summary>Agency (Company) installs of the GoHighLevel Marketplace app and the linking of their locations to sub-accounts.</summary>
public sealed class GoHighLevelInstallationEndpoints : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var installations = app.AdminGroup("/gohighlevel/installations", "GoHighLevel");
        installations.MapGet("", ListInstallations).Returns<IReadOnlyList<GhlInstallationDto>>().Fails(404);
        installations.MapPost("/{companyId}/locations/{locationId}/link", LinkLocation).Returns<IntegrationDto>()
            .Fails(400, 404, 409, 413, 422, 429, 502);
        installations.MapPost("/{companyId}/link-all", LinkAll).Returns<LinkAllResult>().Fails(400, 404, 409, 413);
    }

    public static async Task<IResult> ListInstallations(IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new ListInstallationsQuery(), ct));

    public static async Task<IResult> LinkLocation(string companyId, string locationId, LinkBody body, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new LinkInstallationLocationCommand(companyId, locationId, body.SubAccountId), ct));

    public static async Task<IResult> LinkAll(string companyId, LinkAllBody body, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new LinkAllInstallationLocationsCommand(companyId, body.CreateSubAccounts), ct));

    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record LinkBody(int? SubAccountId);

    /// <param name="CreateSubAccounts">Create a sub-account named after a location that no sub-account is named after (default false).</param>
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record LinkAllBody(bool? CreateSubAccounts);
}
