using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Templates;
using IntegrationHub.Domain.Integrations;
using static IntegrationHub.Application.UnitTests.Support.GoHighLevelIntegrations;

namespace IntegrationHub.Application.UnitTests.Support;

/// <summary>For the GoHighLevel handlers: a GoHighLevel integration in the database, and the real connections service that loads it.</summary>
public abstract class GoHighLevelTests : DatabaseTests
{
    /// <summary>Loads through the handler's context and decrypts with the see-through protector (Private Integration Tokens: nothing to renew).</summary>
    protected GhlConnections Connections() => new(new IntegrationDirectory(Db), new TemplateCatalog(Db), Editor(), StrictTargets,
        new GhlTokenRenewal(Db, new IntegrationDirectory(Db), Editor(), null!, null!, null!, null!, Clock), Clock);

    /// <summary>An integration of the seeded GoHighLevel template at "loc-1", moved to <paramref name="status"/> (unless pending).</summary>
    protected async Task<Integration> AddConnected(IntegrationStatus status = IntegrationStatus.Active, string? calendarId = null)
    {
        var subAccount = await AddSubAccount();
        var integration = Connected(subAccount.Id, (await Add(Template(Now))).Id, "loc-1", Now, calendarId);
        if (status != IntegrationStatus.Pending)
        {
            integration.ChangeStatus(status, null, Now);
        }

        return await Add(integration);
    }
}
