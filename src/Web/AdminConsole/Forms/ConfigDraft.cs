using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Application.Common.Json;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Templates;

namespace IntegrationHub.Web.AdminConsole.Forms;

/// <summary>
/// The config being edited in a schema form: plain values, typed secrets (never the stored ones: the form only
/// knows whether a secret is set), text that does not parse yet, and the errors of the same JSON Schema evaluation
/// the API runs, keyed like the API's (<c>config/locationId</c>).
/// </summary>
public sealed class ConfigDraft
{
    private readonly JsonElement _schema;
    private readonly Json.Schema.JsonSchema? _evaluator;
    private readonly JsonObject _values;
    private readonly Dictionary<string, string> _typedSecrets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Text, string Problem)> _unparsed = new(StringComparer.Ordinal);

    public ConfigDraft(JsonElement schema, JsonElement? config)
    {
        _schema = schema;
        Fields = SchemaField.Read(schema);
        try
        {
            _evaluator = ConfigSchemaRules.LoopsForever(schema) ? null : ConfigSchemaRules.Build(schema); // a loop would overflow the stack
        }
        catch (Exception ex) when (ex is Json.Schema.JsonSchemaException or JsonException or ArgumentException or InvalidOperationException)
        {
            // The API refuses such a template; the form still renders, and the server's answer is shown on submit.
            _evaluator = null;
        }

        _values = config is { ValueKind: JsonValueKind.Object } existing ? JsonNode.Parse(existing.GetRawText())!.AsObject() : [];
        foreach (var field in All(Fields))
        {
            if (field.Kind == FieldKind.Secret && Get(field.Path) is JsonValue value && value.TryGetValue<string>(out var text)
                && text == IntegrationConfigEditor.Mask)
            {
                StoredSecrets.Add(field.Path);
                Remove(field.Path);
            }
        }

        if (config is null)
        {
            ApplyDefaults(Fields);
        }

        Errors = Evaluate();
    }

    public IReadOnlyList<SchemaField> Fields { get; }
    /// <summary>Secrets already stored for this integration (shown as "set", kept when left empty).</summary>
    public HashSet<string> StoredSecrets { get; } = new(StringComparer.Ordinal);

    /// <summary>Errors by API path (<c>config</c> + JSON pointer), from the last change.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; }

    public JsonNode? Get(string path) => JsonPaths.Get(_values, path);

    public string? TextOf(SchemaField field) => field.Kind switch
    {
        FieldKind.Secret => _typedSecrets.GetValueOrDefault(field.Path),
        _ when _unparsed.TryGetValue(field.Path, out var raw) => raw.Text,
        FieldKind.Json => Get(field.Path)?.ToJsonString(),
        _ => Get(field.Path) switch
        {
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            { } node => node.ToJsonString(),
            null => null,
        },
    };

    /// <summary>Takes what was typed into a field; text that is not a valid value yet is kept and reported.</summary>
    public void SetText(SchemaField field, string? text)
    {
        _unparsed.Remove(field.Path);
        if (field.Kind == FieldKind.Secret)
        {
            if (string.IsNullOrEmpty(text))
            {
                _typedSecrets.Remove(field.Path);
            }
            else
            {
                _typedSecrets[field.Path] = text;
            }
        }
        else if (string.IsNullOrEmpty(text))
        {
            Remove(field.Path);
        }
        else if (FieldValue.Parse(field.Kind, text, out var value) is { } problem)
        {
            _unparsed[field.Path] = (text, problem);
        }
        else
        {
            Set(field.Path, value);
        }

        Errors = Evaluate();
    }

    public void SetBoolean(SchemaField field, bool value)
    {
        Set(field.Path, JsonValue.Create(value));
        Errors = Evaluate();
    }

    /// <summary>Chooses one of an enum's values by its index; -1 clears the choice.</summary>
    public void SetChoice(SchemaField field, int index)
    {
        if (index < 0 || index >= field.Options.Count)
        {
            Remove(field.Path);
        }
        else
        {
            Set(field.Path, field.Options[index]?.DeepClone());
        }

        Errors = Evaluate();
    }

    public int ChoiceIndex(SchemaField field)
    {
        var current = Get(field.Path);
        for (var i = 0; i < field.Options.Count; i++)
        {
            if (JsonNode.DeepEquals(field.Options[i], current))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The config to send: plain values, typed secrets, and for a stored secret left empty the mask, which the API
    /// reads as "keep what is stored".
    /// </summary>
    public JsonObject Build()
    {
        var config = _values.DeepClone().AsObject();
        foreach (var path in StoredSecrets.Where(p => !_typedSecrets.ContainsKey(p)))
        {
            JsonPaths.Set(config, path, JsonValue.Create(IntegrationConfigEditor.Mask));
        }

        foreach (var (path, secret) in _typedSecrets)
        {
            JsonPaths.Set(config, path, JsonValue.Create(secret));
        }

        return config;
    }

    private Dictionary<string, string[]> Evaluate()
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string path, string message)
        {
            if (!errors.TryGetValue("config" + path, out var list))
            {
                errors["config" + path] = list = [];
            }

            list.Add(message);
        }

        // The instance the schema sees: kept secrets are left out (their stored values are valid) and reported by nobody.
        var instance = _values.DeepClone().AsObject();
        foreach (var (path, secret) in _typedSecrets)
        {
            JsonPaths.Set(instance, path, JsonValue.Create(secret));
        }

        CheckRequired(instance, Fields, SchemaField.RequiredOf(_schema), "", Add);
        foreach (var (path, (_, problem)) in _unparsed)
        {
            Add(path, problem);
        }

        if (_evaluator is not null)
        {
            var element = JsonSerializer.SerializeToElement(instance);
            foreach (var (key, messages) in SchemaErrors.Evaluate(_evaluator, element, "config"))
            {
                var path = key["config".Length..];
                if (StoredSecrets.Contains(path) || _unparsed.ContainsKey(path))
                {
                    continue;
                }

                foreach (var message in messages.Where(m => !m.StartsWith("Required properties", StringComparison.Ordinal)))
                {
                    Add(path, message);
                }
            }
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Missing required properties, named by their titles, at their own paths (the schema reports them at the parent).</summary>
    private void CheckRequired(JsonObject values, IReadOnlyList<SchemaField> fields, IReadOnlySet<string> required, string path,
        Action<string, string> add)
    {
        foreach (var field in fields)
        {
            var present = values.TryGetPropertyValue(field.Name, out var value) && value is not null;
            if (!present && required.Contains(field.Name) && !StoredSecrets.Contains(field.Path) && !_unparsed.ContainsKey(field.Path))
            {
                add(field.Path, $"{field.Title} is required.");
            }

            if (present && field.Kind == FieldKind.Object && value is JsonObject child)
            {
                CheckRequired(child, field.Children, field.RequiredChildren, field.Path, add);
            }
        }
    }

    private void ApplyDefaults(IReadOnlyList<SchemaField> fields)
    {
        foreach (var field in fields)
        {
            if (field.Default is not null && field.Kind != FieldKind.Secret && Get(field.Path) is null)
            {
                Set(field.Path, field.Default.DeepClone());
            }
            else if (field.Kind == FieldKind.Object)
            {
                ApplyDefaults(field.Children);
            }
        }
    }

    private void Set(string path, JsonNode? value) => JsonPaths.Set(_values, path, value);

    private void Remove(string path) => JsonPaths.Remove(_values, path);

    private static IEnumerable<SchemaField> All(IEnumerable<SchemaField> fields) =>
        fields.SelectMany(f => new[] { f }.Concat(All(f.Children)));
}
