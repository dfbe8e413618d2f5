using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Bunit;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Web.AdminConsole.Forms;

namespace IntegrationHub.Web.ConsoleTests;

/// <summary>
/// The form generated from a template's configSchema, one test per JSON Schema feature it renders, rendered by bUnit
/// (the same component the console pages use) and checked through its markup and the config it builds.
/// </summary>
[TestFixture]
public sealed class SchemaFormTests
{
    private BunitContext _context = null!;

    [SetUp]
    public void Create() => _context = new BunitContext();

    [TearDown]
    public void Dispose() => _context.Dispose();

    private IRenderedComponent<SchemaForm> Render(string schema, string? config = null,
        IReadOnlyDictionary<string, string[]>? serverErrors = null, bool showAll = false) =>
        _context.Render<SchemaForm>(p => p
            .Add(f => f.Schema, JsonDocument.Parse(schema).RootElement.Clone())
            .Add(f => f.Config, config is null ? null : JsonDocument.Parse(config).RootElement.Clone())
            .Add(f => f.ServerErrors, serverErrors)
            .Add(f => f.ShowAllErrors, showAll));

    /// <summary>The input a label names, as a user (or a screen reader) finds it.</summary>
    private static IElement Labelled(IRenderedComponent<SchemaForm> form, string label)
    {
        var element = form.FindAll("label").Single(l => l.TextContent.Trim().TrimEnd('*').Trim() == label);
        return form.Find("#" + element.GetAttribute("for"));
    }

    private static string Built(IRenderedComponent<SchemaForm> form) => form.Instance.Draft.Build().ToJsonString();

    [Test]
    public void Titles_label_inputs_and_descriptions_describe_them()
    {
        var form = Render("""{"type":"object","properties":{"locationId":{"type":"string","title":"Location ID","description":"The sub-account id"},"plain":{"type":"string"}}}""");

        var input = Labelled(form, "Location ID");
        input.GetAttribute("type").Should().Be("text");
        var description = form.Find("#" + input.GetAttribute("aria-describedby"));
        description.TextContent.Should().Be("The sub-account id");
        Labelled(form, "plain").Should().NotBeNull("a property without a title is labelled with its name");
    }

    [Test]
    public void Required_fields_are_marked_and_reported_when_left_empty()
    {
        var form = Render("""{"type":"object","required":["apiKey"],"properties":{"apiKey":{"type":"string","title":"API Key"},"note":{"type":"string","title":"Note"}}}""");

        form.Find("label[for=" + Labelled(form, "API Key").Id + "] .required").TextContent.Should().Contain("*");
        Labelled(form, "API Key").GetAttribute("aria-required").Should().Be("true");
        Labelled(form, "Note").GetAttribute("aria-required").Should().Be("false");
        form.FindAll(".field-error").Should().BeEmpty("nothing was touched yet");

        Labelled(form, "Note").Input("hello");
        form.FindAll(".field-error").Should().BeEmpty("errors show for fields already edited");
        form.Instance.HasErrors.Should().BeTrue();

        form.Render(p => p.Add(f => f.ShowAllErrors, true));
        ErrorOf(form, "API Key").Should().Be("API Key is required.");
    }

    [Test]
    public void Defaults_fill_a_new_form_and_the_built_config()
    {
        var form = Render("""{"type":"object","properties":{"apiVersion":{"type":"string","title":"API Version","default":"2021-07-28"},"interval":{"type":"integer","title":"Interval","default":1440},"on":{"type":"boolean","title":"On","default":true}}}""");

        Labelled(form, "API Version").GetAttribute("value").Should().Be("2021-07-28");
        Labelled(form, "Interval").GetAttribute("value").Should().Be("1440");
        Labelled(form, "On").HasAttribute("checked").Should().BeTrue();
        Built(form).Should().Be("""{"apiVersion":"2021-07-28","interval":1440,"on":true}""");

        var edit = Render("""{"type":"object","properties":{"apiVersion":{"type":"string","title":"API Version","default":"2021-07-28"}}}""", "{}");
        Built(edit).Should().Be("{}", "an existing config is shown as stored; the server applies defaults");
    }

