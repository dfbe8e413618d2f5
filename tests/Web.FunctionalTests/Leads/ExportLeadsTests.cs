using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Leads;

/// <summary>
/// <c>GET /api/leads/export</c> over real HTTP, on the configured database (SQLite, or PostgreSQL with
/// INTEGRATIONHUB_TEST_PROVIDER): the file's header and rows against the list's JSON, RFC 4180 quoting, formula cells,
/// tenant scope, the list's filters and its refusals. Pages of two leads, so every export crosses page ends.
/// </summary>
[TestFixture]
public sealed class ExportLeadsTests : HubFixture
{
    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?> { ["IntegrationHub:Leads:ExportPageSize"] = "2" };

    private static string NewMark() => "x" + string.Concat(Guid.NewGuid().ToString("N")[..6].Select(c => char.IsDigit(c) ? (char)('g' + c - '0') : c));

    private static async Task<JsonNode> Create(Tenant tenant, object lead) =>
        await (await tenant.Client.PostJson("/api/leads", lead)).Json(HttpStatusCode.Created);

    [Test]
    public async Task The_file_has_the_lead_json_field_names_and_one_row_per_lead_in_list_order()
    {
        var tenant = await App.CreateTenant("Exporter");
        var mark = NewMark();
        var adaId = (await Create(tenant, new { firstName = "Ada", lastName = $"Lovelace {mark}", email = "ada@engines.test", phone = "+14155550123", tags = new[] { "VIP", "dental" } })).Id();
        var grace = await Create(tenant, new { firstName = "Grace", lastName = $"Hopper {mark}", company = "Navy" });
        var alanId = (await Create(tenant, new { name = $"Alan {mark}", city = "Manchester" })).Id();
        await (await tenant.Client.PatchJson($"/api/leads/{grace.Id()}", new { customFields = new { fld1 = "gold", fld2 = "a,b" } })).Json(HttpStatusCode.OK);

        using var response = await tenant.Client.GetAsync("/api/leads/export");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/csv; charset=utf-8");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        response.Content.Headers.ContentDisposition.FileName.Should().MatchRegex(@"^leads-\d{8}-\d{6}\.csv$");
        var text = await response.Content.ReadAsStringAsync();
        text.Should().EndWith("\r\n").And.NotContain("\r\r");
        text.Replace("\r\n", "", StringComparison.Ordinal).Should().NotContain("\n", "every line ends with CRLF (no cell here holds a line feed)");

        var listed = (await tenant.Client.GetJson("/api/leads?pageSize=100"))["items"]!.AsArray().Select(l => l!.AsObject()).ToList();
        var rows = Csv.Parse(text);
        rows[0].Should().Equal(listed[0].Select(p => p.Key), "the header is the lead JSON's field names, in its order");
        rows.Skip(1).Select(r => r[0]).Should().Equal(listed.Select(l => l.Id().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "every lead once, newest first as in the list");

        var byId = rows.Skip(1).Select(r => rows[0].Zip(r).ToDictionary(c => c.First, c => c.Second)).ToDictionary(r => int.Parse(r["id"], System.Globalization.CultureInfo.InvariantCulture));
        var ada = listed.Single(l => l.Id() == adaId);
        byId[adaId]["email"].Should().Be("ada@engines.test");
        byId[adaId]["phone"].Should().Be("+14155550123", "an E.164 phone number is data, not a formula");
        byId[adaId]["tags"].Should().Be(string.Join("; ", ada["tags"]!.AsArray().Select(t => t!.GetValue<string>())));
        byId[adaId]["createdAt"].Should().Be(ada.Str("createdAt"), "instants are written as the JSON writes them");
        byId[adaId]["subAccountId"].Should().Be(tenant.SubAccountId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        byId[adaId]["company"].Should().BeEmpty("an absent value is an empty cell");
        byId[grace.Id()]["customFields"].Should().Be("""{"fld1":"gold","fld2":"a,b"}""", "custom fields are compact JSON");
        byId[grace.Id()]["syncState"].Should().StartWith("{\"status\":");
        byId[alanId]["name"].Should().Be($"Alan {mark}");
    }

    [Test]
    public async Task Commas_quotes_and_line_breaks_are_quoted_and_formula_cells_get_an_apostrophe()
    {
        var tenant = await App.CreateTenant("Quoting");
        await Create(tenant, new
        {
            name = "Smith, \"Bob\"", address = "1 Main St\r\nFloor 2", city = "Line\nfeed", company = "=HYPERLINK(\"http://evil.test\",\"x\")",
            firstName = "+SUM(A1)", lastName = "-2+3", state = "@cmd", phone = "+1 415 555 0123",
        });
        using (var scope = App.Services.CreateScope())
        {
            // The API trims what it stores; a value that starts with a tab or CR can still come from elsewhere (an import, a CRM).
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Leads.Where(l => l.SubAccountId == tenant.SubAccountId)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Country, "\tTab").SetProperty(l => l.PostalCode, "\rCR"));
        }

        var text = await (await tenant.Client.GetAsync("/api/leads/export")).Content.ReadAsStringAsync();
        text.Should().Contain("\"Smith, \"\"Bob\"\"\"").And.Contain("\"1 Main St\r\nFloor 2\"").And.Contain("\"Line\nfeed\"");
        text.Should().Contain("\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\"", "quoted because of its quotes and comma, after the apostrophe");
        var rows = Csv.Parse(text);
        rows.Should().HaveCount(2);
        var lead = rows[0].Zip(rows[1]).ToDictionary(c => c.First, c => c.Second);
        lead["name"].Should().Be("Smith, \"Bob\"");
        lead["address"].Should().Be("1 Main St\r\nFloor 2");
        lead["city"].Should().Be("Line\nfeed");
        lead["company"].Should().Be("'=HYPERLINK(\"http://evil.test\",\"x\")");
        lead["firstName"].Should().Be("'+SUM(A1)");
        lead["lastName"].Should().Be("'-2+3");
        lead["state"].Should().Be("'@cmd");
        lead["country"].Should().Be("'\tTab");
        lead["postalCode"].Should().Be("'\rCR");
        lead["phone"].Should().Be("'+1 415 555 0123", "only a plain E.164 number (+ and digits) is left unprefixed");
    }

