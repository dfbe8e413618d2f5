// Fixtures run side by side: each one starts its own app on its own data folder (its own SQLite file, or its own
// PostgreSQL database), and most of a fixture's time is spent waiting (background jobs, retries, service processes
// starting), so on two cores a few at once finish the suite in well under half the time. Tests within a fixture still
// run one after another: they share their fixture's app and fake servers.
//
// What the apps of one test process do share, and how it is kept safe:
// - Hangfire's JobStorage.Current and JobActivator.Current: HubApp starts one app at a time (see HubApp.StartLock).
// - OpenTelemetry reads meters and activity sources by name, process-wide: the fixtures that assert exact metric values
//   or collect every span of the process are [NonParallelizable] (MetricsTests, PrometheusScrapeTests, TracingTests).
// - SqliteWriteGate is one gate per process: WebhookBackpressureTests, which holds a write lock on purpose, runs alone.
// - Fixtures with timing windows of their own (SIGKILL mid-burst, several service processes, a health sweep with
//   one-second timeouts, a stop timed against the shutdown timeout) are [NonParallelizable] too, and so is every fixture
//   that starts the service as its own process (a start gets 30 s to listen); each says why.
// Everything else a fixture uses is its own: free ports (Kestrel port 0, ServiceProcess.FreePort), temp folders named by
// a Guid, fake servers started per fixture.
[assembly: Parallelizable(ParallelScope.Fixtures)]

// Two cores: four fixtures at once keeps both busy while some of them wait, without starving timing-sensitive ones.
[assembly: LevelOfParallelism(4)]
