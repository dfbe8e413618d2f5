namespace IntegrationHub.Domain.Common;

public static class Guard
{
    public static string NotBlank(string? value, string name, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidValueException($"{name} is required.", name);
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            throw new InvalidValueException($"{name} must be at most {maxLength} characters.", name);
        }

        return trimmed;
    }

    /// <summary>Trimmed and cut to fit (null when blank): for values from outside that must not be refused for their length.</summary>
    public static string? Truncate(string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length <= maxLength ? trimmed : trimmed[..maxLength];
    }

    public static string? Optional(string? value, int maxLength, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return NotBlank(value, name, maxLength);
    }
}
