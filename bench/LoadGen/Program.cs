// Load generator for IntegrationHub's webhook endpoint. Every request is a unique, properly signed
// GoHighLevel ContactCreate (wrk cannot sign). Modes:
//   keys <dir>                                   write an Ed25519 and an RSA key pair (PEM) for the server
//   closed <url> <path> <scheme> <conns> <secs>  as fast as <conns> connections go; latency percentiles
//   paced <url> <path> <scheme> <conns> <rate> <secs>  <conns> connections sharing a fixed request rate (like wrk2);
//                                                latency counts from when each request was due, so a stall is not hidden
//   steady <url> <scheme> <rate> <secs>          a fixed arrival rate; then end-to-end webhook -> lead latency
//   ack <url> <scheme> <rate> <secs> <file>      a fixed arrival rate that survives the service going away: every
//                                                acknowledged (202/200) contact id is appended to <file>; one JSON line
//                                                per 10 s window (accepted, refused, connection errors, accept p50/p99)
//   presign <file> <count> <scheme> [prefix]     write <count> unique signed deliveries, one per line
//                                                ("header<TAB>value<TAB>body"), for wrk to replay (bench/wrk/replay.lua)
// scheme: bare (no signature, for the baseline endpoint), hmac, ed25519, rsa.
// Environment: BENCH_SECRET (webhook secret), BENCH_LOCATION, BENCH_KEYS (key folder), BENCH_ADMIN_TOKEN.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NSec.Cryptography;

var inv = CultureInfo.InvariantCulture;
switch (args.FirstOrDefault())
{
    case "keys":
        WriteKeys(args[1]);
        return 0;
    case "closed":
        return await Closed(args[1], args[2], args[3], int.Parse(args[4], inv), int.Parse(args[5], inv));
    case "paced":
        return await Paced(args[1], args[2], args[3], int.Parse(args[4], inv), int.Parse(args[5], inv), int.Parse(args[6], inv));
    case "steady":
        return await Steady(args[1], args[2], int.Parse(args[3], inv), int.Parse(args[4], inv));
    case "ack":
        return await Acknowledged(args[1], args[2], int.Parse(args[3], inv), int.Parse(args[4], inv), args[5]);
    case "presign":
        return Presign(args[1], int.Parse(args[2], inv), args[3], args.ElementAtOrDefault(4) ?? "wrk");
    default:
        Console.Error.WriteLine("usage: loadgen keys <dir> | closed <url> <path> <scheme> <conns> <secs> | steady <url> <scheme> <rate> <secs>");
        return 2;
}

static void WriteKeys(string dir)
{
    Directory.CreateDirectory(dir);
    using var ed = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
    File.WriteAllBytes(Path.Combine(dir, "ed25519.key"), ed.Export(KeyBlobFormat.PkixPrivateKey));
    File.WriteAllBytes(Path.Combine(dir, "ed25519.pub.pem"), ed.PublicKey.Export(KeyBlobFormat.PkixPublicKeyText));
    using var rsa = RSA.Create(2048);
    File.WriteAllText(Path.Combine(dir, "rsa.key.pem"), rsa.ExportPkcs8PrivateKeyPem());
    File.WriteAllText(Path.Combine(dir, "rsa.pub.pem"), rsa.ExportSubjectPublicKeyInfoPem());
}

static int Presign(string file, int count, string scheme, string prefix)
{
    var signer = new Signer(scheme);
    using var output = new StreamWriter(file, append: false, new UTF8Encoding(false), bufferSize: 1 << 20);
    for (var i = 0; i < count; i++)
    {
        var (body, header, signature) = signer.Sign($"{prefix}-{i}");
        output.Write(header);
        output.Write('\t');
        output.Write(signature);
        output.Write('\t');
        output.Write(Encoding.UTF8.GetString(body));
        output.Write('\n');
    }

    return 0;
}

static HttpClient NewClient(string url, int connections) => new(new SocketsHttpHandler
{
    MaxConnectionsPerServer = connections,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    UseProxy = false,
})
{ BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };

