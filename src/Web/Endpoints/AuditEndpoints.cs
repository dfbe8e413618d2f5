using System.ComponentModel.DataAnnotations;
using IntegrationHub.Application.Audit;
using IntegrationHub.Application.Common.Models;
using IntegrationHub.Web.Infrastructure.OpenApi;
using Mediator;

namespace IntegrationHub.Web.Endpoints;

/// <summary>The audit log: read by admins, written only by the changes themselves, never edited through a route.</summary>
public sealed class AuditEndpoints : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var audit = app.AdminGroup("/audit", "Audit");
        audit.MapGet("/", ListAuditEntries).Returns<PagedResult<AuditEntryDto>>().Fails(400);
    }

    /// <param name="actor">admin, user or system, optionally with an id: admin:3.</param>
    public static async Task<IResult> ListAuditEntries(string? actor, string? action, string? entityType, string? entityId,
        string? from, string? to, [Range(1, int.MaxValue)] int? page, [Range(1, Paging.MaxPageSize)] int? pageSize,
        IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new ListAuditEntriesQuery(actor, action, entityType, entityId, from, to, page, pageSize), ct));
}
