using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>
/// A real local HTTP server that behaves like GoHighLevel v2 for the paths the hub uses: real shapes, checks of
/// the Authorization and Version headers, a small contact store with cursor paging, an OAuth token endpoint,
/// and faults on demand (429 with rate-limit headers, 5xx, slow answers, 401, malformed JSON).
/// </summary>
public sealed partial class FakeGoHighLevel : IDisposable
{
    public const string ValidToken = "pit-valid-0f1e2d3c4b5a";
    public const string LocationId = "loc-fake-001";

    /// <summary>A location of its own for each integration (the hub allows one integration per location); all share this fake's data.</summary>
    public static string NewLocationId() => "loc-fake-" + Guid.NewGuid().ToString("N")[..10];

    private static bool IsLocation(string? id) => id is not null && id.StartsWith("loc-fake-", StringComparison.Ordinal);

    private readonly WireMockServer _server;
    private readonly ConcurrentQueue<Fault> _faults = new();
    private readonly ConcurrentDictionary<string, JsonObject> _contacts = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _contactSequence;

    public FakeGoHighLevel()
    {
        _server = WireMockServer.Start();
        _server.Given(Request.Create().WithPath(new WildcardMatcher("/*")).UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(HandleAsync));
    }

    public string Url => _server.Url!;

    /// <summary>Tokens the fake accepts; OAuth refresh replaces the access token here.</summary>
    public HashSet<string> AcceptedTokens { get; } = [ValidToken];

    public string RefreshToken { get; set; } = "refresh-token-1";
    public int RefreshCalls;

    public IReadOnlyCollection<RecordedRequest> Requests => _requests;

    public IEnumerable<RecordedRequest> RequestsTo(string pathPrefix) => _requests.Where(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    public IReadOnlyDictionary<string, JsonObject> Contacts => _contacts;

    /// <summary>The next <paramref name="count"/> matching requests get this fault instead of an answer.</summary>
    public void Fail(FaultKind kind, int count = 1, string pathPrefix = "/", TimeSpan? delay = null)
    {
        for (var i = 0; i < count; i++)
        {
            _faults.Enqueue(new Fault(kind, pathPrefix, delay ?? TimeSpan.FromSeconds(3)));
        }
    }

    public void ClearFaults() => _faults.Clear();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, FaultKind> _locationFaults = new();

    /// <summary>Every call for this location stalls (<see cref="FaultKind.Slow"/>) or is rate-limited (any other kind), until cleared.</summary>
    public void FailLocation(string locationId, FaultKind kind) => _locationFaults[locationId] = kind;

    public string AddContact(string firstName, string lastName, string email, DateTimeOffset updated, string? id = null)
    {
        id ??= $"ghl-c-{Interlocked.Increment(ref _contactSequence):D5}";
        _contacts[id] = new JsonObject
        {
            ["id"] = id, ["locationId"] = LocationId, ["firstName"] = firstName, ["lastName"] = lastName,
            ["contactName"] = $"{firstName} {lastName}".ToLowerInvariant(), ["email"] = email, ["phone"] = "+14155550100",
            ["city"] = "San Francisco", ["state"] = "CA", ["country"] = "US", ["source"] = "fake", ["tags"] = new JsonArray("synced"),
            ["dateAdded"] = updated.AddDays(-1).ToString("O"), ["dateUpdated"] = updated.ToString("O"),
        };
        return id;
    }

    public void Dispose()
    {
        // A stalled answer nobody waits for any more ends now: the server's stop would otherwise wait it out (a health
        // sweep's stalled location kept its fixture's teardown, alone on the machine, waiting some 16 s).
        _stopping.Cancel();
        _server.Stop();
        _stopping.Dispose();
    }

    private readonly CancellationTokenSource _stopping = new();

    /// <summary>A slow answer's wait, cut short when the fake stops.</summary>
    private async Task Stall(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the caller gave up long ago (its attempt timed out); what follows answers nobody.
        }
    }