    [Test]
    public void An_enum_is_a_select_of_its_values()
    {
        var form = Render("""{"type":"object","properties":{"region":{"title":"Region","enum":["us","eu",3]}}}""");

        var select = Labelled(form, "Region");
        select.TagName.Should().Be("SELECT");
        select.QuerySelectorAll("option").Select(o => o.TextContent).Should().Equal("(none)", "us", "eu", "3");
        select.Change("1");
        Built(form).Should().Be("""{"region":"eu"}""");
        Labelled(form, "Region").Change("2");
        Built(form).Should().Be("""{"region":3}""", "a number in an enum stays a number");
        Labelled(form, "Region").Change("");
        Built(form).Should().Be("{}");
    }

    [Test]
    public void A_boolean_is_a_switch()
    {
        var form = Render("""{"type":"object","properties":{"allowUnsigned":{"type":"boolean","title":"Accept unsigned webhooks"}}}""");

        var toggle = Labelled(form, "Accept unsigned webhooks");
        toggle.GetAttribute("type").Should().Be("checkbox");
        toggle.GetAttribute("role").Should().Be("switch");
        toggle.Change(true);
        Built(form).Should().Be("""{"allowUnsigned":true}""");
        Labelled(form, "Accept unsigned webhooks").Change(false);
        Built(form).Should().Be("""{"allowUnsigned":false}""");
    }

    [Test]
    public void Integers_have_their_bounds_and_are_checked_as_typed()
    {
        var form = Render("""{"type":"object","properties":{"interval":{"type":"integer","title":"Interval","minimum":0,"maximum":10080}}}""");

        var input = Labelled(form, "Interval");
        (input.GetAttribute("type"), input.GetAttribute("min"), input.GetAttribute("max"), input.GetAttribute("step"))
            .Should().Be(("number", "0", "10080", "1"));

        input.Input("20000");
        ErrorOf(form, "Interval").Should().Contain("10080");
        Labelled(form, "Interval").Input("1.5");
        ErrorOf(form, "Interval").Should().Be("Enter a whole number.");
        Labelled(form, "Interval").Input("60");
        ErrorOf(form, "Interval").Should().BeNull();
        Built(form).Should().Be("""{"interval":60}""");
    }

    [Test]
    public void Numbers_take_fractions_within_their_bounds()
    {
        var form = Render("""{"type":"object","properties":{"rate":{"type":"number","title":"Rate","exclusiveMinimum":0,"maximum":1}}}""");

        var input = Labelled(form, "Rate");
        (input.GetAttribute("step"), input.GetAttribute("min"), input.GetAttribute("max")).Should().Be(("any", "0", "1"));
        input.Input("0.25");
        Built(form).Should().Be("""{"rate":0.25}""");
        Labelled(form, "Rate").Input("0");
        ErrorOf(form, "Rate").Should().NotBeNull("0 is not above the exclusive minimum");
    }

    [Test]
    public void A_nested_object_is_a_fieldset_of_its_own_fields()
    {
        var form = Render("""{"type":"object","properties":{"oauth":{"type":"object","title":"OAuth","required":["clientId"],"properties":{"clientId":{"type":"string","title":"Client ID"},"scopes":{"type":"string","title":"Scopes"}}}}}""");

        form.Find("fieldset legend").TextContent.Should().Be("OAuth");
        form.Find("fieldset").QuerySelectorAll("input").Should().HaveCount(2);
        Labelled(form, "Scopes").Input("contacts.readonly");
        Built(form).Should().Be("""{"oauth":{"scopes":"contacts.readonly"}}""");
        form.Instance.Draft.Errors.Should().ContainKey("config/oauth/clientId");
        Labelled(form, "Client ID").Input("abc");
        Built(form).Should().Be("""{"oauth":{"scopes":"contacts.readonly","clientId":"abc"}}""");
        form.Instance.HasErrors.Should().BeFalse();
    }

    [Test]
    public void Secrets_are_password_inputs_that_say_set_or_not_set_and_are_kept_when_left_empty()
    {
        const string schema = """{"type":"object","required":["apiKey"],"properties":{"apiKey":{"type":"string","title":"API Key","format":"password"},"refreshToken":{"type":"string","title":"Refresh Token","writeOnly":true}}}""";
        var create = Render(schema);
        Labelled(create, "API Key").GetAttribute("type").Should().Be("password");
        Labelled(create, "Refresh Token").GetAttribute("type").Should().Be("password");
        create.Find("[data-secret-state]").GetAttribute("data-secret-state").Should().Be("not set");

        var edit = Render(schema, $$"""{"apiKey":"{{IntegrationConfigEditor.Mask}}"}""");
        var apiKey = Labelled(edit, "API Key");
        apiKey.GetAttribute("value").Should().BeNullOrEmpty("a secret is never put back into the page");
        edit.Markup.Should().NotContain(IntegrationConfigEditor.Mask);
        edit.FindAll("[data-secret-state]").Select(s => s.GetAttribute("data-secret-state")).Should().Equal("set", "not set");
        edit.Instance.HasErrors.Should().BeFalse("a stored secret satisfies required");
        Built(edit).Should().Be($$"""{"apiKey":"{{IntegrationConfigEditor.Mask}}"}""", "the mask tells the API to keep the stored value");

        Labelled(edit, "API Key").Input("new-key");
        Built(edit).Should().Be("""{"apiKey":"new-key"}""");
        edit.Markup.Should().NotContain("new-key", "what was typed is not rendered back either");
    }