static async Task<int> Closed(string url, string path, string scheme, int connections, int seconds)
{
    using var client = NewClient(url, connections);
    var signer = new Signer(scheme);
    var latencies = new List<double>[connections];
    var statuses = new Dictionary<int, int>[connections];
    // Warm-up: JIT, connection pool, SQLite caches.
    var warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 2;
    var stopAt = warmUntil + Stopwatch.Frequency * seconds;
    var workers = Enumerable.Range(0, connections).Select(async worker =>
    {
        latencies[worker] = new List<double>(200_000);
        statuses[worker] = [];
        var n = 0;
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= stopAt)
            {
                return;
            }

            using var request = signer.Request(path, $"bench-{worker}-{n++}-{Guid.NewGuid():N}");
            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (started >= warmUntil)
            {
                latencies[worker].Add(elapsed);
                var code = (int)response.StatusCode;
                statuses[worker][code] = statuses[worker].GetValueOrDefault(code) + 1;
            }
        }
    }).ToArray();
    await Task.WhenAll(workers);

    var all = latencies.SelectMany(l => l).Order().ToArray();
    var codes = statuses.SelectMany(s => s).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Sum(s => s.Value));
    Report(new JsonObject
    {
        ["mode"] = "closed", ["scheme"] = scheme, ["path"] = path, ["connections"] = connections, ["seconds"] = seconds,
        ["requests"] = all.Length, ["requestsPerSecond"] = Math.Round(all.Length / (double)seconds, 1),
        ["p50Ms"] = P(all, 50), ["p90Ms"] = P(all, 90), ["p99Ms"] = P(all, 99), ["maxMs"] = all.Length == 0 ? 0 : Math.Round(all[^1], 2),
        ["statusCodes"] = new JsonObject(codes.Select(c => KeyValuePair.Create(c.Key.ToString(CultureInfo.InvariantCulture), (JsonNode?)c.Value))),
    });
    return 0;
}

