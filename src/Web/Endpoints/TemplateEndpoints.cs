using IntegrationHub.Application.Templates;
using Mediator;

namespace IntegrationHub.Web.Endpoints;

public sealed class TemplateEndpoints : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/api/integration-templates").WithTags("Integration templates").AllowAnonymous();
        reads.MapGet("/", ListTemplates).Returns<IReadOnlyList<TemplateDto>>();
        reads.MapGet("/{id:int}", GetTemplate).Returns<TemplateDto>().Fails(404);

        var admin = app.AdminGroup("/integration-templates", "Integration templates");
        admin.MapPost("/", CreateTemplate).Returns<TemplateDto>(201).Fails(400, 409, 413);
        admin.MapPut("/{id:int}", UpdateTemplate).Returns<TemplateDto>().Fails(400, 404, 409, 413);
        admin.MapDelete("/{id:int}", DeleteTemplate).ReturnsNoContent().Fails(404, 409);
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
