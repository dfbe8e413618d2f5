using IntegrationHub.Application.Leads;
using IntegrationHub.Web.Auth;
using Mediator;

namespace IntegrationHub.Web.Endpoints;

public sealed class LeadEndpoints : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var leads = app.MapGroup("/api/leads").RequireAuthorization().WithTags("Leads");
        leads.MapGet("/", ListLeads);
        leads.MapGet("/{id:int}", GetLead);
        leads.MapGet("/{id:int}/messages", GetLeadMessages);
        leads.MapPost("/", CreateLead).RequireAuthorization(Principals.TenantUserPolicy);
    }

    public static async Task<IResult> ListLeads(int? page, int? pageSize, int? subAccountId, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new ListLeadsQuery(page, pageSize, subAccountId), ct));

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
