using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Infrastructure.Jobs;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Access;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.Audit;

/// <summary>
/// The audit log through the real app: every change made through the API or the console is one row per entity, in
/// the change's own transaction, naming fields and never their values; work without a caller (webhook processing) writes
/// none; no route edits it; retention purges by age.
/// </summary>
[TestFixture]
public sealed class AuditLogTests : WebhookFixture
{
    private const string Secret = "pit-audit-secret-0b7e44";
    private const string Email = "audited.person@example.com";

    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?>(base.Settings()!)
    {
        ["IntegrationHub:Retention:AuditDays"] = "2",
    };

    private async Task<JsonArray> Rows(string query) => (await Admin.GetJson("/api/admin/audit?pageSize=100&" + query))["items"]!.AsArray();

    [Test]
    public async Task Admin_changes_are_rows_naming_the_action_entity_and_fields_never_a_secret_value()
    {
        var subAccount = await (await Admin.PostJson("/api/admin/sub-accounts", new { name = "Audited", timezone = "Europe/Paris" })).Json(HttpStatusCode.Created);
        var integration = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = subAccount.Id(), integrationTemplateId = GoHighLevelTemplateId, name = "GHL",
            config = new { apiKey = Secret, locationId = "loc-audit-" + Guid.NewGuid().ToString("N")[..8] },
        })).Json(HttpStatusCode.Created);
        var rotated = await Admin.PutAsync($"/api/admin/integrations/{integration.Id()}",
            JsonContent(new { name = "GHL renamed", config = new { apiKey = Secret + "-rotated" } }));
        rotated.StatusCode.Should().Be(HttpStatusCode.OK);

        var created = (await Rows($"entityType=SubAccount&entityId={subAccount.Id()}")).Single()!;
        created.Str("action").Should().Be("CreateSubAccount");
        created.Str("actorType").Should().Be("admin");
        created["actorId"]!.GetValue<int>().Should().BePositive();
        created["subAccountId"]!.GetValue<int>().Should().Be(subAccount.Id());
        created["changes"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Contain(["name", "timezone"]);
        created.Str("ip").Should().NotBeNullOrEmpty();

        var history = await Rows($"entityType=Integration&entityId={integration.Id()}");
        history.Select(r => r!.Str("action")).Should().Equal("UpdateIntegration", "CreateIntegration");
        var update = history[0]!;
        update["changes"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Contain(["name", "config"], "a rotated apiKey shows as its field, config")
            .And.NotContain(["configJson", "updatedAt"]);
        update["subAccountId"]!.GetValue<int>().Should().Be(subAccount.Id());

        var everything = (await Admin.GetJson("/api/admin/audit?pageSize=100")).ToJsonString();
        everything.Should().NotContain(Secret).And.NotContain("GHL renamed", "names of fields, never their values");
    }

    [Test]
    public async Task A_tenant_user_is_the_actor_of_its_own_changes_and_personal_values_stay_out()
    {
        var tenant = await App.CreateTenant("Audited tenant");
        var lead = await (await tenant.Client.PostJson("/api/leads", new { name = "Audited Person", email = Email })).Json(HttpStatusCode.Created);

        var row = (await Rows($"entityType=Lead&entityId={lead.Id()}")).Single()!;
        row.Str("action").Should().Be("CreateLead");
        row.Str("actorType").Should().Be("user");
        row["actorId"]!.GetValue<int>().Should().Be(tenant.UserId);
        row["subAccountId"]!.GetValue<int>().Should().Be(tenant.SubAccountId);
        row["changes"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Contain("email");
        row.ToJsonString().Should().NotContain(Email).And.NotContain("Audited Person");

        (await Rows($"actor=user:{tenant.UserId}")).Should().NotBeEmpty();
        (await Rows("actor=system")).Where(r => r!.Str("entityId") == lead.Id().ToString()).Should().BeEmpty();
        (await tenant.Client.GetAsync("/api/admin/audit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_refused_change_leaves_no_row()
    {
        var email = $"dup-{Guid.NewGuid():N}@admins.test";
        await (await Admin.PostJson("/api/admin/admins", new { email, name = "First" })).Json(HttpStatusCode.Created);
        var before = (await Admin.GetJson("/api/admin/audit?action=CreateAdmin"))["total"]!.GetValue<int>();

        (await Admin.PostJson("/api/admin/admins", new { email, name = "Second" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Admin.PostJson("/api/admin/sub-accounts", new { name = "" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        (await Admin.GetJson("/api/admin/audit?action=CreateAdmin"))["total"]!.GetValue<int>().Should().Be(before);
    }

    [Test]
    public async Task Webhook_processing_has_no_caller_and_writes_no_row()
    {
        var hook = await Hook();
        var processed = await Deliver(hook, new JsonObject
        {
            ["type"] = "ContactCreate", ["id"] = "c-" + Guid.NewGuid().ToString("N")[..10], ["email"] = "from.webhook@example.com",
        });
        processed["event"]!.Str("status").Should().Be("processed");
        var lead = (await LeadsOf(hook.Tenant)).Single()!;

        (await Rows($"entityType=Lead&entityId={lead.Id()}")).Should().BeEmpty();
        (await Rows("entityType=WebhookEvent")).Should().BeEmpty();
    }

    [Test]
    public async Task Console_sign_in_and_sign_out_are_rows_of_the_admin()
    {
        var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new() }) { BaseAddress = App.Anonymous().BaseAddress };
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        (await AdminConsoleAccessTests.SignIn(browser, HubApp.AdminToken)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var page = await browser.GetStringAsync("/admin/audit");
        page.Should().Contain("Audit log").And.Contain("SignIn");
        var antiforgery = AdminConsoleAccessTests.AntiforgeryField().Match(page).Groups[1].Value;
        (await browser.PostAsync("/admin/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery })))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);

        var rows = (await Rows("entityType=AdminUser")).Where(r => r!.Str("action") is "SignIn" or "SignOut").ToList();
        rows.Select(r => r!.Str("action")).Should().Equal("SignOut", "SignIn");
        rows.Should().OnlyContain(r => r!.Str("actorType") == "admin" && r!["changes"]!.AsArray().Count == 0 && r!.Str("ip").Length > 0);
    }

    [Test]
    public async Task Bulk_inbox_actions_are_one_row_each_naming_their_filter_fields()
    {
        (await Admin.DeleteAsync("/api/admin/webhook-events?status=failed&before=2020-01-01T00:00:00Z")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Admin.PostJson("/api/admin/webhook-events/replay", new { status = "failed", type = "ContactCreate" })).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var purge = (await Rows("action=PurgeStaleWebhookEvents")).Single()!;
        purge["changes"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("status", "before");
        purge.Str("entityType").Should().Be("WebhookEvents");
        var replay = (await Rows("action=ReplayMatchingWebhookEvents")).Single()!;
        replay["changes"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("status", "type");
        replay.Str("actorType").Should().Be("admin");
    }

    [Test]
    public async Task No_route_edits_or_deletes_the_log_and_bad_filters_are_400()
    {
        (await Admin.DeleteAsync("/api/admin/audit")).StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        (await Admin.PostJson("/api/admin/audit", new { })).StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        (await Admin.PutAsync("/api/admin/audit", JsonContent(new { }))).StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        (await Admin.DeleteAsync("/api/admin/audit/1")).StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed);

        (await (await Admin.GetAsync("/api/admin/audit?actor=robot")).ProblemAsync(HttpStatusCode.BadRequest))!.ToJsonString().Should().Contain("actor");
        await (await Admin.GetAsync("/api/admin/audit?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await Admin.GetAsync("/api/admin/audit?pageSize=1000")).ProblemAsync(HttpStatusCode.BadRequest);
        // Instants as the lead filters take them: an offset or Z, no bare date, no local time to guess.
        (await (await Admin.GetAsync("/api/admin/audit?from=2026-12-01")).ProblemAsync(HttpStatusCode.BadRequest))!.ToJsonString().Should().Contain("from");
        await (await Admin.GetAsync("/api/admin/audit?to=2026-12-01T00:00:00")).ProblemAsync(HttpStatusCode.BadRequest);
        (await Admin.GetAsync("/api/admin/audit?from=2026-12-01T00:00:00%2B01:00")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Admin.GetAsync("/api/admin/audit?from=2026-12-01T00:00:00+01:00")).StatusCode.Should().Be(HttpStatusCode.OK, "an unencoded + arrives as a space");
    }

    [Test]
    public async Task Retention_purges_rows_older_than_AuditDays_and_keeps_the_rest()
    {
        var old = await (await Admin.PostJson("/api/admin/sub-accounts", new { name = "Old news" })).Json(HttpStatusCode.Created);
        var fresh = await (await Admin.PostJson("/api/admin/sub-accounts", new { name = "Fresh" })).Json(HttpStatusCode.Created);
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var threeDaysAgo = DateTime.UtcNow.AddDays(-3);
            var entityId = old.Id().ToString(System.Globalization.CultureInfo.InvariantCulture);
            (await db.AuditEntries.Where(a => a.EntityType == "SubAccount" && a.EntityId == entityId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.At, threeDaysAgo))).Should().Be(1);
            await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(CancellationToken.None);
        }

        (await Rows($"entityType=SubAccount&entityId={old.Id()}")).Should().BeEmpty();
        (await Rows($"entityType=SubAccount&entityId={fresh.Id()}")).Should().ContainSingle();
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
