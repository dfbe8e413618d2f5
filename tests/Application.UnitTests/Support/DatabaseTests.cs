using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;
using IntegrationHub.Domain.Tenancy;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Application.UnitTests.Support;

/// <summary>
/// For handlers whose rule is a query or a conditional write: the handler gets the real EF model on a private in-memory
/// SQLite database (migrated once per run, copied per test), and the test reads what was saved through a second context.
/// NUnit keeps one fixture instance for all its tests: per-test state (clock, substitutes) is made in a [SetUp].
/// No interceptors: domain events are not published here, so what a handler publishes itself is all a test sees.
/// </summary>
public abstract class DatabaseTests
{
    private static readonly Lazy<SqliteConnection> Migrated = new(() =>
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var context = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connection).Options);
        context.Database.Migrate();
        return connection;
    });

    private SqliteConnection _connection = null!;
    private DbContextOptions<SqliteAppDbContext> _options = null!;

    protected FakeTimeProvider Clock { get; private set; } = null!;

    protected DateTime Now => Clock.GetUtcNow().UtcDateTime;

    /// <summary>The unit of work the handler under test is given.</summary>
    protected SqliteAppDbContext Db { get; private set; } = null!;

    [SetUp]
    public void CreateDatabase()
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        lock (Migrated)
        {
            Migrated.Value.BackupDatabase(_connection);
        }

        _options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(_connection).Options;
        Db = new SqliteAppDbContext(_options);
    }

    [TearDown]
    public void DropDatabase()
    {
        Db.Dispose();
        _connection.Dispose();
    }

    /// <summary>A fresh context: what is in the database, not what the handler's context tracks.</summary>
    protected SqliteAppDbContext Saved() => new(_options);

    protected async Task<T> Add<T>(T entity) where T : class
    {
        await using var context = Saved();
        context.Add(entity);
        await context.SaveChangesAsync();
        return entity;
    }

    protected Task<SubAccount> AddSubAccount(string name = "Acme") => Add(SubAccount.Create(name, "America/Chicago", Now));

    protected Task<User> AddUser(int subAccountId, string email = "owner@x.test") =>
        Add(User.Create(subAccountId, email, "Owner", Guid.NewGuid().ToString("N"), Now));

    protected Task<IntegrationTemplate> AddTemplate(string name = "crm", IntegrationKind kind = IntegrationKind.Generic, bool active = true,
        string schema = """{"type":"object","properties":{"locationId":{"type":"string"}}}""") =>
        Add(IntegrationTemplate.Create(name, new TemplateDetails("CRM", null, "crm", null, active, schema, null, null, null), null, Now, kind));

    protected Task<Integration> AddIntegration(int subAccountId, int templateId, string? locationId = null,
        IntegrationStatus status = IntegrationStatus.Pending, string configJson = "{}")
    {
        var integration = Integration.Create(subAccountId, templateId, Guid.NewGuid().ToString("N"), "Integration", null, configJson,
            locationId, null, Now);
        if (status != IntegrationStatus.Pending)
        {
            integration.ChangeStatus(status, status == IntegrationStatus.Error ? "failing" : null, Now);
        }

        return Add(integration);
    }
}