static async Task<int> Paced(string url, string path, string scheme, int connections, int rate, int seconds)
{
    using var client = NewClient(url, connections);
    var signer = new Signer(scheme);
    var interval = Stopwatch.Frequency / (double)rate;
    var warmup = 2 * rate;
    var total = warmup + rate * seconds;
    var latencies = new double[total];
    var fromSend = new double[total];
    var codes = new int[total];
    var next = -1;
    var origin = Stopwatch.GetTimestamp();
    var workers = Enumerable.Range(0, connections).Select(async worker =>
    {
        while (true)
        {
            var i = Interlocked.Increment(ref next);
            if (i >= total)
            {
                return;
            }

            // Each request has its due time on the shared schedule; a connection that is late sends at once.
            var due = origin + (long)(i * interval);
            var wait = (due - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
            if (wait > 0)
            {
                await Task.Delay((int)wait);
            }

            using var request = signer.Request(path, $"paced-{worker}-{i}-{Guid.NewGuid():N}");
            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request);
            fromSend[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            latencies[i] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            codes[i] = (int)response.StatusCode;
        }
    }).ToArray();
    await Task.WhenAll(workers);
    var elapsed = Stopwatch.GetElapsedTime(origin).TotalSeconds;

    var measured = latencies[warmup..].Order().ToArray();
    var sendToAnswer = fromSend[warmup..].Order().ToArray();
    Report(new JsonObject
    {
        ["mode"] = "paced", ["scheme"] = scheme, ["path"] = path, ["connections"] = connections, ["targetRate"] = rate, ["seconds"] = seconds,
        ["requests"] = measured.Length, ["achievedRate"] = Math.Round(total / elapsed, 1),
        ["p50Ms"] = P(measured, 50), ["p90Ms"] = P(measured, 90), ["p99Ms"] = P(measured, 99), ["maxMs"] = Math.Round(measured[^1], 2),
        ["sendP50Ms"] = P(sendToAnswer, 50), ["sendP99Ms"] = P(sendToAnswer, 99),
        ["statusCodes"] = new JsonObject(codes[warmup..].GroupBy(c => c).Select(g => KeyValuePair.Create(g.Key.ToString(CultureInfo.InvariantCulture), (JsonNode?)g.Count()))),
    });
    return 0;
}

static async Task<int> Steady(string url, string scheme, int rate, int seconds)
{
    using var client = NewClient(url, 256);
    var signer = new Signer(scheme);
    var sent = new System.Collections.Concurrent.ConcurrentDictionary<string, DateTime>();
    var acceptLatency = new System.Collections.Concurrent.ConcurrentBag<double>();
    var failures = 0;
    var total = rate * seconds;
    var interval = Stopwatch.Frequency / (double)rate;
    var origin = Stopwatch.GetTimestamp();
    var inFlight = new List<Task>(total);
    var runId = Guid.NewGuid().ToString("N")[..8];
    for (var i = 0; i < total; i++)
    {
        var due = origin + (long)(i * interval);
        while (Stopwatch.GetTimestamp() < due)
        {
            var wait = (due - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
            if (wait > 2)
            {
                await Task.Delay((int)wait - 1);
            }
            else
            {
                Thread.SpinWait(50);
            }
        }

        var contactId = $"steady-{runId}-{i:D7}";
        inFlight.Add(Task.Run(async () =>
        {
            using var request = signer.Request("/api/webhook", contactId);
            var started = Stopwatch.GetTimestamp();
            sent[contactId] = DateTime.UtcNow;
            try
            {
                using var response = await client.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    acceptLatency.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                    sent.TryRemove(contactId, out _);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref failures);
                sent.TryRemove(contactId, out _);
            }
        }));
    }

    var sendSeconds = Stopwatch.GetElapsedTime(origin).TotalSeconds;
    await Task.WhenAll(inFlight);

    // End to end: the lead's createdAt (set when processing made it) minus the moment the webhook was sent.
    var endToEnd = await LeadLatencies(url, sent, runId);
    var accepts = acceptLatency.Order().ToArray();
    Report(new JsonObject
    {
        ["mode"] = "steady", ["scheme"] = scheme, ["targetRate"] = rate, ["seconds"] = seconds, ["sent"] = total,
        ["achievedRate"] = Math.Round(total / sendSeconds, 1), ["failures"] = failures,
        ["acceptP50Ms"] = P(accepts, 50), ["acceptP99Ms"] = P(accepts, 99),
        ["leadsFound"] = endToEnd.Latencies.Length, ["e2eP50Ms"] = P(endToEnd.Latencies, 50), ["e2eP99Ms"] = P(endToEnd.Latencies, 99),
        ["e2eMaxMs"] = endToEnd.Latencies.Length == 0 ? 0 : Math.Round(endToEnd.Latencies[^1], 1),
        ["backlogAtEnd"] = endToEnd.BacklogAtEnd,
        ["e2eP99FirstHalfMs"] = endToEnd.P99FirstHalf, ["e2eP99SecondHalfMs"] = endToEnd.P99SecondHalf,
    });
    return 0;
}

static async Task<int> Acknowledged(string url, string scheme, int rate, int seconds, string ackFile)
{
    using var client = NewClient(url, 256);
    client.Timeout = TimeSpan.FromSeconds(10);
    var signer = new Signer(scheme);
    await using var acks = new StreamWriter(ackFile, append: true) { AutoFlush = true };
    var ackLock = new object();
    var window = new System.Collections.Concurrent.ConcurrentBag<double>();
    int accepted = 0, refused = 0, errors = 0;
    var runId = Guid.NewGuid().ToString("N")[..8];
    var interval = Stopwatch.Frequency / (double)rate;
    var origin = Stopwatch.GetTimestamp();
    var nextReport = 10;
    var inFlight = new List<Task>();
    for (var i = 0; i < rate * seconds; i++)
    {
        var due = origin + (long)(i * interval);
        while (Stopwatch.GetTimestamp() < due)
        {
            var wait = (due - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
            if (wait > 2) await Task.Delay((int)wait - 1); else Thread.SpinWait(50);
        }

        if (Stopwatch.GetElapsedTime(origin).TotalSeconds >= nextReport)
        {
            var latencies = window.ToArray();
            window.Clear();
            Array.Sort(latencies);
            Console.WriteLine(new JsonObject
            {
                ["t"] = nextReport, ["accepted"] = Interlocked.Exchange(ref accepted, 0), ["refused"] = Interlocked.Exchange(ref refused, 0),
                ["errors"] = Interlocked.Exchange(ref errors, 0), ["acceptP50Ms"] = P(latencies, 50), ["acceptP99Ms"] = P(latencies, 99),
            }.ToJsonString());
            nextReport += 10;
            inFlight.RemoveAll(t => t.IsCompleted);
        }

        var contactId = $"ack-{runId}-{i:D8}";
        inFlight.Add(Task.Run(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var request = signer.Request("/api/webhook", contactId);
                using var response = await client.SendAsync(request);
                if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK)
                {
                    window.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Increment(ref accepted);
                    lock (ackLock)
                    {
                        acks.WriteLine(contactId);
                    }
                }
                else
                {
                    Interlocked.Increment(ref refused);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                Interlocked.Increment(ref errors); // The service was killed or restarting: not acknowledged, so not owed.
            }
        }));
    }

    await Task.WhenAll(inFlight);
    var last = window.ToArray();
    Array.Sort(last);
    Console.WriteLine(new JsonObject
    {
        ["t"] = nextReport, ["accepted"] = accepted, ["refused"] = refused, ["errors"] = errors,
        ["acceptP50Ms"] = P(last, 50), ["acceptP99Ms"] = P(last, 99),
    }.ToJsonString());
    return 0;
}

