namespace IntegrationHub.Domain.Common;

/// <summary>The one way an enum value is written for the API and in messages: camelCase (<c>retryScheduled</c>).</summary>
public static class ApiNames
{
    public static string ToApiName(this Enum value)
    {
        var name = value.ToString();
        return name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }
}
