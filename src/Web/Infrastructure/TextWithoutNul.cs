using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Web.Infrastructure;

/// <summary>
/// Text in request bodies may hold any character except NUL (<c>\u0000</c>): PostgreSQL cannot store it in a text
/// column, so a name with one used to be a 500 there. It is refused as bad input on every database alike.
/// </summary>
internal sealed class TextWithoutNul : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is not null && text.Contains('\0', StringComparison.Ordinal))
        {
            throw new JsonException("Text may not contain the NUL character (\\u0000).");
        }

        return text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
