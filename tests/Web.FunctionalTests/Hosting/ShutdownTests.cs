using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Hosting;

/// <summary>Stopping the service (SIGTERM) is clean and within its shutdown timeout whatever is still connected.</summary>
[TestFixture]
[Category(TestCategories.SqliteOnly)]
// Alone: the stop is timed against a six-second shutdown timeout, and on a machine busy with other fixtures' apps the
// aborted request's cancellation raced its exception handler, which then logged it as unhandled (seen in a parallel run).
[NonParallelizable]
public sealed class ShutdownTests
{
    private const string AdminToken = "shutdown-test-admin-token-0123456789";
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = TestFolders.Create("shutdown");

    [TearDown]
    public void RemoveFolder() => TestFolders.Remove(_folder);

    [Test]
    public async Task A_stop_while_a_request_is_still_running_is_clean_and_within_the_shutdown_timeout()
    {
        var port = ServiceProcess.FreePort();
        var environment = new Dictionary<string, string?>
        {
            ["IntegrationHub__DataDirectory"] = Path.Combine(_folder, "data"),
            ["IntegrationHub__Auth__BootstrapAdminToken"] = AdminToken,
            // A short timeout keeps the test fast; the bound is the same fraction of the default 30 s.
            ["ASPNETCORE_SHUTDOWNTIMEOUTSECONDS"] = "6",
        };
        await using var service = ServiceProcess.Start(environment, _folder, "--urls", $"http://127.0.0.1:{port}");
        await service.WaitUntilLiveAsync($"http://127.0.0.1:{port}");

        // A request that never ends on its own, as a console page's connection or a slow upload: a body still
        // arriving, fast enough that the server's minimum data rate does not end it.
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("POST /api/admin/sub-accounts HTTP/1.1\r\nHost: localhost\r\n" +
            $"Authorization: Bearer {AdminToken}\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{{"));
        using var sending = new CancellationTokenSource();
        var trickle = Task.Run(async () =>
        {
            var spaces = Encoding.ASCII.GetBytes(new string(' ', 200));
            while (!sending.IsCancellationRequested)
            {
                await stream.WriteAsync(spaces, sending.Token);
                await Task.Delay(200, sending.Token);
            }
        });
        await Task.Delay(500); // the request is being read

        var stopping = Stopwatch.StartNew();
        var exitCode = await service.TerminateAsync();
        stopping.Stop();
        await sending.CancelAsync();
        await trickle.ContinueWith(_ => { }, TaskScheduler.Default); // ends with the connection; its error does not matter

        exitCode.Should().Be(0, service.Output);
        stopping.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(6), "the stop fits in the shutdown timeout: {0}", service.Output);
        service.Output.Should().NotContain("Unhandled exception").And.NotContain("OperationCanceledException");
    }
}
