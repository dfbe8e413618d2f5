using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Validators;
using Json.Schema;

namespace IntegrationHub.Application.Common.Validation;

/// <summary>
/// One rule for an e-mail address wherever the hub takes one: users, admins, leads and a template's
/// <c>"format": "email"</c>. A user's address used to be anything with an <c>@</c> in it (<c>u@b</c>), while a config
/// refused valid addresses under internationalized top-level domains (<c>a@b.xn--p1ai</c>, that is <c>.рф</c>).
/// </summary>
public static partial class EmailAddresses
{
    /// <summary>As SMTP allows a path (RFC 5321), less its two angle brackets.</summary>
    public const int MaxLength = 254;

    public const string Expected = "an e-mail address such as name@example.com";

    /// <summary>
    /// A dot-atom local part, then a host name whose last label is a top-level domain as the root zone has them: letters
    /// (<c>com</c>), or an internationalized one in its ASCII form (<c>xn--p1ai</c>).
    /// </summary>
    public static bool IsValid(string? address) => address is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(address);

    /// <summary>The rule for a validator: <c>RuleFor(x => x.Email).EmailAddressByHubRule()</c>.</summary>
    public static IRuleBuilderOptions<T, string?> EmailAddressByHubRule<T>(this IRuleBuilder<T, string?> rule) =>
        rule.SetValidator(new HubEmailValidator<T>()).WithMessage("{PropertyName} must be " + Expected + ".");

    /// <summary>An e-mail validator as FluentValidation knows them (<see cref="IEmailValidator"/>: the OpenAPI document says
    /// <c>format: email</c>), checking by the hub's rule.</summary>
    private sealed class HubEmailValidator<T> : PropertyValidator<T, string?>, IEmailValidator
    {
        public override string Name => "EmailValidator";

        public override bool IsValid(ValidationContext<T> context, string? value) => EmailAddresses.IsValid(value);
    }

    /// <summary>The same rule for JSON Schema's <c>"format": "email"</c> (replacing the library's own).</summary>
    public static readonly Format SchemaFormat =
        new PredicateFormat("email", value => value.ValueKind != JsonValueKind.String || IsValid(value.GetString()));

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
