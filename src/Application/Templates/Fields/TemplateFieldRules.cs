using System.Text.Json;
using FluentValidation;
using IntegrationHub.Domain.Templates;

namespace IntegrationHub.Application.Templates;

/// <summary>The fields of a template's body, shared by create and update (on update, a field left out keeps its value).</summary>
public abstract record TemplateFields
{
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
    public string? Category { get; init; }
    public string? Icon { get; init; }
    public bool? IsActive { get; init; }
    public JsonElement? ConfigSchema { get; init; }
    public string? SetupInstructions { get; init; }
    public string? WebhookUrl { get; init; }
    public string? ApiVersion { get; init; }
}

/// <summary>The field rules create and update share (update leaves out what it does not change).</summary>
internal static class TemplateFieldRules
{
    public static void Apply<T>(AbstractValidator<T> v, Func<T, string?> displayName, Func<T, string?> category,
        Func<T, JsonElement?> schema, Func<T, string?> webhookUrl, bool required)
    {
        if (required)
        {
            v.RuleFor(x => displayName(x)).NotEmpty().OverridePropertyName("displayName").WithName("Display name");
            v.RuleFor(x => category(x)).NotEmpty().OverridePropertyName("category").WithName("Category");
            v.RuleFor(x => schema(x)).NotNull().WithMessage("Configuration schema (configSchema) is required.").OverridePropertyName("configSchema");
        }

        v.RuleFor(x => displayName(x)).MaximumLength(IntegrationTemplate.DisplayNameMaxLength).OverridePropertyName("displayName").WithName("Display name");
        v.RuleFor(x => category(x)).MaximumLength(IntegrationTemplate.CategoryMaxLength).OverridePropertyName("category").WithName("Category");
        v.RuleFor(x => webhookUrl(x))
            .Must(url => url is null || Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == "https" || u.Scheme == "http"))
            .WithMessage("Webhook URL must be an absolute http(s) URL.").OverridePropertyName("webhookUrl");
        v.RuleFor(x => x).Custom((x, context) =>
        {
            if (schema(x) is not { } value)
            {
                return;
            }

            foreach (var (path, messages) in ConfigSchemaRules.Check(value))
            {
                foreach (var message in messages)
                {
                    context.AddFailure(path, message);
                }
            }
        });
    }
}
