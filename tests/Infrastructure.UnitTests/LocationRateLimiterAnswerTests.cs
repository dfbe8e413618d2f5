using IntegrationHub.Infrastructure.GoHighLevel;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Infrastructure.UnitTests;

/// <summary>
/// GoHighLevel counts requests as they arrive: a request that left late must keep its place in the window until a
/// window after its answer, or a later burst lands in the same 10 s as it (the outbound benchmark saw 106 arrivals).
/// </summary>
public sealed class LocationRateLimiterAnswerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

    [Test]
    public async Task An_answered_request_counts_until_a_window_after_its_answer_not_after_its_start()
    {
        var limiter = new LocationRateLimiter(
            Microsoft.Extensions.Options.Options.Create(new GoHighLevelOptions { RequestsPerWindow = 1, Window = TimeSpan.FromSeconds(10) }), _clock);
        var slot = await limiter.AcquireAsync("loc", CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(4)); // It took 4 s to go out and come back.
        limiter.Answered(slot);

        _clock.Advance(TimeSpan.FromSeconds(7)); // 11 s after its start, 7 s after its answer.
        limiter.InFlightWindowCount("loc").Should().Be(1, "its arrival may have been as late as its answer");
        var next = limiter.AcquireAsync("loc", CancellationToken.None);
        next.IsCompleted.Should().BeFalse("the budget of one is still held by the answered request");

        _clock.Advance(TimeSpan.FromSeconds(3));
        (await next.WaitAsync(TimeSpan.FromSeconds(5))).Should().NotBeNull();
        limiter.InFlightWindowCount("loc").Should().Be(1, "only the new request is in the window");
    }
}
