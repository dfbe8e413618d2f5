using System.Diagnostics.Metrics;
using System.Text.Json;
using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Infrastructure.GoHighLevel;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Web.FunctionalTests.GoHighLevel;

/// <summary>The Refit-generated client with its resilience, against the fake GoHighLevel over real HTTP.</summary>
[TestFixture]
public sealed class GoHighLevelClientTests
{
    private FakeGoHighLevel _ghl = null!;
    private GoHighLevelGateway _gateway = null!;
    private GoHighLevelOptions _options = null!;

    [SetUp]
    public void Start()
    {
        _ghl = new FakeGoHighLevel();
        _options = new GoHighLevelOptions
        {
            BaseDelay = TimeSpan.FromMilliseconds(20),
            MaxDelay = TimeSpan.FromMilliseconds(1500),
            AttemptTimeout = TimeSpan.FromMilliseconds(500),
            MaxAttempts = 4,
            BreakerFailureThreshold = 20,
        };
        var options = Options.Create(_options);
        var metrics = new GoHighLevelMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
        _gateway = new GoHighLevelGateway(options, new LocationRateLimiter(options, TimeProvider.System),
            new LocationCircuitBreakers(options, metrics, TimeProvider.System), metrics,
            // The fake listens on this machine over http: the guard lets it through, as the Network settings do in tests.
            new IntegrationHub.Infrastructure.Network.GuardedConnections(new(allowHttp: true, allowPrivateTargets: true), new()),
            TimeProvider.System, NullLogger<GoHighLevelGateway>.Instance);
    }

    [TearDown]
    public void Stop()
    {
        _gateway.Dispose();
        _ghl.Dispose();
    }

    private GhlConnection Connection(string token = FakeGoHighLevel.ValidToken, DateTime? expiresAt = null,
        Func<GhlConnection, string, CancellationToken, Task>? renew = null) => new()
    {
        IntegrationId = 1,
        LocationId = FakeGoHighLevel.LocationId,
        BaseUrl = new Uri(_ghl.Url),
        ApiVersion = "2021-07-28",
        AccessToken = token,
        AccessTokenExpiresAt = expiresAt,
        Renewal = renew is null ? GhlRenewal.None : GhlRenewal.AppLocation,
        RenewTokens = renew,
    };

    /// <summary>A renewal that hands out a token the fake accepts, counting its calls and the stale tokens it was given.</summary>
    private Func<GhlConnection, string, CancellationToken, Task> Renewal(List<string> staleTokens) => (connection, stale, _) =>
    {
        staleTokens.Add(stale);
        var renewed = "access-renewed-" + staleTokens.Count;
        _ghl.AcceptedTokens.Add(renewed);
        connection.AccessToken = renewed;
        connection.AccessTokenExpiresAt = DateTime.UtcNow.AddHours(1);
        return Task.CompletedTask;
    };

    [Test]
    public async Task Location_calls_send_the_token_and_version_and_read_the_real_shapes()
    {
        var location = await _gateway.GetLocation(Connection(), CancellationToken.None);
        location.Name.Should().Be("Fake Dental");
        var found = await _gateway.SearchLocations(Connection(), "co-1", CancellationToken.None);
        found.Should().ContainSingle().Which.Id.Should().Be(FakeGoHighLevel.LocationId);

        var get = _ghl.RequestsTo("/locations/").First();
        get.Authorization.Should().Be("Bearer " + FakeGoHighLevel.ValidToken);
        get.Version.Should().Be("2021-07-28");
        _ghl.RequestsTo("/locations/search").Single().Query.Should().Contain("companyId=co-1").And.Contain("limit=10").And.Contain("skip=0");
    }

    [Test]
    public async Task Calendar_calls_use_the_calendars_api_version()
    {
        var calendars = await _gateway.GetCalendars(Connection(), CancellationToken.None);
        calendars.Should().ContainSingle().Which.Id.Should().Be("cal-1");

        var slot = await _gateway.CreateBlockSlot(Connection(), new GhlBlockSlotRequest
        {
            Title = "Booked elsewhere", CalendarId = "cal-1", StartTime = "2026-12-01T10:00:00+00:00", EndTime = "2026-12-01T11:00:00+00:00",
        }, CancellationToken.None);

        slot.Id.Should().StartWith("slot-");
        slot.LocationId.Should().Be(FakeGoHighLevel.LocationId);
        var post = _ghl.RequestsTo("/calendars/events/block-slots").Single();
        post.Version.Should().Be("2021-04-15");
        var body = JsonDocument.Parse(post.Body).RootElement;
        body.GetProperty("calendarId").GetString().Should().Be("cal-1");
        body.GetProperty("locationId").GetString().Should().Be(FakeGoHighLevel.LocationId);
        body.TryGetProperty("assignedUserId", out _).Should().BeFalse("calendarId and assignedUserId are never sent together");
        _ghl.RequestsTo("/calendars/").First().Query.Should().Contain("locationId=" + FakeGoHighLevel.LocationId);
    }

