using System.Text.Json;
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
                if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                }

                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
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

                return Task.CompletedTask;
            });
        });
}
