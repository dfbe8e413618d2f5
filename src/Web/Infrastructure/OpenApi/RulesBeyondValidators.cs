using System.Text.Json.Nodes;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Leads;
using IntegrationHub.Application.Templates;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;
using Microsoft.OpenApi;

namespace IntegrationHub.Web.Infrastructure.OpenApi;

/// <summary>
/// The few request rules a validator states as code (<c>Must(...)</c>) that no schema reader can see, written out
/// for the OpenAPI document. Each names the domain constant it mirrors, so the two move together.
/// </summary>
internal static class RulesBeyondValidators
{
    public static void Apply(OpenApiSchema schema, Type body)
    {
        if (body == typeof(CreateTemplateCommand) && Property(schema, "name") is { } name)
        {
            name.Pattern = IntegrationTemplate.NamePattern;
            name.MaxLength = IntegrationTemplate.NameMaxLength;
        }
        else if (body == typeof(ChangeIntegrationStatusCommand) && Property(schema, "status") is { } status)
        {
            status.Enum = new ApiValuesAttribute(typeof(IntegrationStatus)).Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
            ValidationRulesInSchemas.Require(schema, "status", isText: true);
        }
        else if (body == typeof(CreateLeadCommand))
        {
            // A lead needs a name, given whole or in parts: any one of the three.
            schema.AnyOf = new[] { "name", "firstName", "lastName" }
                .Select(field => (IOpenApiSchema)new OpenApiSchema { Required = new HashSet<string> { field } })
                .ToList();
        }
    }

    private static OpenApiSchema? Property(OpenApiSchema schema, string name) =>
        schema.Properties is not null && schema.Properties.TryGetValue(name, out var found) ? found as OpenApiSchema : null;
}