    [Test]
    public async Task Contact_calls_create_update_get_upsert_and_search()
    {
        var created = await _gateway.CreateContact(Connection(), new GhlContactRequest { FirstName = "Ada", Email = "ada@x.test", Tags = ["a"] }, CancellationToken.None);
        JsonDocument.Parse(_ghl.RequestsTo("/contacts/").Last().Body).RootElement.GetProperty("locationId").GetString()
            .Should().Be(FakeGoHighLevel.LocationId);

        var updated = await _gateway.UpdateContact(Connection(), created.Id, new GhlContactRequest { LastName = "Lovelace" }, CancellationToken.None);
        updated.LastName.Should().Be("Lovelace");
        var put = _ghl.Requests.Single(r => r.Method == "PUT");
        put.Path.Should().Be("/contacts/" + created.Id);
        JsonDocument.Parse(put.Body).RootElement.TryGetProperty("locationId", out _).Should().BeFalse();

        (await _gateway.GetContact(Connection(), created.Id, CancellationToken.None)).Email.Should().Be("ada@x.test");

        var upserted = await _gateway.UpsertContact(Connection(), new GhlContactRequest { Email = "ada@x.test", Phone = "+1" }, CancellationToken.None);
        upserted.New.Should().BeFalse();
        upserted.Contact!.Id.Should().Be(created.Id);

        var search = await _gateway.SearchContacts(Connection(), new GhlSearchContactsRequest { PageLimit = 10 }, CancellationToken.None);
        search.Total.Should().Be(1);
        search.Contacts!.Single().SearchAfter.Should().HaveCount(2);
        JsonDocument.Parse(_ghl.RequestsTo("/contacts/search").Single().Body).RootElement.GetProperty("pageLimit").GetInt32().Should().Be(10);
    }

    [Test]
    public async Task Unauthorized_is_not_retried_and_the_message_has_no_secret()
    {
        var act = () => _gateway.GetLocation(Connection("pit-wrong-token-123"), CancellationToken.None);
        var error = (await act.Should().ThrowAsync<GhlApiException>()).Which;
        error.Kind.Should().Be(GhlFailureKind.Unauthorized);
        error.Message.Should().Contain("Invalid JWT").And.NotContain("pit-wrong-token-123");
        _ghl.Requests.Should().HaveCount(1);
    }

    [Test]
    public async Task A_wrong_location_is_rejected_with_the_reason()
    {
        var connection = new GhlConnection
        {
            IntegrationId = 1, LocationId = "nope", BaseUrl = new Uri(_ghl.Url), ApiVersion = "2021-07-28", AccessToken = FakeGoHighLevel.ValidToken,
        };
        var error = (await ((Func<Task>)(() => _gateway.GetLocation(connection, CancellationToken.None))).Should().ThrowAsync<GhlApiException>()).Which;
        error.Kind.Should().Be(GhlFailureKind.Rejected);
        error.Message.Should().Contain("404").And.Contain("Location not found");
    }

    [Test]
    public async Task Rate_limited_calls_wait_for_retry_after_not_the_whole_burst_interval_and_succeed()
    {
        // Each 429 says Retry-After: 1 beside GoHighLevel's X-RateLimit-Interval-Milliseconds: 10000 (the window's length).
        _ghl.Fail(FaultKind.RateLimited, count: 2);
        var started = DateTime.UtcNow;

        var location = await _gateway.GetLocation(Connection(), CancellationToken.None);

        location.Id.Should().Be(FakeGoHighLevel.LocationId);
        _ghl.Requests.Should().HaveCount(3);
        (DateTime.UtcNow - started).Should().BeGreaterThan(TimeSpan.FromMilliseconds(1900), "each 429 said Retry-After: 1")
            .And.BeLessThan(TimeSpan.FromSeconds(6), "Retry-After is GoHighLevel's precise word; a 10 s pause per 429 would take 20 s");
    }

    [Test]
    public async Task A_call_rate_limited_on_every_attempt_says_so_and_when_to_try_again()
    {
        _ghl.Fail(FaultKind.RateLimited, count: _options.MaxAttempts);
        var error = (await ((Func<Task>)(() => _gateway.GetLocation(Connection(), CancellationToken.None))).Should().ThrowAsync<GhlApiException>()).Which;
        error.Kind.Should().Be(GhlFailureKind.RateLimited);
        error.StatusCode.Should().Be(429);
        error.RetryAt.Should().BeCloseTo(DateTimeOffset.UtcNow.AddSeconds(1), TimeSpan.FromSeconds(2));
        error.Message.Should().MatchRegex(@"^GoHighLevel is rate-limiting this location \(HTTP 429 on every attempt: Too many requests\); try again after \d\d:\d\d:\d\d UTC\.$");
    }

