using IntegrationHub.Domain.Common;

namespace IntegrationHub.Web.Infrastructure.OpenApi;

/// <summary>
/// The words a text parameter accepts: the API names of an enum's members, declared as the parameter's
/// <c>enum</c> in the OpenAPI document so a client generator or a fuzzer sends a valid one. Read from the enum
/// itself, so a new status cannot be forgotten here.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
internal sealed class ApiValuesAttribute(Type enumType) : Attribute
{
    public IReadOnlyList<string> Values { get; } = Enum.GetValues(enumType).Cast<Enum>().Select(v => v.ToApiName()).ToArray();
}
