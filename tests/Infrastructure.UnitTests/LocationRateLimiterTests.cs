using System.Net;
using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Infrastructure.GoHighLevel;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Infrastructure.UnitTests;

public sealed class LocationRateLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    private LocationRateLimiter Limiter(int perWindow = 3) =>
        new(Microsoft.Extensions.Options.Options.Create(new GoHighLevelOptions { RequestsPerWindow = perWindow, Window = TimeSpan.FromSeconds(10) }), _clock);

    [Test]
    public async Task Requests_within_the_budget_pass_at_once_and_the_next_waits_for_the_window_to_slide()
    {
        var limiter = Limiter();
        for (var i = 0; i < 3; i++)
        {
            await limiter.AcquireAsync("loc", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(1));
        }

        // On the fake clock nothing but an Advance can end a wait: the task's state right after a call is the answer.
        var fourth = limiter.AcquireAsync("loc", CancellationToken.None);
        fourth.IsCompleted.Should().BeFalse("the window is full");
        limiter.InFlightWindowCount("loc").Should().Be(3, "the waiting request is not counted yet");

        _clock.Advance(TimeSpan.FromSeconds(9));
        fourth.IsCompleted.Should().BeFalse("the oldest request is still inside the 10 s window");
        limiter.InFlightWindowCount("loc").Should().Be(3);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await fourth.WaitAsync(TimeSpan.FromSeconds(1));
        limiter.InFlightWindowCount("loc").Should().Be(1, "the first three left the window together; only the fourth is in it");
    }

    [Test]
    public async Task Locations_have_separate_budgets()
    {
        var limiter = Limiter(perWindow: 1);
        await limiter.AcquireAsync("a", CancellationToken.None);
        var secondOfA = limiter.AcquireAsync("a", CancellationToken.None);
        var firstOfB = limiter.AcquireAsync("b", CancellationToken.None);

        await firstOfB.WaitAsync(TimeSpan.FromSeconds(1));
        firstOfB.IsCompletedSuccessfully.Should().BeTrue("b has a budget of its own");
        secondOfA.IsCompleted.Should().BeFalse("a spent its budget");
        limiter.InFlightWindowCount("b").Should().Be(1);
    }

    [Test]
    public async Task Remaining_zero_from_gohighlevel_pauses_the_location_for_the_interval()
    {
        var limiter = Limiter(perWindow: 100);
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.Add("X-RateLimit-Remaining", "0");
        response.Headers.Add("X-RateLimit-Interval-Milliseconds", "2000");
        limiter.Observe("loc", response);

        var next = limiter.AcquireAsync("loc", CancellationToken.None);
        next.IsCompleted.Should().BeFalse("GoHighLevel said nothing is left");
        _clock.Advance(TimeSpan.FromMilliseconds(1999));
        next.IsCompleted.Should().BeFalse("the pause lasts the whole interval");
        _clock.Advance(TimeSpan.FromMilliseconds(2));
        await next.WaitAsync(TimeSpan.FromSeconds(1));
    }

    [Test]
    public async Task Waiting_can_be_cancelled()
    {
        var limiter = Limiter(perWindow: 1);
        await limiter.AcquireAsync("loc", CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = limiter.AcquireAsync("loc", cancel.Token);
        await cancel.CancelAsync();
        await ((Func<Task>)(() => waiting)).Should().ThrowAsync<OperationCanceledException>();
    }
}

public sealed class LocationCircuitBreakersTests
{
    [Test]
    public void Opens_after_the_threshold_lets_one_trial_through_after_the_break_and_closes_on_success()
    {
        var clock = new FakeTimeProvider();
        var breakers = new LocationCircuitBreakers(Microsoft.Extensions.Options.Options.Create(new GoHighLevelOptions
        {
            BreakerFailureThreshold = 2, BreakerBreakDuration = TimeSpan.FromSeconds(30),
        }), new GoHighLevelMetrics(TestMeters.Factory()), clock);

        breakers.RecordFailure("loc", "GoHighLevel failed (HTTP 500)");
        breakers.TryEnter("loc", out _).Should().BeTrue();
        breakers.RecordFailure("loc", "GoHighLevel failed (HTTP 500)");
        breakers.TryEnter("loc", out _).Should().BeFalse();
        breakers.TryEnter("other", out _).Should().BeTrue("one location's outage does not stop the others");

        clock.Advance(TimeSpan.FromSeconds(31));
        breakers.TryEnter("loc", out _).Should().BeTrue("the trial call");
        breakers.TryEnter("loc", out _).Should().BeFalse("only one trial at a time");
        breakers.RecordSuccess("loc");
        breakers.TryEnter("loc", out _).Should().BeTrue();
        breakers.IsOpen("loc").Should().BeFalse();
    }

    [Test]
    public void A_failed_trial_opens_the_circuit_again()
    {
        var clock = new FakeTimeProvider();
        var breakers = new LocationCircuitBreakers(Microsoft.Extensions.Options.Options.Create(new GoHighLevelOptions { BreakerFailureThreshold = 1 }),
            new GoHighLevelMetrics(TestMeters.Factory()), clock);
        breakers.RecordFailure("loc", "GoHighLevel failed (HTTP 500)");
        clock.Advance(TimeSpan.FromMinutes(1));
        breakers.TryEnter("loc", out _).Should().BeTrue();
        breakers.RecordFailure("loc", "GoHighLevel failed (HTTP 500)");
        breakers.IsOpen("loc").Should().BeTrue();
    }
}
