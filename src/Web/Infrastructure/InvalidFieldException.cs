using System.Text.Json;

namespace IntegrationHub.Web.Infrastructure;

/// <summary>
/// A value in a request body that is well-formed JSON but not acceptable for its field. Thrown by the API's converters;
/// the exception handler answers it as a validation problem for that field, named from the path the serializer adds.
/// </summary>
/// <param name="why">What is wrong, as it reads after the field's name ("must not contain ...").</param>
internal sealed class InvalidFieldException(string why) : JsonException(why)
{
    public string Why { get; } = why;

    /// <summary>The field as a client names it: <c>$.name</c> is <c>name</c>, <c>$.items[0].title</c> is <c>items[0].title</c>.</summary>
    public string Field => Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : Path ?? "body";
}
