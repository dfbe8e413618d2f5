using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests;

/// <summary>Once per test run: the throwaway PostgreSQL databases go when the run ends.</summary>
[SetUpFixture]
public sealed class TestRunDatabases
{
    [OneTimeTearDown]
    public void DropDatabases() => TestDatabase.DropAll();
}
