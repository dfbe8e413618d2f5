using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>
/// The real application on a real Kestrel port, with its own data folder (a real SQLite file, or its own
/// PostgreSQL database: <see cref="TestDatabase"/>) that is deleted on dispose.
/// </summary>
public sealed class HubApp : WebApplicationFactory<Program>
{
    public const string AdminToken = "test-bootstrap-admin-token-0123456789";

    private readonly Dictionary<string, string?> _settings;

    private readonly string _environment;
    private readonly bool _ownsDataDirectory;

    private readonly Action<IServiceCollection>? _testServices;

    /// <param name="testServices">Replaces services after the app's own registrations (a test's stand-in, such as a DNS resolver).</param>
    public HubApp(IDictionary<string, string?>? settings = null, string? dataDirectory = null, string environment = "Development",
        Action<IServiceCollection>? testServices = null)
    {
        _environment = environment;
        _testServices = testServices;
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "ih-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        _settings = new Dictionary<string, string?>
        {
            ["IntegrationHub:DataDirectory"] = DataDirectory,
            ["IntegrationHub:Auth:BootstrapAdminToken"] = AdminToken,
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:IntegrationHub"] = "Debug",
            ["Logging:Console:LogLevel:Default"] = "Warning",
            // The fakes (GoHighLevel, alert receivers) listen on http://127.0.0.1, in every environment the tests start.
            // The outbound address guard's own tests turn these off.
            ["IntegrationHub:Network:AllowHttp"] = "true",
            ["IntegrationHub:Network:AllowPrivateTargets"] = "true",
        };
        foreach (var (key, value) in TestDatabase.SettingsFor(DataDirectory))
        {
            _settings[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel(0);
        lock (StartLock)
        {
            StartServer();

            // Hangfire's log provider is process-wide, and each app sets it to its own logger factory. Once that app is
            // disposed, every other app's Hangfire would log into a disposed factory: a worker that fetched a job then threw
            // before starting it, and the job stayed invisible. One provider that lives as long as the test process.
            Hangfire.Logging.LogProvider.SetCurrentLogProvider(new Hangfire.Logging.LogProviders.ColouredConsoleLogProvider(Hangfire.Logging.LogLevel.Warn));
        }
    }

    /// <summary>
    /// One app starts at a time (fixtures run in parallel, see Parallelism.cs). Hangfire hands each app its storage and job
    /// activator through process-wide statics: configuring an app sets <c>JobStorage.Current</c> and
    /// <c>JobActivator.Current</c>, and the app's container then reads them back as its own singletons while its Hangfire
    /// server starts. Two apps starting at once could each get the other's storage: jobs enqueued in one database and
    /// run, with the other app's services, from another. Once started, an app keeps what it read.
    /// </summary>
    private static readonly object StartLock = new();

    public string DataDirectory { get; }

    /// <summary>Every log line the app wrote, for asserting that no secret was ever logged.</summary>
    public LogCapture Logs { get; } = new();

    public string DatabasePath => Path.Combine(DataDirectory, "integrationhub.db");

    public HttpClient Anonymous() => CreateClient();

    public HttpClient WithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public HttpClient Admin() => WithToken(AdminToken);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (_testServices is not null)
        {
            builder.ConfigureTestServices(_testServices);
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            TestDatabase.Release(DataDirectory, drop: _ownsDataDirectory);
        }

        if (disposing && _ownsDataDirectory)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is not worth failing a test run over; the temp folder is cleaned later.
            }
        }
    }
}
