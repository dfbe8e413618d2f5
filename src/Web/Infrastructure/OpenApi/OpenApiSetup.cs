using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace IntegrationHub.Web.Infrastructure.OpenApi;

/// <summary>
/// Makes <c>/openapi/v1.json</c> describe the API as it behaves: the bearer scheme (so the reference page can call
/// it), which operations need a token, JSON documents (configs, schemas) as objects, and optional fields optional.
/// </summary>
internal static class OpenApiSetup
{
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddHubOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "IntegrationHub";
                document.Info.Description = "Integration templates, tenants' integrations, GoHighLevel connector and webhooks. " +
                    "Send `Authorization: Bearer <token>` (an admin's or a tenant user's token).";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A token shown once when its admin or user was created (or its token rotated).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;

                // Handlers are named after their use case (CreateIntegration): that name is the operation's id, unless the
                // route names itself (WithName) because one handler serves two routes.
                operation.OperationId ??= metadata.OfType<MethodInfo>().FirstOrDefault() is { } handler
                    ? char.ToLowerInvariant(handler.Name[0]) + handler.Name[1..]
                    : null;
                DeclareAllowedValues(operation, context.Description);

                if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                }

                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null)
                {
                    // Text goes through the hub's own converter (it refuses NUL), which hides the type from the generator.
                    schema.Type = context.JsonPropertyInfo is { IsSetNullable: true } ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
                }

                if ((context.JsonTypeInfo.Type == typeof(DateTimeOffset) || context.JsonTypeInfo.Type == typeof(DateTimeOffset?)) && schema.Type is null)
                {
                    // Times go through the hub's own converter too (it bounds the offset): ISO-8601 text.
                    schema.Type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) is not null || context.JsonPropertyInfo is { IsSetNullable: true }
                        ? JsonSchemaType.String | JsonSchemaType.Null
                        : JsonSchemaType.String;
                    schema.Format = "date-time";
                }

                if (context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(ApiValuesAttribute), true).FirstOrDefault()
                    is ApiValuesAttribute values)
                {
                    schema.Enum = values.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
                }

                if (context.JsonTypeInfo.Type == typeof(JsonElement))
                {
                    // Configs, config schemas and stored bodies are JSON objects, not "any value".
                    schema.Type = JsonSchemaType.Object;
                }

                if (schema.Required is { Count: > 0 } required)
                {
                    // Records list every constructor parameter as required; a nullable one may be left out.
                    foreach (var property in context.JsonTypeInfo.Properties)
                    {
                        if (property.IsSetNullable || Nullable.GetUnderlyingType(property.PropertyType) is not null)
                        {
                            required.Remove(property.Name);
                        }
                    }
                }

                if (context.JsonPropertyInfo is null)
                {
                    // After the nullable clean-up above: what the validators demand is required, nullable or not.
                    ValidationRulesInSchemas.Apply(schema, context.JsonTypeInfo, context.ApplicationServices);
                    RulesBeyondValidators.Apply(schema, context.JsonTypeInfo.Type);
                    if (schema.Examples is not { Count: > 0 } && RequestExamples.For(context.JsonTypeInfo.Type) is { } example)
                    {
                        schema.Examples = [example];
                    }
                }

                return Task.CompletedTask;
            });
        });

    /// <summary>Query parameters marked <see cref="ApiValuesAttribute"/> list the words they accept.</summary>
    private static void DeclareAllowedValues(OpenApiOperation operation, Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description)
    {
        foreach (var parameter in description.ParameterDescriptions)
        {
            if (parameter.ParameterDescriptor is not Microsoft.AspNetCore.Mvc.Infrastructure.IParameterInfoParameterDescriptor { ParameterInfo: var info }
                || info.GetCustomAttribute<ApiValuesAttribute>() is not { } values
                || operation.Parameters?.FirstOrDefault(p => p.Name == parameter.Name) is not OpenApiParameter { Schema: OpenApiSchema schema })
            {
                continue;
            }

            schema.Type = JsonSchemaType.String;
            schema.Enum = values.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
        }
    }
}