    [Test]
    public void Validation_follows_typing_with_the_schema_keywords()
    {
        var form = Render("""{"type":"object","properties":{"adAccountId":{"type":"string","title":"Ad Account ID","pattern":"^act_[0-9]+$","maxLength":20}}}""");

        Labelled(form, "Ad Account ID").GetAttribute("maxlength").Should().Be("20");
        Labelled(form, "Ad Account ID").Input("12345");
        ErrorOf(form, "Ad Account ID").Should().NotBeNull();
        Labelled(form, "Ad Account ID").GetAttribute("aria-invalid").Should().Be("true");
        Labelled(form, "Ad Account ID").Input("act_12345");
        ErrorOf(form, "Ad Account ID").Should().BeNull();
        Labelled(form, "Ad Account ID").GetAttribute("aria-invalid").Should().Be("false");
    }

    [Test]
    public void The_servers_errors_are_shown_beside_their_fields_until_edited()
    {
        var errors = new Dictionary<string, string[]> { ["config/locationId"] = ["Location loc-1 is already used by integration 7."] };
        var form = Render("""{"type":"object","properties":{"locationId":{"type":"string","title":"Location ID"},"calendarId":{"type":"string","title":"Calendar ID"}}}""",
            """{"locationId":"loc-1"}""", errors);

        ErrorOf(form, "Location ID").Should().Be("Location loc-1 is already used by integration 7.");
        Labelled(form, "Location ID").GetAttribute("aria-describedby").Should().Contain(Labelled(form, "Location ID").Id + "-error");
        ErrorOf(form, "Calendar ID").Should().BeNull();
        Labelled(form, "Location ID").Input("loc-2");
        ErrorOf(form, "Location ID").Should().BeNull();
    }

    [Test]
    public void A_ref_is_followed_to_its_definition()
    {
        var form = Render("""
            {"type":"object","$defs":{"region":{"title":"Region","enum":["us","eu"]},"auth":{"type":"object","properties":{"key":{"$ref":"#/$defs/secret"}}},"secret":{"type":"string","format":"password","title":"Key"}},
             "properties":{"region":{"$ref":"#/$defs/region"},"auth":{"$ref":"#/$defs/auth","title":"Ignored beside $ref"}}}
            """);

        Labelled(form, "Region").TagName.Should().Be("SELECT");
        Labelled(form, "Key").GetAttribute("type").Should().Be("password");
        Labelled(form, "Region").Change("0");
        Built(form).Should().Be("""{"region":"us"}""");
    }

    [Test]
    public void Unknown_keywords_and_types_without_a_widget_do_not_break_the_form()
    {
        var form = Render("""
            {"type":"object","x-ui":{"order":["b"]},"properties":{"a":{"type":"string","title":"A","x-widget":"fancy","deprecated":true},
             "tags":{"type":"array","title":"Tags","items":{"type":"string"}},"recursive":{"$ref":"#"}}}
            """);

        Labelled(form, "A").Input("x");
        Labelled(form, "recursive").TagName.Should().Be("TEXTAREA", "a schema that refers to itself is edited as JSON, not unrolled");
        Labelled(form, "Tags").TagName.Should().Be("TEXTAREA");
        Labelled(form, "Tags").Input("[\"vip\"]");
        Built(form).Should().Be("""{"a":"x","tags":["vip"]}""");
        Labelled(form, "Tags").Input("[\"vip\"");
        ErrorOf(form, "Tags").Should().Be("Enter valid JSON.");
    }

    private static string? ErrorOf(IRenderedComponent<SchemaForm> form, string label)
    {
        var id = Labelled(form, label).Id;
        return form.FindAll($"#{id}-error").SingleOrDefault()?.TextContent;
    }
}
