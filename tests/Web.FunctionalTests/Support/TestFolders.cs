namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>Throwaway folders under the temp folder for tests that run the service as a process.</summary>
public static class TestFolders
{
    public static string Create(string prefix)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ih-tests", prefix + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static void Remove(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned with the temp folder later.
        }
    }
}
