using Microsoft.Playwright;

namespace IntegrationHub.Web.BrowserTests;

/// <summary>
/// Debian's chromium driven by Playwright (its bundled driver; no browser download). Screenshots of the pages go to
/// <c>TestResults/screenshots</c> at the repository root, and the README shows one of them.
/// </summary>
public static class ConsoleBrowser
{
    /// <summary>Where the system browser is; <c>INTEGRATIONHUB_CHROMIUM</c> overrides it.</summary>
    public static string Executable =>
        Environment.GetEnvironmentVariable("INTEGRATIONHUB_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(Executable))
        {
            Assert.Fail($"The browser tests need Debian's chromium at {Executable}: apt-get install -y chromium (.ci/run installs it).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-dev-shm-usage"],
        });
        return (playwright, browser);
    }

    public static string ScreenshotFolder
    {
        get
        {
            var folder = Path.Combine(RepositoryRoot(), "TestResults", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IntegrationHub.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? AppContext.BaseDirectory;
    }
}
