using System.ComponentModel.DataAnnotations;
using IntegrationHub.Application.Common.Models;
using IntegrationHub.Application.Leads;
using IntegrationHub.Web.Auth;
using Mediator;

namespace IntegrationHub.Web.Endpoints;

public sealed class LeadEndpoints : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var leads = app.SignedInGroup("/api/leads", "Leads");
        leads.MapGet("/", ListLeads).Returns<PagedResult<LeadDto>>().Fails(400);
        leads.MapGet("/{id:int}", GetLead).Returns<LeadDto>().Fails(404);
        leads.MapGet("/{id:int}/messages", GetLeadMessages).Returns<IReadOnlyList<LeadMessageDto>>().Fails(404);
        leads.MapPost("/", CreateLead).RequireAuthorization(Principals.TenantUserPolicy).Returns<LeadDto>(201).Fails(400, 413);
    }

    public static async Task<IResult> ListLeads([Range(1, int.MaxValue)] int? page, [Range(1, Paging.MaxPageSize)] int? pageSize, int? subAccountId,
        [MaxLength(LeadFilter.MaxSearchLength)] string? search, [MaxLength(LeadFilter.MaxTagLength)] string? tag, string? updatedSince,
        IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new ListLeadsQuery(page, pageSize, subAccountId, search, tag, updatedSince), ct));

    public static async Task<IResult> GetLead(int id, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new GetLeadQuery(id), ct));

    public static async Task<IResult> GetLeadMessages(int id, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new GetLeadMessagesQuery(id), ct));

    public static async Task<IResult> CreateLead(CreateLeadCommand command, IMediator mediator, CancellationToken ct)
    {
        var lead = await mediator.Send(command, ct);
        return Results.Created($"/api/leads/{lead.Id}", lead);
    }
}
