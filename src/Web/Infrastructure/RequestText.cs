using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Web.Infrastructure;

/// <summary>
/// Text in request bodies may hold any character except control characters other than tab, line feed and carriage
/// return (CRLF is ordinary text in a description). NUL cannot be stored by PostgreSQL at all (it used to be a 500 there);
/// the others (escape sequences, bell, backspace) have no place in a name and would reach logs and terminals. Both are
/// refused as bad input for the field, on every database alike.
/// </summary>
internal sealed class RequestText : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null)
        {
            return null;
        }

        foreach (var c in text)
        {
            if (c == '\0')
            {
                throw new InvalidFieldException("must not contain the NUL character (\\u0000): the database cannot store it.");
            }

            if (char.IsControl(c) && c is not '\t' and not '\n' and not '\r' && c < '\u007F')
            {
                throw new InvalidFieldException(
                    $"must not contain control characters (found \\u{(int)c:X4}); only tab, line feed and carriage return are allowed.");
            }
        }

        return text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>
/// Dates and times in request bodies: ISO 8601 with a time offset within what clocks use (-14:00 to +14:00). The
/// serializer's own failure said only that the body was not valid JSON; this names the field and what it accepts.
/// </summary>
internal sealed class RequestDateTimeOffset : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var value))
        {
            return value;
        }

        throw new InvalidFieldException("must be an ISO 8601 date and time with a time offset from -14:00 to +14:00 " +
            "(e.g. 2026-01-01T09:00:00+02:00 or 2026-01-01T07:00:00Z).");
    }

    // Written as the serializer always has.
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
