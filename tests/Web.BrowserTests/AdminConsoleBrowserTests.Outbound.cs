using System.Net;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.Playwright;

namespace IntegrationHub.Web.BrowserTests;

/// <summary>The outbound operations pages: a failed operation retried until GoHighLevel has it, a waiting one cancelled.</summary>
public sealed partial class AdminConsoleBrowserTests
{
    /// <summary>
    /// A lead of a tenant whose GoHighLevel integration is active (<paramref name="active"/>) or still pending; with
    /// <paramref name="refused"/>, GoHighLevel answers its contact.create 422 and the operation fails. Returns the operation.
    /// </summary>
    private async Task<(OutboundOperation Operation, int IntegrationId)> LeadOperation(bool active, bool refused)
    {
        using var admin = _app.Admin();
        var tenant = await _app.CreateTenant("Outbound " + Guid.NewGuid().ToString("N")[..6]);
        var goHighLevel = (await admin.GetJson("/api/integration-templates")).AsArray().Single(t => t!.Str("name") == "gohighlevel")!.Id();
        var integration = (await (await admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = goHighLevel, name = "GoHighLevel outbound",
            config = new { apiKey = FakeGoHighLevel.ValidToken, locationId = FakeGoHighLevel.NewLocationId(), baseUrl = _ghl.Url, syncIntervalMinutes = 0 },
        })).Json(HttpStatusCode.Created)).Id();
        if (active)
        {
            (await (await admin.PostAsync($"/api/admin/integrations/{integration}/test", null)).Json(HttpStatusCode.OK))["success"]!
                .GetValue<bool>().Should().BeTrue();
        }

        if (refused)
        {
            _ghl.Fail(FaultKind.Unprocessable, pathPrefix: "/contacts/upsert");
        }

        var lead = (await (await tenant.Client.PostJson("/api/leads", new { name = "Browser Lead", email = $"browser.{Guid.NewGuid():N}@hub.test" }))
            .Json(HttpStatusCode.Created)).Id();
        var status = !active ? OutboundStatus.Waiting : refused ? OutboundStatus.Failed : OutboundStatus.Succeeded;
        return (await _app.LeadOperationAsync(lead, OutboundKind.ContactCreate, status), integration);
    }

    private ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [Test]
    public async Task An_admin_retries_a_failed_operation_and_cancels_a_waiting_one()
    {
        var (failed, integration) = await LeadOperation(active: true, refused: true);
        var page = await NewPage();
        await page.GotoAsync($"/admin/outbound?integrationId={integration}");
        await SignIn(page, HubApp.AdminToken);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Outbound operations", Exact = true }));
        await page.GetByRole(AriaRole.Link, new() { Name = $"Operation {failed.Id}", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Outbound operation {failed.Id} failed", Exact = true }));
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "422", Exact = true }));
        await Expect(page.GetByTestId("request").GetByText("/contacts/upsert", new() { Exact = false }));
        (await page.ContentAsync()).Should().NotContain(FakeGoHighLevel.ValidToken);
        await ConsoleBrowser.Screenshot(page, "outbound-operation-failed");
        await Assertions.Expect(Button(page, "Retry")).ToBeEnabledAsync();

        await Button(page, "Retry").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Queued to run again. Delivered."));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Outbound operation {failed.Id} succeeded", Exact = true }));
        await Assertions.Expect(Button(page, "Retry")).ToBeDisabledAsync();
        await Assertions.Expect(Button(page, "Cancel operation")).ToBeDisabledAsync();
        await Expect(page.GetByText("Only a failed or conflict operation can be retried; this one is succeeded."));
        await Expect(page.GetByText("A succeeded operation cannot be cancelled."));

        var (waiting, _) = await LeadOperation(active: false, refused: false);
        await page.GotoAsync($"/admin/outbound/{waiting.Id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Outbound operation {waiting.Id} waiting", Exact = true }));
        await Expect(page.GetByText("Not sent yet", new() { Exact = false }));
        await Assertions.Expect(Button(page, "Retry")).ToBeDisabledAsync();
        await Button(page, "Cancel operation").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alertdialog, new() { Name = "Confirm cancel" }));
        await Button(page, "Yes, cancel it").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).GetByText("Operation cancelled: it will not be sent."));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Outbound operation {waiting.Id} cancelled", Exact = true }));
        await Expect(page.GetByTestId("last-error").GetByText("Cancelled by an admin."));

        using var admin = _app.Admin();
        (await admin.GetJson($"/api/admin/outbound/{waiting.Id}")).Str("status").Should().Be("cancelled");
        (await admin.GetJson($"/api/admin/outbound/{failed.Id}")).Str("status").Should().Be("succeeded");
    }
}
