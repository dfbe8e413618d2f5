using System.Text.Json;
using AngleSharp.Dom;
using Bunit;
using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Leads;
using IntegrationHub.Web.AdminConsole.Forms;
using IntegrationHub.Web.AdminConsole.Layout;

namespace IntegrationHub.Web.ConsoleTests.Leads;

/// <summary>
/// The lead edit form: PATCH semantics from what was typed. Only the fields changed are sent, an emptied field as null,
/// tags as a list, custom fields by GoHighLevel field id; the server's validation errors show beside their fields.
/// </summary>
[TestFixture]
public sealed class LeadEditFormTests
{
    private BunitContext _context = null!;
    private LeadDraft? _submitted;

    [SetUp]
    public void Create()
    {
        _context = new BunitContext();
        _submitted = null;
    }

    [TearDown]
    public void Dispose() => _context.Dispose();

    private static LeadDto Ada(string customFields = """{"cf-color":"blue","cf-sizes":["s","m"]}""") => new()
    {
        Id = 7, SubAccountId = 1, Name = "Ada Lovelace", FirstName = "Ada", LastName = "Lovelace", Email = "ada@hub.test",
        Phone = "+14155550123", City = "London", Tags = ["vip", "new"],
        CustomFields = JsonDocument.Parse(customFields).RootElement.Clone(),
    };

    private IRenderedComponent<LeadEditForm> Render(LeadDto lead, int revision = 0, IReadOnlyDictionary<string, string[]>? errors = null) =>
        _context.Render<LeadEditForm>(p => p
            .Add(f => f.Lead, lead)
            .Add(f => f.Revision, revision)
            .Add(f => f.Errors, errors ?? new Dictionary<string, string[]>())
            .Add(f => f.OnSave, draft => _submitted = draft));

    /// <summary>The input a label names, as a person (or a screen reader) finds it.</summary>
    private static IElement Labelled(IRenderedComponent<LeadEditForm> form, string label)
    {
        var element = form.FindAll("label").Single(l => l.TextContent.Trim() == label);
        return form.Find("#" + element.GetAttribute("for"));
    }

    private LeadChanges Submit(IRenderedComponent<LeadEditForm> form)
    {
        form.Find("form").Submit();
        _submitted.Should().NotBeNull("the form hands its draft to the page");
        return _submitted!.Changes();
    }

    [Test]
    public void The_form_is_filled_with_the_lead()
    {
        var form = Render(Ada());

        Labelled(form, "First name").GetAttribute("value").Should().Be("Ada");
        Labelled(form, "E-mail").GetAttribute("type").Should().Be("email");
        Labelled(form, "Phone").GetAttribute("value").Should().Be("+14155550123");
        Labelled(form, "Company").GetAttribute("value").Should().BeEmpty();
        Labelled(form, "Tags (comma-separated)").GetAttribute("value").Should().Be("vip, new");
        Labelled(form, "cf-color").GetAttribute("value").Should().Be("blue");
        Labelled(form, "cf-sizes").GetAttribute("value").Should().Be("""["s","m"]""", "a list is edited as JSON");
    }

    [Test]
    public void Saving_untouched_sends_nothing()
    {
        var changes = Submit(Render(Ada()));

        changes.Given.Should().BeEmpty();
    }

    [Test]
    public void Only_the_changed_fields_are_sent_and_an_emptied_one_as_null()
    {
        var form = Render(Ada());
        Labelled(form, "First name").Change("  Augusta ");
        Labelled(form, "Phone").Change("");
        Labelled(form, "Last name").Change(" Lovelace  "); // the same value, only spaces around it
        Labelled(form, "Company").Change("   "); // still empty

        var changes = Submit(form);

        changes.Given.Should().BeEquivalentTo("firstName", "phone");
        changes.FirstName.Should().Be("Augusta");
        changes.Has("phone").Should().BeTrue();
        changes.Phone.Should().BeNull("an emptied field clears it");
        changes.Tags.Should().BeNull();
        changes.CustomFields.Should().BeNull();
    }

    [Test]
    public void Tags_are_sent_as_the_whole_list_and_emptied_as_an_empty_list()
    {
        var form = Render(Ada());
        Labelled(form, "Tags (comma-separated)").Change("vip, new ,  gold,vip");
        Submit(form).Tags.Should().Equal("vip", "new", "gold");

        Labelled(form, "Tags (comma-separated)").Change(" ");
        var cleared = Submit(form);
        cleared.Given.Should().Contain("tags");
        cleared.Tags.Should().BeEmpty();
    }

    [Test]
    public void Custom_fields_are_sent_by_field_id_each_in_its_kind()
    {
        var form = Render(Ada());
        Labelled(form, "cf-color").Change("green");
        Labelled(form, "cf-sizes").Change("""["l"]""");
        form.Find("button[type=button]").Click(); // Add custom field
        Labelled(form, "New field id").Change("cf-new");
        Labelled(form, "Value").Change("hello");

        var changes = Submit(form);

        changes.Given.Should().BeEquivalentTo("customFields");
        changes.CustomFields!.ToJsonString().Should().Be("""{"cf-color":"green","cf-sizes":["l"],"cf-new":"hello"}""");
    }

    [Test]
    public void An_emptied_custom_field_is_sent_as_null_and_the_others_are_left_out()
    {
        var form = Render(Ada());
        Labelled(form, "cf-color").Change("");

        Submit(form).CustomFields!.ToJsonString().Should().Be("""{"cf-color":null}""");
    }

    [Test]
    public void What_the_form_can_tell_is_wrong_is_a_validation_error_named_like_the_servers()
    {
        var form = Render(Ada());
        Labelled(form, "cf-sizes").Change("[not json");
        form.Find("button[type=button]").Click();
        Labelled(form, "Value").Change("orphan value");

        var refused = FluentActions.Invoking(() => Submit(form)).Should().Throw<ValidationException>().Which;

        refused.Errors.Keys.Should().BeEquivalentTo("customFields.cf-sizes", "customFields");
        refused.Errors["customFields.cf-sizes"].Single().Should().Contain("JSON");
        refused.Errors["customFields"].Single().Should().Contain("field id");
    }

    [Test]
    public void Validation_errors_show_beside_their_fields()
    {
        var form = Render(Ada(), errors: new Dictionary<string, string[]>
        {
            ["email"] = ["email must be an e-mail address."],
            ["customFields.cf-color"] = ["Enter valid JSON."],
        });

        var email = Labelled(form, "E-mail");
        email.GetAttribute("aria-invalid").Should().Be("true");
        form.Find("#" + email.GetAttribute("aria-describedby")).TextContent.Should().Be("email must be an e-mail address.");
        Labelled(form, "cf-color").GetAttribute("aria-invalid").Should().Be("true");
        Labelled(form, "First name").GetAttribute("aria-invalid").Should().Be("false");
        Labelled(form, "First name").HasAttribute("aria-describedby").Should().BeFalse();
    }

    [Test]
    public void A_re_read_lead_keeps_what_was_typed_and_a_new_revision_fills_the_form_again()
    {
        var form = Render(Ada());
        Labelled(form, "City").Change("Paris");

        form.Render(p => p.Add(f => f.Lead, Ada() with { UpdatedAt = DateTime.UtcNow }));
        Labelled(form, "City").GetAttribute("value").Should().Be("Paris", "a background re-read must not throw away an edit");

        form.Render(p => p.Add(f => f.Lead, Ada() with { City = "Paris" }).Add(f => f.Revision, 1));
        Labelled(form, "City").GetAttribute("value").Should().Be("Paris");
        Submit(form).Given.Should().BeEmpty("the form now shows the saved lead");
    }
}
