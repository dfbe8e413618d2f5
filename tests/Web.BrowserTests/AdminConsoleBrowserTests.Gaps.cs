using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Playwright;

namespace IntegrationHub.Web.BrowserTests;

/// <summary>
/// What the console used to leave to the API or to guesswork: admins and new tokens, a word after each create or
/// save, alerts that name their integration, no focus box on headings, a favicon.
/// </summary>
public sealed partial class AdminConsoleBrowserTests
{
    [Test]
    public async Task An_admin_creates_an_admin_issues_it_a_new_token_and_deletes_it()
    {
        var page = await NewPage();
        await page.GotoAsync("/admin/admins");
        await SignIn(page, HubApp.AdminToken);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admins", Exact = true }));
        var email = $"ops.{Guid.NewGuid():N}@example.com";

        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Name").FillAsync("Ops on call");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create admin", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).GetByText($"{email} is now an admin.", new() { Exact = false }));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy", Exact = true }));
        var first = await page.GetByLabel("Admin token").InputValueAsync();
        (await _app.WithToken(first).GetAsync("/api/admin/admins")).StatusCode.Should().Be(HttpStatusCode.OK, "the token shown is the admin's");

        await page.GetByRole(AriaRole.Button, new() { Name = $"New token for {email}", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).GetByText("the old one no longer works", new() { Exact = false }));
        var second = await page.GetByLabel("Admin token").InputValueAsync();
        second.Should().NotBe(first);
        (await _app.WithToken(first).GetAsync("/api/admin/admins")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _app.WithToken(second).GetAsync("/api/admin/admins")).StatusCode.Should().Be(HttpStatusCode.OK);
        await ConsoleBrowser.Screenshot(page, "admins");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete admin {email}", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).GetByText($"{email} is no longer an admin."));
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = email })).ToHaveCountAsync(0);
        (await _app.WithToken(second).GetAsync("/api/admin/admins")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task The_last_admin_cannot_be_deleted_from_the_console()
    {
        using var app = new HubApp();
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.Anonymous().BaseAddress!.ToString().TrimEnd('/') });
        _page = await context.NewPageAsync();
        await _page.GotoAsync("/admin/admins");
        await SignIn(_page, HubApp.AdminToken);

        await _page.GetByRole(AriaRole.Button, new() { Name = "Delete admin", Exact = false }).ClickAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete", Exact = true }).ClickAsync();
        await Expect(_page.GetByRole(AriaRole.Alert).GetByText("This is the last admin", new() { Exact = false }));
        (await app.Admin().GetAsync("/api/admin/admins")).StatusCode.Should().Be(HttpStatusCode.OK, "the admin and its token are still there");
    }

    [Test]
    public async Task A_user_is_issued_a_new_token_shown_once()
    {
        var tenant = await _app.CreateTenant("Token tenant " + Guid.NewGuid().ToString("N")[..6]);
        using var admin = _app.Admin();
        var email = (await admin.GetJson($"/api/admin/users/{tenant.UserId}")).Str("email");
        var page = await NewPage();
        await page.GotoAsync($"/admin/sub-accounts/{tenant.SubAccountId}");
        await SignIn(page, HubApp.AdminToken);

        await page.GetByRole(AriaRole.Button, new() { Name = $"New token for {email}", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).GetByText("the old one no longer works", new() { Exact = false }));
        var token = await page.GetByLabel("User token", new() { Exact = true }).InputValueAsync();
        (await tenant.Client.GetAsync("/api/integrations")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the old token stops working");
        (await _app.WithToken(token).GetAsync("/api/integrations")).StatusCode.Should().Be(HttpStatusCode.OK);

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("User token", new() { Exact = true })).ToHaveCountAsync(0);
        (await page.ContentAsync()).Should().NotContain(token, "the token is shown once, never again");
    }

    [Test]
    public async Task Creating_saving_and_signing_out_each_say_that_they_worked()
    {
        await PagesWithContent();
        var page = await NewPage();
        await page.GotoAsync("/admin/sub-accounts");
        await SignIn(page, HubApp.AdminToken);
        var tenant = "Confirmed " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Name").FillAsync(tenant);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create sub-account", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).GetByText($"Sub-account {tenant} created."));

        await page.GotoAsync("/admin/templates/new");
        await page.GetByLabel("Name (a slug", new() { Exact = false }).FillAsync("confirmed_" + Guid.NewGuid().ToString("N")[..6]);
        await page.GetByLabel("Display name").FillAsync("Confirmed");
        await page.GetByLabel("Category").FillAsync("CRM");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create template", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Template created."));

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }).ClickAsync();
        await page.GetByLabel("Category").FillAsync("Sales");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save template", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Template saved."));

        await page.GotoAsync(_pagesWithContent!["integration-edit"]);
        await page.GetByLabel("Description").FillAsync("Saved from the console");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save integration", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Integration saved."));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).GetByText("You are signed out."));
    }

    [Test]
    public async Task Alerts_name_their_integration_and_do_not_claim_a_delivery_without_an_alert_webhook()
    {
        await PagesWithContent();
        var page = await NewPage();
        await page.GotoAsync("/admin/alerts");
        await SignIn(page, HubApp.AdminToken);

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = _failingIntegrationName, Exact = true }).First);
        await Expect(page.GetByTestId("alert-webhook").GetByText("No alert webhook is configured", new() { Exact = false }));
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Delivered" })).ToHaveCountAsync(0);
        (await page.Locator("table").TextContentAsync()).Should().NotContain("never");
    }

    [Test]
    public async Task With_an_alert_webhook_an_alert_not_yet_delivered_says_so()
    {
        using var listener = WireMock.Server.WireMockServer.Start();
        listener.Given(WireMock.RequestBuilders.Request.Create().UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(503));
        using var app = new HubApp(new Dictionary<string, string?>
        {
            ["IntegrationHub:HealthChecks:AlertAfterFailures"] = "1",
            ["IntegrationHub:Alerts:WebhookUrl"] = listener.Url + "/alerts",
            ["IntegrationHub:Alerts:WebhookSecret"] = "whsec_" + Convert.ToBase64String(new byte[32]),
        });
        using var admin = app.Admin();
        var tenant = await app.CreateTenant("Alerted " + Guid.NewGuid().ToString("N")[..6]);
        var goHighLevel = (await app.Anonymous().GetJson("/api/integration-templates")).AsArray().Single(t => t!.Str("name") == "gohighlevel")!.Id();
        var integration = await (await admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = goHighLevel, name = "Refused by GoHighLevel",
            config = new { apiKey = "pit-refused", locationId = FakeGoHighLevel.NewLocationId(), baseUrl = _ghl.Url },
        })).Json(HttpStatusCode.Created);
        (await admin.PostAsync($"/api/admin/integrations/{integration.Id()}/test", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.Anonymous().BaseAddress!.ToString().TrimEnd('/') });
        _page = await context.NewPageAsync();
        await _page.GotoAsync("/admin/alerts");
        await SignIn(_page, HubApp.AdminToken);

        await Expect(_page.GetByRole(AriaRole.Columnheader, new() { Name = "Delivered" }));
        await Expect(_page.GetByRole(AriaRole.Cell, new() { Name = "not yet", Exact = true }));
        await Assertions.Expect(_page.GetByTestId("alert-webhook")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Focus still moves to each new page's heading (a screen reader announces the page), but a heading is not a
    /// control: no focus box around it, even when the page was reached with the keyboard.
    /// </summary>
    [Test]
    public async Task A_new_pages_heading_takes_the_focus_without_a_focus_box()
    {
        var page = await NewPage();
        await page.GotoAsync("/admin");
        await SignIn(page, HubApp.AdminToken);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Exact = true }));

        await page.GetByRole(AriaRole.Link, new() { Name = "Templates", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent.includes('templates')");
        (await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle")).Should().Be("none");

        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"))
            .Should().NotBe("none", "the next control a keyboard reaches is still visibly focused");
    }

    [Test]
    public async Task The_console_has_a_favicon()
    {
        var page = await NewPage();
        await page.GotoAsync("/admin/signin");
        var href = await page.Locator("link[rel=icon]").GetAttributeAsync("href");
        href.Should().NotBeNullOrEmpty();

        var icon = await page.APIRequest.GetAsync(href!);
        icon.Status.Should().Be(200);
        icon.Headers["content-type"].Should().StartWith("image/svg+xml");
        (await icon.TextAsync()).Should().Contain("<svg");
    }
}
