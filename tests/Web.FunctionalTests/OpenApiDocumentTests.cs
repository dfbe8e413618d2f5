using System.Text.Json.Nodes;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests;

/// <summary>
/// The OpenAPI document describes every route the app maps (read from its endpoint data source, so a new route is
/// checked too): real success codes and bodies, problem details for failures, the bearer scheme where a token is needed.
/// </summary>
[TestFixture]
public sealed class OpenApiDocumentTests
{
    // The admin console (pages, its static files, the Blazor hub) is a browser app, not API.
    private static readonly string[] Undocumented = ["/health", "/openapi", "/scalar", "/hangfire", "/bench", "/admin", "/_blazor", "/_framework"];

    private HubApp _app = null!;
    private JsonObject _document = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = new HubApp();
        _document = (await _app.Anonymous().GetJson("/openapi/v1.json")).AsObject();
    }

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    private sealed record Route(string Method, string Path, bool NeedsToken);

    private List<Route> Routes() =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Path: ("/" + e.RoutePattern.RawText!.Trim('/')).Replace(":int", "", StringComparison.Ordinal)))
            .Where(e => !Undocumented.Any(prefix => e.Path.StartsWith(prefix, StringComparison.Ordinal)) && !e.Path.Contains("{**", StringComparison.Ordinal))
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => new Route(method, e.Path,
                e.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0 && e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)))
            .ToList();

    /// <summary>What a route answers when it succeeds, by the contract.</summary>
    private static string SuccessCode(Route route) => (route.Method, route.Path) switch
    {
        ("DELETE", _) => "204",
        ("POST", "/api/webhook") => "202",
        ("POST", var p) when new[] { "/sync", "/replay", "/health-checks/run" }.Any(a => p.EndsWith(a, StringComparison.Ordinal)) => "202",
        ("POST", var p) when new[] { "/token", "/test", "/setup-ghl-webhook", "/status", "/reencrypt" }.Any(a => p.EndsWith(a, StringComparison.Ordinal)) => "200",
        ("POST", _) => "201",
        _ => "200",
    };

    private JsonObject Operation(Route route) =>
        _document["paths"]?[route.Path]?[route.Method.ToLowerInvariant()]?.AsObject()
        ?? throw new AssertionException($"{route.Method} {route.Path} is not in the OpenAPI document");

    [Test]
    public void Every_route_is_described_with_its_real_success_code_and_body()
    {
        var routes = Routes();
        routes.Should().HaveCountGreaterThan(40);
        foreach (var route in routes)
        {
            var responses = Operation(route)["responses"]!.AsObject();
            var success = responses.Select(r => r.Key).Where(code => code.StartsWith('2')).ToList();
            success.Should().Contain(SuccessCode(route), $"{route.Method} {route.Path}");
            foreach (var code in success.Where(c => c != "204"))
            {
                responses[code]!["content"]?["application/json"]?["schema"].Should().NotBeNull($"{route.Method} {route.Path} {code} has a body schema");
            }
        }
    }

    [Test]
    public void Failures_are_problem_details_and_routes_with_a_token_say_so()
    {
        foreach (var route in Routes())
        {
            var name = $"{route.Method} {route.Path}";
            var operation = Operation(route);
            var responses = operation["responses"]!.AsObject();
            foreach (var (code, response) in responses.Where(r => r.Key.StartsWith('4') || r.Key.StartsWith('5')))
            {
                response!["content"]?["application/problem+json"].Should().NotBeNull($"{name} {code} is problem details");
            }

            if (route.NeedsToken)
            {
                responses.Select(r => r.Key).Should().Contain(["401", "403"], name);
                operation["security"]!.AsArray().Should().Contain(s => s!["Bearer"] != null, name);
            }
            else
            {
                operation["security"].Should().BeNull(name);
            }

            if (route.Path.Contains("{id}", StringComparison.Ordinal) || route.Path.Contains("{userId}", StringComparison.Ordinal))
            {
                responses.Select(r => r.Key).Should().Contain("404", $"{name} names a resource that may not exist");
            }

            if (operation["requestBody"] is not null)
            {
                responses.Select(r => r.Key).Should().Contain(["400", "413"], $"{name} takes a body");
            }
        }

        var bearer = _document["components"]!["securitySchemes"]!["Bearer"]!;
        bearer.Str("type").Should().Be("http");
        bearer.Str("scheme").Should().Be("bearer");
    }

    [Test]
    public void Schemas_type_integers_as_integers_json_documents_as_objects_and_optional_fields_as_optional()
    {
        var schemas = _document["components"]!["schemas"]!.AsObject();
        foreach (var (schemaName, schema) in schemas)
        {
            foreach (var (property, definition) in schema!["properties"]?.AsObject() ?? [])
            {
                if (definition!["format"]?.GetValue<string>() is "int32" or "int64")
                {
                    var types = definition["type"] is JsonArray list ? list.Select(t => t!.GetValue<string>()).ToList() : [definition.Str("type")];
                    types.Should().NotContain("string", $"{schemaName}.{property} is an integer").And.Contain("integer");
                }
            }
        }

        schemas["JsonElement"]!.Str("type").Should().Be("object");
        schemas["IntegrationDto"]!["properties"]!["config"]!.ToJsonString().Should().Contain("JsonElement");
        schemas["TemplateDto"]!["properties"]!["configSchema"]!.ToJsonString().Should().Contain("JsonElement");

        (schemas["CreateIntegrationCommand"]!["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []).Should().NotContain("description");
        schemas["UpdateIntegrationCommand"]!["required"].Should().BeNull("every field of an update is optional");

        var webhook = Operation(new Route("POST", "/api/webhook", false));
        webhook["requestBody"]!["content"]!["application/json"]!["schema"]!.ToJsonString().Should().Contain("GoHighLevelWebhookBody");
        schemas["GoHighLevelWebhookBody"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("locationId");
    }

    [Test]
    public async Task A_number_sent_as_a_string_is_a_400_naming_the_field()
    {
        var problem = await (await _app.Admin().PostJson("/api/admin/integrations", new
        {
            subAccountId = "1", integrationTemplateId = 1, name = "x", config = new { },
        })).ProblemAsync(System.Net.HttpStatusCode.BadRequest);
        problem.Str("detail").Should().Contain("subAccountId");
    }
}
