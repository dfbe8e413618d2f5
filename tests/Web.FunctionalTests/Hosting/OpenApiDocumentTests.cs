using System.Text.Json.Nodes;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Hosting;

/// <summary>
/// The OpenAPI document describes every route the app maps (read from its endpoint data source, so a new route is
/// checked too): real success codes and bodies, problem details for failures, the bearer scheme where a token is needed.
/// </summary>
[TestFixture]
public sealed class OpenApiDocumentTests
{
    // The admin console (pages, its static files, the Blazor hub) is a browser app, not API.
    private static readonly string[] Undocumented = ["/health", "/openapi", "/scalar", "/hangfire", "/bench", "/admin", "/_blazor", "/_framework", "/favicon"];

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
        ("DELETE", "/api/admin/webhook-events") => "200", // a purge says how many it deleted
        ("DELETE", _) => "204",
        ("POST", "/api/webhook") => "202",
        ("POST", "/api/leads/{id}/messages") => "202",
        ("POST", var p) when new[] { "/sync", "/replay", "/retry", "/health-checks/run" }.Any(a => p.EndsWith(a, StringComparison.Ordinal)) => "202",
        ("POST", var p) when new[] { "/token", "/test", "/setup-ghl-webhook", "/status", "/reencrypt", "/resolve", "/cancel", "/erase", "/link", "/link-all" }.Any(a => p.EndsWith(a, StringComparison.Ordinal)) => "200",
        ("POST", _) => "201",
        // A browser is sent on: to GoHighLevel's authorize page, and back from it to the console.
        ("GET", "/api/admin/sub-accounts/{id}/gohighlevel/connect" or "/oauth/gohighlevel/callback") => "302",
        _ => "200",
    };

    /// <summary>What a successful answer is written in: JSON, except the files the contract names.</summary>
    private static string SuccessMediaType(Route route) => route.Path == "/api/leads/export" ? "text/csv" : "application/json";

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
            var success = responses.Select(r => r.Key).Where(code => code.StartsWith('2') || code == "302").ToList();
            success.Should().Contain(SuccessCode(route), $"{route.Method} {route.Path}");
            foreach (var code in success.Where(c => c is not ("204" or "302")))
            {
                responses[code]!["content"]?[SuccessMediaType(route)]?["schema"].Should().NotBeNull($"{route.Method} {route.Path} {code} has a {SuccessMediaType(route)} body schema");
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

    private sealed record Documented(string Method, string Path, JsonObject Operation)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    private List<Documented> Operations() =>
        _document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(o => o.Key != "parameters")
                .Select(o => new Documented(o.Key.ToUpperInvariant(), path.Key, o.Value!.AsObject())))
            .ToList();

    private JsonObject Resolve(JsonNode schema) =>
        schema["$ref"] is { } reference
            ? _document["components"]!["schemas"]![reference.GetValue<string>().Split('/')[^1]]!.AsObject()
            : schema.AsObject();

    private JsonObject? BodySchema(Documented operation) =>
        operation.Operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } schema ? Resolve(schema) : null;

    private static bool Creates(Documented operation) => operation.Method == "POST" && operation.Operation["responses"]?["201"] is not null;

    private static List<string> Required(JsonObject schema) => schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToList() ?? [];

    [Test]
    public void Every_operation_has_an_operation_id_of_its_own()
    {
        var ids = Operations().Select(o => o.Operation["operationId"]?.GetValue<string>()).ToList();
        ids.Should().HaveCountGreaterThan(40).And.NotContainNulls().And.OnlyHaveUniqueItems();
        Operation(new Route("POST", "/api/admin/integrations", true)).Str("operationId").Should().Be("createIntegration");
    }

    [Test]
    public void Every_request_body_types_its_properties_lists_what_is_required_and_shows_a_valid_example()
    {
        foreach (var operation in Operations())
        {
            if (BodySchema(operation) is not { } schema)
            {
                continue;
            }

            var properties = schema["properties"]!.AsObject();
            foreach (var (property, definition) in properties)
            {
                (definition!["type"] ?? definition["$ref"] ?? definition["oneOf"]).Should().NotBeNull($"{operation}: {property} has a type");
            }

            var required = Required(schema);
            required.Should().BeSubsetOf(properties.Select(p => p.Key), $"{operation} requires only properties it has");
            foreach (var name in required.Where(r => properties[r]!["type"] is not null))
            {
                properties[name]!["type"]!.ToJsonString().Should().NotContain("null", $"{operation}: a required {name} cannot be null");
            }

            if (Creates(operation))
            {
                (required.Count > 0 || schema["anyOf"] is JsonArray { Count: > 0 }).Should().BeTrue($"{operation} says what a create needs");
            }

            if (operation.Path == "/api/webhook")
            {
                continue; // GoHighLevel's own body, signed by it: documented by GoHighLevel.
            }

            var example = schema["examples"]?[0]?.AsObject();
            example.Should().NotBeNull($"{operation} shows an example body");
            required.Should().BeSubsetOf(example!.Select(p => p.Key), $"{operation}'s example has every required property");
        }

        var template = Resolve(Operation(new Route("POST", "/api/admin/integration-templates", true))["requestBody"]!["content"]!["application/json"]!["schema"]!);
        Required(template).Should().BeEquivalentTo("name", "displayName", "category", "configSchema");
        template["properties"]!["name"]!.Str("pattern").Should().Be("^[a-z][a-z0-9_]*$");
        template["properties"]!["displayName"]!["maxLength"]!.GetValue<int>().Should().Be(200);
        var user = Resolve(Operation(new Route("POST", "/api/admin/sub-accounts/{id}/users", true))["requestBody"]!["content"]!["application/json"]!["schema"]!);
        user["properties"]!["email"]!.Str("format").Should().Be("email");
        var status = Resolve(Operation(new Route("POST", "/api/admin/integrations/{id}/status", true))["requestBody"]!["content"]!["application/json"]!["schema"]!);
        status["properties"]!["status"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("pending", "active", "error", "disconnected");
    }

    [Test]
    public void Query_parameters_are_typed_words_from_a_list_declare_it_and_paging_declares_its_bounds()
    {
        var parameters = Operations().SelectMany(o => (o.Operation["parameters"]?.AsArray() ?? [])
            .Where(p => p!.Str("in") == "query").Select(p => (Name: $"{o}?{p!.Str("name")}", Parameter: p!))).ToList();
        parameters.Should().NotBeEmpty();
        foreach (var (name, parameter) in parameters)
        {
            var schema = parameter["schema"]!;
            schema["type"].Should().NotBeNull($"{name} is typed");
            switch (parameter.Str("name"))
            {
                case "status" or "kind":
                    schema["enum"]!.AsArray().Should().NotBeEmpty($"{name} lists its words");
                    break;
                case "page":
                    schema["minimum"]!.GetValue<int>().Should().Be(1, name);
                    break;
                case "pageSize" or "limit":
                    schema["minimum"]!.GetValue<int>().Should().Be(1, name);
                    schema["maximum"].Should().NotBeNull($"{name} has an upper bound");
                    break;
            }
        }

        string[] Words(string path, string parameter) =>
            _document["paths"]![path]!["get"]!["parameters"]!.AsArray().Single(p => p!.Str("name") == parameter)!["schema"]!["enum"]!
                .AsArray().Select(v => v!.GetValue<string>()).ToArray();
        Words("/api/admin/integrations", "status").Should().Equal("pending", "active", "error", "disconnected");
        Words("/api/admin/alerts", "kind").Should().Equal("failing", "recovered", "conflict");
        Words("/api/admin/webhook-events", "status").Should().Contain(["received", "processed", "failed", "unhandled"]);
        Words("/api/admin/outbound", "status").Should().Equal("pending", "waiting", "running", "succeeded", "failed", "conflict", "cancelled");
        Words("/api/admin/outbound", "kind").Should().Equal("contact.create", "contact.update", "contact.delete", "message.send", "booking.create", "booking.update",
            "booking.cancel", "alert");
        parameters.Single(p => p.Name == "GET /api/admin/outbound?limit").Parameter["schema"]!["maximum"]!.GetValue<int>().Should().Be(500);
        parameters.Single(p => p.Name == "GET /api/admin/webhook-events?limit").Parameter["schema"]!["maximum"]!.GetValue<int>().Should().Be(500);
        parameters.Single(p => p.Name == "GET /api/leads?pageSize").Parameter["schema"]!["maximum"]!.GetValue<int>().Should().Be(100);
    }

    /// <summary>
    /// A client that knows the document and nothing else (as a generated client or a fuzzer would): for every create
    /// route it builds a body from the schema's example and required fields, fills ids with resources it made itself,
    /// and expects a 2xx. Path and body ids name their resource (<c>{userId}</c>, <c>subAccountId</c>: "users", "sub-accounts").
    /// </summary>
    [Test]
    public async Task A_client_that_reads_only_the_document_creates_one_of_every_resource()
    {
        var admin = _app.Admin();
        HttpClient? tenant = null;
        var made = new Dictionary<string, int>();
        // Block slots are made in GoHighLevel, which needs a connected integration (GoHighLevelConnectorTests covers them).
        var pending = Operations().Where(o => Creates(o) && !o.Path.EndsWith("/block-slots", StringComparison.Ordinal)).ToList();
        pending.Should().HaveCountGreaterThanOrEqualTo(7);

        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(o => Needs(o).All(made.ContainsKey))
                ?? throw new AssertionException("No create route can be called with what was made: " + string.Join(", ", pending));
            pending.Remove(next);

            var path = System.Text.RegularExpressions.Regex.Replace(next.Path, @"\{(\w+)\}", m => made[ResourceOfParameter(next.Path, m.Groups[1].Value)].ToString());
            var body = Generate(BodySchema(next)!, made);
            var response = await admin.PostJson(path, body);
            if (response.StatusCode == System.Net.HttpStatusCode.Forbidden && tenant is not null)
            {
                response = await tenant.PostJson(path, body); // a tenant user's route, as the document's 403 says
            }

            var created = await response.Json(System.Net.HttpStatusCode.Created);
            made[ResourceOf(next.Path)] = created.Id();
            if (created["token"] is { } token && ResourceOf(next.Path) == "users")
            {
                tenant = _app.WithToken(token.GetValue<string>());
            }
        }

        made.Keys.Should().Contain(["sub-accounts", "users", "strategies", "admins", "integration-templates", "integrations", "leads"]);
    }

    private static string ResourceOf(string path) => path.Split('/').Last(s => !s.StartsWith('{'));

    private static string ResourceOfParameter(string path, string parameter) =>
        parameter == "id" ? path.Split('/').TakeWhile(s => s != "{id}").Last() : Plural(parameter[..^2]);

    /// <summary>subAccount → sub-accounts, integrationTemplate → integration-templates.</summary>
    private static string Plural(string camel) =>
        System.Text.RegularExpressions.Regex.Replace(camel, "([A-Z])", m => "-" + m.Value.ToLowerInvariant()) + "s";

    private IEnumerable<string> Needs(Documented operation)
    {
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(operation.Path, @"\{(\w+)\}"))
        {
            yield return ResourceOfParameter(operation.Path, m.Groups[1].Value);
        }

        var schema = BodySchema(operation)!;
        foreach (var name in Required(schema).Where(n => n.EndsWith("Id", StringComparison.Ordinal)))
        {
            yield return Plural(name[..^2]);
        }
    }

    private static JsonObject Generate(JsonObject schema, IReadOnlyDictionary<string, int> made)
    {
        var body = schema["examples"]?[0]?.DeepClone().AsObject() ?? [];
        var properties = schema["properties"]!.AsObject();
        foreach (var name in Required(schema).Where(n => !body.ContainsKey(n)))
        {
            var definition = properties[name]!;
            body[name] = definition["type"]?.ToJsonString() switch
            {
                { } t when t.Contains("integer") => definition["minimum"]?.GetValue<int>() ?? 1,
                { } t when t.Contains("boolean") => true,
                { } t when t.Contains("string") => definition["format"]?.GetValue<string>() == "email" ? "generated@example.com" : "generated",
                _ => new JsonObject(),
            };
        }

        foreach (var name in properties.Select(p => p.Key).Where(n => n.EndsWith("Id", StringComparison.Ordinal) && body.ContainsKey(n)))
        {
            if (made.TryGetValue(Plural(name[..^2]), out var id))
            {
                body[name] = id;
            }
        }

        return body;
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
