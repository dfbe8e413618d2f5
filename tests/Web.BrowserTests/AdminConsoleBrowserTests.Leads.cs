using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Playwright;
using Polling = IntegrationHub.Web.FunctionalTests.Support.Poll;

namespace IntegrationHub.Web.BrowserTests;

/// <summary>
/// The Leads section (issue 27, item 5): the list searched and filtered, a lead edited and followed until GoHighLevel
/// has the change, conflicts resolved from the browser and checked through the API, and the pages on a phone.
/// </summary>
public sealed partial class AdminConsoleBrowserTests
{
    private ILocator SyncBadge(IPage page) => page.Locator("section[aria-labelledby=lead-sync] .badge");

    private ILocator Status(IPage page, string text) => page.GetByRole(AriaRole.Status).GetByText(text, new() { Exact = false });

    /// <summary>Signs in on the lead's page; returns the lead's name (its heading).</summary>
    private async Task<string> OpenLead(IPage page, int leadId)
    {
        using var admin = _app.Admin();
        var name = (await admin.GetJson($"/api/leads/{leadId}")).Str("name");
        await page.GotoAsync($"/admin/leads/{leadId}");
        await SignIn(page, HubApp.AdminToken);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true }));
        // The page is live (its form enabled) once its circuit has taken over from the first, server-side render.
        await Assertions.Expect(Button(page, "Save changes")).ToBeEnabledAsync();
        return name;
    }

    /// <summary>
    /// A lead of a tenant under the manual policy whose <paramref name="fields"/> both sides changed: the hub by PATCH, and
    /// GoHighLevel by a ContactUpdate that arrives while the hub's change is still unsent (GoHighLevel is slow to answer
    /// the push once). Returns once the conflicts are listed.
    /// </summary>
    private async Task<SyncedLead> ConflictedLead(object? lead, params (string Field, string Hub, string Crm)[] fields)
    {
        var synced = await _app.SyncedLeadAsync(_ghl, "manual", lead);
        _ghl.Fail(FaultKind.Slow, pathPrefix: $"/contacts/{synced.ContactId}", delay: TimeSpan.FromSeconds(1.5));
        var patch = new JsonObject();
        foreach (var (field, hub, _) in fields)
        {
            patch[field] = hub;
        }

        await (await synced.Tenant.Client.PatchRaw($"/api/leads/{synced.LeadId}", patch.ToJsonString())).Json(HttpStatusCode.OK);
        var now = DateTimeOffset.UtcNow;
        _ghl.EditContact(synced.ContactId, now, fields.Select(f => (f.Field, (JsonNode?)JsonValue.Create(f.Crm))).ToArray());
        await _app.SendContactUpdateAsync(_ghl, synced, now);
        await Polling.Eventually(async () =>
        {
            var open = (await synced.Tenant.Client.GetJson($"/api/leads/{synced.LeadId}/conflicts")).AsArray();
            return open.Count == fields.Length ? open : null;
        }, $"{fields.Length} open conflicts on lead {synced.LeadId}");
        return synced;
    }

    [Test]
    public async Task Leads_are_listed_newest_first_searched_and_filtered_by_tag()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var tenant = await _app.CreateTenant("Leads list " + suffix);
        foreach (var (first, last, phone, tags) in new[]
                 {
                     ("Grace", "Hopper", "+14155550199", new[] { "navy", "vip" }),
                     ("Alan", "Turing", "+442079460000", new[] { "vip" }),
                     ("Edsger", "Dijkstra", "+31205550100", Array.Empty<string>()),
                 })
        {
            await (await tenant.Client.PostJson("/api/leads", new
            {
                firstName = first, lastName = $"{last} {suffix}", email = $"{first.ToLowerInvariant()}.{suffix}@hub.test", phone, tags,
            })).Json(HttpStatusCode.Created);
        }

        var page = await NewPage();
        await page.GotoAsync($"/admin/leads?subAccountId={tenant.SubAccountId}");
        await SignIn(page, HubApp.AdminToken);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Leads", Exact = true }));
        await Assertions.Expect(page.GetByTestId("lead-count")).ToHaveTextAsync("3 leads");
        var rows = page.Locator("tbody tr");
        await Assertions.Expect(rows.First.Locator("td").First).ToHaveTextAsync($"Edsger Dijkstra {suffix}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Leads", Exact = true })).ToHaveClassAsync("active");
        await ConsoleBrowser.Screenshot(page, "leads");

        // The sub-account filter stays chosen while searching by name, then by the phone's digits typed as people type them.
        await page.GetByLabel("Search (name, e-mail or phone)").FillAsync("HOPPER");
        await Button(page, "Search").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Grace Hopper {suffix}", Exact = true }));
        (await page.GetByLabel("Sub-account").InputValueAsync()).Should().Be(tenant.SubAccountId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Search (name, e-mail or phone)").FillAsync("(415) 555-0199");
        await Button(page, "Search").ClickAsync();
        await Assertions.Expect(page.GetByTestId("lead-count")).ToHaveTextAsync("1 lead");

        await page.GetByLabel("Search (name, e-mail or phone)").FillAsync("");
        await page.GetByLabel("Tag").FillAsync("VIP");
        await Button(page, "Search").ClickAsync();
        await Assertions.Expect(page.GetByTestId("lead-count")).ToHaveTextAsync("2 leads");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "navy, vip", Exact = true }));

        // The query's own validation, shown as the console shows every validation error: in the alert and beside the box.
        await page.GetByLabel("Search (name, e-mail or phone)").FillAsync(new string('x', 101));
        await Button(page, "Search").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).GetByText("Some fields need attention", new() { Exact = false }));
        await Expect(page.Locator("#l-search-error"));
        (await page.GetByLabel("Search (name, e-mail or phone)").GetAttributeAsync("aria-invalid")).Should().Be("true");

        await page.GetByLabel("Search (name, e-mail or phone)").FillAsync("turing");
        await page.GetByLabel("Tag").FillAsync("");
        await Button(page, "Search").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"Alan Turing {suffix}", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Alan Turing {suffix}", Exact = true }));
        await Expect(page.GetByTestId("lead-tags").GetByText("vip", new() { Exact = true }));

        // A lead that does not exist (erased, or a mistyped id) sends the page back to the list, which says so.
        await page.GotoAsync("/admin/leads/987654321");
        await page.WaitForURLAsync("**/admin/leads?gone=987654321");
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Lead 987654321 no longer exists", new() { Exact = false }));
    }

    [Test]
    public async Task Leads_edited_in_the_console_are_saved_and_followed_until_GoHighLevel_has_them()
    {
        var lead = await _app.SyncedLeadAsync(_ghl);
        var page = await NewPage();
        (await OpenLead(page, lead.LeadId)).Should().Be("Ada Lovelace");
        await Assertions.Expect(SyncBadge(page)).ToHaveTextAsync("in sync");
        (await page.ContentAsync()).Should().NotContain(FakeGoHighLevel.ValidToken);

        // A wrong e-mail is refused beside its field; nothing is saved.
        var email = page.GetByLabel("E-mail", new() { Exact = true });
        var address = await email.InputValueAsync();
        await email.FillAsync("not-an-address");
        await Button(page, "Save changes").ClickAsync();
        await Expect(page.Locator("#lead-email-error"));
        (await email.GetAttributeAsync("aria-invalid")).Should().Be("true");
        await Expect(page.GetByRole(AriaRole.Alert).GetByText("Some fields need attention", new() { Exact = false }));
        await ConsoleBrowser.Screenshot(page, "lead-edit-refused");

        // GoHighLevel answers the push slowly once, so the change is seen waiting before it is sent.
        await email.FillAsync(address);
        _ghl.Fail(FaultKind.Slow, pathPrefix: $"/contacts/{lead.ContactId}", delay: TimeSpan.FromSeconds(1.5));
        await page.GetByLabel("City", new() { Exact = true }).FillAsync("Lisbon");
        await Button(page, "Save changes").ClickAsync();
        await Expect(Status(page, "Lead saved."));
        await Assertions.Expect(page.Locator("#lead-email-error")).ToHaveCountAsync(0);
        await Assertions.Expect(SyncBadge(page)).ToHaveTextAsync("pending");
        await Expect(page.GetByTestId("sync-detail").GetByText("Waiting to be sent to GoHighLevel: City."));
        await ConsoleBrowser.Screenshot(page, "lead-pending");
        await Assertions.Expect(SyncBadge(page)).ToHaveTextAsync("in sync", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("lead-facts").GetByText("Lisbon", new() { Exact = false }));
        var update = page.Locator("section[aria-labelledby=lead-outbound] tbody tr", new() { HasText = "contact.update" });
        await Assertions.Expect(update.Locator(".badge")).ToHaveTextAsync("succeeded");
        (await page.GetByLabel("City", new() { Exact = true }).InputValueAsync()).Should().Be("Lisbon");

        using var admin = _app.Admin();
        var saved = await admin.GetJson($"/api/leads/{lead.LeadId}");
        saved.Str("city").Should().Be("Lisbon");
        saved.Str("email").Should().Be(address, "an edit sends only the fields changed");
        saved["syncState"]!.Str("status").Should().Be("inSync");
        _ghl.ContactValue(lead.ContactId, "city")!.GetValue<string>().Should().Be("Lisbon");
        _ghl.Requests.Where(r => r.Method == "PUT" && r.Path == $"/contacts/{lead.ContactId}").Select(r => r.Body)
            .Should().Equal("""{"city":"Lisbon"}""");

        await update.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Outbound operation", Exact = false }));
        await page.Locator($"dl.facts a[href='/admin/leads/{lead.LeadId}']").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ada Lovelace", Exact = true }));
    }

    [Test]
    public async Task Leads_conflicts_are_resolved_from_the_browser_keeping_either_side()
    {
        var lead = await ConflictedLead(null, ("city", "Hub City", "Crm City"), ("state", "Hub State", "Crm State"), ("lastName", "Hub", "Crm"));
        var page = await NewPage();
        await OpenLead(page, lead.LeadId);
        await Assertions.Expect(SyncBadge(page)).ToHaveTextAsync("conflict");
        var conflicts = page.GetByRole(AriaRole.Region, new() { Name = "Open conflicts", Exact = true });
        var city = conflicts.Locator("tr[data-field=city]");
        await Assertions.Expect(city.GetByTestId("hub-value")).ToHaveTextAsync("Hub City");
        await Assertions.Expect(city.GetByTestId("crm-value")).ToHaveTextAsync("Crm City");
        await ConsoleBrowser.Screenshot(page, "lead-conflicts");

        await Button(page, "Keep GoHighLevel for City").ClickAsync();
        await Expect(Status(page, "Kept GoHighLevel's City."));
        await Assertions.Expect(city).ToHaveCountAsync(0);
        (await page.GetByLabel("City", new() { Exact = true }).InputValueAsync()).Should().Be("Crm City", "the form shows the kept value");

        // Resolved behind the page's back (another admin, the API): the click is refused with why, and the row goes.
        using var admin = _app.Admin();
        await (await admin.PostJson($"/api/leads/{lead.LeadId}/conflicts/resolve", new { field = "lastName", keep = "crm" })).Json(HttpStatusCode.OK);
        await Button(page, "Keep hub for Last name").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).GetByText("The conflict on Last name is no longer open", new() { Exact = false }));
        await Assertions.Expect(conflicts.Locator("tr[data-field=lastName]")).ToHaveCountAsync(0);

        await Button(page, "Keep hub for State").ClickAsync();
        await Expect(Status(page, "Kept the hub's State: it is sent to GoHighLevel."));
        await Assertions.Expect(conflicts).ToHaveCountAsync(0);
        await Assertions.Expect(SyncBadge(page)).ToHaveTextAsync("in sync", new() { Timeout = 30_000 });

        var resolved = await admin.GetJson($"/api/leads/{lead.LeadId}");
        resolved.Str("city").Should().Be("Crm City");
        resolved.Str("state").Should().Be("Hub State");
        resolved.Str("lastName").Should().Be("Crm");
        (await admin.GetJson($"/api/leads/{lead.LeadId}/conflicts")).AsArray().Should().BeEmpty();
        var history = (await admin.GetJson($"/api/leads/{lead.LeadId}/conflicts?history=true")).AsArray();
        history.ToDictionary(c => c!.Str("field"), c => c!.Str("outcome")).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["city"] = "keptCrm", ["state"] = "keptHub", ["lastName"] = "keptCrm",
        });
        await Polling.Eventually(() => Task.FromResult(_ghl.ContactValue(lead.ContactId, "state")?.GetValue<string>() == "Hub State" ? "sent" : null),
            "the kept hub value in GoHighLevel");
        (await _app.OperationsForLeadAsync(lead.LeadId)).Should().NotContain(o => o.Status == OutboundStatus.Failed);
    }

    [Test]
    public async Task Leads_pages_fit_a_phone_without_scrolling_sideways()
    {
        const int Phone = 375;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var lead = await ConflictedLead(new
            {
                firstName = "Bartholomew", lastName = "Featherstonehaugh-Cholmondeley", email = $"a.very.long.address.for.a.lead.{suffix}@example-enterprises.com",
                phone = "+14155550123", city = "London", tags = new[] { "a-rather-long-tag-name", "vip", "newsletter-subscriber" },
            },
            ("city", "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch", "Somewhere with a long name in GoHighLevel " + new string('x', 60)));
        var page = await NewPage(Phone);
        await OpenLead(page, lead.LeadId);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Open conflicts", Exact = true }));
        var tooWide = new List<string>(await Measure(page, Phone, "lead"));

        await page.GotoAsync($"/admin/leads?subAccountId={lead.Tenant.SubAccountId}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        tooWide.AddRange(await Measure(page, Phone, "leads"));
        await page.GetByLabel("Search (name, e-mail or phone)").FillAsync(new string('y', 101));
        await Button(page, "Search").ClickAsync();
        await Expect(page.Locator("#l-search-error"));
        tooWide.AddRange(await Measure(page, Phone, "leads-refused"));

        tooWide.Should().BeEmpty($"the leads pages fit {Phone} px; too wide:\n{string.Join("\n", tooWide)}\n");
    }
}