    // Slow answers wait without holding a thread: fixtures run in parallel in one process, and fakes sleeping on
    // thread-pool threads for seconds would starve every app's requests and background work.
    private async Task<IResponseMessage> HandleAsync(WireMock.IRequestMessage request)
    {
        var headers = request.Headers ?? new Dictionary<string, WireMockList<string>>();
        string? Header(string name) => headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        var recorded = new RecordedRequest(request.Method, request.Path, request.RawQuery ?? "", request.Body ?? "", Header("Authorization"), Header("Version"));
        _requests.Enqueue(recorded);

        if (request.Path == "/oauth/token")
        {
            var form = Form(request.Body ?? "");
            return IsAppForm(form) ? await AppTokenAsync(form) : Token(request.Body ?? "");
        }

        if (request.Path == "/oauth/locationToken" && request.Method == "POST")
        {
            return LocationToken(Header("Authorization"), Header("Version"), Form(request.Body ?? ""));
        }

        if (request.Path == "/oauth/chooselocation" && request.Method == "GET")
        {
            // The authorize page, for a browser: the user "chose" NextInstall; back to the app with a code.
            var back = Authorize(new Uri(Url + request.Path + "?" + (request.RawQuery ?? "").TrimStart('?')));
            var redirect = new ResponseMessage { StatusCode = 302 };
            redirect.AddHeader("Location", back.ToString());
            return redirect;
        }

        if (request.Path.StartsWith("/locations/", StringComparison.Ordinal) && _locationFaults.TryGetValue(request.Path["/locations/".Length..], out var standing))
        {
            // A location that keeps failing the same way (for sweeps over several locations at once).
            if (standing == FaultKind.Slow)
            {
                await Stall(TimeSpan.FromSeconds(30));
            }
            else
            {
                return RateLimited();
            }
        }

        if (_faults.TryPeek(out var fault) && request.Path.StartsWith(fault.PathPrefix, StringComparison.Ordinal) && _faults.TryDequeue(out fault))
        {
            switch (fault.Kind)
            {
                case FaultKind.RateLimited:
                    return RateLimited();
                case FaultKind.ServerError:
                    return Json(500, """{"statusCode":500,"message":"Internal server error"}""");
                case FaultKind.Unauthorized:
                    return Json(401, """{"statusCode":401,"message":"Invalid JWT"}""");
                case FaultKind.BadRequest:
                    // GoHighLevel's BadRequestDTO shape, with the message its calendars API gives for a taken slot.
                    return Json(400, """{"statusCode":400,"message":"The slot you have selected is no longer available."}""");
                case FaultKind.Unprocessable:
                    // GoHighLevel's UnprocessableDTO shape: the messages are an array.
                    return Json(422, """{"statusCode":422,"message":["property color should not exist","title must be a string"],"error":"Unprocessable Entity","traceId":"trace-422-fake"}""");
                case FaultKind.DuplicateContact:
                    return DuplicateContact(request.Body ?? "{}");
                case FaultKind.MalformedJson:
                    return Json(200, """{"location": {"id": "loc-fake-001", "name": """);
                case FaultKind.Slow:
                    await Stall(fault.Delay);
                    break;
            }
        }

        var expectedVersion = request.Path.StartsWith("/calendars", StringComparison.Ordinal) || request.Path.StartsWith("/conversations", StringComparison.Ordinal)
            ? "2021-04-15" : "2021-07-28";
        var token = Header("Authorization") is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : null;
        if (token is null || !AcceptedTokens.Contains(token))
        {
            return Json(401, """{"statusCode":401,"message":"Invalid JWT"}""");
        }

        if (Header("Version") != expectedVersion)
        {
            return Json(400, $$"""{"statusCode":400,"message":"Version header must be {{expectedVersion}}"}""");
        }

        if (request.Method == "POST" && request.Path == "/conversations/messages")
        {
            return await SendMessageAsync(request.Body, RateLimitHeadersOk);
        }

        return Calendars(request.Method, request.Path, request.RawQuery ?? "", request.Body, RateLimitHeadersOk)
            ?? Route(request.Method, request.Path, request.Body);
    }

    private static readonly (string, string)[] RateLimitHeadersOk =
        [("X-RateLimit-Remaining", "99"), ("X-RateLimit-Max", "100"), ("X-RateLimit-Interval-Milliseconds", "10000")];

