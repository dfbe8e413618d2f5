using System.Collections.Concurrent;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>The locations of an agency, by name: <c>GET /locations/{id}</c> answers a named location's own name.</summary>
public sealed partial class FakeGoHighLevel
{
    /// <summary>Names <c>GET /locations/{id}</c> gives (others are "Fake Dental").</summary>
    public ConcurrentDictionary<string, string> LocationNames { get; } = new();

    private string LocationName(string id) => LocationNames.GetValueOrDefault(id, "Fake Dental");
}