    [Test]
    public async Task A_tenant_exports_only_its_own_leads_and_another_sub_account_is_404()
    {
        var tenant = await App.CreateTenant("Own export");
        var other = await App.CreateTenant("Other export");
        var mark = NewMark();
        await Create(tenant, new { name = $"Mine {mark}" });
        await Create(other, new { name = $"Theirs {mark}" });

        Names(await Export(tenant.Client, "")).Should().Equal($"Mine {mark}");
        Names(await Export(tenant.Client, $"subAccountId={tenant.SubAccountId}")).Should().Equal($"Mine {mark}");
        await (await tenant.Client.GetAsync($"/api/leads/export?subAccountId={other.SubAccountId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await tenant.Client.GetAsync("/api/leads/export?subAccountId=987654")).ProblemAsync(HttpStatusCode.NotFound);

        Names(await Export(Admin, $"subAccountId={other.SubAccountId}")).Should().Equal($"Theirs {mark}");
        Names(await Export(Admin, $"search={mark}")).Should().Equal($"Theirs {mark}", $"Mine {mark}");
    }

    [Test]
    public async Task Search_tag_and_updated_since_filter_as_in_the_list()
    {
        var tenant = await App.CreateTenant("Filters");
        var mark = NewMark();
        await Create(tenant, new { firstName = "Ada", lastName = $"Lovelace {mark}", phone = "+14155551234", tags = new[] { "VIP" } });
        await Create(tenant, new { firstName = "Grace", lastName = $"Hopper {mark}", tags = new[] { "vip", "navy" } });
        var alan = await Create(tenant, new { firstName = "Alan", lastName = $"Turing {mark}", tags = new[] { "prospect" } });
        using (var scope = App.Services.CreateScope())
        {
            // All three last changed long ago; then Alan is edited now, and only he was changed since 2021.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Leads.Where(l => l.SubAccountId == tenant.SubAccountId)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.UpdatedAt, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        }

        await (await tenant.Client.PatchJson($"/api/leads/{alan.Id()}", new { city = "Wilmslow" })).Json(HttpStatusCode.OK);
        const string since = "2021-01-01T00:00:00Z";

        foreach (var (query, expected) in new[]
        {
            ("search=lovelace", new[] { "Ada" }), ("search=415%20555-12", ["Ada"]), ("tag=VIP", ["Grace", "Ada"]),
            ("tag=vip&search=hopper", ["Grace"]), ($"updatedSince={since}", ["Alan"]), ("tag=nobody", []),
        })
        {
            var exported = Names(await Export(tenant.Client, query), "firstName");
            exported.Should().Equal(expected, query);
            var listed = (await tenant.Client.GetJson("/api/leads?pageSize=100&" + query))["items"]!.AsArray().Select(l => l!.Str("firstName"));
            exported.Should().Equal(listed, $"{query} means what it means in the list");
        }
    }

    [Test]
    public async Task An_empty_result_is_the_header_row_alone()
    {
        var tenant = await App.CreateTenant("Empty export");
        var text = await Export(tenant.Client, "");
        text.Should().StartWith("id,subAccountId,").And.EndWith("\r\n");
        Csv.Parse(text).Should().ContainSingle();
    }

    [TestCase("search=ab")]
    [TestCase("updatedSince=yesterday")]
    [TestCase("updatedSince=2026-12-01T09:30:00")]
    [TestCase("subAccountId=abc")]
    public async Task A_bad_filter_is_a_400_problem_and_no_csv(string query) =>
        await (await Admin.GetAsync("/api/leads/export?" + query)).ProblemAsync(HttpStatusCode.BadRequest);

    [Test]
    public async Task A_tag_longer_than_any_stored_is_a_400() =>
        await (await Admin.GetAsync("/api/leads/export?tag=" + new string('t', 101))).ProblemAsync(HttpStatusCode.BadRequest);

    [Test]
    public async Task The_export_route_is_not_taken_for_a_lead_id_and_lead_ids_still_work()
    {
        var tenant = await App.CreateTenant("Routes");
        var lead = await Create(tenant, new { name = "Routed" });
        (await tenant.Client.GetAsync("/api/leads/export")).Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        (await tenant.Client.GetJson($"/api/leads/{lead.Id()}")).Str("name").Should().Be("Routed");
        await (await tenant.Client.GetAsync("/api/leads/987654")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Leads_created_at_the_same_instant_are_each_exported_once_across_page_ends()
    {
        var tenant = await App.CreateTenant("Same instant");
        var ids = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await Create(tenant, new { name = $"Twin {i}", tags = new[] { "twin" } })).Id());
        }

        var tied = ids.Take(3).ToList();
        using (var scope = App.Services.CreateScope())
        {
            // Three of them share one creation instant, so pages of two end inside the tie (the id decides there).
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var instant = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
            await db.Leads.Where(l => tied.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.CreatedAt, instant));
            await db.LeadTags.Where(t => tied.Contains(t.LeadId)).ExecuteUpdateAsync(s => s.SetProperty(t => t.CreatedAt, instant));
        }

        string[] expected = ["Twin 4", "Twin 3", "Twin 2", "Twin 1", "Twin 0"];
        Names(await Export(tenant.Client, "")).Should().Equal(expected);
        Names(await Export(tenant.Client, "tag=twin")).Should().Equal(expected, "the tag's own walk pages the same way");
    }

    private static async Task<string> Export(HttpClient client, string query)
    {
        using var response = await client.GetAsync("/api/leads/export?" + query);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return text;
    }

    private static string[] Names(string csv, string column = "name")
    {
        var rows = Csv.Parse(csv);
        var index = Array.IndexOf(rows[0], column);
        return [.. rows.Skip(1).Select(r => r[index])];
    }
}
