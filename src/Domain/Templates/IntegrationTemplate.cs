using System.Text.RegularExpressions;
using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Templates;

/// <summary>
/// A kind of integration an admin offers (GoHighLevel, Facebook Ads...): its JSON Schema says what
/// configuration an instance needs, its Markdown instructions say how to obtain it.
/// </summary>
public sealed partial class IntegrationTemplate : AggregateRoot
{
    public const int NameMaxLength = 100;
    public const int DisplayNameMaxLength = 200, DescriptionMaxLength = 4000, CategoryMaxLength = 100, IconMaxLength = 500,
        WebhookUrlMaxLength = 2000, ApiVersionMaxLength = 50;

    private IntegrationTemplate() { }

    /// <summary>Unique slug used in code and URLs, e.g. <c>gohighlevel</c>.</summary>
    public string Name { get; private set; } = "";

    /// <summary>What its integrations can do; set when the template is created and never changed.</summary>
    public IntegrationKind Kind { get; private set; }

    public string DisplayName { get; private set; } = "";
    public string? Description { get; private set; }
    public string Category { get; private set; } = "";
    public string? Icon { get; private set; }
    public bool IsActive { get; private set; }

    /// <summary>The configuration's JSON Schema (draft 2020-12), as JSON text; checked before it gets here.</summary>
    public string ConfigSchema { get; private set; } = "{}";
    public string? SetupInstructions { get; private set; }
    public string? WebhookUrl { get; private set; }
    public string? ApiVersion { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int? CreatedByAdminId { get; private set; }

    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= NameMaxLength } && SlugPattern().IsMatch(name);

    public static IntegrationTemplate Create(string name, TemplateDetails details, int? createdByAdminId, DateTime now,
        IntegrationKind kind = IntegrationKind.Generic)
    {
        if (!IsValidName(name))
        {
            throw new InvalidValueException("name must be a slug: a lower-case letter, then letters, digits or '_'.", nameof(name));
        }

        var template = new IntegrationTemplate { Name = name, Kind = kind, CreatedAt = now, CreatedByAdminId = createdByAdminId };
        template.Update(details, now);
        return template;
    }

    public void Update(TemplateDetails details, DateTime now)
    {
        DisplayName = Guard.NotBlank(details.DisplayName, nameof(details.DisplayName), DisplayNameMaxLength);
        Description = Guard.Optional(details.Description, DescriptionMaxLength, nameof(details.Description));
        Category = Guard.NotBlank(details.Category, nameof(details.Category), CategoryMaxLength);
        Icon = Guard.Optional(details.Icon, IconMaxLength, nameof(details.Icon));
        IsActive = details.IsActive;
        ConfigSchema = Guard.NotBlank(details.ConfigSchema, nameof(details.ConfigSchema), 200_000);
        SetupInstructions = Guard.Optional(details.SetupInstructions, 100_000, nameof(details.SetupInstructions));
        WebhookUrl = Guard.Optional(details.WebhookUrl, WebhookUrlMaxLength, nameof(details.WebhookUrl));
        ApiVersion = Guard.Optional(details.ApiVersion, ApiVersionMaxLength, nameof(details.ApiVersion));
        UpdatedAt = now;
    }

    /// <summary>What a template's <c>name</c> looks like: a slug.</summary>
    public const string NamePattern = "^[a-z][a-z0-9_]*$";

    [GeneratedRegex(NamePattern)]
    private static partial Regex SlugPattern();
}

/// <summary>The editable part of a template.</summary>
public sealed record TemplateDetails(
    string DisplayName,
    string? Description,
    string Category,
    string? Icon,
    bool IsActive,
    string ConfigSchema,
    string? SetupInstructions,
    string? WebhookUrl,
    string? ApiVersion);
