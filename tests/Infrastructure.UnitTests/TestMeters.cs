using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Infrastructure.UnitTests;

/// <summary>A meter factory of its own per call, as the host's DI makes one: instruments of one test are not another's.</summary>
internal static class TestMeters
{
    public static IMeterFactory Factory() => new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
}