static async Task<(double[] Latencies, int BacklogAtEnd, double P99FirstHalf, double P99SecondHalf)> LeadLatencies(
    string url, System.Collections.Concurrent.ConcurrentDictionary<string, DateTime> sent, string runId)
{
    using var admin = new HttpClient { BaseAddress = new Uri(url) };
    admin.DefaultRequestHeaders.Authorization = new("Bearer", Environment.GetEnvironmentVariable("BENCH_ADMIN_TOKEN"));
    // How many accepted events were still unprocessed the moment sending stopped (backlog).
    var backlog = (await admin.GetFromJsonAsync<JsonArray>("/api/admin/webhook-events?status=received&limit=500"))!.Count;
    await Task.Delay(TimeSpan.FromSeconds(3));
    var created = new Dictionary<string, DateTime>();
    var firstSent = sent.Values.Min();
    var subAccount = Environment.GetEnvironmentVariable("BENCH_SUB_ACCOUNT");
    for (var page = 1; ; page++)
    {
        var result = await admin.GetFromJsonAsync<JsonObject>($"/api/leads?subAccountId={subAccount}&pageSize=100&page={page}");
        var items = result!["items"]!.AsArray();
        if (items.Count == 0)
        {
            break;
        }

        var oldest = DateTime.MaxValue;
        foreach (var lead in items)
        {
            var id = lead!["externalContactId"]?.GetValue<string>();
            var createdAt = lead["createdAt"]!.GetValue<DateTime>().ToUniversalTime();
            oldest = createdAt < oldest ? createdAt : oldest;
            if (id is not null && id.Contains(runId, StringComparison.Ordinal))
            {
                created[id] = createdAt;
            }
        }

        // Leads come newest first: past this run's first send there is nothing of this run left (and a database full
        // of earlier runs' leads is not paged through).
        if (created.Count >= sent.Count || oldest < firstSent)
        {
            break;
        }
    }

    var ordered = sent.OrderBy(s => s.Key, StringComparer.Ordinal).Where(s => created.ContainsKey(s.Key))
        .Select(s => (created[s.Key] - s.Value).TotalMilliseconds).ToArray();
    var half = ordered.Length / 2;
    return (ordered.Order().ToArray(), backlog, P(ordered[..half].Order().ToArray(), 99), P(ordered[half..].Order().ToArray(), 99));
}

static double P(double[] sorted, int percentile) =>
    sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)], 2);

static void Report(JsonObject result) => Console.WriteLine(result.ToJsonString());

/// <summary>Builds a unique, signed ContactCreate request.</summary>
sealed class Signer
{
    private readonly string _scheme;
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable("BENCH_SECRET") ?? "");
    private readonly string _location = Environment.GetEnvironmentVariable("BENCH_LOCATION") ?? "loc-bench";
    private readonly Key? _ed25519;
    private readonly RSA? _rsa;

    public Signer(string scheme)
    {
        _scheme = scheme;
        var keys = Environment.GetEnvironmentVariable("BENCH_KEYS") ?? "bench/keys";
        if (scheme == "ed25519")
        {
            _ed25519 = Key.Import(SignatureAlgorithm.Ed25519, File.ReadAllBytes(Path.Combine(keys, "ed25519.key")), KeyBlobFormat.PkixPrivateKey);
        }
        else if (scheme == "rsa")
        {
            _rsa = RSA.Create();
            _rsa.ImportFromPem(File.ReadAllText(Path.Combine(keys, "rsa.key.pem")));
        }
    }

    public HttpRequestMessage Request(string path, string contactId)
    {
        var (body, header, signature) = Sign(contactId);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (header is not null)
        {
            request.Headers.Add(header, signature);
        }

        return request;
    }

    /// <summary>A full ContactCreate (name, email, phone, address) and its signature header, if the scheme has one.</summary>
    public (byte[] Body, string? Header, string? Signature) Sign(string contactId)
    {
        var body = Encoding.UTF8.GetBytes($$"""
            {"type":"ContactCreate","locationId":"{{_location}}","id":"{{contactId}}","firstName":"Bench","lastName":"Mark","email":"{{contactId}}@bench.test","phone":"+15125550123","city":"Austin","state":"TX","postalCode":"73301","country":"US","source":"bench","tags":["bench"],"timestamp":"{{DateTime.UtcNow:O}}","webhookId":"{{contactId}}"}
            """);
        return _scheme switch
        {
            "hmac" => (body, "x-webhook-signature", Convert.ToHexStringLower(HMACSHA256.HashData(_secret, body))),
            "ed25519" => (body, "X-GHL-Signature", Convert.ToBase64String(SignatureAlgorithm.Ed25519.Sign(_ed25519!, body))),
            "rsa" => (body, "x-wh-signature", Convert.ToBase64String(_rsa!.SignData(body, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))),
            _ => (body, null, null),
        };
    }
}
