using System.Reflection;
using IntegrationHub.Domain.Common;

namespace IntegrationHub.Web.Infrastructure.OpenApi;

/// <summary>
/// The words a text parameter accepts: the API names of an enum's members, declared as the parameter's
/// <c>enum</c> in the OpenAPI document so a client generator or a fuzzer sends a valid one. Read from the enum
/// itself, so a new status cannot be forgotten here.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
internal sealed class ApiValuesAttribute : Attribute
{
    public ApiValuesAttribute(Type enumType) => Values = Enum.GetValues(enumType).Cast<Enum>().Select(v => v.ToApiName()).ToArray();

    /// <summary>Words that are not an enum's camelCase names (<c>contact.create</c>): a static list of them, named by its type and property.</summary>
    public ApiValuesAttribute(Type namesType, string property) =>
        Values = ((IEnumerable<string>)namesType.GetProperty(property, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!).ToArray();

    public IReadOnlyList<string> Values { get; }
}
