using System.Data.Common;
using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>
/// The hub run as its own process on a data folder, against the run's database: SQLite in the folder, or (PostgreSQL
/// run, or several instances) a PostgreSQL database; with an admin client, set-up helpers for GoHighLevel tenants, and
/// straight reads of that database (what a kill left behind, what the outbox holds).
/// </summary>
public sealed class HubInstance : IAsyncDisposable
{
    public const string AdminToken = "outbox-process-admin-token-0123456789";

    private HubInstance(ServiceProcess process, string baseUrl)
    {
        Process = process;
        BaseUrl = baseUrl;
        Admin = Client(AdminToken);
    }

    public ServiceProcess Process { get; }

    public string BaseUrl { get; }

    public HttpClient Admin { get; }

    /// <summary>
    /// Starts an instance on <paramref name="dataDirectory"/>; <paramref name="postgres"/> null means its SQLite file.
    /// Every instance shares one key ring, so any of them decrypts what another stored.
    /// </summary>
    public static async Task<HubInstance> StartAsync(string dataDirectory, string? postgres, IDictionary<string, string?>? settings = null)
    {
        Directory.CreateDirectory(dataDirectory);
        var port = ServiceProcess.FreePort();
        var environment = new Dictionary<string, string?>
        {
            ["IntegrationHub__DataDirectory"] = dataDirectory,
            ["IntegrationHub__Auth__BootstrapAdminToken"] = AdminToken,
            ["IntegrationHub__Encryption__ActiveKeyId"] = "shared",
            ["IntegrationHub__Encryption__Keys__shared"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 5 + 3)).ToArray()),
            ["IntegrationHub__HealthChecks__Cron"] = "0 0 1 1 *", // no sweep of its own: the tests decide when checks run
            ["Logging__LogLevel__Default"] = "Warning",
            // The fake GoHighLevel listens on http://127.0.0.1 (Development's defaults say so too; this keeps it explicit).
            ["IntegrationHub__Network__AllowHttp"] = "true",
            ["IntegrationHub__Network__AllowPrivateTargets"] = "true",
        };
        if (postgres is not null)
        {
            environment["IntegrationHub__Database__Provider"] = "PostgreSql";
            environment["ConnectionStrings__IntegrationHub"] = postgres;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var baseUrl = $"http://127.0.0.1:{port}";
        var process = ServiceProcess.Start(environment, dataDirectory, "--urls", baseUrl);
        try
        {
            await process.WaitUntilLiveAsync(baseUrl);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new HubInstance(process, baseUrl);
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>A sub-account with a user (whose token creates leads) and a GoHighLevel integration at the fake, active unless told.</summary>
    public async Task<GhlTenant> CreateGhlTenantAsync(string name, string ghlUrl, string locationId, string apiKey = FakeGoHighLevel.ValidToken)
    {
        var subAccount = await (await Admin.PostJson("/api/admin/sub-accounts", new { name })).Json(HttpStatusCode.Created);
        var user = await (await Admin.PostJson($"/api/admin/sub-accounts/{subAccount.Id()}/users",
            new { email = $"{locationId}@example.com", name })).Json(HttpStatusCode.Created);
        await (await Admin.PostJson($"/api/admin/users/{user.Id()}/strategies", new { name = "Default" })).Json(HttpStatusCode.Created);
        var templateId = (await Admin.GetJson("/api/integration-templates")).AsArray().Single(t => t!.Str("name") == "gohighlevel")!.Id();
        var integration = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = subAccount.Id(), integrationTemplateId = templateId, name = "GHL " + locationId,
            config = new { apiKey, locationId, baseUrl = ghlUrl, syncIntervalMinutes = 0 },
        })).Json(HttpStatusCode.Created);
        await (await Admin.PostJson($"/api/admin/integrations/{integration.Id()}/status", new { status = "active" })).Json(HttpStatusCode.OK);
        return new GhlTenant(subAccount.Id(), integration.Id(), user.Str("token"));
    }

    /// <summary>Creates leads named by <paramref name="emails"/> through <c>POST /api/leads</c>, <paramref name="concurrency"/> at a time; every one must be 201.</summary>
    public static async Task<List<int>> CreateLeadsAsync(IReadOnlyList<(HttpClient Tenant, string Email)> leads, int concurrency)
    {
        var ids = new int[leads.Count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < leads.Count; i = Interlocked.Increment(ref next))
            {
                var (tenant, email) = leads[i];
                ids[i] = (await (await tenant.PostJson("/api/leads", new { firstName = "Lead", lastName = email[..email.IndexOf('@')], email }))
                    .Json(HttpStatusCode.Created)).Id();
            }
        }));
        return [.. ids];
    }

    public Task KillAsync() => Process.KillAsync();

    public async ValueTask DisposeAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            await TestContext.Out.WriteLineAsync(string.Join('\n', Process.OutputLines.TakeLast(40)));
        }

        Admin.Dispose();
        await Process.DisposeAsync();
    }
}

public sealed record GhlTenant(int SubAccountId, int IntegrationId, string Token);

/// <summary>Straight reads of a hub's database, SQLite file or PostgreSQL (SQL with quoted names works on both).</summary>
public sealed class HubDatabase(string dataDirectory, string? postgres)
{
    public async Task<long> ScalarAsync(string sql) =>
        (await ReadAsync(sql, r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture))).Single();

    public async Task<List<T>> ReadAsync<T>(string sql, Func<DbDataReader, T> read)
    {
        await using DbConnection connection = postgres is null
            ? new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "integrationhub.db")};Pooling=False")
            : new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Operations by status, for messages (<c>Succeeded=180, Running=20</c>).</summary>
    public async Task<string> StatusesAsync() =>
        string.Join(", ", await ReadAsync("""SELECT "Kind", "Status", COUNT(*) FROM "OutboundOperations" GROUP BY "Kind", "Status" ORDER BY 1, 2""",
            r => $"{r.GetString(0)} {r.GetString(1)}={r.GetInt64(2)}"));
}
