using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Web.AdminConsole.Forms;

/// <summary>How a schema property is edited.</summary>
public enum FieldKind
{
    Text,
    Secret,
    Integer,
    Number,
    Boolean,
    Choice,
    Object,

    /// <summary>Anything the form has no widget for (arrays, unions, no type): edited as JSON text.</summary>
    Json,
}

/// <summary>
/// One property of a template's <c>configSchema</c> as the form shows it: read once from the schema (local
/// <c>$ref</c>s followed), so rendering never walks JSON. Keywords the form does not know are ignored here and
/// still enforced by the schema evaluation.
/// </summary>
public sealed class SchemaField
{
    private const int MaxDepth = 8;

    public required string Name { get; init; }

    /// <summary>JSON pointer of the value inside the config, e.g. <c>/auth/clientId</c>.</summary>
    public required string Path { get; init; }

    public required string Id { get; init; }

    public required FieldKind Kind { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public bool Required { get; init; }

    public JsonNode? Default { get; init; }

    public IReadOnlyList<JsonNode?> Options { get; init; } = [];

    public string? Minimum { get; init; }

    public string? Maximum { get; init; }

    public int? MaxLength { get; init; }

    public string? Placeholder { get; init; }

    public IReadOnlyList<SchemaField> Children { get; init; } = [];

    public IReadOnlySet<string> RequiredChildren { get; init; } = new HashSet<string>();

    /// <summary>The fields of an object schema (the template's whole config schema at the top).</summary>
    public static IReadOnlyList<SchemaField> Read(JsonElement root)
    {
        var ids = 0;
        return ReadProperties(root, Resolve(root, root, []), "", 0, new HashSet<string>(StringComparer.Ordinal) { "#" }, ref ids, out _);
    }

    /// <summary>The title of the field at an API path (<c>config/locationId</c>), nested fields included; null when there is none.</summary>
    public static string? TitleAt(IReadOnlyList<SchemaField> fields, string apiPath)
    {
        foreach (var field in fields)
        {
            if ("config" + field.Path == apiPath)
            {
                return field.Title;
            }

            if (TitleAt(field.Children, apiPath) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    /// <summary>The property names an object schema requires.</summary>
    public static IReadOnlySet<string> RequiredOf(JsonElement root) => RequiredNames(Resolve(root, root, []));

    /// <param name="enclosing">The references already being expanded above: a schema that refers to one of them is recursive
    /// and is edited as JSON instead of being unrolled.</param>
    private static List<SchemaField> ReadProperties(JsonElement root, JsonElement schema, string path, int depth,
        IReadOnlySet<string> enclosing, ref int ids, out IReadOnlySet<string> required)
    {
        required = RequiredNames(schema);
        var fields = new List<SchemaField>();
        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return fields;
        }

        foreach (var property in properties.EnumerateObject())
        {
            var followed = new List<string>();
            var definition = Resolve(root, property.Value, followed);
            var recursive = followed.Any(enclosing.Contains);
            var fieldPath = path + "/" + property.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
            var id = "cfg-" + (ids++).ToString(CultureInfo.InvariantCulture);
            var kind = recursive ? FieldKind.Json : KindOf(definition, depth);
            IReadOnlyList<SchemaField> children = [];
            IReadOnlySet<string> childRequired = new HashSet<string>();
            if (kind == FieldKind.Object)
            {
                children = ReadProperties(root, definition, fieldPath, depth + 1, enclosing.Concat(followed).ToHashSet(StringComparer.Ordinal),
                    ref ids, out childRequired);
            }

            fields.Add(new SchemaField
            {
                Name = property.Name,
                Path = fieldPath,
                Id = id,
                Kind = kind,
                Title = Text(definition, "title") ?? property.Name,
                Description = Text(definition, "description"),
                Required = required.Contains(property.Name),
                Default = definition.TryGetProperty("default", out var value) ? JsonNode.Parse(value.GetRawText()) : null,
                Options = definition.TryGetProperty("enum", out var options) && options.ValueKind == JsonValueKind.Array
                    ? options.EnumerateArray().Select(o => JsonNode.Parse(o.GetRawText())).ToList()
                    : [],
                Minimum = NumberText(definition, "minimum") ?? NumberText(definition, "exclusiveMinimum"),
                Maximum = NumberText(definition, "maximum") ?? NumberText(definition, "exclusiveMaximum"),
                MaxLength = definition.TryGetProperty("maxLength", out var max) && max.TryGetInt32(out var m) ? m : null,
                Placeholder = Text(definition, "format") is "uri" ? "https://…" : null,
                Children = children,
                RequiredChildren = childRequired,
            });
        }

        return fields;
    }

    private static FieldKind KindOf(JsonElement definition, int depth)
    {
        if (definition.ValueKind != JsonValueKind.Object)
        {
            return FieldKind.Json;
        }

        if (definition.TryGetProperty("enum", out var options) && options.ValueKind == JsonValueKind.Array && options.GetArrayLength() > 0)
        {
            return FieldKind.Choice;
        }

        var type = Text(definition, "type");
        var secret = Text(definition, "format") == "password"
            || (definition.TryGetProperty("writeOnly", out var writeOnly) && writeOnly.ValueKind == JsonValueKind.True);
        return type switch
        {
            "string" when secret => FieldKind.Secret,
            "string" => FieldKind.Text,
            "integer" => FieldKind.Integer,
            "number" => FieldKind.Number,
            "boolean" => FieldKind.Boolean,
            "object" when depth < MaxDepth && definition.TryGetProperty("properties", out _) => FieldKind.Object,
            _ => FieldKind.Json,
        };
    }

    /// <summary>Follows a local <c>$ref</c> (<c>#/$defs/...</c>, <c>#/definitions/...</c>); anything else is left as it is.</summary>
    private static JsonElement Resolve(JsonElement root, JsonElement schema, List<string> followed)
    {
        for (var hops = 0; hops < MaxDepth && schema.ValueKind == JsonValueKind.Object
             && Text(schema, "$ref") is { } reference && reference.StartsWith("#", StringComparison.Ordinal); hops++)
        {
            if (Pointer(root, reference[1..]) is not { } target)
            {
                break;
            }

            followed.Add(reference);
            schema = target;
        }

        return schema;
    }

    private static JsonElement? Pointer(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return null;
            }
        }

        return current;
    }

    private static HashSet<string> RequiredNames(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array
            ? required.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    private static string? Text(JsonElement schema, string keyword) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? NumberText(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetRawText() : null;
}
