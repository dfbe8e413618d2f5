using System.Net;
using System.Net.Sockets;
using System.Text;
using IntegrationHub.Application.Common.Security;
using IntegrationHub.Infrastructure.Network;

namespace IntegrationHub.Infrastructure.UnitTests.Network;

/// <summary>
/// GuardedConnections, the connection-time half of the outbound address guard: an HttpClient on its handler, calling a
/// real listener on this machine through a name (<c>localhost</c>) that the real resolver turns into 127.0.0.1.
/// </summary>
public sealed class GuardedConnectionsTests
{
    private const string Secret = "s3cret-token-in-the-query";
    private TcpListener _listener = null!;
    private int _port;
    private Task _serving = null!;
    private CancellationTokenSource _stop = null!;
    private int _accepted;

    [SetUp]
    public void Listen()
    {
        _stop = new CancellationTokenSource();
        _accepted = 0;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _serving = Serve(_stop.Token);
    }

    [TearDown]
    public async Task StopListening()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    /// <summary>Answers every connection with a 200 "ok", and counts them.</summary>
    private async Task Serve(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(stop);
            Interlocked.Increment(ref _accepted);
            var stream = client.GetStream();
            var buffer = new byte[4096];
            _ = await stream.ReadAsync(buffer, stop);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"), stop);
        }
    }

    private static HttpClient Client(OutboundTargets targets, HostResolver? resolver = null) =>
        new(new GuardedConnections(targets, resolver ?? new HostResolver()).CreateHandler()) { Timeout = TimeSpan.FromSeconds(10) };

    [Test]
    public async Task A_name_that_resolves_to_loopback_is_refused_naming_the_rule_and_never_connected()
    {
        using var client = Client(new OutboundTargets(allowHttp: true, allowPrivateTargets: false));

        var call = () => client.GetAsync($"http://localhost:{_port}/hook?token={Secret}");

        var error = (await call.Should().ThrowAsync<HttpRequestException>()).Which;
        var refused = OutboundTargetRefusedException.In(error);
        refused.Should().NotBeNull("the guard, not the network, stopped it: {0}", error);
        refused!.Message.Should().MatchRegex(@"^localhost resolves to (127\.0\.0\.1|::1), a loopback address, which the hub does not call \(IntegrationHub:Network:AllowPrivateTargets is off\)\.$");
        error.ToString().Should().NotContain(Secret, "a URL's query or path may be a secret; only the host is named");
        _accepted.Should().Be(0, "nothing reached the listener");
    }

    [Test]
    public async Task The_same_call_goes_through_when_private_targets_are_allowed()
    {
        using var client = Client(new OutboundTargets(allowHttp: true, allowPrivateTargets: true));

        using var response = await client.GetAsync($"http://localhost:{_port}/hook");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("ok");
    }

    [Test]
    public async Task An_ip_literal_is_checked_without_a_lookup()
    {
        using var client = Client(new OutboundTargets(allowHttp: true, allowPrivateTargets: false), new NoLookups());

        var error = (await ((Func<Task>)(() => client.GetAsync($"http://127.0.0.1:{_port}/"))).Should().ThrowAsync<HttpRequestException>()).Which;

        OutboundTargetRefusedException.In(error)!.Message.Should().StartWith("127.0.0.1 resolves to 127.0.0.1, a loopback address");
    }

    [Test]
    public async Task Plain_http_is_refused_when_not_allowed_even_to_an_allowed_address()
    {
        using var client = Client(new OutboundTargets(allowHttp: false, allowPrivateTargets: true));

        var error = (await ((Func<Task>)(() => client.GetAsync($"http://localhost:{_port}/hook?token={Secret}"))).Should().ThrowAsync<HttpRequestException>()).Which;

        OutboundTargetRefusedException.In(error)!.Message.Should()
            .Be("Plain http to localhost is refused: the hub calls only https (IntegrationHub:Network:AllowHttp is off).");
        error.ToString().Should().NotContain(Secret);
        _accepted.Should().Be(0);
    }

    [Test]
    public async Task A_name_that_answers_with_a_public_and_then_a_private_address_is_refused()
    {
        // A rebinding DNS server answers a checked name with a public address and then, or also, a private one.
        var resolver = new FixedAnswers(IPAddress.Parse("93.184.215.14"), IPAddress.Loopback);
        using var client = Client(new OutboundTargets(allowHttp: true, allowPrivateTargets: false), resolver);

        var error = (await ((Func<Task>)(() => client.GetAsync($"http://rebind.example:{_port}/"))).Should().ThrowAsync<HttpRequestException>()).Which;

        OutboundTargetRefusedException.In(error)!.Message.Should().StartWith("rebind.example resolves to 127.0.0.1, a loopback address");
        _accepted.Should().Be(0);
    }

    [Test]
    public async Task The_socket_connects_to_the_addresses_that_were_checked_not_to_a_second_lookup()
    {
        // The resolver is asked once per connection, and the connection goes where its answer said.
        var resolver = new FixedAnswers(IPAddress.Loopback);
        using var client = Client(new OutboundTargets(allowHttp: true, allowPrivateTargets: true), resolver);

        using var response = await client.GetAsync($"http://no-such-name.invalid:{_port}/");

        response.StatusCode.Should().Be(HttpStatusCode.OK, "no-such-name.invalid exists only in this resolver's answer");
        resolver.Lookups.Should().Equal("no-such-name.invalid");
    }

    private sealed class FixedAnswers(params IPAddress[] answer) : HostResolver
    {
        public List<string> Lookups { get; } = [];

        public override Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            Lookups.Add(host);
            return Task.FromResult(answer);
        }
    }

    private sealed class NoLookups : HostResolver
    {
        public override Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            throw new AssertionException($"{host} was looked up");
    }
}
