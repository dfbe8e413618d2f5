using Bunit;
using IntegrationHub.Web.AdminConsole.Layout;

namespace IntegrationHub.Web.ConsoleTests.Leads;

/// <summary>The send form on a lead's page: a subject only for e-mail, the channel's limit named, the server's refusals beside their fields.</summary>
[TestFixture]
public sealed class LeadMessageFormTests
{
    private BunitContext _context = null!;
    private LeadMessageForm.MessageDraft? _sent;

    [SetUp]
    public void Create()
    {
        _context = new BunitContext();
        _sent = null;
    }

    [TearDown]
    public void Dispose() => _context.Dispose();

    private IRenderedComponent<LeadMessageForm> Render(IReadOnlyDictionary<string, string[]>? errors = null, int revision = 0) =>
        _context.Render<LeadMessageForm>(p => p
            .Add(f => f.Revision, revision)
            .Add(f => f.Errors, errors ?? new Dictionary<string, string[]>())
            .Add(f => f.OnSend, draft => _sent = draft));

    [Test]
    public void An_sms_has_no_subject_and_names_its_limit_and_is_sent_as_typed()
    {
        var form = Render();
        form.FindAll("#message-subject").Should().BeEmpty("an SMS has no subject");
        form.Find("label[for=message-body]").TextContent.Should().Contain("1,600");

        form.Find("#message-body").Change("See you at 10.");
        form.Find("form").Submit();

        var command = _sent!.ToCommand(7);
        command.Should().BeEquivalentTo(new Application.Leads.SendLeadMessageCommand(7, "sms", "See you at 10.", null, null));
    }

    [Test]
    public void An_email_asks_for_a_subject_and_sends_it()
    {
        var form = Render();
        form.Find("#message-channel").Change("email");
        form.Find("#message-subject").Change("Your visit");
        form.Find("#message-body").Change("See you on Tuesday.");
        form.Find("form").Submit();

        var command = _sent!.ToCommand(7);
        command.Channel.Should().Be("email");
        command.Subject.Should().Be("Your visit");
        form.Find("label[for=message-body]").TextContent.Should().Contain("100,000");
    }

    [Test]
    public void The_server_refusals_show_beside_their_fields_and_a_missing_phone_is_said()
    {
        var form = Render(new Dictionary<string, string[]>
        {
            ["body"] = ["body is too long for sms: GoHighLevel takes at most 1,600 characters."],
            ["phone"] = ["The lead has no phone number: set its phone before sending a SMS message."],
        });
        form.Find("#message-body").GetAttribute("aria-invalid").Should().Be("true");
        form.Find("#message-body-error").TextContent.Should().Contain("1,600");
        form.Find("#message-to-error").TextContent.Should().Contain("no phone number");
    }

    [Test]
    public void What_was_typed_stays_across_rereads_and_is_cleared_after_a_send()
    {
        var form = Render();
        form.Find("#message-body").Change("Draft");
        form.Render(p => p.Add(f => f.Revision, 0));
        form.Find("#message-body").GetAttribute("value").Should().Be("Draft");
        form.Render(p => p.Add(f => f.Revision, 1));
        form.Find("#message-body").GetAttribute("value").Should().BeNullOrEmpty();
    }
}
