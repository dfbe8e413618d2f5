using IntegrationHub.Domain.Integrations;
using IntegrationHub.Infrastructure.GoHighLevel;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Infrastructure.UnitTests;

/// <summary>The refresh lease on a real SQLite file: one holder at a time, given back by its holder only, and taken over once it ran out.</summary>
public sealed class TokenRefreshLeasesTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
    private string _path = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _path = Path.Combine(Path.GetTempPath(), $"ih-leases-{Guid.NewGuid():N}.db");
        await using var db = Context();
        await db.Database.MigrateAsync();
    }

    [TearDown]
    public void DeleteDatabase()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Test]
    public async Task A_held_lease_is_refused_to_others_until_its_holder_gives_it_back()
    {
        var key = TokenRefreshLease.ForIntegration(7);
        await using var first = Context();
        await using var second = Context();

        var holder = await Leases(first).TryTakeAsync(key, Duration, CancellationToken.None);
        holder.Should().NotBeNull();
        (await Leases(second).TryTakeAsync(key, Duration, CancellationToken.None)).Should().BeNull("the lease is held");
        (await Leases(second).TryTakeAsync(TokenRefreshLease.ForInstallation("co-1"), Duration, CancellationToken.None))
            .Should().NotBeNull("another key is another lease");

        await Leases(second).ReleaseAsync(key, "someone-else", CancellationToken.None);
        (await Leases(second).TryTakeAsync(key, Duration, CancellationToken.None)).Should().BeNull("only the holder gives it back");

        await Leases(first).ReleaseAsync(key, holder!, CancellationToken.None);
        (await Leases(second).TryTakeAsync(key, Duration, CancellationToken.None)).Should().NotBeNull();
    }

    [Test]
    public async Task A_lease_whose_holder_died_is_taken_over_once_it_ran_out_by_one_taker()
    {
        var key = TokenRefreshLease.ForIntegration(8);
        await using var db = Context();
        var dead = await Leases(db).TryTakeAsync(key, Duration, CancellationToken.None);

        _clock.Advance(Duration - TimeSpan.FromSeconds(1));
        (await Leases(db).TryTakeAsync(key, Duration, CancellationToken.None)).Should().BeNull("not run out yet");
        _clock.Advance(TimeSpan.FromSeconds(2));
        var takers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var own = Context();
            return await Leases(own).TryTakeAsync(key, Duration, CancellationToken.None);
        }));

        takers.Where(t => t is not null).Should().ContainSingle("one conditional update wins").Which.Should().NotBe(dead);
        await Leases(db).ReleaseAsync(key, dead!, CancellationToken.None);
        (await db.Set<TokenRefreshLease>().AsNoTracking().SingleAsync()).Holder.Should().Be(takers.Single(t => t is not null),
            "the dead holder's late release does not free the new holder's lease");
    }

    private SqliteAppDbContext Context() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={_path};Default Timeout=30").Options);

    private TokenRefreshLeases Leases(AppDbContext db) => new(db, new InstanceSharing(false), new DatabaseUniqueViolations(), _clock);
}
