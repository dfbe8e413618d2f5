using System.Net;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>
/// One real app per fixture (see <see cref="HubApp"/>), started before its first test and disposed after its last, with
/// an admin client and the seeded GoHighLevel template's id. A fixture that needs other settings overrides
/// <see cref="Settings"/>; one that needs something running before the app (a fake server whose URL goes into the
/// settings) overrides <see cref="BeforeStart"/>, and stops it in <see cref="AfterStop"/>.
/// </summary>
public abstract class HubFixture
{
    protected HubApp App { get; private set; } = null!;

    protected HttpClient Admin { get; private set; } = null!;

    protected int GoHighLevelTemplateId { get; private set; }

    protected virtual IDictionary<string, string?>? Settings() => null;

    protected virtual void BeforeStart()
    {
    }

    protected virtual void AfterStop()
    {
    }

    [OneTimeSetUp]
    public async Task StartHub()
    {
        BeforeStart();
        App = new HubApp(Settings());
        Admin = App.Admin();
        GoHighLevelTemplateId = (await App.Anonymous().GetJson("/api/integration-templates", HttpStatusCode.OK)).AsArray()
            .Single(t => t!.Str("name") == "gohighlevel")!.Id();
    }

    [OneTimeTearDown]
    public void StopHub()
    {
        App?.Dispose();
        AfterStop();
    }
}