    private ResponseMessage Route(string method, string path, string? body)
    {
        var headers = new[] { ("X-RateLimit-Remaining", "99"), ("X-RateLimit-Max", "100"), ("X-RateLimit-Interval-Milliseconds", "10000") };
        switch (method, path)
        {
            case ("GET", "/locations/search"):
                return Json(200, $$$"""{"locations":[{"id":"{{{LocationId}}}","name":"Fake Dental","email":"desk@fake.test","timezone":"America/Chicago"}]}""", headers);
            case ("GET", _) when path.StartsWith("/locations/", StringComparison.Ordinal):
                var id = path["/locations/".Length..];
                return IsLocation(id)
                    ? Json(200, new JsonObject { ["location"] = new JsonObject { ["id"] = id, ["name"] = LocationName(id), ["timezone"] = "America/Chicago", ["companyId"] = "co-1" } }.ToJsonString(), headers)
                    : Json(404, """{"statusCode":404,"message":"Location not found"}""");
            case ("GET", "/calendars/"):
                return Json(200, $$$"""{"calendars":[{"id":"cal-1","name":"Cleanings","locationId":"{{{LocationId}}}"}]}""", headers);
            case ("POST", "/contacts/"):
                return Json(201, new JsonObject { ["contact"] = Store(JsonNode.Parse(body ?? "{}")!.AsObject(), null) }.ToJsonString(), headers);
            case ("POST", "/contacts/upsert"):
                var sent = JsonNode.Parse(body ?? "{}")!.AsObject();
                var existing = _contacts.Values.FirstOrDefault(c => c["email"]?.GetValue<string>() == sent["email"]?.GetValue<string>() && sent["email"] is not null);
                var stored = Store(sent, existing?["id"]!.GetValue<string>());
                return Json(existing is null ? 201 : 200, new JsonObject { ["new"] = existing is null, ["contact"] = stored, ["traceId"] = "t-1" }.ToJsonString(), headers);
            case ("POST", "/contacts/search"):
                return Search(JsonNode.Parse(body ?? "{}")!.AsObject(), headers);
            case ("PUT", _) when path.StartsWith("/contacts/", StringComparison.Ordinal):
                return UpdateContact(path["/contacts/".Length..], body, headers);
            case ("DELETE", _) when path.StartsWith("/contacts/", StringComparison.Ordinal):
                return _contacts.TryRemove(path["/contacts/".Length..], out _)
                    ? Json(200, """{"succeded":true}""", headers)
                    : Json(400, """{"statusCode":400,"message":"Contact not found"}""");
            case ("GET", _) when path.StartsWith("/contacts/", StringComparison.Ordinal):
                return _contacts.TryGetValue(path["/contacts/".Length..], out var contact)
                    ? Json(200, new JsonObject { ["contact"] = contact.DeepClone() }.ToJsonString(), headers)
                    : Json(400, """{"statusCode":400,"message":"Contact not found"}""");
            default:
                return Json(404, """{"statusCode":404,"message":"Cannot find route"}""");
        }
    }

    /// <summary>GoHighLevel's documented answer when the location refuses a second contact with the same e-mail.</summary>
    private ResponseMessage DuplicateContact(string body)
    {
        var email = JsonNode.Parse(body)?["email"]?.GetValue<string>();
        var existing = _contacts.Values.FirstOrDefault(c => email is not null && c["email"]?.GetValue<string>() == email)
            ?? Store(new JsonObject { ["email"] = email, ["firstName"] = "Already" }, null).AsObject();
        var answer = new JsonObject
        {
            ["statusCode"] = 400,
            ["message"] = "This location does not allow duplicated contacts.",
            ["meta"] = new JsonObject { ["contactId"] = existing["id"]!.GetValue<string>(), ["contactName"] = "Already There", ["matchingField"] = "email" },
            ["traceId"] = "trace-dup-fake",
        };
        return Json(400, answer.ToJsonString());
    }

