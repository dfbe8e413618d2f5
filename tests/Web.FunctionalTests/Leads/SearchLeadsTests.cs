using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Leads;

/// <summary>
/// <c>GET /api/leads?search=&amp;tag=&amp;updatedSince=</c> over real HTTP, on the configured database (SQLite, or PostgreSQL
/// with INTEGRATIONHUB_TEST_PROVIDER): each filter, their combination, tenant scope, and the index following changes.
/// </summary>
[TestFixture]
public sealed class SearchLeadsTests
{
    private HubApp _app = null!;
    private HttpClient _admin = null!;
    private Tenant _tenant = null!;
    private Tenant _other = null!;
    private string _mark = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = new HubApp();
        _admin = _app.Admin();
        _tenant = await _app.CreateTenant("Searcher");
        _other = await _app.CreateTenant("Neighbour");
        // In every lead's last name, so admin searches see only this fixture's leads; letters only, so digit searches never match it.
        _mark = "q" + string.Concat(Guid.NewGuid().ToString("N")[..6].Select(c => char.IsDigit(c) ? (char)('g' + c - '0') : c));
        await Create(_tenant, "Ada", "Lovelace", "ada.lovelace@engines.test", "+14155551234", "VIP", "dental");
        await Create(_tenant, "Grace", "Hopper", "grace@navy.test", "+1 312 555 0100", "vip");
        await Create(_tenant, "Alan", "Turing", "alan@bletchley.test", null, "prospect");
        await Create(_tenant, "Pct", "100%_off", "pct@odd.test", null);
        await Create(_tenant, "Quote", "O'Brien \"Bob\"", "quote@odd.test", null);
        await Create(_other, "Ada", "Neighbour", "ada@neighbour.test", "+14155559999", "vip");
    }

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    private async Task Create(Tenant tenant, string first, string last, string? email, string? phone, params string[] tags) =>
        await (await tenant.Client.PostJson("/api/leads", new { firstName = first, lastName = $"{last} {_mark}", email, phone, tags }))
            .Json(HttpStatusCode.Created);

    private static async Task<JsonNode> List(HttpClient client, string query) => await client.GetJson("/api/leads?pageSize=100&" + query);

    private static string[] FirstNames(JsonNode page) =>
        [.. page["items"]!.AsArray().Select(l => l!.Str("firstName")).Order(StringComparer.Ordinal)];

    private async Task<string[]> Search(string query) => FirstNames(await List(_tenant.Client, query));

    [TestCase("lovelace", "Ada")]
    [TestCase("LOVE", "Ada")]
    [TestCase("ace Hop", "Grace")]
    [TestCase("ENGINES.te", "Ada")]
    [TestCase("@navy", "Grace")]
    [TestCase("tur", "Alan")]
    public async Task Search_matches_name_first_or_last_name_and_email_as_a_case_insensitive_substring(string search, string expected) =>
        (await Search("search=" + Uri.EscapeDataString(search))).Should().Equal(expected);

    [TestCase("415 555-12", "Ada")]
    [TestCase("(312) 555", "Grace")]
    [TestCase("+1 312 555 0100", "Grace")]
    [TestCase("5550100", "Grace")]
    [TestCase("555", "Ada", "Grace")]
    public async Task A_search_that_looks_like_a_phone_matches_the_phones_digits(string search, params string[] expected) =>
        (await Search("search=" + Uri.EscapeDataString(search))).Should().Equal(expected);

    [Test]
    public async Task A_search_without_digits_never_matches_phones_and_letters_never_match_digits()
    {
        (await Search("search=x555")).Should().BeEmpty("'x555' is not a phone: it is looked for in names and e-mails only");
        (await Search("search=nobody-by-that-name")).Should().BeEmpty();
    }

    [TestCase("100%_off", "Pct")]
    [TestCase("0%_", "Pct")]
    [TestCase("%_o", "Pct")]
    [TestCase("o'brien \"bob", "Quote")]
    [TestCase("\"bo", "Quote")]
    [TestCase("' OR 1=1 --")]
    [TestCase("\" OR text : \"a")]
    [TestCase("a* OR b*")]
    [TestCase("%%%")]
    [TestCase("___")]
    public async Task Wildcards_quotes_and_injection_strings_are_literal_text(string search, params string[] expected) =>
        (await Search("search=" + Uri.EscapeDataString(search))).Should().Equal(expected);

    [TestCase("ov")] // two characters: the trigram indexes cannot look them up, and a scan of 1,000,000 leads is too slow
    [TestCase("GR")]
    [TestCase(" ab ")]
    [TestCase("%_")]
    [TestCase("5")]
    [TestCase("+1 5")] // looks like a phone: its two digits count
    [TestCase("(41)")]
    public async Task A_search_under_three_characters_is_a_400_problem_naming_search(string search)
    {
        var problem = await (await _tenant.Client.GetAsync($"/api/leads?search={Uri.EscapeDataString(search)}")).ProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal("search");
        problem["errors"]!["search"]![0]!.GetValue<string>().Should().Contain("at least 3 characters");
        (await Search("search=" + Uri.EscapeDataString(search.Trim() + "xyz"))).Should().NotBeNull("a longer term is a search again");
    }

    [TestCase("ove", "Ada")] // three characters: the shortest the indexes look up
    [TestCase("415", "Ada")]
    [TestCase("+1 415", "Ada")]
    public async Task A_search_of_three_characters_or_digits_is_answered(string search, string expected) =>
        (await Search($"search={Uri.EscapeDataString(search)}")).Should().Equal(expected);

    [Test]
    public async Task A_blank_search_is_no_filter() =>
        (await Search("search=%20%20")).Should().HaveCount(5);

    [Test]
    public async Task Tag_is_an_exact_case_insensitive_match_on_one_tag()
    {
        (await Search("tag=vip")).Should().Equal("Ada", "Grace");
        (await Search("tag=VIP")).Should().Equal("Ada", "Grace");
        (await Search("tag=dental")).Should().Equal("Ada");
        (await Search("tag=vi")).Should().BeEmpty("a tag matches whole, not as a substring");
        (await Search("tag=vip%20dental")).Should().BeEmpty();
        (await Search("tag=%22vip%22")).Should().BeEmpty();
    }

    [Test]
    public async Task Filters_combine_with_and_and_total_counts_the_matches_across_pages()
    {
        (await Search("search=ada&tag=dental")).Should().Equal("Ada");
        (await Search("search=grace&tag=dental")).Should().BeEmpty();
        (await Search("search=" + _mark + "&tag=vip")).Should().Equal("Ada", "Grace");

        var first = await _tenant.Client.GetJson($"/api/leads?search={_mark}&pageSize=2&page=1");
        var third = await _tenant.Client.GetJson($"/api/leads?search={_mark}&pageSize=2&page=3");
        first["total"]!.GetValue<int>().Should().Be(5);
        first["items"]!.AsArray().Should().HaveCount(2);
        third["total"]!.GetValue<int>().Should().Be(5);
        third["items"]!.AsArray().Should().ContainSingle();
        first["items"]![0]!.Str("firstName").Should().Be("Quote", "newest first, as without filters");
    }

    [Test]
    public async Task UpdatedSince_keeps_leads_changed_at_or_after_the_instant()
    {
        var all = (await List(_tenant.Client, "search=" + _mark))["items"]!.AsArray();
        var newest = all.Max(l => l!["updatedAt"]!.GetValue<DateTimeOffset>());
        var since = Uri.EscapeDataString(newest.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz"));
        (await Search($"updatedSince={since}")).Should().Equal("Quote");
        (await Search($"updatedSince={Uri.EscapeDataString(newest.AddHours(2).ToOffset(TimeSpan.FromHours(2)).ToString("O"))}")).Should().BeEmpty();
        (await Search("updatedSince=2000-01-01T00:00:00Z")).Should().HaveCount(5);
        (await Search("updatedSince=2000-01-01T02:00:00 02:00")).Should().HaveCount(5, "an unencoded '+' arrives as a space");
        (await Search("updatedSince=2000-01-01T00:00:00Z&tag=vip&search=race")).Should().Equal("Grace");
        // An admin over every sub-account: the change time is then checked per match (SQLite), not as a set of all leads.
        FirstNames(await List(_admin, $"updatedSince=2000-01-01T00:00:00Z&search={_mark}")).Should().HaveCount(6);
        FirstNames(await List(_admin, $"updatedSince=2000-01-01T00:00:00Z&search={_mark}&tag=vip")).Should().Equal("Ada", "Ada", "Grace");
        FirstNames(await List(_admin, $"updatedSince={since}&search={_mark}")).Should().Equal("Ada", "Quote"); // the neighbour's came last
        (await List(_admin, $"updatedSince={since}&tag=vip&search={_mark}"))["total"]!.GetValue<int>().Should().Be(1);
    }

    [TestCase("updatedSince=yesterday", "updatedSince")]
    [TestCase("updatedSince=2026-12-01", "updatedSince")]
    [TestCase("updatedSince=2026-12-01T10:00:00", "updatedSince")]
    [TestCase("updatedSince=12%2F01%2F2026%2010%3A00", "updatedSince")]
    public async Task A_bad_filter_is_a_400_problem_naming_the_field(string query, string field)
    {
        var problem = await (await _tenant.Client.GetAsync("/api/leads?" + query)).ProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal(field);
    }

    [Test]
    public async Task A_search_longer_than_100_characters_is_a_400_problem_naming_search()
    {
        var problem = await (await _tenant.Client.GetAsync("/api/leads?search=" + new string('a', 101))).ProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal("search");
        (await Search("search=" + new string('a', 100))).Should().BeEmpty();
    }

    [Test]
    public async Task A_tenant_searches_only_its_own_leads_and_naming_another_sub_account_is_a_404()
    {
        (await Search("search=ada")).Should().Equal("Ada");
        (await Search("search=415555")).Should().Equal("Ada");
        (await Search("search=neighbour")).Should().BeEmpty();
        (await Search("tag=vip")).Should().Equal("Ada", "Grace");
        await (await _tenant.Client.GetAsync($"/api/leads?subAccountId={_other.SubAccountId}&search=ada")).ProblemAsync(HttpStatusCode.NotFound);

        FirstNames(await List(_admin, $"search=ada%20&tag=vip")).Should().Equal("Ada", "Ada");
        FirstNames(await List(_admin, $"search={_mark}&subAccountId={_other.SubAccountId}")).Should().Equal("Ada");
    }

    [Test]
    public async Task Deleted_leads_leave_the_index_even_when_their_ids_are_used_again()
    {
        var gone = await _app.CreateTenant("Gone");
        var lead = await (await gone.Client.PostJson("/api/leads", new { firstName = "Zebedee", lastName = _mark, tags = new[] { "ephemeral" } }))
            .Json(HttpStatusCode.Created);
        FirstNames(await List(_admin, "search=zebedee")).Should().Equal("Zebedee");
        (await _admin.DeleteAsync($"/api/admin/sub-accounts/{gone.SubAccountId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        // SQLite may give the next lead the deleted one's id: the index must not answer for it with the old values.
        var next = await (await _other.Client.PostJson("/api/leads", new { firstName = "Xavier", lastName = "Plain" })).Json(HttpStatusCode.Created);
        FirstNames(await List(_admin, "search=zebedee")).Should().BeEmpty($"lead {lead.Id()} is deleted (the next lead is {next.Id()})");
        FirstNames(await List(_admin, "tag=ephemeral")).Should().BeEmpty();
        FirstNames(await List(_admin, "search=xavier")).Should().Equal("Xavier");
    }
}
