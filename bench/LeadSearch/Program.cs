// Lead search benchmark helper (bench/lead-search.sh):
//   leadsearch seed <sqlite|postgresql> <connection string> <count> <subAccountId,...>
//   leadsearch measure <base url> <admin token> <tenant token> <tenantSubAccountId> <requests per kind>
// seed writes realistic leads straight into the hub's database (its migrations applied, so its search index and
// triggers are in place); measure runs the query mix and prints one JSON line per query kind and scope.
using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

return args[0] switch
{
    "seed" => await Seed(args[1], args[2], int.Parse(args[3]), args[4].Split(',').Select(int.Parse).ToArray()),
    "measure" => await Measure(args[1], args[2], args[3], int.Parse(args[4]), int.Parse(args[5])),
    _ => throw new ArgumentException("seed or measure"),
};

static async Task<int> Seed(string provider, string connectionString, int count, int[] subAccounts)
{
    var sqlite = provider == "sqlite";
    await using DbConnection connection = sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    var watch = Stopwatch.StartNew();
    async Task Exec(string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    // Skewed like real contact lists: ten first names cover a quarter of the leads, a few mail providers most
    // addresses, "customer" is on ~30% of the leads and "vip" on ~2%; 1% changed in the last day.
    string[] first = [.. Words.First.Split(' ')];
    string[] last = [.. Words.Last.Split(' ')];
    string[] domains = [.. Words.Domains.Split(' ')];
    var values = (string[] words) => string.Join(",", words.Select((w, i) => $"({i}, '{w}')"));
    await Exec("CREATE TEMP TABLE f(i INTEGER PRIMARY KEY, w TEXT); CREATE TEMP TABLE l(i INTEGER PRIMARY KEY, w TEXT); CREATE TEMP TABLE d(i INTEGER PRIMARY KEY, w TEXT);");
    await Exec($"INSERT INTO f VALUES {values(first)}; INSERT INTO l VALUES {values(last)}; INSERT INTO d VALUES {values(domains)};");
    var n = subAccounts.Length;
    // h: a per-row pseudo-random number; the hub's own text format for times on SQLite, timestamptz on PostgreSQL.
    var h = sqlite ? "((g.i * 2654435761) % 4294967296)" : "((g.i::bigint * 2654435761) % 4294967296)";
    var series = sqlite
        ? $"WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {count}) SELECT i FROM s"
        : $"SELECT i FROM generate_series(1, {count}) AS i";
    string Time(string secondsAgo) => sqlite
        ? $"strftime('%Y-%m-%d %H:%M:%S', 'now', '-' || ({secondsAgo}) || ' seconds')"
        : $"now() - make_interval(secs => ({secondsAgo}))";
    var concat = "||";
    var sub = $"CASE g.i % {n} {string.Concat(subAccounts.Select((id, i) => $"WHEN {i} THEN {id} "))}END";
    var phone = sqlite ? $"'+1' || (200 + ({h} / 7) % 800) || printf('%07d', ({h} / 13) % 10000000)"
        : $"'+1' {concat} (200 + ({h} / 7) % 800)::text {concat} lpad((({h} / 13) % 10000000)::text, 7, '0')";
    var sql = $"""
        INSERT INTO "Leads" ("SubAccountId", "Name", "FirstName", "LastName", "Email", "Phone", "Company", "City", "Country", "Source", "Tags",
            "CustomFields", "CreatedAt", "UpdatedAt")
        SELECT {sub}, f.w {concat} ' ' {concat} l.w, f.w, l.w,
            lower(f.w) {concat} '.' {concat} lower(l.w) {concat} (g.i % 1000) {concat} '@' {concat} d.w,
            {phone}, l.w {concat} ' Ltd', 'Springfield', 'US', 'bench',
            CASE WHEN g.i % 50 = 0 THEN '["vip","customer"]' WHEN g.i % 10 < 3 THEN '["customer"]' WHEN g.i % 10 = 3 THEN '["newsletter","Prospect"]' ELSE '[]' END,
            '{"{"}{"}"}',
            {Time($"{count} - g.i + ({h} % 60)")},
            CASE WHEN g.i % 100 = 0 THEN {Time($"{h} % 86400")} ELSE {Time($"({count} - g.i) / 2 + 86400")} END
        FROM ({series}) AS g
        JOIN f ON f.i = CASE WHEN {h} % 4 = 0 THEN {h} % 10 ELSE ({h} / 3) % {first.Length} END
        JOIN l ON l.i = ({h} / 11) % {last.Length}
        JOIN d ON d.i = CASE WHEN {h} % 3 = 0 THEN ({h} / 5) % 3 ELSE ({h} / 5) % {domains.Length} END
        """;
    if (sqlite)
    {
        await Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
        await Exec("BEGIN; " + sql + "; COMMIT;");
        await Exec("ANALYZE;");
    }
    else
    {
        await Exec(sql);
        await Exec("""VACUUM ANALYZE "Leads";""");
    }

    Console.Error.WriteLine($"seeded {count} leads in {watch.Elapsed.TotalSeconds:F1} s");
    return 0;
}

static async Task<int> Measure(string baseUrl, string adminToken, string tenantToken, int tenantSubAccount, int perKind)
{
    var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
    var month = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
    string Pick(string[] terms, int i) => Uri.EscapeDataString(terms[i % terms.Length]);
    var kinds = new (string Kind, Func<int, string> Query)[]
    {
        ("name fragment (selective)", i => "search=" + Pick(["grace hopp", "ada lovel", "alan turi", "linus torv", "edsger dijk", "ken thomps"], i)),
        ("e-mail domain fragment", i => "search=" + Pick(["@initech.te", "globex.t", "umbrella-co", "@hooli.t", "soylent.te"], i)),
        ("phone digit fragment", i => "search=" + Pick(["415 555-12", "(312) 867", "650-253", "212 555 01", "+1 718 49"], i)),
        ("common first name", i => "search=" + Pick(["john", "mary", "james", "linda", "michael"], i)),
        ("broad term (30% of leads)", i => "search=" + Pick(["gmail.com", "gmail", "@gmail"], i)),
        ("tag (2%)", _ => "tag=vip"),
        ("tag (30%)", _ => "tag=customer"),
        ("updatedSince (last day)", _ => "updatedSince=" + since),
        ("combined", i => $"search={Pick(["john", "mary", "smith"], i)}&tag=customer&updatedSince={month}"),
        ("2-character term", i => "search=" + Pick(["jo", "ma", "zq", "li"], i)),
        ("no match", i => "search=" + Pick(["zzqxwv", "qqqqzz", "xyzzy-nope"], i)),
    };
    foreach (var (scope, token, extra) in new[] { ("tenant", tenantToken, ""), ("admin", adminToken, "") })
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (kind, query) in kinds)
        {
            var latencies = new List<double>();
            long total = 0;
            var exact = true;
            var status = 200;
            for (var i = -3; i < perKind; i++)
            {
                var url = $"/api/leads?pageSize=50&{query(Math.Max(i, 0))}{extra}";
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                watch.Stop();
                // A 400 is an answer too (a term under three characters is refused by design since ADR 0009): timed, no total.
                if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.BadRequest)
                {
                    throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {body}");
                }

                status = (int)response.StatusCode;
                if (i >= 0)
                {
                    latencies.Add(watch.Elapsed.TotalMilliseconds);
                    if (response.IsSuccessStatusCode)
                    {
                        var root = JsonDocument.Parse(body).RootElement;
                        total = Math.Max(total, root.GetProperty("total").GetInt64());
                        exact &= !root.TryGetProperty("totalIsExact", out var flag) || flag.GetBoolean();
                    }
                }
            }

            latencies.Sort();
            double P(double q) => Math.Round(latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)], 1);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                scope, kind, status, requests = latencies.Count, p50Ms = P(0.5), p95Ms = P(0.95), p99Ms = P(0.99), maxMs = P(1), largestTotal = total,
                totalIsExact = exact,
            }));
        }
    }

    _ = tenantSubAccount;
    return 0;
}