    private JsonNode Store(JsonObject fields, string? id)
    {
        id ??= $"ghl-c-{Interlocked.Increment(ref _contactSequence):D5}";
        var contact = _contacts.GetOrAdd(id, _ => new JsonObject { ["id"] = id });
        foreach (var (name, value) in fields)
        {
            contact[name] = value?.DeepClone();
        }

        contact["dateUpdated"] = DateTimeOffset.UtcNow.ToString("O");
        return contact.DeepClone();
    }

    /// <summary>Contacts ordered by id; the cursor is [dateUpdated, id] like GoHighLevel's searchAfter.</summary>
    private ResponseMessage Search(JsonObject request, (string, string)[] headers)
    {
        if (!IsLocation(request["locationId"]?.GetValue<string>()))
        {
            return Json(422, """{"statusCode":422,"message":["locationId must be a string"]}""");
        }

        var limit = request["pageLimit"]?.GetValue<int>() ?? 20;
        var after = request["searchAfter"] is JsonArray cursor && cursor.Count == 2 ? cursor[1]!.GetValue<string>() : null;
        var page = _contacts.Values.OrderBy(c => c["id"]!.GetValue<string>(), StringComparer.Ordinal)
            .Where(c => after is null || string.CompareOrdinal(c["id"]!.GetValue<string>(), after) > 0)
            .Take(limit)
            .Select(c =>
            {
                var copy = c.DeepClone().AsObject();
                copy["searchAfter"] = new JsonArray(DateTimeOffset.Parse(c["dateUpdated"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), c["id"]!.GetValue<string>());
                return (JsonNode)copy;
            })
            .ToArray();
        return Json(200, new JsonObject { ["contacts"] = new JsonArray(page), ["total"] = _contacts.Count }.ToJsonString(), headers);
    }

    private ResponseMessage Token(string form)
    {
        Interlocked.Increment(ref RefreshCalls);
        var fields = form.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.ElementAtOrDefault(1) ?? ""));
        if (fields.GetValueOrDefault("grant_type") != "refresh_token" || fields.GetValueOrDefault("refresh_token") != RefreshToken
            || fields.GetValueOrDefault("client_id") != "client-1" || fields.GetValueOrDefault("client_secret") != "client-secret-1")
        {
            return Json(401, """{"error":"invalid_grant","error_description":"Invalid refresh token"}""");
        }

        var access = "access-" + Guid.NewGuid().ToString("N");
        RefreshToken = "refresh-" + Guid.NewGuid().ToString("N");
        AcceptedTokens.Add(access);
        return Json(200, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["access_token"] = access, ["token_type"] = "Bearer", ["expires_in"] = 86399, ["refresh_token"] = RefreshToken,
            ["scope"] = "contacts.readonly contacts.write", ["userType"] = "Location", ["locationId"] = LocationId,
        }));
    }

    /// <summary>
    /// A burst-limit 429 with the headers GoHighLevel documents: the interval is the window's whole length (10 s), while
    /// <c>Retry-After</c> says when this location may call again.
    /// </summary>
    private static ResponseMessage RateLimited() =>
        Json(429, """{"statusCode":429,"message":"Too many requests"}""", ("Retry-After", "1"),
            ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Interval-Milliseconds", "10000"), ("X-RateLimit-Max", "100"),
            ("X-RateLimit-Limit-Daily", "200000"), ("X-RateLimit-Daily-Remaining", "199873"));

    private static ResponseMessage Json(int status, string body, params (string Name, string Value)[] headers)
    {
        var response = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String },
        };
        response.AddHeader("Content-Type", "application/json");
        foreach (var (name, value) in headers)
        {
            response.AddHeader(name, value);
        }

        return response;
    }

    private sealed record Fault(FaultKind Kind, string PathPrefix, TimeSpan Delay);
}

public enum FaultKind
{
    RateLimited,
    ServerError,
    Unauthorized,
    MalformedJson,
    Slow,
    BadRequest,
    Unprocessable,
    /// <summary>POST /contacts/ on a location that does not allow duplicates: GoHighLevel's 400 naming the existing contact.</summary>
    DuplicateContact,
}

public sealed record RecordedRequest(string Method, string Path, string Query, string Body, string? Authorization, string? Version)
{
    /// <summary>When it arrived (budgets per location are counted from these).</summary>
    public DateTime At { get; } = DateTime.UtcNow;
}
