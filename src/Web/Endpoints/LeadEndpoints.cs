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
        // A literal segment outranks a parameter, and "export" is no int anyway: /{id:int} never takes this route.
        leads.MapGet("/export", ExportLeads).Produces<string>(StatusCodes.Status200OK, "text/csv").Fails(400, 404);
        leads.MapGet("/{id:int}", GetLead).Returns<LeadDto>().Fails(404);
        leads.MapGet("/{id:int}/messages", GetLeadMessages).Returns<IReadOnlyList<LeadMessageDto>>().Fails(404);
        leads.MapPost("/{id:int}/messages", SendLeadMessage).Returns<LeadMessageDto>(202).Fails(400, 404, 409, 413);
        leads.MapPatch("/{id:int}", EditLead).Accepts<LeadPatch>("application/json").Returns<LeadDto>().Fails(400, 404, 413);
        leads.MapGet("/{id:int}/conflicts", ListLeadConflicts).Returns<IReadOnlyList<LeadConflictDto>>().Fails(404);
        leads.MapPost("/{id:int}/conflicts/resolve", ResolveLeadConflict).Returns<LeadDto>().Fails(400, 404, 413);
        leads.MapPost("/", CreateLead).RequireAuthorization(Principals.TenantUserPolicy).Returns<LeadDto>(201).Fails(400, 413);

        var erasure = app.AdminGroup("/leads", "Leads");
        erasure.MapPost("/{id:int}/erase", EraseLead).Returns<ErasureResult>().Fails(400, 404, 413);
    }

    /// <summary>A person's right to be forgotten (admin only): the lead and everything about it. The body may be <c>{}</c>.</summary>
    public static async Task<IResult> EraseLead(int id, EraseBody body, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new EraseLeadCommand(id, body.AlsoInCrm ?? false), ct));

    /// <summary>An erasure is not undone: a property it does not know (a typo of alsoInCrm) is refused, not ignored.</summary>
    [System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
    public sealed record EraseBody(bool? AlsoInCrm);

    public static async Task<IResult> ListLeads([Range(1, int.MaxValue)] int? page, [Range(1, Paging.MaxPageSize)] int? pageSize, int? subAccountId,
        [MaxLength(LeadFilter.MaxSearchLength)] string? search, [MaxLength(LeadFilter.MaxTagLength)] string? tag, string? updatedSince,
        IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new ListLeadsQuery(page, pageSize, subAccountId, search, tag, updatedSince), ct));

    /// <summary>
    /// The leads the list's filters match, as a CSV file streamed while the database is read (see <see cref="Csv.CsvFileResult{T}"/>
    /// and <see cref="Csv.CsvColumns{T}"/> for its columns and cells). The query is checked and scoped first, so a bad
    /// filter or another tenant's sub-account is a problem document, never a half-written file.
    /// </summary>
    public static async Task<IResult> ExportLeads(int? subAccountId, [MaxLength(LeadFilter.MaxSearchLength)] string? search,
        [MaxLength(LeadFilter.MaxTagLength)] string? tag, string? updatedSince, IMediator mediator, TimeProvider clock, CancellationToken ct)
    {
        var export = await mediator.Send(new ExportLeadsQuery(subAccountId, search, tag, updatedSince), ct);
        var fileName = $"leads-{clock.GetUtcNow():yyyyMMdd-HHmmss}.csv";
        return new Csv.CsvFileResult<LeadDto>(export.Leads, fileName);
    }

    public static async Task<IResult> GetLead(int id, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new GetLeadQuery(id), ct));

    public static async Task<IResult> GetLeadMessages(int id, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new GetLeadMessagesQuery(id), ct));

    public static async Task<IResult> SendLeadMessage(int id, SendMessageBody body, IMediator mediator, CancellationToken ct)
    {
        var message = await mediator.Send(new SendLeadMessageCommand(id, body.Channel, body.Body, body.Subject, body.Html), ct);
        return Results.Accepted($"/api/leads/{id}/messages", message);
    }

    /// <summary>A message to send: <c>channel</c> is sms, email or whatsapp; e-mails need a subject and may add HTML.</summary>
    public sealed record SendMessageBody(string? Channel, string? Body, string? Subject, string? Html);

    /// <summary>
    /// JSON merge semantics: the body is read as it came (a property left out and one set to null differ), so it is not
    /// bound to a type; <see cref="LeadPatch"/> only describes it in the OpenAPI document.
    /// </summary>
    public static async Task<IResult> EditLead(int id, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        System.Text.Json.JsonElement body;
        try
        {
            body = await System.Text.Json.JsonSerializer.DeserializeAsync<System.Text.Json.JsonElement>(request.Body, cancellationToken: ct);
        }
        catch (System.Text.Json.JsonException)
        {
            throw new Application.Common.Exceptions.ValidationException("body", "The body must be a JSON object.");
        }

        return Results.Ok(await mediator.Send(new EditLeadCommand(id, LeadChanges.Read(body)), ct));
    }

    public static async Task<IResult> ListLeadConflicts(int id, bool? history, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new ListLeadConflictsQuery(id, history ?? false), ct));

    public static async Task<IResult> ResolveLeadConflict(int id, ResolveConflictBody body, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new ResolveLeadConflictCommand(id, body.Field, body.Keep), ct));

    public sealed record ResolveConflictBody(string? Field, string? Keep);

    /// <summary>The PATCH body as documented: every property optional, <c>null</c> clears.</summary>
    public sealed record LeadPatch(string? FirstName, string? LastName, string? Email, string? Phone, string? Company, string? Address,
        string? City, string? State, string? PostalCode, string? Country, string? Timezone, IReadOnlyList<string>? Tags,
        IReadOnlyDictionary<string, string>? CustomFields);

    public static async Task<IResult> CreateLead(CreateLeadCommand command, IMediator mediator, CancellationToken ct)
    {
        var lead = await mediator.Send(command, ct);
        return Results.Created($"/api/leads/{lead.Id}", lead);
    }
}