internal static class Words
{
    public const string First = "John Mary James Linda Michael Patricia Robert Jennifer David Elizabeth Grace Ada Alan Linus Edsger Ken Barbara Margaret " +
        "Donald Frances Niklaus Tony Leslie Radia Shafi Sophie Tim Vint Whitfield Yukihiro Bjarne Guido Anders Rasmus Brendan Larry Sergey Hedy " +
        "Katherine Dorothy Mae Evelyn Jean Betty Kathleen Marlyn Ruth Adele Ida Annie Joan Karen Lynn Mary-Ann Noor Priya Arjun Wei Mei Hiroshi Yuki " +
        "Olga Ivan Dmitri Anya Lars Ingrid Sven Astrid Pierre Amelie Jose Lucia Mateo Sofia Omar Fatima Ahmed Leila Kwame Amara Chidi Zanele";
    public const string Last = "Hopper Lovelace Turing Torvalds Dijkstra Thompson Liskov Hamilton Knuth Allen Wirth Hoare Lamport Perlman Goldwasser " +
        "Wilson Berners-Lee Cerf Diffie Matsumoto Stroustrup Rossum Hejlsberg Lerdorf Eich Page Brin Lamarr Johnson Vaughan Jemison Easley Bartik " +
        "Holberton Antonelli Wescoff Lichterman Teitelbaum Goldstine Rees Spärck-Jones Easterbrook Smith Brown Taylor Wilson Davies Evans Thomas " +
        "Roberts Walker Wright Robinson Thompson White Hughes Edwards Green Hall Wood Harris Martin Jackson Clarke Lewis Clark Young Lee King " +
        "Baker Moore Allen Carter Mitchell Perez Sanchez Ramirez Torres Nguyen Tran Kim Park Chen Wang Zhang Li Liu Yang Huang Singh Kumar " +
        "Sharma Patel Khan Ali Hassan Ivanov Petrov Novak Kowalski Nowak Muller Schmidt Schneider Fischer Weber Meyer Wagner Becker Hoffmann " +
        "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Dubois Durand Lefebvre Moreau Laurent Simon Michel Garcia Fernandez Lopez " +
        "Martinez Gonzalez Rodriguez Silva Santos Oliveira Souza Costa Pereira Okafor Mensah Adeyemi Mwangi Otieno Dlamini Nkosi Cohen Levi";
    public const string Domains = "gmail.com yahoo.com outlook.com initech.test globex.test umbrella-corp.test hooli.test soylent.test " +
        "acme.test stark.test wayne.test wonka.test tyrell.test cyberdyne.test aperture.test massive.test oscorp.test vandelay.test " +
        "dunder.test pied-piper.test prestige.test gringotts.test monsters.test buynlarge.test";
}
