using System.Formats.Tar;
using System.Text;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Web.FunctionalTests.Backup;

/// <summary>
/// What <c>backup</c> and <c>restore</c> refuse, and what a backup says it leaves out, run as the operator runs them
/// (the service binary with the verb) on small data folders made here.
/// </summary>
[TestFixture]
[Category(TestCategories.SqliteOnly)]
// Alone: every test runs the service binary as its own process, like the other process fixtures.
[NonParallelizable]
public sealed class ArchiveRefusalTests
{
    private const string Marker = "backup-marker-0123456789";
    private readonly List<string> _folders = [];

    [TearDown]
    public void RemoveFolders()
    {
        SqliteConnection.ClearAllPools();
        _folders.ForEach(TestFolders.Remove);
    }

    [Test]
    public async Task Backup_never_overwrites_an_existing_file()
    {
        var archive = Path.Combine(Folder("archive"), "hub.tar");
        await File.WriteAllTextAsync(archive, "an older backup");

        var backup = await RunAsync(DataFolderWithDatabase(), "backup", archive);

        backup.ExitCode.Should().NotBe(0);
        backup.OutputLines.Should().ContainSingle().Which.Should().Contain("already exists");
        (await File.ReadAllTextAsync(archive)).Should().Be("an older backup");
    }

    [Test]
    public async Task Restore_into_a_folder_that_is_not_empty_refuses_and_changes_nothing()
    {
        var archive = await BackUpAsync(DataFolderWithDatabase(), "hub.tar.gz");
        var target = Folder("target");
        await File.WriteAllTextAsync(Path.Combine(target, "notes.txt"), "mine");

        var restore = await RunAsync(target, "restore", archive);

        restore.ExitCode.Should().NotBe(0);
        restore.OutputLines.Should().ContainSingle().Which.Should().Contain("not empty");
        Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName).Should().Equal("notes.txt");
        (await File.ReadAllTextAsync(Path.Combine(target, "notes.txt"))).Should().Be("mine");
    }

    [Test]
    public async Task Restore_of_an_archive_whose_file_does_not_match_its_manifest_refuses_and_writes_nothing()
    {
        var archive = await BackUpAsync(DataFolderWithDatabase(), "hub.tar");
        var bytes = await File.ReadAllBytesAsync(archive);
        var at = bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(Marker));
        at.Should().BePositive("the database copy is in the (uncompressed) archive");
        bytes[at] ^= 0x20; // one letter's case: still a valid tar, no longer the file the manifest describes
        await File.WriteAllBytesAsync(archive, bytes);
        var target = Folder("target");

        var restore = await RunAsync(target, "restore", archive);

        restore.ExitCode.Should().NotBe(0);
        restore.OutputLines.Should().ContainSingle().Which.Should().Contain("integrationhub.db does not match its SHA-256");
        Directory.EnumerateFileSystemEntries(target).Should().BeEmpty();
    }

    [Test]
    public async Task Backup_with_a_server_database_says_it_is_not_in_the_archive_nor_are_the_configured_keys()
    {
        var dataDirectory = Folder("data");
        Directory.CreateDirectory(Path.Combine(dataDirectory, "console-keys"));
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "console-keys", "key-1.xml"), "<key/>");
        var archive = Path.Combine(Folder("archive"), "keys.tar");

        var backup = await RunAsync(dataDirectory, new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["IntegrationHub__Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__IntegrationHub"] = "Host=localhost;Database=hub;Username=hub;Password=not-printed",
            ["IntegrationHub__Encryption__Keys__k1"] = Convert.ToBase64String(new byte[32]),
        }, "backup", archive);

        backup.ExitCode.Should().Be(0, backup.Output);
        backup.Output.Should().Contain("The PostgreSql database is NOT in this archive").And.Contain("pg_dump -Fc")
            .And.Contain("README").And.Contain("IntegrationHub:Encryption:Keys are NOT in this archive")
            .And.NotContain("not-printed").And.NotContain(Convert.ToBase64String(new byte[32]));
        EntryNames(archive).Should().Equal("manifest.json", "console-keys/key-1.xml");
    }

    private string Folder(string prefix)
    {
        var folder = TestFolders.Create("archive-" + prefix);
        _folders.Add(folder);
        return folder;
    }

    /// <summary>A data folder as a stopped Development hub leaves it: a SQLite database (holding the marker) and its key file.</summary>
    private string DataFolderWithDatabase()
    {
        var dataDirectory = Folder("data");
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "integrationhub.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA journal_mode=WAL; CREATE TABLE Notes (Text TEXT); INSERT INTO Notes VALUES ('{Marker}');";
            command.ExecuteNonQuery();
        }

        File.WriteAllText(Path.Combine(dataDirectory, "encryption-keys.json"), """{"ActiveKeyId":"dev-1","Keys":{"dev-1":"AAAA"}}""");
        return dataDirectory;
    }

    private async Task<string> BackUpAsync(string dataDirectory, string name)
    {
        var archive = Path.Combine(Folder("archive"), name);
        var backup = await RunAsync(dataDirectory, "backup", archive);
        backup.ExitCode.Should().Be(0, backup.Output);
        return archive;
    }

    private static Task<Run> RunAsync(string dataDirectory, params string[] args) =>
        RunAsync(dataDirectory, new Dictionary<string, string?>(), args);

    private static async Task<Run> RunAsync(string dataDirectory, Dictionary<string, string?> settings, params string[] args)
    {
        settings["IntegrationHub__DataDirectory"] = dataDirectory;
        settings["Logging__LogLevel__Default"] = "Warning";
        await using var process = ServiceProcess.Start(settings, Path.GetTempPath(), args);
        return new Run(await process.WaitForExitAsync(), process.Output, process.OutputLines);
    }

    private sealed record Run(int ExitCode, string Output, IReadOnlyList<string> OutputLines);

    private static List<string> EntryNames(string archive)
    {
        using var reader = new TarReader(File.OpenRead(archive));
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        return names;
    }
}
