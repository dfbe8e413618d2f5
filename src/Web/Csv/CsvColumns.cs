using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace IntegrationHub.Web.Csv;

/// <summary>
/// The columns of a CSV of <typeparamref name="T"/>: the properties its JSON has, named and ordered as the API's JSON
/// names them (read from the same serializer options), so a file's header is the JSON's field names. A cell is the
/// value as the JSON writes it, in a form a spreadsheet shows:
/// <list type="bullet">
/// <item>text as is, numbers and instants as in the JSON (<c>2026-12-01T09:30:00Z</c>), absent values empty;</item>
/// <item>a list of strings (tags) joined with <c>"; "</c>;</item>
/// <item>an object (custom fields, sync state) as compact JSON.</item>
/// </list>
/// </summary>
internal sealed class CsvColumns<T>
{
    private static readonly ConditionalWeakTable<JsonSerializerOptions, CsvColumns<T>> Cache = [];

    private readonly JsonSerializerOptions _cellOptions;
    private readonly IReadOnlyList<JsonPropertyInfo> _properties;

    private CsvColumns(JsonSerializerOptions apiOptions)
    {
        // Cells are not HTML: JSON inside a cell keeps '+', '&' and quotes as they are instead of \u002B escapes.
        _cellOptions = new JsonSerializerOptions(apiOptions) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        _properties = [.. apiOptions.GetTypeInfo(typeof(T)).Properties.Where(p => p.Get is not null)];
        Names = [.. _properties.Select(p => p.Name)];
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The columns for the API's options, built once per options instance.</summary>
    public static CsvColumns<T> For(JsonSerializerOptions apiOptions) => Cache.GetValue(apiOptions, options => new CsvColumns<T>(options));

    public IEnumerable<string> Cells(T item) => _properties.Select(p => Cell(p.Get!(item!), p.PropertyType));

    private string Cell(object? value, Type type) => value switch
    {
        null or JsonElement { ValueKind: JsonValueKind.Undefined or JsonValueKind.Null } => "",
        string text => text,
        int number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        IEnumerable<string> words => string.Join("; ", words),
        JsonElement { ValueKind: JsonValueKind.String } json => json.GetString()!,
        _ => Unquoted(JsonSerializer.Serialize(value, type, _cellOptions)),
    };

    /// <summary>A JSON string's text (an instant, a word), or the JSON itself for anything else (an object, a number).</summary>
    private static string Unquoted(string json) => json switch
    {
        "null" => "",
        ['"', .., '"'] when !json.Contains('\\', StringComparison.Ordinal) => json[1..^1],
        ['"', ..] => JsonSerializer.Deserialize<string>(json)!,
        _ => json,
    };
}
