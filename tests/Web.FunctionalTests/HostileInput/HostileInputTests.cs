using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Infrastructure.Webhooks;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.HostileInput;

/// <summary>
/// A corpus of hostile requests (Data/hostile plus generated cases) sent to every API route of the route table, so a
/// new route is covered by itself: malformed and truncated JSON, wrong types, huge numbers, deep nesting, invalid
/// UTF-8, 10 MB bodies, bad ids, bad schemas, forged and stale signatures, bad tokens. Each must be a 4xx with problem
/// details, the database must be exactly as before, the service must keep answering, and the log must hold no
/// unhandled exception.
/// </summary>
[TestFixture]
public sealed class HostileInputTests
{
    private static readonly string HostileFolder = Path.Combine(AppContext.BaseDirectory, "Data", "hostile");

    private HubApp _app = null!;
    private Tenant _tenant = null!;
    private string _webhookSecret = null!;
    private string _location = null!;
    private byte[] _storedWebhook = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = new HubApp();
        _tenant = await _app.CreateTenant("Hostile");
        var admin = _app.Admin();
        var templates = await admin.GetJson("/api/integration-templates");
        var ghl = templates.AsArray().Single(t => t!.Str("name") == "gohighlevel")!.Id();
        _location = "loc-hostile-" + Guid.NewGuid().ToString("N")[..8];
        var integration = await (await admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = _tenant.SubAccountId, integrationTemplateId = ghl, name = "Hostile GHL",
            config = new { apiKey = "pit-hostile-secret", locationId = _location, syncIntervalMinutes = 0 },
        })).Json(HttpStatusCode.Created);
        _webhookSecret = (await (await admin.PostAsync($"/api/admin/integrations/{integration.Id()}/setup-ghl-webhook", null))
            .Json(HttpStatusCode.OK)).Str("secret");

        // One stored delivery, so that its byte-identical resend can be checked as a duplicate.
        _storedWebhook = Encoding.UTF8.GetBytes(WebhookSender.ContactCreate(_location, "c-stored"));
        (await _app.Anonymous().SendAsync(Signed(_storedWebhook))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Poll.Eventually(async () => (await admin.GetJson($"/api/admin/webhook-events?locationId={_location}")).AsArray()
            is { Count: 1 } events && events[0]!.Str("status") == "processed" ? "processed" : null, "the stored delivery to be processed");
        // On PostgreSQL the batch's claim is released by a statement of its own after the event is saved processed; the
        // snapshot the test takes first must come after it (a busy machine once put it in between).
        await Poll.Eventually(async () =>
        {
            using var scope = _app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            return await db.WebhookEvents.AnyAsync(e => EF.Property<DateTime?>(e, WebhookEventLeases.LeasedUntil) != null) ? null : "released";
        }, "the stored delivery's claim to be released");
    }

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    private sealed record Case(string Name, Func<HttpRequestMessage> Request, HttpStatusCode? Exactly = null);

    [Test]
    public async Task Refused_input_is_a_4xx_that_changes_nothing()
    {
        var cases = Corpus().ToList();
        cases.Should().HaveCountGreaterThanOrEqualTo(300);
        TestContext.Out.WriteLine($"{cases.Count} hostile requests");

        var before = await DatabaseSnapshot.TakeAsync(_app);
        var logLinesBefore = _app.Logs.Lines.Count;
        var failures = new List<string>();
        using var client = new HttpClient { BaseAddress = _app.Anonymous().BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        foreach (var hostile in cases)
        {
            using var response = await client.SendAsync(hostile.Request());
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            if (hostile.Exactly is { } exactly ? response.StatusCode != exactly : status is < 400 or >= 500)
            {
                failures.Add($"{hostile.Name}: {status} {body[..Math.Min(body.Length, 200)]}");
            }
            // Kestrel refuses a NUL in the request target itself, before any app code: its 400 has no body to shape.
            else if (status >= 400 && status != 404 && !body.Contains("\"status\":" + status, StringComparison.Ordinal)
                     && !(status == 400 && body.Length == 0 && hostile.Name.Contains("%00", StringComparison.Ordinal)))
            {
                failures.Add($"{hostile.Name}: {status} without problem details: {body[..Math.Min(body.Length, 200)]}");
            }
        }

        failures.Should().BeEmpty();
        foreach (var (path, token) in new[] { ("/api/admin/sub-accounts", HubApp.AdminToken), ("/api/leads", _tenant.Token), ("/api/webhook", null) })
        {
            (await TooLarge(path, token)).Should().StartWith("HTTP/1.1 413", $"a 10 MB body to {path}");
        }

        (await DatabaseSnapshot.TakeAsync(_app)).Should().Equal(before, "refused requests change nothing");
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        _app.Logs.Lines.Skip(logLinesBefore)
            .Where(l => l.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Critical", StringComparison.Ordinal))
            .Should().BeEmpty();
    }

    private IEnumerable<Case> Corpus()
    {
        var routes = RouteTable.Of(_app).Where(r => r.IsApi && r.Rule is not null).ToList();
        routes.Should().HaveCountGreaterThan(40);
        var ids = Load("ids.json")["ids"]!.AsArray().Select(i => i!.GetValue<string>()).ToList();
        var bodies = Load("bodies.json")["bodies"]!.AsArray().Select(b => (Name: b!.Str("name"), Text: b!.Str("body"))).ToList();

        foreach (var route in routes)
        {
            var token = TokenFor(route);
            var takesBody = route.BodyType is not null;
            if (route.HasIdParameter)
            {
                foreach (var id in ids)
                {
                    if (IsDotSegment(id) && route.Pattern.IndexOf('}', StringComparison.Ordinal) < route.Pattern.Length - 1)
                    {
                        // "/api/leads/../bookings" is "/api/bookings" (RFC 3986 removes dot segments before sending): a
                        // valid request for another resource, not hostile input to this route.
                        continue;
                    }

                    yield return new Case($"{route.Method} {route.Pattern} id {id}",
                        () => Request(route.Method, PathWith(route.Pattern, id), token, takesBody ? "{}"u8.ToArray() : null));
                }
            }

            if (takesBody)
            {
                // FIELD in a body stands for a text property the route really reads (else the body would be a valid no-op).
                var field = TextProperty(route.BodyType!);
                var routeBodies = bodies.Select(b => (b.Name, Bytes: Encoding.UTF8.GetBytes(b.Text.Replace("FIELD", field, StringComparison.Ordinal))))
                    .Concat(GeneratedBodies(field)).Concat(WrongTypes(route.BodyType!));
                foreach (var (name, bytes) in routeBodies)
                {
                    yield return new Case($"{route.Method} {route.Pattern} body {name}", () => Request(route.Method, PathWith(route.Pattern, "1"), token, bytes));
                }
            }

            if (route.Rule != AccessRule.Public)
            {
                var path = PathWith(route.Pattern, "1");
                yield return new Case($"{route.Method} {route.Pattern} no token", () => Request(route.Method, path, null, null), HttpStatusCode.Unauthorized);
                foreach (var bad in new[] { "' OR 1=1 --", new string('a', 700), "../../admin", HubApp.AdminToken + "x" })
                {
                    yield return new Case($"{route.Method} {route.Pattern} token {bad[..Math.Min(bad.Length, 12)]}",
                        () => Request(route.Method, path, bad, null), HttpStatusCode.Unauthorized);
                }
            }
        }

        foreach (var schema in Load("schemas.json")["schemas"]!.AsArray())
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
            {
                ["name"] = "hostile_schema", ["displayName"] = "Hostile", ["category"] = "Test", ["configSchema"] = schema!["schema"]!.DeepClone(),
            });
            yield return new Case($"template schema {schema.Str("name")}", () => Request("POST", "/api/admin/integration-templates", HubApp.AdminToken, body),
                HttpStatusCode.BadRequest);
            yield return new Case($"template update schema {schema.Str("name")}", () => Request("PUT", "/api/admin/integration-templates/1", HubApp.AdminToken,
                JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["configSchema"] = schema["schema"]!.DeepClone() })));
        }

        foreach (var webhook in WebhookCases())
        {
            yield return webhook;
        }
    }

    private IEnumerable<Case> WebhookCases()
    {
        var fresh = Encoding.UTF8.GetBytes(WebhookSender.ContactCreate(_location, "c-new"));
        yield return new Case("webhook unsigned", () => Raw(fresh, _ => { }));
        yield return new Case("webhook forged HMAC", () => Raw(fresh, r => r.Headers.Add("x-webhook-signature", new string('0', 64))));
        yield return new Case("webhook HMAC of another body", () => Raw(fresh, r => r.Headers.Add("x-webhook-signature",
            Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(_webhookSecret), _storedWebhook)))));
        yield return new Case("webhook token that is not the secret", () => Raw(fresh, r => r.Headers.Add("x-webhook-token", _webhookSecret + "x")));
        yield return new Case("webhook signed with another secret", () => WebhookSender.Hmac(Encoding.UTF8.GetString(fresh), "whsec_" + new string('A', 43) + "="));
        yield return new Case("webhook Standard Webhooks a day old", () =>
            WebhookSender.Standard(Encoding.UTF8.GetString(fresh), _webhookSecret, DateTimeOffset.UtcNow.AddDays(-1)));
        yield return new Case("webhook Standard Webhooks from the future", () =>
            WebhookSender.Standard(Encoding.UTF8.GetString(fresh), _webhookSecret, DateTimeOffset.UtcNow.AddHours(1)));
        yield return new Case("webhook forged Ed25519", () => Raw(fresh, r => r.Headers.Add("x-ghl-signature", Convert.ToBase64String(new byte[64]))));
        yield return new Case("webhook replayed byte for byte", () => Signed(_storedWebhook), HttpStatusCode.OK);
    }

    private HttpRequestMessage Signed(byte[] body) => Raw(body, r => r.Headers.Add("x-webhook-signature",
        Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(_webhookSecret), body))));

    private static HttpRequestMessage Raw(byte[] body, Action<HttpRequestMessage> sign)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        sign(request);
        return request;
    }

    /// <summary>Bodies that cannot live in a JSON data file: invalid UTF-8, raw control characters, deep nesting.</summary>
    private static IEnumerable<(string Name, byte[] Bytes)> GeneratedBodies(string field)
    {
        var open = Encoding.ASCII.GetBytes($"{{\"{field}\": \"");
        yield return ("invalid UTF-8", [.. open, 0xC3, 0x28, .. "\"}"u8]);
        yield return ("overlong UTF-8", [.. open, 0xC0, 0xAF, .. "\"}"u8]);
        yield return ("raw control character in a string", [.. open, (byte)'a', 0x01, .. "b\"}"u8]);
        yield return ("nested 10000 deep", Encoding.ASCII.GetBytes($"{{\"{field}\":" + new string('[', 10_000) + new string(']', 10_000) + "}"));
        yield return ("objects nested 500 deep", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 500)) + "1" + new string('}', 500)));
    }

    /// <summary>The JSON name of the first text property the body type has (most bodies have a name).</summary>
    private static string TextProperty(Type bodyType) =>
        bodyType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string))
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).OrderBy(n => n == "name" ? 0 : 1).FirstOrDefault() ?? "name";

    /// <summary>Each property of the route's body with a value of the wrong JSON type.</summary>
    private static IEnumerable<(string Name, byte[] Bytes)> WrongTypes(Type bodyType)
    {
        foreach (var property in bodyType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || p.GetMethod is not null))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            JsonNode?[] wrong = type == typeof(string) ? [12345, true, new JsonObject(), new JsonArray()]
                : type == typeof(int) || type == typeof(long) ? ["12", 1.5, 1e300, true]
                : type == typeof(bool) ? ["yes", 1]
                : type == typeof(DateTimeOffset) || type == typeof(DateTime) ? ["yesterday", 12]
                : [];
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            foreach (var value in wrong)
            {
                yield return ($"{name} = {value?.ToJsonString()}", JsonSerializer.SerializeToUtf8Bytes(new JsonObject { [name] = value?.DeepClone() }));
            }
        }
    }

    private string? TokenFor(MappedRoute route) => route.Rule switch
    {
        AccessRule.Public => null,
        AccessRule.TenantUser => _tenant.Token,
        _ => HubApp.AdminToken,
    };

    private static bool IsDotSegment(string id) =>
        Uri.UnescapeDataString(id) is "." or "..";

    private static string PathWith(string pattern, string id) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}]+\}", id);

    private static HttpRequestMessage Request(string method, string path, string? token, byte[]? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new("application/json");
        }

        return request;
    }

    /// <summary>
    /// A 10 MB body over a raw socket: the server answers 413 from the headers, before the body is sent (an HTTP client
    /// would still be writing when the connection closes).
    /// </summary>
    private async Task<string> TooLarge(string path, string? token)
    {
        var address = new Uri(_app.Anonymous().BaseAddress!, path);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        var auth = token is null ? "" : $"Authorization: Bearer {token}\r\n";
        var head = $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\n{auth}Content-Type: application/json\r\nContent-Length: {10 * 1024 * 1024}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + "{\"name\":\"xxxxxxxx"));
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    private static JsonNode Load(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(HostileFolder, file)))!;
}
