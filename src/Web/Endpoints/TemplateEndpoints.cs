using IntegrationHub.Application.Templates;
using Mediator;

namespace IntegrationHub.Web.Endpoints;

public sealed class TemplateEndpoints : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/api/integration-templates").WithTags("Integration templates").AllowAnonymous();
        reads.MapGet("/", ListTemplates);
        reads.MapGet("/{id:int}", GetTemplate);

        var admin = app.AdminGroup("/integration-templates", "Integration templates");
        admin.MapPost("/", CreateTemplate);
        admin.MapPut("/{id:int}", UpdateTemplate);
        admin.MapDelete("/{id:int}", DeleteTemplate);
    }

    public static async Task<IResult> ListTemplates(IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new ListTemplatesQuery(), ct));

    public static async Task<IResult> GetTemplate(int id, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new GetTemplateQuery(id), ct));

    public static async Task<IResult> CreateTemplate(CreateTemplateCommand command, IMediator mediator, CancellationToken ct)
    {
        var template = await mediator.Send(command, ct);
        return Results.Created($"/api/integration-templates/{template.Id}", template);
    }

    public static async Task<IResult> UpdateTemplate(int id, UpdateTemplateCommand command, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(command with { Id = id }, ct));

    public static async Task<IResult> DeleteTemplate(int id, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new DeleteTemplateCommand(id), ct);
        return Results.NoContent();
    }
}
