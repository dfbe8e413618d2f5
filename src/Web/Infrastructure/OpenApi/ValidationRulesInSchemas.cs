using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.OpenApi;

namespace IntegrationHub.Web.Infrastructure.OpenApi;

/// <summary>
/// Writes a request body's FluentValidation rules into its schema: which properties are required (an unconditional
/// NotNull or NotEmpty), their length bounds, e-mail format and patterns. The validators are the one source of
/// truth, so the document cannot drift from what the API refuses.
/// </summary>
internal static class ValidationRulesInSchemas
{
    public static void Apply(OpenApiSchema schema, JsonTypeInfo type, IServiceProvider services)
    {
        if (services.GetService(typeof(IValidator<>).MakeGenericType(type.Type)) is not IValidator validator || schema.Properties is null)
        {
            return;
        }

        var rules = validator.CreateDescriptor().Rules.ToList();
        foreach (var property in type.Properties)
        {
            if (!schema.Properties.TryGetValue(property.Name, out var found) || found is not OpenApiSchema propertySchema)
            {
                continue;
            }

            var memberName = (property.AttributeProvider as MemberInfo)?.Name ?? property.Name;
            var checks = rules
                .Where(r => string.Equals(r.PropertyName, memberName, StringComparison.OrdinalIgnoreCase))
                .SelectMany(r => r.Components)
                .Where(c => !c.HasCondition && !c.HasAsyncCondition)
                .Select(c => c.Validator)
                .ToList();
            foreach (var check in checks)
            {
                // Text and times are both JSON strings the hub's own converters read (which hides their type from the generator).
                var isText = property.PropertyType == typeof(string) || property.PropertyType == typeof(DateTimeOffset)
                    || property.PropertyType == typeof(DateTimeOffset?);
                Describe(schema, property.Name, propertySchema, isText, check);
            }
        }
    }

    private static void Describe(OpenApiSchema owner, string name, OpenApiSchema property, bool isText, IPropertyValidator check)
    {
        switch (check)
        {
            case INotNullValidator:
                Require(owner, name, isText);
                break;
            case INotEmptyValidator:
                Require(owner, name, isText);
                if (isText)
                {
                    property.MinLength = Math.Max(property.MinLength ?? 0, 1);
                }

                break;
            case ILengthValidator length when isText:
                property.MinLength = length.Min > 0 ? length.Min : property.MinLength;
                property.MaxLength = length.Max > 0 ? length.Max : property.MaxLength;
                break;
            case IEmailValidator when isText:
                property.Format = "email";
                break;
            case IRegularExpressionValidator pattern when isText:
                property.Pattern = pattern.Expression;
                break;
        }
    }

    /// <summary>A required property must be sent, and sent with a value: null is no longer one of its types.</summary>
    public static void Require(OpenApiSchema owner, string name, bool isText)
    {
        owner.Required ??= new HashSet<string>();
        owner.Required.Add(name);
        if (owner.Properties?.TryGetValue(name, out var found) == true && found is OpenApiSchema property)
        {
            // Text is typed by a later (property) transformer, which leaves a type set here alone.
            property.Type = (property.Type ?? (isText ? JsonSchemaType.String : null)) & ~JsonSchemaType.Null;
        }
    }
}
