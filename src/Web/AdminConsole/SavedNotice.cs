namespace IntegrationHub.Web.AdminConsole;

/// <summary>
/// After a create or a save the console moves to the saved thing's own page; a query parameter asks that page to
/// confirm it ("Template created."), so the admin sees that it worked and not only a different page.
/// </summary>
public static class SavedNotice
{
    public const string Parameter = "done";

    public static string Url(string path, bool created) => $"{path}?{Parameter}={(created ? "created" : "saved")}";

    /// <summary>The confirmation for <paramref name="what"/> ("Template"), or null when the page was not reached by a save.</summary>
    public static string? Text(string? done, string what) => done switch
    {
        "created" => $"{what} created.",
        "saved" => $"{what} saved.",
        _ => GhlConnectNotice.Done(done),
    };
}