    [Test]
    public async Task Server_errors_and_timeouts_are_retried_with_backoff()
    {
        _ghl.Fail(FaultKind.ServerError, count: 2);
        (await _gateway.GetLocation(Connection(), CancellationToken.None)).Id.Should().Be(FakeGoHighLevel.LocationId);
        _ghl.Requests.Should().HaveCount(3);

        _ghl.Fail(FaultKind.Slow, count: 1, delay: TimeSpan.FromSeconds(2));
        (await _gateway.GetLocation(Connection(), CancellationToken.None)).Id.Should().Be(FakeGoHighLevel.LocationId);
    }

    [Test]
    public async Task Persistent_server_errors_give_up_after_the_last_attempt()
    {
        _ghl.Fail(FaultKind.ServerError, count: 10);
        var error = (await ((Func<Task>)(() => _gateway.GetLocation(Connection(), CancellationToken.None))).Should().ThrowAsync<GhlApiException>()).Which;
        error.Kind.Should().Be(GhlFailureKind.Unavailable);
        error.StatusCode.Should().Be(500);
        _ghl.Requests.Should().HaveCount(_options.MaxAttempts);
    }

    [Test]
    public async Task A_hanging_server_ends_in_a_timeout_error_not_a_hang()
    {
        _ghl.Fail(FaultKind.Slow, count: 10, delay: TimeSpan.FromSeconds(2));
        var started = DateTime.UtcNow;
        var error = (await ((Func<Task>)(() => _gateway.GetLocation(Connection(), CancellationToken.None))).Should().ThrowAsync<GhlApiException>()).Which;
        error.Kind.Should().Be(GhlFailureKind.Unavailable);
        error.Message.Should().Be("GoHighLevel did not answer within 0.5 s, after 4 attempts.");
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task Malformed_json_is_an_invalid_response_error()
    {
        _ghl.Fail(FaultKind.MalformedJson);
        var error = (await ((Func<Task>)(() => _gateway.GetLocation(Connection(), CancellationToken.None))).Should().ThrowAsync<GhlApiException>()).Which;
        error.Kind.Should().Be(GhlFailureKind.InvalidResponse);
    }

    [Test]
    public async Task The_circuit_opens_after_repeated_failures_and_fails_fast()
    {
        _options.BreakerFailureThreshold = 2;
        _options.MaxAttempts = 2;
        _ghl.Fail(FaultKind.ServerError, count: 2);
        await ((Func<Task>)(() => _gateway.GetLocation(Connection(), CancellationToken.None))).Should().ThrowAsync<GhlApiException>();
        var sent = _ghl.Requests.Count;

        var error = (await ((Func<Task>)(() => _gateway.GetLocation(Connection(), CancellationToken.None))).Should().ThrowAsync<GhlApiException>()).Which;
        error.Message.Should().Contain("circuit open");
        _ghl.Requests.Should().HaveCount(sent, "an open circuit sends nothing");
    }

    [Test]
    public async Task A_token_about_to_expire_is_renewed_before_the_call_and_not_again()
    {
        var stale = new List<string>();
        var connection = Connection("expiring-access-token", DateTime.UtcNow.AddMinutes(1), Renewal(stale));

        (await _gateway.GetLocation(connection, CancellationToken.None)).Id.Should().Be(FakeGoHighLevel.LocationId);
        await _gateway.GetLocation(connection, CancellationToken.None);

        stale.Should().Equal(["expiring-access-token"], "renewed ahead of expiry, once");
        _ghl.Requests.Should().OnlyContain(r => r.Authorization == "Bearer access-renewed-1", "the expiring token is never sent");
    }

    [Test]
    public async Task A_401_renews_the_token_once_and_repeats_the_call()
    {
        var stale = new List<string>();
        var connection = Connection("revoked-access-token", DateTime.UtcNow.AddHours(5), Renewal(stale));

        (await _gateway.GetLocation(connection, CancellationToken.None)).Id.Should().Be(FakeGoHighLevel.LocationId);

        stale.Should().Equal(["revoked-access-token"]);
        _ghl.Requests.Select(r => r.Authorization).Should().StartWith("Bearer revoked-access-token")
            .And.EndWith("Bearer access-renewed-1").And.ContainSingle(a => a == "Bearer access-renewed-1");
    }

    [Test]
    public async Task A_renewal_that_fails_is_the_calls_failure()
    {
        var connection = Connection("expired-access-token", DateTime.UtcNow.AddMinutes(-5), (_, _, _) =>
            throw new GhlApiException(GhlFailureKind.Unauthorized, 400, "GoHighLevel refused the token refresh (invalid_grant): reconnect in GoHighLevel."));
        var error = (await ((Func<Task>)(() => _gateway.GetLocation(connection, CancellationToken.None))).Should().ThrowAsync<GhlApiException>()).Which;
        error.Kind.Should().Be(GhlFailureKind.Unauthorized);
        error.Message.Should().Contain("reconnect in GoHighLevel");
        _ghl.Requests.Should().BeEmpty("nothing is sent with an expired token");
    }
}
