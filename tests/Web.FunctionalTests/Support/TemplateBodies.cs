namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>A valid template body (a Pipedrive-like CRM with a secret and a default), as the template tests post it.</summary>
public static class TemplateBodies
{
    public static object ValidTemplate(string name) => new
    {
        name,
        displayName = "Pipedrive CRM",
        description = "Deals and persons",
        category = "CRM",
        icon = "pipedrive",
        isActive = true,
        configSchema = new
        {
            type = "object",
            required = new[] { "apiToken" },
            properties = new
            {
                apiToken = new { type = "string", format = "password" },
                domain = new { type = "string", @default = "api.pipedrive.com" },
            },
        },
        setupInstructions = "# Pipedrive\n\nPaste your API token.",
        webhookUrl = "https://hub.example.com/api/webhook",
        apiVersion = "v1",
    };
}
