// Build script: `dotnet tool restore && dotnet cake --target=<Target>` (runs offline once packages are restored).
var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var solution = "./IntegrationHub.sln";
var results = Directory("./TestResults");
var artifacts = Directory("./artifacts");

Task("Clean")
    .Does(() =>
{
    CleanDirectory(results);
    CleanDirectory(artifacts);
    DotNetClean(solution, new DotNetCleanSettings { Configuration = configuration, Verbosity = DotNetVerbosity.Quiet });
});

Task("Build")
    .Does(() =>
{
    DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration });
});

// One project at a time, one TRX file each: .ci/run adds them up, and two cores are not shared by two test hosts.
// The functional suite runs twice: on SQLite (the embedded default) and on PostgreSQL (the server database, where
// several instances share one database). Without a PostgreSQL server its second run reports every test skipped, and
// says how to get one; .ci/run provides the server and turns those skips into failures.
Task("Test")
    .IsDependentOn("Build")
    .Does(() =>
{
    var failures = new List<string>();
    foreach (var project in GetFiles("./tests/**/*.csproj"))
    {
        var name = project.GetFilenameWithoutExtension().ToString();
        if (name == "Web.FunctionalTests")
        {
            RunTests(project, name, "TestCategory!=PostgreSqlOnly", null, failures);
            RunTests(project, name + ".PostgreSql", "TestCategory!=SqliteOnly",
                new Dictionary<string, string> { ["INTEGRATIONHUB_TEST_PROVIDER"] = "PostgreSql" }, failures);
        }
        else
        {
            RunTests(project, name, null, null, failures);
        }
    }

    if (failures.Count > 0)
    {
        throw new Exception("Tests failed in: " + string.Join(", ", failures));
    }
});

void RunTests(FilePath project, string name, string filter, IDictionary<string, string> environment, List<string> failures)
{
    var watch = System.Diagnostics.Stopwatch.StartNew();
    try
    {
        DotNetTest(project.FullPath, new DotNetTestSettings
        {
            Configuration = configuration,
            NoBuild = true,
            Filter = filter,
            EnvironmentVariables = environment ?? new Dictionary<string, string>(),
            ResultsDirectory = results,
            Loggers = new[] { $"trx;LogFileName={name}.trx", "console;verbosity=minimal" },
        });
    }
    catch (Exception ex)
    {
        Error($"{name}: {ex.Message}");
        failures.Add(name);
    }

    Information($"{name}: {watch.Elapsed.TotalSeconds:0} s");
}

// Fails when the EF model changed without a migration, for any provider, and proves the SQL Server
// migrations script builds (no server is needed for that).
Task("MigrationChecks")
    .IsDependentOn("Build")
    .Does(() =>
{
    foreach (var context in new[] { "SqliteAppDbContext", "SqlServerAppDbContext", "PostgreSqlAppDbContext" })
    {
        Ef($"migrations has-pending-model-changes --context {context}");
    }

    EnsureDirectoryExists(artifacts);
    Ef($"migrations script --idempotent --context SqlServerAppDbContext --output {artifacts}/sqlserver-migrations.sql");
});

Task("CI")
    .IsDependentOn("Clean")
    .IsDependentOn("MigrationChecks")
    .IsDependentOn("Test");

void Ef(string arguments)
{
    var exit = StartProcess("dotnet", $"ef {arguments} --no-build --configuration {configuration} --project src/Infrastructure --startup-project src/Infrastructure");
    if (exit != 0)
    {
        throw new Exception($"dotnet ef {arguments} failed with exit code {exit}");
    }
}

RunTarget(target);
