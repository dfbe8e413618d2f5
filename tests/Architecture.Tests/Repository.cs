namespace IntegrationHub.Architecture.Tests;

/// <summary>The checkout the tests read source and documents from.</summary>
internal static class Repository
{
    public static string Root()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "IntegrationHub.sln")))
        {
            root = root.Parent;
        }

        root.Should().NotBeNull("the tests run inside the repository");
        return root!.FullName;
    }
}
