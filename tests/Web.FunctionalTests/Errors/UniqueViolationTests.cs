using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Domain.Tenancy;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.Errors;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Errors;

/// <summary>
/// The database's own refusal of a second copy of a unique value, on the provider this run uses (SQLite, or PostgreSQL in
/// the PostgreSQL run): recognised by the provider's error code, so a race lost to a unique index is a 409 conflict,
/// while any other constraint the database enforces stays a fault.
/// </summary>
[TestFixture]
public sealed class UniqueViolationTests
{
    private HubApp _app = null!;
    private int _subAccountId;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = new HubApp();
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var subAccount = SubAccount.Create("Unique Co", null, DateTime.UtcNow);
        db.SubAccounts.Add(subAccount);
        await db.SaveChangesAsync();
        _subAccountId = subAccount.Id;
    }

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    private async Task<DbUpdateException> Refused(Action<AppDbContext> change)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        change(db);
        var save = () => db.SaveChangesAsync();
        return (await save.Should().ThrowAsync<DbUpdateException>()).Which;
    }

    private User NewUser(string email, int? subAccountId = null) =>
        User.Create(subAccountId ?? _subAccountId, email, "Ann", "hash-" + Guid.NewGuid().ToString("N"), DateTime.UtcNow);

    [Test]
    public async Task A_second_copy_of_a_unique_value_is_recognised_by_its_code_and_is_a_conflict()
    {
        var refused = await Refused(db => db.Users.AddRange(NewUser("same@unique.test"), NewUser("same@unique.test")));

        refused.InnerException!.GetType().Name.Should().Be(TestDatabase.IsPostgreSql ? "PostgresException" : "SqliteException");
        _app.Services.GetRequiredService<IUniqueViolations>().IsUniqueViolation(refused).Should().BeTrue();
        _app.Services.GetRequiredService<ErrorCatalogue>().Describe(refused).Should().Be(ErrorCatalogue.UniqueViolation);
    }

    [Test]
    public async Task Another_constraint_refused_by_the_database_is_not_a_unique_violation()
    {
        var refused = await Refused(db => db.Users.Add(NewUser("orphan@unique.test", subAccountId: 999_999)));

        _app.Services.GetRequiredService<IUniqueViolations>().IsUniqueViolation(refused).Should().BeFalse("a missing sub-account is a foreign key");
        _app.Services.GetRequiredService<ErrorCatalogue>().Describe(refused).Should().BeNull("a fault is answered 500 and logged");
    }
}
