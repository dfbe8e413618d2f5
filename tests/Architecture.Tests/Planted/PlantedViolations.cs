// Planted breaks of the module rules, one per rule, for StructureTests to prove the checker finds them. They sit in
// their own namespace (Planted.<Module>) so the checker runs over them exactly as over IntegrationHub.Application.
using IntegrationHub.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Architecture.Tests.Planted.Leads
{
    /// <summary>Rule 1: Leads may use Domain.Tenancy (its arrow) but not Tenancy's Users table.</summary>
    public sealed class ReadsTenancyUsers(IAppDbContext db)
    {
        public Task<int> CountAsync(CancellationToken ct) => db.Users.CountAsync(ct);
    }
}

namespace IntegrationHub.Architecture.Tests.Planted.Templates
{
    /// <summary>Rule 2: Templates declares no arrow to Integrations.</summary>
    public sealed class UsesIntegrationsModule
    {
        public int Count() => Integrations.PlantedIntegrationService.Count();
    }
}

namespace IntegrationHub.Architecture.Tests.Planted.Integrations
{
    public static class PlantedIntegrationService
    {
        public static int Count() => 0;
    }
}

namespace IntegrationHub.Architecture.Tests.Planted.Outbound
{
    /// <summary>Rule 3: Outbound declares no arrow, so no domain module but its own.</summary>
    public sealed class UsesLeadDomain
    {
        public static string Describe(IntegrationHub.Domain.Leads.Lead lead) => lead.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

namespace IntegrationHub.Architecture.Tests.Planted.Tenancy
{
    /// <summary>No violation (Tenancy owns both tables): Strategies is named only inside a LINQ expression tree.</summary>
    public sealed class ReadsStrategiesInASubquery(IAppDbContext db)
    {
        public Task<int> CountAsync(CancellationToken ct) => db.Users.CountAsync(u => db.Strategies.Any(s => s.UserId == u.Id), ct);
    }
}
